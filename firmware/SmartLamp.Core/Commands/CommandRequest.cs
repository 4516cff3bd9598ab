namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// One parsed command. A single instance is reused for every command (no allocation per
    /// command); handlers must not keep a reference to it.
    /// </summary>
    public sealed class CommandRequest
    {
        /// <summary>Canonical upper-case command name from the command table, e.g. "POWER".</summary>
        public string Name;

        /// <summary>
        /// Which of its handler's names was called: the position of <see cref="Name"/> in the table the
        /// handler was registered with (<see cref="CommandDispatcher.Register"/>), for its switch.
        /// </summary>
        public int Command;

        /// <summary>Trailing index ("Power2" = 2); 1 when <see cref="HasIndex"/> is false, as in Tasmota.</summary>
        public int Index;

        /// <summary>True when the command carried digits after its name (so "Power1" differs from "Power").</summary>
        public bool HasIndex;

        /// <summary>Parameter with leading/trailing spaces removed; "" for a query (an empty payload or "?").</summary>
        public string Payload;

        /// <summary>Where the command came from.</summary>
        public CommandSource Source;

        /// <summary>True when the payload is empty, i.e. the command is a query.</summary>
        public bool IsQuery
        {
            get { return Payload == null || Payload.Length == 0; }
        }
    }
}
