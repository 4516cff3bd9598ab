namespace SmartLamp.Core.Boards
{
    /// <summary>
    /// The GPIO wiring of one device model: relays, inputs, indicator LEDs and the pins of the
    /// app-level serial console (COM2). Built by <see cref="BoardProfileParser"/> from a
    /// hardware/&lt;name&gt;.json file (format: hardware/README.md). Immutable; the arrays are the
    /// parser's own copies and must not be modified by callers.
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>Pin number meaning "not connected" (serial pins).</summary>
        public const int NoPin = -1;

        /// <summary>Creates a profile without switch inputs; null arrays become empty arrays. Does not validate (the parser does).</summary>
        public BoardProfile(string name, string description, PinConfig[] relays, ButtonConfig[] buttons, PinConfig[] leds, int serialTx, int serialRx, string[] sources)
            : this(name, description, relays, buttons, null, leds, serialTx, serialRx, sources)
        {
        }

        /// <summary>Creates a profile; null arrays become empty arrays. Does not validate (the parser does).</summary>
        public BoardProfile(string name, string description, PinConfig[] relays, ButtonConfig[] buttons, ButtonConfig[] switches, PinConfig[] leds, int serialTx, int serialRx, string[] sources)
        {
            Switches = switches == null ? new ButtonConfig[0] : switches;
            Name = name;
            Description = description == null ? string.Empty : description;
            Relays = relays == null ? new PinConfig[0] : relays;
            Buttons = buttons == null ? new ButtonConfig[0] : buttons;
            Leds = leds == null ? new PinConfig[0] : leds;
            SerialTx = serialTx;
            SerialRx = serialRx;
            Sources = sources == null ? new string[0] : sources;
        }

        /// <summary>Profile name, e.g. "sonoff-mini-r4" (same as the file name without .json).</summary>
        public string Name { get; }

        /// <summary>Human-readable description ("" when absent).</summary>
        public string Description { get; }

        /// <summary>Relay outputs, 1..8; index 0 is Tasmota's Power1.</summary>
        public PinConfig[] Relays { get; }

        /// <summary>Push-button inputs, 0..8; index 0 is Button1.</summary>
        public ButtonConfig[] Buttons { get; }

        /// <summary>
        /// Wall-switch terminals (Tasmota's Switch1..8), 0..8; index 0 is Switch1. "Pressed" in the
        /// entry means the contact is closed.
        /// </summary>
        public ButtonConfig[] Switches { get; }

        /// <summary>Indicator LEDs, 0..8; index 0 is the status (link) LED.</summary>
        public PinConfig[] Leds { get; }

        /// <summary>COM2 TX pin of the serial console, or <see cref="NoPin"/>.</summary>
        public int SerialTx { get; }

        /// <summary>COM2 RX pin of the serial console, or <see cref="NoPin"/>.</summary>
        public int SerialRx { get; }

        /// <summary>True when the board has pins for the serial console.</summary>
        public bool HasSerial
        {
            get { return SerialTx != NoPin && SerialRx != NoPin; }
        }

        /// <summary>Public references (URLs) the pin assignment was taken from.</summary>
        public string[] Sources { get; }
    }
}
