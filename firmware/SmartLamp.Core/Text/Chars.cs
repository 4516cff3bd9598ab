namespace SmartLamp.Core.Text
{
    /// <summary>Character classification shared by the parsers (no culture, no allocation).</summary>
    public static class Chars
    {
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
