using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// The web console's log: passes every line on to the real log and keeps the last
    /// <see cref="Lines"/> of them (each cut at <see cref="MaxLineLength"/> characters) in a ring,
    /// numbered so the console page can ask for the lines after the last one it has.
    /// Memory: at most Lines x MaxLineLength characters.
    /// </summary>
    public sealed class WebLog : ILog
    {
        /// <summary>Lines kept.</summary>
        public const int Lines = 24;

        /// <summary>Longest kept line.</summary>
        public const int MaxLineLength = 400;

        private readonly ILog _inner;
        private readonly string[] _ring = new string[] { "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "" };
        private readonly TextBuffer _line = new TextBuffer(128);
        private int _next;

        /// <summary>Wraps <paramref name="inner"/>.</summary>
        public WebLog(ILog inner)
        {
            _inner = inner;
        }

        /// <summary>Number of the last line written (0 = none yet).</summary>
        public int LastNumber { get; private set; }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            _inner.Write(tag, a, b, c);
            _line.Clear();
            _line.Append(tag).Append(": ").Append(a).Append(b).Append(c);
            string s = _line.ToString();
            if (s.Length > MaxLineLength)
            {
                s = s.Substring(0, MaxLineLength);
            }

            _ring[_next] = s;
            _next = (_next + 1) % Lines;
            LastNumber++;
        }

        /// <summary>Line number <paramref name="number"/> if still kept, else null.</summary>
        public string Line(int number)
        {
            if (number <= 0 || number > LastNumber || number <= LastNumber - Lines)
            {
                return null;
            }

            int back = LastNumber - number; // 0 = newest
            int idx = (_next - 1 - back + (2 * Lines)) % Lines;
            return _ring[idx];
        }
    }
}
