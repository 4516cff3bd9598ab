using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// The stored form of <see cref="DeviceSettings"/>: one JSON object per file, compact, keys from
    /// <see cref="SettingsSchema"/>, guarded by a CRC-32 (format in Settings/README.md):
    /// <code>{"Crc32":"1A2B3C4D","Seq":12,"Version":2,"MqttHost":"broker.lan",...}</code>
    /// The first <see cref="HeaderLength"/> characters are exactly <c>{"Crc32":"XXXXXXXX",</c> (8 upper
    /// or lower case hex digits); the CRC covers the UTF-8 bytes of everything after them up to and
    /// including the last '}' (whitespace after it is ignored). Decoding never throws: a damaged copy
    /// is refused as a whole with a reason; inside a valid copy, a value of the wrong type or out of
    /// range keeps its default and unknown keys are ignored, each named in the problems text.
    /// </summary>
    public static class SettingsCodec
    {
        /// <summary>Format version written as "Version".</summary>
        public const int Version = DeviceSettings.FormatVersion;

        /// <summary>Characters before the CRC-covered part: <c>{"Crc32":"XXXXXXXX",</c>.</summary>
        public const int HeaderLength = 20;

        /// <summary>What a file starts with, before the 8 hex digits.</summary>
        public const string CrcKeyPrefix = "{\"Crc32\":\"";

        /// <summary>Largest settings file read (characters); longer text is refused before parsing.</summary>
        public const int MaxFileLength = 16384;

        /// <summary>
        /// The settings as the compact JSON object <c>{"Version":2,...}</c> ("the body"); a save writes
        /// it with <see cref="EncodeFile"/>. Two bodies are equal exactly when the settings are.
        /// </summary>
        public static string EncodeBody(DeviceSettings s)
        {
            return EncodeBody(s, new CommandResponse());
        }

        /// <summary><see cref="EncodeBody(DeviceSettings)"/> writing into <paramref name="reuse"/> (cleared first), so a saver keeps its buffer between saves.</summary>
        public static string EncodeBody(DeviceSettings s, CommandResponse reuse)
        {
            reuse.Clear();
            Encoder e = new Encoder(reuse);
            reuse.Add("Version", Version);
            SettingsSchema.Visit(s, e);
            return reuse.ToJson();
        }

        /// <summary>The file text for <paramref name="body"/> (from <see cref="EncodeBody"/>) with sequence number <paramref name="seq"/>.</summary>
        public static string EncodeFile(string body, int seq)
        {
            return EncodeFile(body, seq, new TextBuffer(body.Length + HeaderLength + 16));
        }

        /// <summary><see cref="EncodeFile(string, int)"/> building the text in <paramref name="reuse"/> (cleared first).</summary>
        public static string EncodeFile(string body, int seq, TextBuffer reuse)
        {
            string seqMember = "\"Seq\":" + seq.ToString() + ",";
            char[] bodyChars = body.ToCharArray(); // not body[i]: the nanoCLR's indexer returns a pair's high half twice
            uint crc = Crc32Utf8Update(0xFFFFFFFF, seqMember.ToCharArray(), 0, seqMember.Length);
            crc = ~Crc32Utf8Update(crc, bodyChars, 1, bodyChars.Length);
            TextBuffer all = reuse;
            all.Clear();
            all.Append(CrcKeyPrefix).AppendHex(crc, 8, true).Append("\",").Append(seqMember);
            for (int i = 1; i < bodyChars.Length; i++)
            {
                all.Append(bodyChars[i]);
            }

            return all.ToString();
        }

        /// <summary>
        /// Checks one stored copy: header, CRC, JSON syntax, an integer "Seq" &gt;= 0. Returns the parsed
        /// object (and its sequence number), or null with the reason in <paramref name="error"/>. Never throws.
        /// </summary>
        public static JsonNode ParseFile(string text, out int seq, out string error)
        {
            seq = -1;
            error = null;
            try
            {
                return ParseChecked(text, out seq, out error);
            }
            catch (Exception ex)
            {
                seq = -1;
                error = "unreadable (" + ex.Message + ")";
                return null;
            }
        }

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
        /// Applies every member of <paramref name="root"/> (a checked copy) to <paramref name="target"/>,
        /// which must hold the defaults. Returns the number of problems, each appended to
        /// <paramref name="problems"/> as "Key: reason" ("; " between them). Never throws.
        /// </summary>
        public static int Decode(JsonNode root, DeviceSettings target, TextBuffer problems)
        {
            Decoder d = new Decoder(root, problems);
            try
            {
                JsonNode version = root.Get("Version");
                d.Mark("Version");
                d.Mark("Seq");
                d.Mark("Crc32");
                if (version != null && (!version.IsInteger || version.LongValue < 1))
                {
                    d.Add("Version: not a positive integer");
                }
                else if (version != null && version.LongValue > Version)
                {
                    d.Add("Version: " + version.LongValue.ToString() + " is newer than " + Version.ToString());
                }

                SettingsSchema.Visit(target, d);
                for (int i = 0; i < root.Count; i++)
                {
                    if (!d.Known[i])
                    {
                        d.Add(root.KeyAt(i) + ": unknown key ignored");
                    }
                }
            }
            catch (Exception ex)
            {
                d.Add("decode failed: " + ex.Message);
            }

            return d.Count;
        }

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

        /// <summary>True when <paramref name="value"/> is at most <paramref name="maxLength"/> characters, all valid in MQTT text (<see cref="Chars.IsMqttText"/>: no control, non-character or lone surrogate).</summary>
        public static bool IsCleanText(string value, int maxLength)
        {
            if (value == null || value.Length > maxLength)
            {
                return false;
            }

            return Chars.IsMqttText(value);
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
            while (end > HeaderLength && (text[end] == ' ' || text[end] == '\n' || text[end] == '\r' || text[end] == '\t'))
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

        /// <summary>Writes each visited setting as a JSON member.</summary>
        private sealed class Encoder : SettingsVisitor
        {
            public readonly CommandResponse Json;

            public Encoder(CommandResponse json)
            {
                Json = json;
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                Json.Add(key, field == null ? string.Empty : field);
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                Json.Add(key, field);
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                Json.Add(key, field);
            }

            public override void Flag(string key, ref bool field)
            {
                Json.Add(key, field ? 1 : 0);
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                Json.BeginArray(key);
                for (int i = 0; field != null && i < field.Length; i++)
                {
                    Json.Item(field[i] == null ? string.Empty : field[i]);
                }

                Json.End();
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                Json.BeginArray(key);
                for (int i = 0; items != null && i < items.Length; i++)
                {
                    Json.Item(items[i]);
                }

                Json.End();
            }
        }

        /// <summary>Sets each visited setting from its member, when present and valid.</summary>
        private sealed class Decoder : SettingsVisitor
        {
            public readonly bool[] Known;
            public int Count;
            private readonly JsonNode _root;
            private readonly TextBuffer _problems;

            public Decoder(JsonNode root, TextBuffer problems)
            {
                _root = root;
                _problems = problems;
                Known = new bool[root.Count];
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind != JsonKind.String)
                {
                    Add(key + ": " + n.KindName + ", expected text of " + SettingsRules.Range(minLength, maxLength) + " characters");
                    return;
                }

                string v = n.StringValue;
                string problem = SettingsRules.CheckText(key, v, minLength, maxLength);
                if (problem != null)
                {
                    Add(problem);
                    return;
                }

                field = v;
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                JsonNode n = Find(key);
                if (n != null && IsInteger(key, n, SettingsRules.Range(min, max)))
                {
                    string problem = SettingsRules.CheckInt(key, n.LongValue, min, max);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }

                    field = (int)n.LongValue;
                }
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                JsonNode n = Find(key);
                if (n != null && IsInteger(key, n, "0, " + SettingsRules.Range(min, max)))
                {
                    string problem = SettingsRules.CheckIntOrZero(key, n.LongValue, min, max);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }

                    field = (int)n.LongValue;
                }
            }

            public override void Flag(string key, ref bool field)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind == JsonKind.Boolean)
                {
                    field = n.BoolValue;
                }
                else if (n.IsInteger && (n.LongValue == 0 || n.LongValue == 1))
                {
                    field = n.LongValue == 1;
                }
                else
                {
                    Add(key + ": " + Shown(n) + " not 0 or 1");
                }
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind != JsonKind.Array || n.Count > maxItems)
                {
                    Add(key + ": expected a list of 0.." + maxItems.ToString() + " texts");
                    return;
                }

                string[] items = ArraySlots.Strings(n.Count);
                for (int i = 0; i < items.Length; i++)
                {
                    JsonNode item = n[i];
                    string problem = item.Kind != JsonKind.String ? key + ": item " + (i + 1).ToString() + " is " + item.KindName : SettingsRules.CheckText(key, item.StringValue, 1, maxLength);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }

                    items[i] = item.StringValue;
                }

                field = items;
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind != JsonKind.Array || n.Count > items.Length)
                {
                    Add(key + ": expected a list of up to " + items.Length.ToString() + " numbers " + SettingsRules.Range(min, max));
                    return;
                }

                for (int i = 0; i < n.Count; i++)
                {
                    JsonNode item = n[i];
                    if (!item.IsInteger)
                    {
                        Add(key + ": item " + (i + 1).ToString() + " is " + Shown(item) + ", expected " + SettingsRules.Range(min, max));
                        return;
                    }

                    string problem = SettingsRules.CheckInt(key, item.LongValue, min, max);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }
                }

                for (int i = 0; i < n.Count; i++)
                {
                    items[i] = (int)n[i].LongValue;
                }
            }

            public void Mark(string key)
            {
                int i = _root.IndexOf(key);
                if (i >= 0)
                {
                    Known[i] = true;
                }
            }

            public void Add(string problem)
            {
                Count++;
                if (_problems.Length > 0)
                {
                    _problems.Append("; ");
                }

                _problems.Append(problem);
            }

            private JsonNode Find(string key)
            {
                int i = _root.IndexOf(key);
                if (i < 0)
                {
                    return null;
                }

                Known[i] = true;
                return _root.ValueAt(i);
            }

            private bool IsInteger(string key, JsonNode n, string range)
            {
                if (n.IsInteger)
                {
                    return true;
                }

                Add(key + ": " + Shown(n) + ", expected a number " + range);
                return false;
            }

            private static string Shown(JsonNode n)
            {
                return n.Kind == JsonKind.Number ? n.NumberText : n.KindName;
            }
        }
    }
}
