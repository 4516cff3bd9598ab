using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// Log that writes every line to the log port and, as "TAG: text", to the serial console, so a
    /// console user sees what Tasmota's console shows (MQT:/RSL:/CMD: lines). Used by DeviceApp only
    /// when the board has a serial line; the serial adapter must then not echo the log port itself.
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly ILog _inner;
        private readonly ISerialLine _serial;

        /// <summary>Creates the tee.</summary>
        public ConsoleLog(ILog inner, ISerialLine serial)
        {
            _inner = inner;
            _serial = serial;
        }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            if (_inner != null)
            {
                _inner.Write(tag, a, b, c);
            }

            _serial.WriteLine(tag + ": " + a + b + c);
        }
    }
}
