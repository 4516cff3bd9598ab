// Gate fixture: must be REJECTED by the IL scan (a generic class crashes the 1.x runtime at load).
namespace GateFixture
{
    public sealed class Box<T>
    {
        public T Value;
    }

    public static class UsesBox
    {
        public static int Get()
        {
            Box<int> b = new Box<int>();
            b.Value = 3;
            return b.Value;
        }
    }
}
