namespace SmartLamp.Core.Text
{
    // The same helper the core has (firmware/SmartLamp.Core/Text/ArraySlots.cs): the gate accepts a new
    // array passed straight to SmartLamp.Core.Text.ArraySlots.Nulls.
    public static class ArraySlots
    {
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

namespace GateFixture
{
    using SmartLamp.Core.Text;

    // What the trap gates accept: empty arrays, initialisers that set every slot, arrays passed straight to
    // ArraySlots.Nulls, surrogates tested on ToCharArray(), U+0000 built at run time.
    public static class TrapFreeArrays
    {
        public static int Run(int n, string s)
        {
            string[] none = new string[0];
            string[] full = new string[] { "a", s + "b", n.ToString(), "d", "e" };
            string[] nulls = (string[])ArraySlots.Nulls(new string[n]);
            char[] chars = s.ToCharArray();
            int pairs = 0;
            for (int i = 0; i + 1 < chars.Length; i++)
            {
                if (chars[i] >= 0xD800 && chars[i] <= 0xDBFF && chars[i + 1] >= 0xDC00 && chars[i + 1] <= 0xDFFF)
                {
                    pairs++;
                }
            }

            string nul = new string((char)0, 1);
            return none.Length + full.Length + nulls.Length + pairs + nul.Length + s.Length;
        }
    }
}
