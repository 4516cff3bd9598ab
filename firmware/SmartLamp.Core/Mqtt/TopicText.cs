namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// Ordinal string helpers for topics. The BCL's string.StartsWith/IndexOf(string) are
    /// culture-sensitive on desktop .NET and string.Replace does not exist on nanoFramework, so the
    /// MQTT code uses these instead. Nothing here allocates.
    /// </summary>
    internal static class TopicText
    {
        /// <summary>True when <paramref name="s"/> begins with <paramref name="prefix"/> (ordinal, case-sensitive).</summary>
        public static bool StartsWith(string s, string prefix)
        {
            if (s == null || prefix == null || prefix.Length > s.Length)
            {
                return false;
            }

            for (int i = 0; i < prefix.Length; i++)
            {
                if (s[i] != prefix[i])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Ordinal index of <paramref name="token"/> in <paramref name="s"/> at or after <paramref name="from"/>, or -1.</summary>
        public static int IndexOf(string s, string token, int from)
        {
            if (s == null || token == null || token.Length == 0)
            {
                return -1;
            }

            int last = s.Length - token.Length;
            for (int i = from; i <= last; i++)
            {
                int j = 0;
                while (j < token.Length && s[i + j] == token[j])
                {
                    j++;
                }

                if (j == token.Length)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when <paramref name="s"/> contains <paramref name="token"/> (ordinal).</summary>
        public static bool Contains(string s, string token)
        {
            return IndexOf(s, token, 0) >= 0;
        }

        /// <summary>ASCII upper case of one character.</summary>
        public static char Upper(char c)
        {
            return c >= 'a' && c <= 'z' ? (char)(c - 32) : c;
        }

        /// <summary>Number of UTF-8 bytes <paramref name="s"/> encodes to (unpaired surrogates count as U+FFFD, 3 bytes).</summary>
        public static int Utf8Length(string s)
        {
            if (s == null)
            {
                return 0;
            }

            int n = 0;
            int len = s.Length;
            for (int i = 0; i < len; i++)
            {
                char c = s[i];
                if (c < 0x80)
                {
                    n += 1;
                }
                else if (c < 0x800)
                {
                    n += 2;
                }
                else
                {
                    // Rare (U+0800 and up): the rest from the characters, never from the string indexer,
                    // which returns the high surrogate for both halves of a pair on the nanoCLR (NANO003).
                    return n + Utf8Length(s.ToCharArray(), i);
                }
            }

            return n;
        }

        private static int Utf8Length(char[] s, int i)
        {
            int n = 0;
            int len = s.Length;
            for (; i < len; i++)
            {
                char c = s[i];
                if (c < 0x80)
                {
                    n += 1;
                }
                else if (c < 0x800)
                {
                    n += 2;
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < len && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    n += 4;
                    i++;
                }
                else
                {
                    n += 3;
                }
            }

            return n;
        }
    }
}
