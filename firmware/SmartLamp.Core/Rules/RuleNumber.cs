using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Numbers for the rule toolkit without double.Parse/ToString (their formats differ on the nanoCLR):
    /// <see cref="Parse"/> reads a leading decimal number as Tasmota's CharToFloat does (anything else
    /// is 0), <see cref="Format"/> writes a fixed number of decimals as Tasmota's dtostrfd does
    /// (rounded half away from zero, "-" only when the rounded value is not zero).
    /// </summary>
    public static class RuleNumber
    {
        /// <summary>Most decimals (CalcRes 7).</summary>
        public const int MaxDecimals = 7;

        // Past this a value no longer fits the long the formatter works on.
        private const double Limit = 9.0E18;

        /// <summary>The leading number of <paramref name="s"/> ("12.5abc" = 12.5, "  -3" = -3, "x" = 0).</summary>
        public static double Parse(string s)
        {
            return s == null ? 0 : Parse(s, 0, s.Length);
        }

        /// <summary>Reads a number the way Tasmota's CharToFloat does from s[start..end): spaces, optional sign, digits, '.', digits; anything after is ignored; no number is 0.</summary>
        public static double Parse(string s, int start, int end)
        {
            int i = Chars.SkipSpaces(s, start, end);
            bool negative = false;
            if (i < end && (s[i] == '-' || s[i] == '+'))
            {
                negative = s[i] == '-';
                i++;
            }

            double value = 0;
            while (i < end && s[i] >= '0' && s[i] <= '9')
            {
                value = (value * 10) + (s[i] - '0');
                i++;
            }

            if (i < end && s[i] == '.')
            {
                i++;
                double scale = 0.1;
                while (i < end && s[i] >= '0' && s[i] <= '9')
                {
                    value += (s[i] - '0') * scale;
                    scale /= 10;
                    i++;
                }
            }

            return negative ? -value : value;
        }

        /// <summary>
        /// <paramref name="value"/> with exactly <paramref name="decimals"/> (0..7) decimals: 2.25 with 1 is
        /// "2.3", -0.04 with 1 is "0.0", 10 with 0 is "10". NaN is "nan"; beyond ±9e18 scaled, "inf"/"-inf".
        /// </summary>
        public static string Format(double value, int decimals)
        {
            if (decimals < 0)
            {
                decimals = 0;
            }
            else if (decimals > MaxDecimals)
            {
                decimals = MaxDecimals;
            }

            double copy = value;
            if (copy != value)
            {
                // only NaN differs from itself
                return "nan";
            }

            long pow = 1;
            for (int i = 0; i < decimals; i++)
            {
                pow *= 10;
            }

            bool negative = value < 0;
            double scaled = (negative ? -value : value) * pow;
            if (scaled >= Limit)
            {
                return negative ? "-inf" : "inf";
            }

            // Round half away from zero; the small nudge keeps 2.675 (stored as 2.67499..) at 2.68 the way
            // a decimal reader expects.
            long r = (long)(scaled + 0.5 + (scaled * 1e-15));
            long whole = r / pow;
            long frac = r % pow;

            char[] digits = new char[24 + decimals];
            int p = digits.Length;
            for (int i = 0; i < decimals; i++)
            {
                digits[--p] = (char)('0' + (int)(frac % 10));
                frac /= 10;
            }

            if (decimals > 0)
            {
                digits[--p] = '.';
            }

            do
            {
                digits[--p] = (char)('0' + (int)(whole % 10));
                whole /= 10;
            }
            while (whole > 0);

            if (negative && r != 0)
            {
                digits[--p] = '-';
            }

            return new string(digits, p, digits.Length - p);
        }
    }
}
