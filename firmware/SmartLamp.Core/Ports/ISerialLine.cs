namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// The serial console (COM2 on the device, stdin/stdout in the simulator). Input arrives as
    /// whole lines without the line terminator; output is written a line at a time.
    /// </summary>
    public interface ISerialLine
    {
        /// <summary>Sets the listener that receives input lines.</summary>
        void Attach(ISerialLineListener listener);

        /// <summary>Writes one line (the adapter adds the terminator).</summary>
        void WriteLine(string line);
    }

    /// <summary>Receives serial console input.</summary>
    public interface ISerialLineListener
    {
        /// <summary>One input line, without terminator.</summary>
        void OnSerialLine(string line);
    }
}
