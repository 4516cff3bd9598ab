using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// Log that writes every line to the log port and, as "HH:MM:SS.mmm TAG: text", to the serial
    /// console, so a console user sees what Tasmota's serial console shows (Tasmota prefixes every
    /// serial log line with its clock time, e.g. "00:00:05.123 MQT: stat/x/RESULT = {...}"; before the
    /// time is known that is the time since boot). Used by DeviceApp only when the board has a serial
    /// line; the serial adapter must then not echo the log port itself. The line is formatted once: a
    /// log port that is also an <see cref="ILogOutput"/> gets the same formatted line (time included).
    /// </summary>
    public sealed class ConsoleLog : ILog
    {
        private readonly ILog _inner;
        private readonly ILogOutput _innerOutput;
        private readonly ISerialLine _serial;
        private readonly IClock _clock;
        private readonly LogLine _line = new LogLine();

        /// <summary>Creates the tee without time stamps.</summary>
        public ConsoleLog(ILog inner, ISerialLine serial)
            : this(inner, serial, null)
        {
        }

        /// <summary>Creates the tee; serial lines carry the time of <paramref name="clock"/> (null: no time stamp).</summary>
        public ConsoleLog(ILog inner, ISerialLine serial, IClock clock)
        {
            _inner = inner;
            _innerOutput = inner as ILogOutput;
            _serial = serial;
            _clock = clock;
        }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            if (_inner != null && _innerOutput == null)
            {
                _inner.Write(tag, a, b, c);
            }

            string line;
            lock (_line)
            {
                _line.Format(_clock != null, _clock != null ? _clock.UtcNow : System.DateTime.MinValue, tag, a, b, c);

                if (_innerOutput != null)
                {
                    _innerOutput.WriteLine(_line.Chars, _line.Length);
                }

                line = _line.ToString();
                _line.Release(); // a long line's buffer is not kept
            }

            _serial.WriteLine(line);
        }
    }

    /// <summary>
    /// The one place a log line is formatted: "[HH:MM:SS.mmm ]TAG: abc" into a character buffer that
    /// is reused for every line up to <see cref="KeptChars"/> characters (it starts at 128 and grows once),
    /// so writing such a line allocates nothing. A longer line (a discovery config, a long payload) is
    /// formatted whole into a buffer of its own, dropped at the next line or at <see cref="Release"/>:
    /// the buffer a log keeps is never the size of the longest line ever logged.
    /// Adapters write <see cref="Chars"/>[0..<see cref="Length"/>) out; not thread-safe (lock around it).
    /// </summary>
    public sealed class LogLine
    {
        /// <summary>The longest line formatted in the buffer that is kept between lines.</summary>
        public const int KeptChars = 256;

        private const int FirstChars = 128;
        private const int StampChars = 13; // "HH:MM:SS.mmm "

        private char[] _kept = new char[FirstChars];
        private char[] _chars;
        private int _length;

        /// <summary>Creates the formatter with its first reused buffer.</summary>
        public LogLine()
        {
            _chars = _kept;
        }

        /// <summary>The buffer (valid up to <see cref="Length"/>; reused by the next line).</summary>
        public char[] Chars
        {
            get { return _chars; }
        }

        /// <summary>Characters of the current line.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Formats one line; with <paramref name="stamp"/> it starts with the time of day of <paramref name="time"/>.</summary>
        public void Format(bool stamp, System.DateTime time, string tag, string a, string b, string c)
        {
            int n = (stamp ? StampChars : 0) + Len(tag) + 2 + Len(a) + Len(b) + Len(c);
            if (n > KeptChars)
            {
                _chars = new char[n]; // this line only
            }
            else
            {
                if (n > _kept.Length)
                {
                    _kept = new char[KeptChars];
                }

                _chars = _kept;
            }

            _length = 0;
            if (stamp)
            {
                Two(time.Hour);
                Put(':');
                Two(time.Minute);
                Put(':');
                Two(time.Second);
                Put('.');
                int ms = time.Millisecond;
                Put((char)('0' + (ms / 100)));
                Two(ms % 100);
                Put(' ');
            }

            Add(tag);
            Put(':');
            Put(' ');
            Add(a);
            Add(b);
            Add(c);
        }

        /// <summary>The line has been written out: drops the buffer of a line longer than <see cref="KeptChars"/> (the line is empty after).</summary>
        public void Release()
        {
            _chars = _kept;
            _length = 0;
        }

        /// <summary>The current line as a new string (for outputs that only take strings).</summary>
        public override string ToString()
        {
            return new string(_chars, 0, _length);
        }

        private static int Len(string s)
        {
            return s == null ? 0 : s.Length;
        }

        private void Two(int v)
        {
            Put((char)('0' + (v / 10)));
            Put((char)('0' + (v % 10)));
        }

        private void Put(char ch)
        {
            _chars[_length++] = ch;
        }

        private void Add(string s)
        {
            if (s == null)
            {
                return;
            }

            int n = s.Length;
            for (int i = 0; i < n; i++)
            {
                _chars[_length + i] = s[i];
            }

            _length += n;
        }
    }
}
