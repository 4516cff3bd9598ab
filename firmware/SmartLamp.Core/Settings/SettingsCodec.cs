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
    public static partial class SettingsCodec
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

        /// <summary>True when <paramref name="value"/> is at most <paramref name="maxLength"/> characters, all valid in MQTT text (<see cref="Chars.IsMqttText"/>: no control, non-character or lone surrogate).</summary>
        public static bool IsCleanText(string value, int maxLength)
        {
            if (value == null || value.Length > maxLength)
            {
                return false;
            }

            return Chars.IsMqttText(value);
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
    }
}
