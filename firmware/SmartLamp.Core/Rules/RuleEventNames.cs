using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>Cached trigger names (Power1#State, Button1#State) and small number texts, so raising an event builds no string.</summary>
    public sealed partial class RulesEngine
    {
        /// <summary>"Power1".."Power8" without allocating.</summary>
        private static string PowerName(int i)
        {
            switch (i)
            {
                case 0:
                    return "Power1";
                case 1:
                    return "Power2";
                case 2:
                    return "Power3";
                case 3:
                    return "Power4";
                case 4:
                    return "Power5";
                case 5:
                    return "Power6";
                case 6:
                    return "Power7";
                default:
                    return "Power8";
            }
        }

        /// <summary>"Button1".."Button8" without allocating.</summary>
        private static string ButtonName(int i)
        {
            switch (i)
            {
                case 0:
                    return "Button1";
                case 1:
                    return "Button2";
                case 2:
                    return "Button3";
                case 3:
                    return "Button4";
                case 4:
                    return "Button5";
                case 5:
                    return "Button6";
                case 6:
                    return "Button7";
                default:
                    return "Button8";
            }
        }

        private static string Bit(int mask, int i)
        {
            return (mask & (1 << i)) != 0 ? "1" : "0";
        }

        private static string Number(int v)
        {
            switch (v)
            {
                case 0:
                    return "0";
                case 1:
                    return "1";
                case 2:
                    return "2";
                case 3:
                    return "3";
                default:
                    return v.ToString();
            }
        }
    }
}
