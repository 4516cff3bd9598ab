// Gate fixture: must be REJECTED by the IL scan. mscorlib 1.17.11 declares Action<T>, so this
// compiles, but the 1.x runtime cannot run a generic instantiation.
namespace GateFixture
{
    public static class UsesGenericDelegate
    {
        public static void Run()
        {
            System.Action<int> handler = value => { };
            handler(1);
        }
    }
}
