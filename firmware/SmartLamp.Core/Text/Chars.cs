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

        /// <summary>
        /// THE white space of the core: every character up to ' ', that is C's isspace (which Tasmota's
        /// command parser uses: space, tab, CR, LF, VT, FF) and the other control characters too, so a
        /// stray control byte from a terminal or a client never becomes part of a value. Commands,
        /// numbers, on/off words, rules, settings files and HTTP headers all skip and trim exactly these.
        /// </summary>
        public static bool IsSpace(char c)
        {
            return c <= ' ';
        }

        /// <summary>First index at or after <paramref name="p"/> (before <paramref name="end"/>) that is not white space (<see cref="IsSpace"/>).</summary>
        public static int SkipSpaces(string t, int p, int end)
        {
            while (p < end && IsSpace(t[p]))
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

        /// <summary><paramref name="end"/> moved back over trailing white space (<see cref="IsSpace"/>; not before <paramref name="start"/>).</summary>
        public static int TrimEnd(string t, int start, int end)
        {
            while (end > start && IsSpace(t[end - 1]))
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
                if (EqualsIgnoreCase(text, i, i + lowerWord.Length, lowerWord, 0, lowerWord.Length))
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

        /// <summary>a[aStart, aEnd) equals b[bStart, bEnd) without ASCII case: the one case-insensitive compare of the core.</summary>
        public static bool EqualsIgnoreCase(string a, int aStart, int aEnd, string b, int bStart, int bEnd)
        {
            if (aEnd - aStart != bEnd - bStart)
            {
                return false;
            }

            for (int i = 0; i < aEnd - aStart; i++)
            {
                if (ToLowerAscii(a[aStart + i]) != ToLowerAscii(b[bStart + i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when a command line or topic names a password command (MqttPassword, Password1..4):
        /// its value must never reach a log line.
        /// </summary>
        public static bool MentionsPassword(string text)
        {
            return ContainsIgnoreCase(text, "password");
        }

        /// <summary>Tasmota's MakeValidMqtt: '+', '#' and ' ' become '_' (<paramref name="delete"/> false) or are removed (true); the same instance when there is none.</summary>
        public static string MakeValidMqtt(string value, bool delete)
        {
            if (value == null)
            {
                return string.Empty;
            }

            int bad = 0;
            for (int i = 0; i < value.Length; i++)
            {
                if (IsMqttWildcardOrSpace(value[i]))
                {
                    bad++;
                }
            }

            if (bad == 0)
            {
                return value;
            }

            char[] chars = new char[delete ? value.Length - bad : value.Length];
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!IsMqttWildcardOrSpace(c))
                {
                    chars[n++] = c;
                }
                else if (!delete)
                {
                    chars[n++] = '_';
                }
            }

            return new string(chars, 0, n);
        }

        private static bool IsMqttWildcardOrSpace(char c)
        {
            return c == '+' || c == '#' || c == ' ';
        }

        /// <summary>What a lone surrogate is replaced with (U+FFFD REPLACEMENT CHARACTER).</summary>
        public const char Replacement = (char)0xFFFD;

        /// <summary>
        /// True when <paramref name="s"/> may be put into an MQTT topic, client id or text setting: it
        /// encodes to UTF-8 (no lone surrogate) and holds none of the code points MQTT brokers refuse
        /// (mosquitto drops the connection): controls U+0000..U+001F and U+007F..U+009F, the
        /// non-characters U+FDD0..U+FDEF and U+xxFFFE/U+xxFFFF in every plane. null is not valid.
        /// Surrogates are read through ToCharArray (the nanoCLR string indexer cannot tell halves apart).
        /// </summary>
        public static bool IsMqttText(string s)
        {
            if (s == null)
            {
                return false;
            }

            // Printable ASCII (most topics) is decided here without allocating: below U+0080 the
            // indexer is exact. Anything else is judged on ToCharArray().
            int i = 0;
            for (; i < s.Length; i++)
            {
                char c = s[i];
                if (c < ' ')
                {
                    return false;
                }

                if (c >= (char)0x7F)
                {
                    break;
                }
            }

            return i == s.Length || IsMqttText(s.ToCharArray());
        }

        private static bool IsMqttText(char[] chars)
        {
            bool surrogates = false;
            for (int i = 0; i < chars.Length; i++)
            {
                char c = chars[i];
                if (c < ' ' || (c >= (char)0x7F && c <= (char)0x9F) || (c >= (char)0xFDD0 && c <= (char)0xFDEF) || c >= (char)0xFFFE)
                {
                    return false;
                }

                if (c >= (char)0xD800 && c <= (char)0xDFFF)
                {
                    surrogates = true;
                }
            }

            return !surrogates || PairsValid(chars, true);
        }

        /// <summary>True when <paramref name="s"/> has no lone surrogate (it encodes to UTF-8 as it is); null counts as valid.</summary>
        public static bool IsWellFormed(string s)
        {
            return s == null || IsAscii(s) || PairsValid(s.ToCharArray(), false);
        }

        /// <summary><paramref name="s"/> with every lone surrogate replaced by U+FFFD (the same instance when there is none).</summary>
        public static string RepairSurrogates(string s)
        {
            if (IsWellFormed(s))
            {
                return s;
            }

            char[] chars = s.ToCharArray();
            RepairSurrogates(chars, chars.Length);
            return new string(chars);
        }

        /// <summary>Replaces every lone surrogate in chars[0, length) by U+FFFD; returns how many were replaced.</summary>
        public static int RepairSurrogates(char[] chars, int length)
        {
            int repaired = 0;
            for (int i = 0; i < length; i++)
            {
                char c = chars[i];
                if (c < (char)0xD800 || c > (char)0xDFFF)
                {
                    continue;
                }

                if (c <= (char)0xDBFF && i + 1 < length && chars[i + 1] >= (char)0xDC00 && chars[i + 1] <= (char)0xDFFF)
                {
                    i++; // a valid pair
                    continue;
                }

                chars[i] = Replacement;
                repaired++;
            }

            return repaired;
        }

        private static bool IsAscii(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] >= (char)0x80)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when every surrogate in <paramref name="c"/> is part of a pair (and, with <paramref name="noNonCharacters"/>, no pair encodes U+xxFFFE/U+xxFFFF).</summary>
        private static bool PairsValid(char[] c, bool noNonCharacters)
        {
            for (int i = 0; i < c.Length; i++)
            {
                char h = c[i];
                if (h < (char)0xD800 || h > (char)0xDFFF)
                {
                    continue;
                }

                if (h > (char)0xDBFF || i + 1 >= c.Length || c[i + 1] < (char)0xDC00 || c[i + 1] > (char)0xDFFF)
                {
                    return false;
                }

                int cp = 0x10000 + ((h - 0xD800) << 10) + (c[i + 1] - 0xDC00);
                if (noNonCharacters && (cp & 0xFFFE) == 0xFFFE)
                {
                    return false;
                }

                i++;
            }

            return true;
        }
    }
}
