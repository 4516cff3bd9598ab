// Written against nanoFramework.CoreLibrary 1.17.11.
using System;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ILog"/> for the device. Every line goes to Console (the Visual Studio output window over
    /// the debugger wire protocol; Debug.WriteLine would vanish in Release builds) as
    /// "HH:MM:SS.mmm TAG: text" (UTC until SNTP sets the clock) and, when <see cref="Serial"/> is set, to
    /// the serial console in the same shape (Tasmota's serial log format, as the core's ConsoleLog, which
    /// tees the core's own lines to the console). Never throws.
    /// </summary>
    /// <remarks>
    /// Program.cs uses two instances: one with the serial line for the adapters and for boot messages,
    /// and one without it as DevicePorts.Log, because DeviceApp already copies every core log line to
    /// the serial console (a serial-writing DevicePorts.Log would print core lines twice).
    /// </remarks>
    public sealed class NanoLog : ILog
    {
        private ISerialLine _serial;

        /// <summary>Creates the log; <paramref name="serial"/> may be null (console output only).</summary>
        public NanoLog(ISerialLine serial)
        {
            _serial = serial;
        }

        /// <summary>The serial console the log also writes to (null = none). Set once the port is open.</summary>
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
                string text = tag + ": " + (a == null ? string.Empty : a) + (b == null ? string.Empty : b) + (c == null ? string.Empty : c);
                DateTime now = DateTime.UtcNow;
                string line = now.Hour.ToString("D2") + ":" + now.Minute.ToString("D2") + ":" + now.Second.ToString("D2") + "."
                    + now.Millisecond.ToString("D3") + " " + text;
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
