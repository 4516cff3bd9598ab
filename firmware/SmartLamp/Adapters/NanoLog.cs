// Written against nanoFramework.CoreLibrary 1.17.11.
using System;
using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ILog"/> for the device. Every line goes to Console (the Visual Studio output window over
    /// the debugger wire protocol; Debug.WriteLine would vanish in Release builds) as
    /// "HH:MM:SS.mmm TAG: text" (UTC until SNTP sets the clock) and, when <see cref="Serial"/> is set, to
    /// the serial console in the same shape (Tasmota's serial log format). The core's
    /// <see cref="LogLine"/> formats the line into a reused buffer; this adapter only writes it out (one
    /// string per line, because Console and the serial line take strings). Never throws.
    /// </summary>
    /// <remarks>
    /// Program.cs uses two instances: one with the serial line for the adapters and for boot messages,
    /// and one without it as DevicePorts.Log. DeviceApp's ConsoleLog formats the core's lines once, with
    /// the time, and hands them to this log's <see cref="ILogOutput"/> side (a serial-writing
    /// DevicePorts.Log would print core lines twice).
    /// </remarks>
    public sealed class NanoLog : ILog, ILogOutput
    {
        private readonly LogLine _line = new LogLine();
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
                lock (_line)
                {
                    _line.Format(true, DateTime.UtcNow, tag, a, b, c);
                    WriteLine(_line.Chars, _line.Length);
                }
            }
            catch (Exception)
            {
                // Logging must never take the caller down.
            }
        }

        /// <inheritdoc />
        public void WriteLine(char[] line, int length)
        {
            try
            {
                string text = new string(line, 0, length);
                ISerialLine serial = _serial;
                if (serial != null)
                {
                    serial.WriteLine(text);
                }

                Console.WriteLine(text);
            }
            catch (Exception)
            {
                // Logging must never take the caller down.
            }
        }
    }
}
