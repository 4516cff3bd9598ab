using System;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ILog"/> for the device: "HH:MM:SS.mmm TAG: text" (Tasmota console style, UTC until SNTP
    /// sets the clock) to the serial console when there is one, and to Console (the Visual Studio output
    /// window over the debugger wire protocol; Debug.WriteLine would vanish in Release builds).
    /// Never throws.
    /// </summary>
    public sealed class NanoLog : ILog
    {
        private ISerialLine _serial;

        /// <summary>Creates the log; <paramref name="serial"/> may be null (no console pins on the board).</summary>
        public NanoLog(ISerialLine serial)
        {
            _serial = serial;
        }

        /// <summary>The serial console the log writes to (null = none). Set once the port is open.</summary>
        public ISerialLine Serial
        {
            get { return _serial; }
            set { _serial = value; }
        }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            try
            {
                DateTime now = DateTime.UtcNow;
                string line = now.Hour.ToString("D2") + ":" + now.Minute.ToString("D2") + ":" + now.Second.ToString("D2") + "."
                    + now.Millisecond.ToString("D3") + " " + tag + ": " + (a == null ? string.Empty : a)
                    + (b == null ? string.Empty : b) + (c == null ? string.Empty : c);
                ISerialLine serial = _serial;
                if (serial != null)
                {
                    serial.WriteLine(line);
                }

                Console.WriteLine(line);
            }
            catch (Exception)
            {
                // Logging must never take the caller down.
            }
        }
    }
}
