namespace SmartLamp.Core.Boards
{
    /// <summary>One GPIO of a board profile with its polarity.</summary>
    public sealed class PinConfig
    {
        /// <summary>Creates a pin entry.</summary>
        public PinConfig(int pin, bool activeLow)
        {
            Pin = pin;
            ActiveLow = activeLow;
        }

        /// <summary>ESP32 GPIO number.</summary>
        public int Pin { get; }

        /// <summary>True when the function is active at a low level (inverted relay, LED to VCC, button to GND).</summary>
        public bool ActiveLow { get; }

        /// <summary>Electrical level for the logical state <paramref name="active"/>.</summary>
        public bool LevelFor(bool active)
        {
            return active != ActiveLow;
        }
    }
}
