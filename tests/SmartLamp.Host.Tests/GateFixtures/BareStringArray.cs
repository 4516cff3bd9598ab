namespace GateFixture
{
    // NANO002: on the nanoCLR the slots of new string[n] are not real nulls until assigned.
    public static class BareStringArray
    {
        public static bool FirstIsEmpty(int n)
        {
            string[] names = new string[n];
            return names[0] == null;
        }
    }
}
