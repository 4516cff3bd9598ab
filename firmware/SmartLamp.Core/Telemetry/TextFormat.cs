namespace SmartLamp.Core.Telemetry
{
    /// <summary>Tasmota's time and duration formats, built in a char buffer (no StringBuilder, no format strings).</summary>
    public static class TextFormat
    {
        /// <summary>Tasmota GetDuration: "&lt;days&gt;T&lt;hh&gt;:&lt;mm&gt;:&lt;ss&gt;", e.g. "0T00:00:09", "12T03:04:05".</summary>
        public static string Duration(long seconds)
        {
            if (seconds < 0)
            {
                seconds = 0;
            }

            long days = seconds / 86400;
            int rest = (int)(seconds % 86400);
            char[] b = new char[32];
            int n = AppendNumber(b, 0, days);
            b[n++] = 'T';
            n = Append2(b, n, rest / 3600);
            b[n++] = ':';
            n = Append2(b, n, (rest / 60) % 60);
            b[n++] = ':';
            n = Append2(b, n, rest % 60);
            return new string(b, 0, n);
        }

        /// <summary>ISO 8601 without zone, Tasmota's default Time format 1: "2026-01-01T00:00:05".</summary>
        public static string IsoTime(System.DateTime t)
        {
            char[] b = new char[19];
            int n = 0;
            int year = t.Year;
            b[n++] = (char)('0' + (year / 1000) % 10);
            b[n++] = (char)('0' + (year / 100) % 10);
            b[n++] = (char)('0' + (year / 10) % 10);
            b[n++] = (char)('0' + year % 10);
            b[n++] = '-';
            n = Append2(b, n, t.Month);
            b[n++] = '-';
            n = Append2(b, n, t.Day);
            b[n++] = 'T';
            n = Append2(b, n, t.Hour);
            b[n++] = ':';
            n = Append2(b, n, t.Minute);
            b[n++] = ':';
            n = Append2(b, n, t.Second);
            return new string(b, 0, n);
        }

        /// <summary>"AABBCCDDEEFF" -&gt; "AA:BB:CC:DD:EE:FF" (other lengths are returned unchanged).</summary>
        public static string MacWithColons(string mac)
        {
            if (mac == null || mac.Length != 12)
            {
                return mac == null ? string.Empty : mac;
            }

            char[] b = new char[17];
            int n = 0;
            for (int i = 0; i < 12; i++)
            {
                if (i > 0 && i % 2 == 0)
                {
                    b[n++] = ':';
                }

                char c = mac[i];
                b[n++] = c >= 'a' && c <= 'f' ? (char)(c - 32) : c;
            }

            return new string(b, 0, n);
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

        /// <summary>Parses an optionally signed decimal integer (surrounding spaces allowed); false for anything else.</summary>
        public static bool TryParseInt(string s, out int value)
        {
            value = 0;
            if (s == null)
            {
                return false;
            }

            int i = 0;
            int end = s.Length;
            while (i < end && s[i] == ' ')
            {
                i++;
            }

            while (end > i && s[end - 1] == ' ')
            {
                end--;
            }

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

        private static int Append2(char[] b, int n, int v)
        {
            b[n++] = (char)('0' + (v / 10) % 10);
            b[n++] = (char)('0' + v % 10);
            return n;
        }

        private static int AppendNumber(char[] b, int n, long v)
        {
            if (v == 0)
            {
                b[n++] = '0';
                return n;
            }

            int start = n;
            while (v > 0)
            {
                b[n++] = (char)('0' + (int)(v % 10));
                v /= 10;
            }

            int end = n - 1;
            while (start < end)
            {
                char t = b[start];
                b[start] = b[end];
                b[end] = t;
                start++;
                end--;
            }

            return n;
        }
    }
}
