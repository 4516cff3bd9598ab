using System;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Reads (never writes) the version-1 settings text SmartLamp stored before the journaled JSON
    /// store, so an existing flash image loads once and is then rewritten as JSON:
    /// <code>
    /// SmartLampSettings 1 1A2B3C4D 512
    /// MqttHost=broker.lan
    /// ...
    /// </code>
    /// Header: magic, version 1, CRC-32 (hex) of every character after the header's '\n' fed as its
    /// low then high byte (UTF-16LE), and that length in characters. Values escape '\' as <c>\\</c>,
    /// newline <c>\n</c>, CR <c>\r</c>, other control characters <c>\uXXXX</c>. The keys are the same
    /// as the JSON keys of <see cref="SettingsSchema"/> (SaveCount is ignored: the store counts saves).
    /// </summary>
    public static class LegacySettingsCodec
    {
        /// <summary>First word of the header line.</summary>
        public const string Magic = "SmartLampSettings";

        /// <summary>The only version this reads.</summary>
        public const int Version = 1;

        /// <summary>Every value was accepted.</summary>
        public const int Ok = 0;

        /// <summary>Usable, but some values were replaced by defaults (listed in the problems).</summary>
        public const int SomeDefaults = 1;

        /// <summary>Unusable (header, length, checksum); nothing was applied.</summary>
        public const int Corrupt = 2;

        /// <summary>True when <paramref name="text"/> starts like a version-1 file.</summary>
        public static bool Looks(string text)
        {
            return text != null && text.StartsWith(Magic + " ");
        }

        /// <summary>
        /// Applies every valid line of <paramref name="text"/> to <paramref name="target"/> (which holds the
        /// defaults), appending one "Key: problem" per rejected value to <paramref name="problems"/>, or
        /// the reason the whole text was refused. Never throws.
        /// </summary>
        public static int Decode(string text, DeviceSettings target, TextBuffer problems)
        {
            try
            {
                return DecodeChecked(text, target, problems);
            }
            catch (Exception ex)
            {
                problems.Append("v1 unreadable: ").Append(ex.Message);
                return Corrupt;
            }
        }

        /// <summary>CRC-32 (poly 0xEDB88320) of <paramref name="text"/>, each character fed as its low then its high byte.</summary>
        public static uint Crc32(string text)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                crc = SettingsCodec.Crc32Byte(crc, (uint)(c & 0xFF));
                crc = SettingsCodec.Crc32Byte(crc, (uint)((c >> 8) & 0xFF));
            }

            return ~crc;
        }

        private static int DecodeChecked(string text, DeviceSettings target, TextBuffer problems)
        {
            int nl = text == null ? -1 : text.IndexOf('\n');
            if (nl < 0)
            {
                problems.Append("v1 header missing");
                return Corrupt;
            }

            string[] words = text.Substring(0, nl).Split(' ');
            int length;
            uint crc;
            if (words.Length != 4 || words[0] != Magic || words[1] != "1")
            {
                problems.Append("v1 header invalid");
                return Corrupt;
            }

            string body = text.Substring(nl + 1);
            if (!TryParseInt(words[3], out length) || length != body.Length)
            {
                problems.Append("v1 truncated or too long");
                return Corrupt;
            }

            if (!TryParseHex(words[2], out crc) || crc != Crc32(body))
            {
                problems.Append("v1 checksum mismatch");
                return Corrupt;
            }

            LineApplier applier = new LineApplier();
            applier.Problems = problems;
            int bad = 0;
            int pos = 0;
            while (pos < body.Length)
            {
                int end = body.IndexOf('\n', pos);
                if (end < 0)
                {
                    end = body.Length;
                }

                int eq = body.IndexOf('=', pos, end - pos);
                if (eq > pos)
                {
                    applier.Key = body.Substring(pos, eq - pos);
                    applier.Value = Unescape(body.Substring(eq + 1, end - eq - 1));
                    applier.Problem = null;
                    if (applier.Key != "SaveCount")
                    {
                        SettingsSchema.Visit(target, applier);
                    }

                    if (applier.Problem != null)
                    {
                        bad++;
                        if (problems.Length > 0)
                        {
                            problems.Append("; ");
                        }

                        problems.Append(applier.Problem);
                    }
                }

                pos = end + 1;
            }

            return bad == 0 ? Ok : SomeDefaults;
        }

        /// <summary>Strict decimal: optional '-', digits only, fits an int.</summary>
        private static bool TryParseInt(string text, out int value)
        {
            value = 0;
            if (text == null || text.Length == 0 || text.Length > 11)
            {
                return false;
            }

            int i = 0;
            bool negative = text[0] == '-';
            if (negative)
            {
                i = 1;
                if (text.Length == 1)
                {
                    return false;
                }
            }

            long acc = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                acc = (acc * 10) + (c - '0');
            }

            if (negative)
            {
                acc = -acc;
            }

            if (acc > int.MaxValue || acc < int.MinValue)
            {
                return false;
            }

            value = (int)acc;
            return true;
        }

        private static bool TryParseHex(string text, out uint value)
        {
            value = 0;
            if (text.Length != 8)
            {
                return false;
            }

            for (int i = 0; i < 8; i++)
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

        /// <summary>Reverses the v1 escapes; null for a malformed escape.</summary>
        private static string Unescape(string raw)
        {
            if (raw.IndexOf('\\') < 0)
            {
                return raw;
            }

            TextBuffer b = new TextBuffer(raw.Length);
            for (int i = 0; i < raw.Length; i++)
            {
                char c = raw[i];
                if (c != '\\')
                {
                    b.Append(c);
                    continue;
                }

                if (i + 1 >= raw.Length)
                {
                    return null;
                }

                char e = raw[++i];
                if (e == '\\')
                {
                    b.Append('\\');
                }
                else if (e == 'n')
                {
                    b.Append('\n');
                }
                else if (e == 'r')
                {
                    b.Append('\r');
                }
                else if (e == 'u' && i + 4 < raw.Length)
                {
                    int code = 0;
                    for (int k = 1; k <= 4; k++)
                    {
                        int d = Chars.HexValue(raw[i + k]);
                        if (d < 0)
                        {
                            return null;
                        }

                        code = (code << 4) | d;
                    }

                    b.Append((char)code);
                    i += 4;
                }
                else
                {
                    return null;
                }
            }

            return b.ToString();
        }

        /// <summary>Applies one "Key=Value" line to the field the schema names <see cref="Key"/>.</summary>
        private sealed class LineApplier : SettingsVisitor
        {
            public string Key;
            public string Value;
            public string Problem;
            public TextBuffer Problems;

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                if (key != Key)
                {
                    return;
                }

                Problem = SettingsRules.CheckText(key, Value, minLength, maxLength);
                if (Problem == null)
                {
                    field = Value;
                }
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                int n;
                if (key == Key && Number(key, out n))
                {
                    Problem = SettingsRules.CheckInt(key, n, min, max);
                    if (Problem == null)
                    {
                        field = n;
                    }
                }
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                int n;
                if (key == Key && Number(key, out n))
                {
                    Problem = SettingsRules.CheckIntOrZero(key, n, min, max);
                    if (Problem == null)
                    {
                        field = n;
                    }
                }
            }

            public override void Flag(string key, ref bool field)
            {
                if (key != Key)
                {
                    return;
                }

                if (Value == "0" || Value == "1")
                {
                    field = Value == "1";
                }
                else
                {
                    Problem = key + ": not 0 or 1";
                }
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                // version 1 had no lists
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                // version 1 had no arrays
            }

            private bool Number(string key, out int n)
            {
                if (TryParseInt(Value, out n))
                {
                    return true;
                }

                Problem = key + ": not a number";
                return false;
            }
        }
    }
}
