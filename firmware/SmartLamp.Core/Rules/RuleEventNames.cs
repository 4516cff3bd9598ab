namespace SmartLamp.Core.Rules
{
    /// <summary>Cached trigger names (Power1#State, Button1#State) and small number texts, so raising an event builds no string.</summary>
    public sealed partial class RulesEngine
    {
        private static readonly string[] PowerNames = new string[] { "Power1", "Power2", "Power3", "Power4", "Power5", "Power6", "Power7", "Power8" };
        private static readonly string[] ButtonNames = new string[] { "Button1", "Button2", "Button3", "Button4", "Button5", "Button6", "Button7", "Button8" };
        private static readonly string[] SmallNumbers = new string[] { "0", "1", "2", "3" };

        /// <summary>"Power1".."Power8" without allocating (any other index: "Power8").</summary>
        private static string PowerName(int i)
        {
            return PowerNames[i >= 0 && i < 8 ? i : 7];
        }

        /// <summary>"Button1".."Button8" without allocating (any other index: "Button8").</summary>
        private static string ButtonName(int i)
        {
            return ButtonNames[i >= 0 && i < 8 ? i : 7];
        }

        private static string Bit(int mask, int i)
        {
            return (mask & (1 << i)) != 0 ? "1" : "0";
        }

        private static string Number(int v)
        {
            return v >= 0 && v < 4 ? SmallNumbers[v] : v.ToString();
        }
    }
}
