// Gate fixture: must be REJECTED (StringBuilder lives in nanoFramework.System.Text, not in mscorlib).
namespace GateFixture
{
    public static class UsesStringBuilder
    {
        public static string Make()
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append("on");
            return sb.ToString();
        }
    }
}
