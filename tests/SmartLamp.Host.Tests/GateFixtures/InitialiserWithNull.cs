namespace GateFixture
{
    // NANO002: the compiler does not store a null element of an initialiser, so slot 1 is never assigned.
    public static class InitialiserWithNull
    {
        public static string[] Make()
        {
            return new string[] { "a", null, "c" };
        }
    }
}
