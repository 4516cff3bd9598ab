using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Boards
{
    /// <summary>One input (push button or wall-switch terminal) of a board profile.</summary>
    public sealed class ButtonConfig
    {
        /// <summary>Creates a button entry.</summary>
        public ButtonConfig(int pin, bool activeLow, PinPull pull)
        {
            Pin = pin;
            ActiveLow = activeLow;
            Pull = pull;
        }

        /// <summary>ESP32 GPIO number.</summary>
        public int Pin { get; }

        /// <summary>True when the input reads low while pressed/closed (button to GND with a pull-up).</summary>
        public bool ActiveLow { get; }

        /// <summary>Internal bias to enable when the pin is opened.</summary>
        public PinPull Pull { get; }

        /// <summary>True when the electrical <paramref name="level"/> means pressed/closed.</summary>
        public bool IsPressed(bool level)
        {
            return level != ActiveLow;
        }
    }
}
