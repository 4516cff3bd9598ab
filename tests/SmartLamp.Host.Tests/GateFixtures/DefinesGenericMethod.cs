// Gate fixture: must be REJECTED by the IL scan (generic methods return garbage on the 1.x runtime).
namespace GateFixture
{
    public static class DefinesGenericMethod
    {
        public static T FirstOr<T>(T[] items, T fallback)
        {
            return items.Length > 0 ? items[0] : fallback;
        }
    }
}
