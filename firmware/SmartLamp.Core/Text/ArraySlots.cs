namespace SmartLamp.Core.Text
{
    /// <summary>
    /// The one way to create a reference-type array whose slots are not all set by an initialiser. On the
    /// nanoCLR a slot of <c>new string[n]</c> that was never assigned is not a real null: <c>slot == null</c>
    /// is false and comparing it with a string crashes the runtime. These helpers store null in every slot,
    /// which makes it a real null. The build gate (NANO002, tools/SmartLamp.NanoGate) rejects any other
    /// <c>new T[n]</c> of a reference type except <c>new T[0]</c> and initialisers that set every slot.
    /// </summary>
    public static class ArraySlots
    {
        /// <summary>A string array of <paramref name="length"/> real nulls.</summary>
        public static string[] Strings(int length)
        {
            return (string[])Nulls(new string[length]);
        }

        /// <summary>
        /// Stores null in every slot of <paramref name="array"/> and returns it; pass the new array straight
        /// in: <c>(Foo[])ArraySlots.Nulls(new Foo[n])</c>.
        /// </summary>
        public static object[] Nulls(object[] array)
        {
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = null;
            }

            return array;
        }
    }
}
