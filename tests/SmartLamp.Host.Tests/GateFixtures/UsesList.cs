// Gate fixture: must be REJECTED (System.Collections.Generic does not exist in nanoFramework mscorlib 1.17.11).
using System.Collections.Generic;

namespace GateFixture
{
    public static class UsesList
    {
        public static int Count()
        {
            List<int> items = new List<int>();
            items.Add(1);
            return items.Count;
        }
    }
}
