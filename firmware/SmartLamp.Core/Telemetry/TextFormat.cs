using SmartLamp.Core.Text;

namespace SmartLamp.Core.Telemetry
{
    /// <summary>Tasmota's time and duration formats, built in a <see cref="TextBuffer"/> (no framework string builder, no format strings).</summary>
    public static class TextFormat
    {
        /// <summary>Tasmota GetDuration: "&lt;days&gt;T&lt;hh&gt;:&lt;mm&gt;:&lt;ss&gt;", e.g. "0T00:00:09", "12T03:04:05".</summary>
        public static string Duration(long seconds)
        {
            if (seconds < 0)
            {
                seconds = 0;
            }

            int rest = (int)(seconds % 86400);
            TextBuffer b = new TextBuffer(16);
            b.AppendNumber(seconds / 86400).Append('T');
            b.AppendTwoDigits(rest / 3600).Append(':');
            b.AppendTwoDigits((rest / 60) % 60).Append(':');
            b.AppendTwoDigits(rest % 60);
            return b.ToString();
        }

        /// <summary>ISO 8601 without zone, Tasmota's default Time format 1: "2026-01-01T00:00:05".</summary>
        public static string IsoTime(System.DateTime t)
        {
            TextBuffer b = new TextBuffer(19);
            int year = t.Year;
            b.AppendTwoDigits(year / 100).AppendTwoDigits(year).Append('-');
            b.AppendTwoDigits(t.Month).Append('-');
            b.AppendTwoDigits(t.Day).Append('T');
            b.AppendTwoDigits(t.Hour).Append(':');
            b.AppendTwoDigits(t.Minute).Append(':');
            b.AppendTwoDigits(t.Second);
            return b.ToString();
        }

        /// <summary>"AABBCCDDEEFF" -&gt; "AA:BB:CC:DD:EE:FF" (other lengths are returned unchanged).</summary>
        public static string MacWithColons(string mac)
        {
            if (mac == null || mac.Length != 12)
            {
                return mac == null ? string.Empty : mac;
            }

            TextBuffer b = new TextBuffer(17);
            for (int i = 0; i < 12; i++)
            {
                if (i > 0 && i % 2 == 0)
                {
                    b.Append(':');
                }

                char c = mac[i];
                b.Append(c >= 'a' && c <= 'f' ? (char)(c - 32) : c);
            }

            return b.ToString();
        }

        /// <summary>
        /// Tasmota WifiGetRssiAsQuality: dBm to 0..100 % (≤ -100 dBm = 0, ≥ -50 dBm = 100, else 2 × (dBm + 100)).
        /// </summary>
        public static int RssiQuality(int dbm)
        {
            if (dbm <= -100)
            {
                return 0;
            }

            if (dbm >= -50)
            {
                return 100;
            }

            return 2 * (dbm + 100);
        }

        /// <summary>Parses an optionally signed decimal integer (surrounding white space, <see cref="Chars.IsSpace"/>, allowed); false for anything else.</summary>
        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            if (s == null)
            {
                return false;
            }

            int i = Chars.SkipSpaces(s, 0, s.Length);
            int end = Chars.TrimEnd(s, i, s.Length);

            bool negative = false;
            if (i < end && (s[i] == '-' || s[i] == '+'))
            {
                negative = s[i] == '-';
                i++;
            }

            if (i >= end || end - i > 9)
            {
                return false;
            }

            int v = 0;
            for (; i < end; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                v = (v * 10) + (c - '0');
            }

            value = negative ? -v : v;
            return true;
        }
    }
}
