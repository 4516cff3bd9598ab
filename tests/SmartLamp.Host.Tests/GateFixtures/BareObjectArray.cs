namespace GateFixture
{
    public sealed class Item
    {
    }

    // NANO002 for any reference type, with a constant length too.
    public static class BareObjectArray
    {
        public static Item[] Make()
        {
            return new Item[4];
        }
    }
}
