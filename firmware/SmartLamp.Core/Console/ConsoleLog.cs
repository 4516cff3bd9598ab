using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// Log that writes every line to the log port and, as "HH:MM:SS.mmm TAG: text", to the serial
    /// console, so a console user sees what Tasmota's serial console shows (Tasmota prefixes every
    /// serial log line with its clock time, e.g. "00:00:05.123 MQT: stat/x/RESULT = {...}"; before the
    /// time is known that is the time since boot). Used by DeviceApp only when the board has a serial
    /// line; the serial adapter must then not echo the log port itself.
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly ILog _inner;
        private readonly ISerialLine _serial;
        private readonly IClock _clock;
        private readonly TextBuffer _text = new TextBuffer(128);

        /// <summary>Creates the tee without time stamps.</summary>
        public ConsoleLog(ILog inner, ISerialLine serial)
            : this(inner, serial, null)
        {
        }

        /// <summary>Creates the tee; serial lines carry the time of <paramref name="clock"/> (null: no time stamp).</summary>
        public ConsoleLog(ILog inner, ISerialLine serial, IClock clock)
        {
            _inner = inner;
            _serial = serial;
            _clock = clock;
        }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            if (_inner != null)
            {
                _inner.Write(tag, a, b, c);
            }

            string line;
            lock (_text)
            {
                _text.Clear();
                if (_clock != null)
                {
                    AppendTime(_text, _clock.UtcNow);
                    _text.Append(' ');
                }

                _text.Append(tag).Append(": ").Append(a).Append(b).Append(c);
                line = _text.ToString();
            }

            _serial.WriteLine(line);
        }

        /// <summary>Appends "HH:MM:SS.mmm" (time of day of <paramref name="time"/>).</summary>
        public static void AppendTime(TextBuffer text, System.DateTime time)
        {
            text.AppendTwoDigits(time.Hour).Append(':').AppendTwoDigits(time.Minute).Append(':').AppendTwoDigits(time.Second).Append('.');
            int ms = time.Millisecond;
            text.Append((char)('0' + (ms / 100))).AppendTwoDigits(ms % 100);
        }
    }
}
