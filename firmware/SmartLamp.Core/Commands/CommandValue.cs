using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Tasmota's payload value parsing (CommandHandler: strtol(data, 0) then GetStateNumber), without
    /// allocating: words OFF/FALSE/STOP/DOWN = 0, ON/TRUE/START = 1, TOGGLE = 2, BLINK = 3,
    /// BLINKOFF = 4 (case-insensitive, whole payload); otherwise the leading number as C's strtol with
    /// base 0 reads it (optional sign, decimal, 0x hex, leading-0 octal; trailing text ignored);
    /// otherwise <see cref="None"/> (-99, Tasmota's "no number").
    /// </summary>
    public static class CommandValue
    {
        /// <summary>No number and no known word (Tasmota's payload -99).</summary>
        public const int None = -99;

        /// <summary>Power state values.</summary>
        public const int Off = 0;

        /// <summary>On.</summary>
        public const int On = 1;

        /// <summary>Toggle.</summary>
        public const int Toggle = 2;

        /// <summary>Blink.</summary>
        public const int Blink = 3;

        /// <summary>Stop blinking.</summary>
        public const int BlinkOff = 4;

        /// <summary>The payload's value: a state word, a number, or <see cref="None"/>.</summary>
        public static int Parse(string payload)
        {
            int word = StateWord(payload);
            if (word >= 0)
            {
                return word;
            }

            int value;
            if (TryParseNumber(payload, out value))
            {
                return value;
            }

            return None;
        }

        // The state words and their values, tried in turn (a word of another length fails at the length check).
        private static readonly string[] Words = new string[] { "ON", "OFF", "TRUE", "STOP", "DOWN", "FALSE", "START", "BLINK", "TOGGLE", "BLINKOFF" };
        private static readonly int[] WordValues = new int[] { On, Off, On, Off, Off, Off, On, Blink, Toggle, BlinkOff };

        /// <summary>0..4 for a state word (whole text, case-insensitive), -1 otherwise.</summary>
        public static int StateWord(string s)
        {
            for (int i = 0; i < Words.Length; i++)
            {
                if (EqualsIgnoreCase(s, Words[i]))
                {
                    return WordValues[i];
                }
            }

            return -1;
        }

        /// <summary>
        /// Reads a leading number like C's strtol(s, &amp;end, 0): leading white space, optional sign,
        /// "0x"/"0X" hex, a leading "0" octal, else decimal; stops at the first other character.
        /// False when no digit was read. Out-of-range values saturate at int.MinValue/MaxValue.
        /// </summary>
        public static bool TryParseNumber(string s, out int value)
        {
            value = 0;
            if (s == null)
            {
                return false;
            }

            int i = 0;
            int n = s.Length;
            while (i < n && IsSpace(s[i]))
            {
                i++;
            }

            bool negative = false;
            if (i < n && (s[i] == '+' || s[i] == '-'))
            {
                negative = s[i] == '-';
                i++;
            }

            int radix = 10;
            bool sawDigit = false;
            if (i < n && s[i] == '0')
            {
                if (i + 2 < n && (s[i + 1] == 'x' || s[i + 1] == 'X') && Chars.HexValue(s[i + 2]) >= 0)
                {
                    radix = 16;
                    i += 2;
                }
                else
                {
                    radix = 8;
                    sawDigit = true;
                    i++;
                }
            }

            long acc = 0;
            while (i < n)
            {
                int d = Chars.HexValue(s[i]);
                if (d < 0 || d >= radix)
                {
                    break;
                }

                sawDigit = true;
                if (acc <= 0x80000000L)
                {
                    acc = (acc * radix) + d;
                }

                i++;
            }

            if (!sawDigit)
            {
                return false;
            }

            if (negative)
            {
                acc = -acc;
            }

            if (acc > int.MaxValue)
            {
                value = int.MaxValue;
            }
            else if (acc < int.MinValue)
            {
                value = int.MinValue;
            }
            else
            {
                value = (int)acc;
            }

            return true;
        }

        /// <summary>True when <paramref name="s"/> is exactly the single character <paramref name="c"/> (Tasmota's "0"/"1" shortcuts).</summary>
        public static bool IsChar(string s, char c)
        {
            return s != null && s.Length == 1 && s[0] == c;
        }

        /// <summary>ASCII case-insensitive equality of <paramref name="s"/> with an upper-case <paramref name="upper"/>.</summary>
        public static bool EqualsIgnoreCase(string s, string upper)
        {
            return s != null && upper != null && Chars.EqualsIgnoreCase(s, 0, s.Length, upper, 0, upper.Length);
        }

        /// <summary>True when <paramref name="s"/> starts with the upper-case ASCII <paramref name="upperPrefix"/>, ignoring case.</summary>
        public static bool StartsWithIgnoreCase(string s, int start, string upperPrefix)
        {
            return s != null && start >= 0 && s.Length - start >= upperPrefix.Length && Chars.EqualsIgnoreCase(s, start, start + upperPrefix.Length, upperPrefix, 0, upperPrefix.Length);
        }

        /// <summary>Upper-cases a-z only; every other character is returned unchanged.</summary>
        public static char ToUpperAscii(char c)
        {
            return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
        }

        /// <summary>The core's one white space, <see cref="Chars.IsSpace"/> (kept here for the dispatcher's callers).</summary>
        public static bool IsSpace(char c)
        {
            return Chars.IsSpace(c);
        }

        /// <summary>
        /// End of the Backlog item starting at <paramref name="start"/>: the index of the ';' that ends
        /// it, or the text's length. A ';' inside {...} (a JSON payload) does not end an item.
        /// </summary>
        public static int BacklogItemEnd(string text, int start)
        {
            int depth = 0;
            int end = start;
            while (end < text.Length)
            {
                char c = text[end];
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}')
                {
                    depth--;
                }
                else if (c == ';' && depth <= 0)
                {
                    break;
                }

                end++;
            }

            return end;
        }
    }
}
