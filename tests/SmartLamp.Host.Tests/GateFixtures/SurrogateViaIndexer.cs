namespace GateFixture
{
    // NANO003: on the nanoCLR s[i + 1] of a surrogate pair returns the high surrogate again.
    public static class SurrogateViaIndexer
    {
        public static int CodePoints(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] >= 0xD800 && s[i] <= 0xDBFF && i + 1 < s.Length)
                {
                    i++;
                }

                n++;
            }

            return n;
        }
    }
}
