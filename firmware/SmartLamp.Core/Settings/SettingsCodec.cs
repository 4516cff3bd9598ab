using System;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// The stored form of <see cref="DeviceSettings"/>: a header line, then one <c>Key=Value</c> per line.
    /// <code>
    /// SmartLampSettings 1 1A2B3C4D 512
    /// MqttHost=broker.lan
    /// ...
    /// </code>
    /// The header holds the format version, the CRC-32 (hex) and the length of everything after the
    /// header's '\n', so a truncated or damaged file is detected as a whole. Values are escaped:
    /// '\' as <c>\\</c>, newline as <c>\n</c>, CR as <c>\r</c>, other control characters as
    /// <c>\uXXXX</c>; a line is split at its FIRST '=', so '=' inside a value needs no escape.
    /// Decoding never throws: unknown keys are ignored, a missing or out-of-range value keeps that key's
    /// default, a bad header/checksum/version gives all defaults.
    /// </summary>
    public static class SettingsCodec
    {
        /// <summary>Current format version.</summary>
        public const int Version = 1;

        /// <summary>First word of the header line.</summary>
        public const string Magic = "SmartLampSettings";

        /// <summary>Result of <see cref="Decode"/>: every value was accepted.</summary>
        public const int Ok = 0;

        /// <summary>Result of <see cref="Decode"/>: the text was usable but some values were replaced by defaults.</summary>
        public const int SomeDefaults = 1;

        /// <summary>Result of <see cref="Decode"/>: unusable text (header, checksum, version); everything is default.</summary>
        public const int Corrupt = 2;

        /// <summary>Writes <paramref name="s"/> as settings text.</summary>
        public static string Encode(DeviceSettings s)
        {
            TextBuffer body = new TextBuffer(768);
            Text(body, "MqttHost", s.MqttHost);
            Number(body, "MqttPort", s.MqttPort);
            Text(body, "MqttUser", s.MqttUser);
            Text(body, "MqttPassword", s.MqttPassword);
            Text(body, "MqttClient", s.MqttClient);
            Text(body, "Topic", s.Topic);
            Text(body, "GroupTopic", s.GroupTopic);
            Text(body, "FullTopic", s.FullTopic);
            for (int i = 0; i < 3; i++)
            {
                Text(body, "Prefix", i + 1, s.Prefix[i]);
            }

            Number(body, "MqttRetry", s.MqttRetry);
            Number(body, "MqttKeepAlive", s.MqttKeepAlive);
            Number(body, "TelePeriod", s.TelePeriod);
            for (int i = 0; i < 2; i++)
            {
                Text(body, "SSId", i + 1, s.Ssid[i]);
                Text(body, "Password", i + 1, s.WifiPassword[i]);
            }

            Flag(body, "SetOption0", s.SaveState);
            Flag(body, "SetOption4", s.ResultOnCommandTopic);
            Flag(body, "SetOption26", s.IndexSingleRelay);
            Flag(body, "PowerRetain", s.PowerRetain);
            Flag(body, "MqttRetainedCmnd", s.AcceptRetainedCommands);
            for (int i = 0; i < DeviceSettings.StateTextCount; i++)
            {
                Text(body, "StateText", i + 1, s.StateText[i]);
            }

            Number(body, "PowerOnState", s.PowerOnState);
            Number(body, "SavedPower", s.SavedPower);
            Number(body, "BlinkTime", s.BlinkTime);
            Number(body, "BlinkCount", s.BlinkCount);
            Number(body, "BootCount", s.BootCount);
            Number(body, "SaveCount", s.SaveCount);

            TextBuffer all = new TextBuffer(body.Length + 48);
            all.Append(Magic).Append(' ').AppendNumber(Version).Append(' ');
            all.AppendHex(Crc32(body), 8, true);
            all.Append(' ').AppendNumber(body.Length).Append('\n');
            all.Append(body);
            return all.ToString();
        }

        /// <summary>
        /// True when two texts made by <see cref="Encode"/> hold the same settings apart from SaveCount
        /// (the last line, and the header whose checksum covers it).
        /// </summary>
        public static bool SameIgnoringSaveCount(string a, string b)
        {
            int aStart = a.IndexOf('\n') + 1;
            int bStart = b.IndexOf('\n') + 1;
            int aEnd = a.LastIndexOf("\nSaveCount=");
            int bEnd = b.LastIndexOf("\nSaveCount=");
            if (aStart <= 0 || bStart <= 0 || aEnd < aStart || bEnd < bStart || aEnd - aStart != bEnd - bStart)
            {
                return false;
            }

            for (int i = 0; i < aEnd - aStart; i++)
            {
                if (a[aStart + i] != b[bStart + i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Fills <paramref name="target"/> from <paramref name="text"/>: defaults for <paramref name="mac"/>
        /// first, then every valid stored value. Returns <see cref="Ok"/>, <see cref="SomeDefaults"/> or
        /// <see cref="Corrupt"/>, and writes one "CFG: ..." log line for anything not Ok. Never throws.
        /// </summary>
        public static int Decode(string text, DeviceSettings target, string mac, ILog log)
        {
            target.ApplyDefaults(mac);
            try
            {
                return DecodeChecked(text, target, mac, log);
            }
            catch (Exception ex)
            {
                target.ApplyDefaults(mac);
                Log(log, "CFG: Settings unreadable (", ex.Message, "), use defaults");
                return Corrupt;
            }
        }

        /// <summary>CRC-32 (poly 0xEDB88320) of the text, each character fed as its low then its high byte.</summary>
        public static uint Crc32(string text)
        {
            return Crc32(text, 0, text.Length);
        }

        /// <summary>True when <paramref name="value"/> is at most <paramref name="maxLength"/> characters and has no control characters.</summary>
        public static bool IsCleanText(string value, int maxLength)
        {
            if (value == null || value.Length > maxLength)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c < ' ' || c == '\u007F')
                {
                    return false;
                }
            }

            return true;
        }

        private static uint Crc32(string text, int start, int length)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = start; i < start + length; i++)
            {
                crc = Update(crc, text[i]);
            }

            return ~crc;
        }

        private static uint Crc32(TextBuffer body)
        {
            uint crc = 0xFFFFFFFF;
            for (int i = 0; i < body.Length; i++)
            {
                crc = Update(crc, body[i]);
            }

            return ~crc;
        }

        private static uint Update(uint crc, char c)
        {
            crc = UpdateByte(crc, (uint)(c & 0xFF));
            return UpdateByte(crc, (uint)((c >> 8) & 0xFF));
        }

        private static uint UpdateByte(uint crc, uint b)
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

        /// <remarks>
        /// Works on slices of <paramref name="text"/>: keys, numbers and flags are read in place and only
        /// text values that differ from the current field become new strings, so loading allocates
        /// little more than the values themselves.
        /// </remarks>
        private static int DecodeChecked(string text, DeviceSettings target, string mac, ILog log)
        {
            if (text == null || text.Length == 0)
            {
                Log(log, "CFG: No stored settings, use defaults", null, null);
                return Corrupt;
            }

            int nl = text.IndexOf('\n');
            if (nl < 0)
            {
                Log(log, "CFG: Settings header missing, use defaults", null, null);
                return Corrupt;
            }

            // Header: Magic Version CRC Length
            int p = 0;
            int magicStart;
            int magicLength = Word(text, ref p, nl, out magicStart);
            int versionStart;
            int versionLength = Word(text, ref p, nl, out versionStart);
            int crcStart;
            int crcLength = Word(text, ref p, nl, out crcStart);
            int lengthStart;
            int lengthLength = Word(text, ref p, nl, out lengthStart);
            if (!SliceEquals(text, magicStart, magicLength, Magic) || versionLength == 0 || crcLength == 0 || lengthLength == 0)
            {
                Log(log, "CFG: Settings header invalid, use defaults", null, null);
                return Corrupt;
            }

            int ver;
            if (!TryParseInt(text, versionStart, versionLength, out ver) || ver != Version)
            {
                Log(log, "CFG: Settings version ", text.Substring(versionStart, versionLength), " not supported, use defaults");
                return Corrupt;
            }

            int length;
            uint crc;
            int bodyStart = nl + 1;
            int bodyLength = text.Length - bodyStart;
            if (!TryParseInt(text, lengthStart, lengthLength, out length) || length != bodyLength)
            {
                Log(log, "CFG: Settings truncated or too long, use defaults", null, null);
                return Corrupt;
            }

            if (!TryParseHex(text, crcStart, crcLength, out crc) || crc != Crc32(text, bodyStart, bodyLength))
            {
                Log(log, "CFG: Settings checksum mismatch, use defaults", null, null);
                return Corrupt;
            }

            int bad = 0;
            string badKeys = string.Empty;
            int pos = bodyStart;
            while (pos < text.Length)
            {
                int end = text.IndexOf('\n', pos);
                if (end < 0)
                {
                    end = text.Length;
                }

                int eq = text.IndexOf('=', pos, end - pos);
                if (eq > pos)
                {
                    Slice value = new Slice(text, eq + 1, end - eq - 1);
                    if (Apply(target, text, pos, eq - pos, value, mac) == Rejected)
                    {
                        bad++;
                        if (badKeys.Length < 80)
                        {
                            string key = text.Substring(pos, eq - pos);
                            badKeys = badKeys.Length == 0 ? key : badKeys + "," + key;
                        }
                    }
                }

                pos = end + 1;
            }

            if (bad > 0)
            {
                Log(log, "CFG: Invalid values replaced by defaults: ", badKeys, null);
                return SomeDefaults;
            }

            return Ok;
        }

        private const int Applied = 0;
        private const int Unknown = 1;
        private const int Rejected = 2;

        /// <summary>Applies the value of the key text[keyStart .. keyStart+keyLength).</summary>
        private static int Apply(DeviceSettings s, string text, int keyStart, int keyLength, Slice v, string mac)
        {
            int n;
            int i;
            if (Is(text, keyStart, keyLength, "MqttHost"))
            {
                return SetText(ref s.MqttHost, v, 0, DeviceSettings.MaxHostLength);
            }

            if (Is(text, keyStart, keyLength, "MqttPort"))
            {
                return SetInt(ref s.MqttPort, v, 1, 65535);
            }

            if (Is(text, keyStart, keyLength, "MqttUser"))
            {
                return SetText(ref s.MqttUser, v, 0, DeviceSettings.MaxSecretLength);
            }

            if (Is(text, keyStart, keyLength, "MqttPassword"))
            {
                return SetText(ref s.MqttPassword, v, 0, DeviceSettings.MaxSecretLength);
            }

            if (Is(text, keyStart, keyLength, "MqttClient"))
            {
                return SetText(ref s.MqttClient, v, 1, DeviceSettings.MaxTopicLength);
            }

            if (Is(text, keyStart, keyLength, "Topic"))
            {
                return SetText(ref s.Topic, v, 1, DeviceSettings.MaxTopicLength);
            }

            if (Is(text, keyStart, keyLength, "GroupTopic"))
            {
                return SetText(ref s.GroupTopic, v, 0, DeviceSettings.MaxTopicLength);
            }

            if (Is(text, keyStart, keyLength, "FullTopic"))
            {
                return SetText(ref s.FullTopic, v, 1, DeviceSettings.MaxFullTopicLength);
            }

            if ((i = Indexed(text, keyStart, keyLength, "Prefix", 3)) >= 0)
            {
                return SetText(ref s.Prefix[i], v, 1, DeviceSettings.MaxPrefixLength);
            }

            if (Is(text, keyStart, keyLength, "MqttRetry"))
            {
                return SetInt(ref s.MqttRetry, v, DeviceSettings.MinMqttRetry, DeviceSettings.MaxMqttRetry);
            }

            if (Is(text, keyStart, keyLength, "MqttKeepAlive"))
            {
                return SetInt(ref s.MqttKeepAlive, v, 1, 100);
            }

            if (Is(text, keyStart, keyLength, "TelePeriod"))
            {
                if (!TryParseInt(v.Text, v.Start, v.Length, out n) || !(n == 0 || (n >= 10 && n <= 3600)))
                {
                    return Rejected;
                }

                s.TelePeriod = n;
                return Applied;
            }

            if ((i = Indexed(text, keyStart, keyLength, "SSId", 2)) >= 0)
            {
                return SetText(ref s.Ssid[i], v, 0, DeviceSettings.MaxTopicLength);
            }

            if ((i = Indexed(text, keyStart, keyLength, "Password", 2)) >= 0)
            {
                return SetText(ref s.WifiPassword[i], v, 0, DeviceSettings.MaxSecretLength);
            }

            if (Is(text, keyStart, keyLength, "SetOption0"))
            {
                return SetFlag(ref s.SaveState, v);
            }

            if (Is(text, keyStart, keyLength, "SetOption4"))
            {
                return SetFlag(ref s.ResultOnCommandTopic, v);
            }

            if (Is(text, keyStart, keyLength, "SetOption26"))
            {
                return SetFlag(ref s.IndexSingleRelay, v);
            }

            if (Is(text, keyStart, keyLength, "PowerRetain"))
            {
                return SetFlag(ref s.PowerRetain, v);
            }

            if (Is(text, keyStart, keyLength, "MqttRetainedCmnd"))
            {
                return SetFlag(ref s.AcceptRetainedCommands, v);
            }

            if ((i = Indexed(text, keyStart, keyLength, "StateText", DeviceSettings.StateTextCount)) >= 0)
            {
                return SetText(ref s.StateText[i], v, 1, DeviceSettings.MaxStateTextLength);
            }

            if (Is(text, keyStart, keyLength, "PowerOnState"))
            {
                return SetInt(ref s.PowerOnState, v, 0, DeviceSettings.MaxPowerOnState);
            }

            if (Is(text, keyStart, keyLength, "SavedPower"))
            {
                return SetInt(ref s.SavedPower, v, 0, 255);
            }

            if (Is(text, keyStart, keyLength, "BlinkTime"))
            {
                return SetInt(ref s.BlinkTime, v, 2, 3600);
            }

            if (Is(text, keyStart, keyLength, "BlinkCount"))
            {
                return SetInt(ref s.BlinkCount, v, 0, 32000);
            }

            if (Is(text, keyStart, keyLength, "BootCount"))
            {
                return SetInt(ref s.BootCount, v, 0, int.MaxValue);
            }

            if (Is(text, keyStart, keyLength, "SaveCount"))
            {
                return SetInt(ref s.SaveCount, v, 0, int.MaxValue);
            }

            return Unknown;
        }

        /// <summary>True when text[start .. start+length) is exactly <paramref name="key"/>.</summary>
        private static bool Is(string text, int start, int length, string key)
        {
            return SliceEquals(text, start, length, key);
        }

        /// <summary>0-based slot of a key "&lt;name&gt;&lt;1..count&gt;" (Prefix2 gives 1), -1 for any other key.</summary>
        private static int Indexed(string text, int start, int length, string name, int count)
        {
            if (length != name.Length + 1 || !SliceEquals(text, start, name.Length, name))
            {
                return -1;
            }

            int slot = text[start + name.Length] - '1';
            return slot >= 0 && slot < count ? slot : -1;
        }

        private static bool SliceEquals(string text, int start, int length, string value)
        {
            if (value == null || value.Length != length)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                if (text[start + i] != value[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int SetText(ref string field, Slice v, int minLength, int maxLength)
        {
            if (v.Text.IndexOf('\\', v.Start, v.Length) < 0 && SliceEquals(v.Text, v.Start, v.Length, field))
            {
                return Applied; // the stored value is the current one (often the default): keep that string
            }

            // Control characters are refused by the commands but survive storage (escaped).
            string value = Unescape(v);
            if (value == null || value.Length < minLength || value.Length > maxLength)
            {
                return Rejected;
            }

            field = value;
            return Applied;
        }

        private static int SetInt(ref int field, Slice v, int min, int max)
        {
            int n;
            if (!TryParseInt(v.Text, v.Start, v.Length, out n) || n < min || n > max)
            {
                return Rejected;
            }

            field = n;
            return Applied;
        }

        private static int SetFlag(ref bool field, Slice v)
        {
            if (v.Length == 1 && v.Text[v.Start] == '0')
            {
                field = false;
                return Applied;
            }

            if (v.Length == 1 && v.Text[v.Start] == '1')
            {
                field = true;
                return Applied;
            }

            return Rejected;
        }

        /// <summary>Next space-separated word before <paramref name="end"/>: its length (0 when none) and start.</summary>
        private static int Word(string text, ref int p, int end, out int start)
        {
            while (p < end && text[p] == ' ')
            {
                p++;
            }

            start = p;
            while (p < end && text[p] != ' ')
            {
                p++;
            }

            return p - start;
        }

        /// <summary>Strict decimal: optional '-', 1..10 digits, no other characters.</summary>
        private static bool TryParseInt(string text, int start, int length, out int value)
        {
            value = 0;
            if (length == 0 || length > 11)
            {
                return false;
            }

            int i = start;
            int end = start + length;
            bool negative = false;
            if (text[i] == '-')
            {
                negative = true;
                i++;
                if (length == 1)
                {
                    return false;
                }
            }

            long acc = 0;
            for (; i < end; i++)
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

        private static bool TryParseHex(string text, int start, int length, out uint value)
        {
            value = 0;
            if (length != 8)
            {
                return false;
            }

            for (int i = start; i < start + 8; i++)
            {
                char c = text[i];
                uint d;
                if (c >= '0' && c <= '9')
                {
                    d = (uint)(c - '0');
                }
                else if (c >= 'A' && c <= 'F')
                {
                    d = (uint)(c - 'A' + 10);
                }
                else if (c >= 'a' && c <= 'f')
                {
                    d = (uint)(c - 'a' + 10);
                }
                else
                {
                    return false;
                }

                value = (value << 4) | d;
            }

            return true;
        }

        /// <summary>An indexed key such as Prefix2: "&lt;key&gt;&lt;index&gt;=&lt;value&gt;".</summary>
        private static void Text(TextBuffer b, string key, int index, string value)
        {
            b.Append(key).AppendNumber(index);
            Value(b, value);
        }

        private static void Text(TextBuffer b, string key, string value)
        {
            b.Append(key);
            Value(b, value);
        }

        /// <summary>"=&lt;escaped value&gt;\n".</summary>
        private static void Value(TextBuffer b, string value)
        {
            b.Append('=');
            if (value != null)
            {
                for (int i = 0; i < value.Length; i++)
                {
                    char c = value[i];
                    if (c == '\\')
                    {
                        b.Append("\\\\");
                    }
                    else if (c == '\n')
                    {
                        b.Append("\\n");
                    }
                    else if (c == '\r')
                    {
                        b.Append("\\r");
                    }
                    else if (c < ' ' || c == '\u007F')
                    {
                        b.Append("\\u").AppendHex(c, 4, true);
                    }
                    else
                    {
                        b.Append(c);
                    }
                }
            }

            b.Append('\n');
        }

        private static void Number(TextBuffer b, string key, int value)
        {
            b.Append(key).Append('=').AppendNumber(value).Append('\n');
        }

        private static void Flag(TextBuffer b, string key, bool value)
        {
            b.Append(key).Append('=').Append(value ? '1' : '0').Append('\n');
        }

        /// <summary>Reverses the escapes written by <see cref="Value"/>; null for a malformed escape.</summary>
        private static string Unescape(Slice v)
        {
            string raw = v.Text;
            int end = v.Start + v.Length;
            if (v.Length == 0)
            {
                return string.Empty;
            }

            if (raw.IndexOf('\\', v.Start, v.Length) < 0)
            {
                return raw.Substring(v.Start, v.Length);
            }

            TextBuffer b = new TextBuffer(v.Length);
            for (int i = v.Start; i < end; i++)
            {
                char c = raw[i];
                if (c != '\\')
                {
                    b.Append(c);
                    continue;
                }

                if (i + 1 >= end)
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
                else if (e == 'u' && i + 4 < end)
                {
                    int code = 0;
                    for (int k = 1; k <= 4; k++)
                    {
                        char h = raw[i + k];
                        int d = (h >= '0' && h <= '9') ? h - '0' : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : -1;
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

        private static void Log(ILog log, string a, string b, string c)
        {
            if (log == null)
            {
                return;
            }

            try
            {
                // Strip the "CFG: " prefix into the tag so lines read "CFG: ..." in every log.
                log.Write("CFG", a.Substring(5), b, c);
            }
            catch (Exception)
            {
                // logging must never break loading
            }
        }

        /// <summary>A value as a range of the settings text (read without copying).</summary>
        private struct Slice
        {
            public readonly string Text;
            public readonly int Start;
            public readonly int Length;

            public Slice(string text, int start, int length)
            {
                Text = text;
                Start = start;
                Length = length;
            }
        }
    }
}
