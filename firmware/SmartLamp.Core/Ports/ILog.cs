namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Log output (serial console on the device, stdout in the simulator). Lines are Tasmota-style:
    /// a three-letter source tag and a message, e.g. ("MQT", "tele/x/LWT = Online (retained)").
    /// Passing the pieces lets adapters print without the core concatenating strings.
    /// </summary>
    public interface ILog
    {
        /// <summary>Writes one log line: <paramref name="tag"/>: <paramref name="a"/><paramref name="b"/><paramref name="c"/> (null parts are skipped).</summary>
        void Write(string tag, string a, string b, string c);
    }

    /// <summary>
    /// The end of the log path an adapter implements: one line the core has already formatted
    /// (Console.LogLine) in a buffer it reuses for the next line. Copy what must outlive the call.
    /// </summary>
    public interface ILogOutput
    {
        /// <summary>Writes the first <paramref name="length"/> characters of <paramref name="line"/> as one line.</summary>
        void WriteLine(char[] line, int length);
    }
}
