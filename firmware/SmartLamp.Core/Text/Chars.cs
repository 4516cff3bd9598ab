namespace SmartLamp.Core.Text
{
    /// <summary>Character classification shared by the parsers (no culture, no allocation).</summary>
    public static class Chars
    {
        /// <summary>
        /// s[i], right on the nanoCLR too: there the string indexer returns the high surrogate for BOTH
        /// halves of a pair, so a character from U+0800 up is read through ToCharArray (allocates only then).
        /// Use it wherever characters are copied one by one out of text that may hold any Unicode.
        /// </summary>
        public static char At(string s, int i)
        {
            char c = s[i];
            return c < 0x800 ? c : s.ToCharArray()[i]; // not ToCharArray(i, 1): on the nanoCLR it gives U+0000 for a low surrogate
        }

        /// <summary>First index at or after <paramref name="p"/> (before <paramref name="end"/>) that is not a ' '.</summary>
        public static int SkipSpaces(string t, int p, int end)
        {
            while (p < end && t[p] == ' ')
            {
                p++;
            }

            return p;
        }

        /// <summary>True when <paramref name="s"/> is one or more ASCII digits and nothing else (no sign, no spaces).</summary>
        public static bool IsDigits(string s)
        {
            if (s == null || s.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><paramref name="end"/> moved back over trailing ' ' (not before <paramref name="start"/>).</summary>
        public static int TrimEnd(string t, int start, int end)
        {
            while (end > start && t[end - 1] == ' ')
            {
                end--;
            }

            return end;
        }

        /// <summary>Index of <paramref name="c"/> in t[start, end), or -1.</summary>
        public static int IndexOf(string t, int start, int end, char c)
        {
            for (int i = start; i < end; i++)
            {
                if (t[i] == c)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Value of a hexadecimal digit (0-9, a-f, A-F), or -1.</summary>
        public static int HexValue(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            if (c >= 'a' && c <= 'f')
            {
                return c - 'a' + 10;
            }

            if (c >= 'A' && c <= 'F')
            {
                return c - 'A' + 10;
            }

            return -1;
        }

        /// <summary>True when <paramref name="text"/> contains <paramref name="lowerWord"/> (ASCII letters compared without case; the word must be lower case).</summary>
        public static bool ContainsIgnoreCase(string text, string lowerWord)
        {
            for (int i = 0; i + lowerWord.Length <= text.Length; i++)
            {
                int j = 0;
                while (j < lowerWord.Length && ToLowerAscii(text[i + j]) == lowerWord[j])
                {
                    j++;
                }

                if (j == lowerWord.Length)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Lower-cases A-Z; every other character is returned unchanged.</summary>
        public static char ToLowerAscii(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        /// <summary>
        /// True when a command line or topic names a password command (MqttPassword, Password1..4):
        /// its value must never reach a log line.
        /// </summary>
        public static bool MentionsPassword(string text)
        {
            return ContainsIgnoreCase(text, "password");
        }
    }
}
