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
    }
}
