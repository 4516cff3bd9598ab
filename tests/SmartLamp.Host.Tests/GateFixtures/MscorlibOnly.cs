// Gate fixture: must be ACCEPTED (positive control: plain mscorlib 1.x code, ArrayList, named delegate,
// timer, string switch). Proves the rejections above come from the fixtures, not from a broken gate.
using System.Collections;

namespace GateFixture
{
    public delegate void ChangedHandler(int mask);

    public static class MscorlibOnly
    {
        public static event ChangedHandler Changed;

        public static int Run(string word)
        {
            ArrayList list = new ArrayList();
            list.Add(word);
            int n;
            switch (word)
            {
                case "on": n = 1; break;
                case "off": n = 0; break;
                default: n = int.Parse("2"); break;
            }

            ChangedHandler h = Changed;
            if (h != null)
            {
                h(n);
            }

            return list.Count + n;
        }
    }
}
