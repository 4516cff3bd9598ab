namespace GateFixture
{
    // NANO004: the nano PE string table is NUL-terminated; this literal would read "on".
    public static class NulInLiteral
    {
        public static string Make()
        {
            return "on\u0000off";
        }
    }
}
