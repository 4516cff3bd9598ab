using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// The web console's log: passes every line on to the real log and keeps the last
    /// <see cref="Lines"/> of them (each cut at <see cref="MaxLineLength"/> characters), numbered so the
    /// console page can ask for the lines after the last one it has.
    /// The lines' characters live one after another in one circular character buffer: writing a line
    /// copies its characters and allocates nothing. The buffer starts at <see cref="FirstCapacity"/>
    /// characters and grows (rarely: only when the kept lines are longer than ever before) up to
    /// Lines x MaxLineLength; the console page writes the lines straight from the buffer.
    /// </summary>
    public sealed class WebLog : ILog
    {
        /// <summary>Lines kept.</summary>
        public const int Lines = 24;

        /// <summary>Longest kept line.</summary>
        public const int MaxLineLength = 400;

        /// <summary>Characters of the buffer made at the first line.</summary>
        public const int FirstCapacity = 1024;

        private readonly ILog _inner;
        private readonly bool _keep;
        private readonly int[] _start = new int[Lines];
        private readonly int[] _length = new int[Lines];
        private char[] _buf;
        private int _end;
        private int _kept;

        /// <summary>
        /// Wraps <paramref name="inner"/>; keeps the last lines only when <paramref name="keep"/> (a device
        /// with no web server, like most of a simulated fleet, has no console page to show them).
        /// </summary>
        public WebLog(ILog inner, bool keep)
        {
            _inner = inner;
            _keep = keep;
        }

        /// <summary>Number of the last line written (0 = none yet).</summary>
        public int LastNumber { get; private set; }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            _inner.Write(tag, a, b, c);
            if (!_keep)
            {
                return;
            }

            int slot = LastNumber % Lines; // the slot of the line that leaves the ring
            _kept -= _length[slot];
            _length[slot] = 0;
            int length = Len(tag) + 2 + Len(a) + Len(b) + Len(c);
            if (length > MaxLineLength)
            {
                length = MaxLineLength;
            }

            Reserve(_kept + length);
            _start[slot] = _end;
            int n = Copy(tag, 0, length);
            n = Copy(": ", n, length);
            n = Copy(a, n, length);
            n = Copy(b, n, length);
            Copy(c, n, length);
            _length[slot] = length;
            _kept += length;
            LastNumber++;
        }

        /// <summary>Appends line <paramref name="number"/> to a page straight from the buffer (HTML-escaped when
        /// <paramref name="escape"/>); false, and nothing written, when the line is no longer kept.</summary>
        public bool WriteLine(int number, HtmlOut o, bool escape)
        {
            if (number <= 0 || number > LastNumber || number <= LastNumber - Lines)
            {
                return false;
            }

            int slot = (number - 1) % Lines;
            int p = _start[slot];
            for (int i = 0; i < _length[slot]; i++)
            {
                o.Char(_buf[p], escape);
                p = p + 1 == _buf.Length ? 0 : p + 1;
            }

            return true;
        }

        private static int Len(string s)
        {
            return s == null ? 0 : s.Length;
        }

        private int Copy(string s, int n, int length)
        {
            if (s == null)
            {
                return n;
            }

            char[] buf = _buf;
            for (int i = 0; i < s.Length && n < length; i++, n++)
            {
                buf[_end] = s[i];
                _end = _end + 1 == buf.Length ? 0 : _end + 1;
            }

            return n;
        }

        /// <summary>Makes room for <paramref name="chars"/> characters of kept lines; moves the kept lines
        /// (the last <see cref="_kept"/> characters before <see cref="_end"/>) to the start of a larger buffer.</summary>
        private void Reserve(int chars)
        {
            int cap = _buf == null ? 0 : _buf.Length;
            if (chars <= cap)
            {
                return;
            }

            int size = cap == 0 ? FirstCapacity : cap * 2;
            size = size < chars ? chars : size;
            size = size > Lines * MaxLineLength ? Lines * MaxLineLength : size;
            char[] grown = new char[size];
            int from = _end - _kept + (_kept > _end ? cap : 0);
            for (int i = 0; i < _kept; i++)
            {
                grown[i] = _buf[(from + i) % cap];
            }

            for (int i = 0; i < Lines; i++)
            {
                if (_length[i] > 0)
                {
                    _start[i] = (_start[i] - from + cap) % cap;
                }
            }

            _buf = grown;
            _end = _kept;
        }
    }
}
