using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>CRC-32 of the UTF-8 bytes of a copy, computed from the UTF-16 text without encoding it first.</summary>
    public static partial class SettingsCodec
    {
        /// <summary>
        /// CRC-32 as zlib/PNG/PowerShell compute it (reflected poly 0xEDB88320, init and final XOR
        /// 0xFFFFFFFF) over the UTF-8 bytes of <paramref name="text"/>. "123456789" gives CBF43926.
        /// </summary>
        public static uint Crc32Utf8(string text)
        {
            return ~Crc32Utf8Update(0xFFFFFFFF, text.ToCharArray(), 0, text.Length);
        }

        /// <summary>One byte into a running CRC-32 (not inverted).</summary>
        public static uint Crc32Byte(uint crc, uint b)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                if ((crc & 1) != 0)
                {
                    crc = (crc >> 1) ^ 0xEDB88320;
                }
                else
                {
                    crc >>= 1;
                }
            }

            return crc;
        }

        private static uint Crc32Utf8(string text, int start, int end)
        {
            return ~Crc32Utf8Update(0xFFFFFFFF, text.ToCharArray(), start, end);
        }

        /// <summary>
        /// Feeds the UTF-8 bytes of text[start..end) into a running (not inverted) CRC-32. Takes the characters
        /// of string.ToCharArray(): on the nanoCLR the string indexer returns the high surrogate for both
        /// halves of a pair (build gate NANO003).
        /// </summary>
        private static uint Crc32Utf8Update(uint crc, char[] text, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                int code = text[i];
                if (code >= 0xD800 && code <= 0xDBFF && i + 1 < end && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    code = 0x10000 + ((code - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                }

                crc = Utf8(crc, code);
            }

            return crc;
        }

        /// <summary>Feeds the UTF-8 bytes of one code point (a lone surrogate as U+FFFD, as .NET's encoder does).</summary>
        private static uint Utf8(uint crc, int code)
        {
            if (code < 0x80)
            {
                return Crc32Byte(crc, (uint)code);
            }

            if (code < 0x800)
            {
                crc = Crc32Byte(crc, (uint)(0xC0 | (code >> 6)));
                return Crc32Byte(crc, (uint)(0x80 | (code & 0x3F)));
            }

            if (code >= 0xD800 && code <= 0xDFFF)
            {
                code = 0xFFFD;
            }

            if (code < 0x10000)
            {
                crc = Crc32Byte(crc, (uint)(0xE0 | (code >> 12)));
                crc = Crc32Byte(crc, (uint)(0x80 | ((code >> 6) & 0x3F)));
                return Crc32Byte(crc, (uint)(0x80 | (code & 0x3F)));
            }

            crc = Crc32Byte(crc, (uint)(0xF0 | (code >> 18)));
            crc = Crc32Byte(crc, (uint)(0x80 | ((code >> 12) & 0x3F)));
            crc = Crc32Byte(crc, (uint)(0x80 | ((code >> 6) & 0x3F)));
            return Crc32Byte(crc, (uint)(0x80 | (code & 0x3F)));
        }
    }
}
