using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>The frame of a stored copy: the CRC header, the Seq member, and where the body starts and ends.</summary>
    public static partial class SettingsCodec
    {
        /// <summary>
        /// The body part of a file written by <see cref="EncodeFile"/> (what <see cref="EncodeBody"/>
        /// returned), or null when the file was written differently (e.g. by hand or flash.ps1).
        /// </summary>
        public static string BodyOf(string file, int seq)
        {
            if (file.Length > 0 && file[0] == '\uFEFF')
            {
                file = file.Substring(1);
            }

            string seqMember = "\"Seq\":" + seq.ToString() + ",";
            int end = file.LastIndexOf('}');
            if (end < 0 || !StartsAt(file, HeaderLength, seqMember))
            {
                return null;
            }

            int start = HeaderLength + seqMember.Length;
            return "{" + file.Substring(start, end + 1 - start);
        }

        /// <summary>
        /// True when <paramref name="body"/> equals <see cref="BodyOf"/>(<paramref name="file"/>,
        /// <paramref name="seq"/>), compared in place (no copy of the body is made).
        /// </summary>
        public static bool IsBodyOf(string file, int seq, string body)
        {
            if (file == null || body == null || body.Length == 0 || body[0] != '{')
            {
                return false;
            }

            int b = file.Length > 0 && file[0] == '\uFEFF' ? 1 : 0;
            int pos = b + HeaderLength;
            const string SeqKey = "\"Seq\":";
            if (!StartsAt(file, pos, SeqKey))
            {
                return false;
            }

            // "Seq":<seq.ToString()>, exactly: no sign, no leading zero.
            pos += SeqKey.Length;
            int digits = pos;
            long value = 0;
            while (pos < file.Length && file[pos] >= '0' && file[pos] <= '9' && pos - digits < 11)
            {
                value = (value * 10) + (file[pos] - '0');
                pos++;
            }

            if (pos == digits || (file[digits] == '0' && pos - digits > 1) || value != seq || pos >= file.Length || file[pos] != ',')
            {
                return false;
            }

            int start = pos + 1;
            int end = file.LastIndexOf('}');
            if (end < start || body.Length != end + 2 - start)
            {
                return false;
            }

            for (int i = 1; i < body.Length; i++)
            {
                if (body[i] != file[start + i - 1])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The checks of a copy before its JSON: present, at most <see cref="MaxFileLength"/> characters,
        /// the 20-character header, ending with '}' and the CRC. <paramref name="body"/> is the text
        /// without a leading BOM. False with the reason in <paramref name="error"/>.
        /// </summary>
        internal static bool CheckFrame(string text, out string body, out string error)
        {
            body = text;
            error = null;
            if (text == null || text.Length == 0)
            {
                error = "missing";
                return false;
            }

            if (text.Length > MaxFileLength)
            {
                error = "too long";
                return false;
            }

            if (text[0] == '\uFEFF')
            {
                text = text.Substring(1); // a UTF-8 BOM (PowerShell 5's Set-Content -Encoding UTF8) is not part of the file
            }

            body = text;
            uint stored;
            if (text.Length < HeaderLength + 2 || !StartsAt(text, 0, CrcKeyPrefix) || text[18] != '"' || text[19] != ',' || !TryParseHex(text, 10, out stored))
            {
                error = "no CRC header";
                return false;
            }

            int end = text.Length - 1;
            while (end > HeaderLength && Chars.IsSpace(text[end]))
            {
                end--;
            }

            if (text[end] != '}')
            {
                error = "truncated";
                return false;
            }

            if (Crc32Utf8(text, HeaderLength, end + 1) != stored)
            {
                error = "CRC mismatch";
                return false;
            }

            return true;
        }

        private static JsonNode ParseChecked(string text, out int seq, out string error)
        {
            seq = -1;
            if (!CheckFrame(text, out text, out error))
            {
                return null;
            }

            JsonNode root;
            try
            {
                root = JsonReader.Parse(text, 4, MaxFileLength);
            }
            catch (JsonException ex)
            {
                error = "not JSON (" + ex.Message + ")";
                return null;
            }

            JsonNode s = root.Kind == JsonKind.Object ? root.Get("Seq") : null;
            int n;
            if (s == null || !s.TryGetInt32(0, int.MaxValue, out n))
            {
                error = "no valid Seq";
                return null;
            }

            seq = n;
            return root;
        }

        private static bool StartsAt(string text, int start, string value)
        {
            if (start + value.Length > text.Length)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (text[start + i] != value[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TryParseHex(string text, int start, out uint value)
        {
            value = 0;
            for (int i = start; i < start + 8; i++)
            {
                int d = Chars.HexValue(text[i]);
                if (d < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)d;
            }

            return true;
        }
    }
}
