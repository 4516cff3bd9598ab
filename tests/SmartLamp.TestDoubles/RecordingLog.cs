using System.Collections;
using SmartLamp.Core.Ports;

namespace SmartLamp.TestDoubles
{
    /// <summary>Log that keeps every line as "TAG: text" and can forward it (e.g. to stdout).</summary>
    public sealed class RecordingLog : ILog
    {
        private readonly ArrayList _lines = new ArrayList();

        /// <summary>Called with each formatted line.</summary>
        public event LogLineHandler LineWritten;

        /// <summary>Number of recorded lines.</summary>
        public int Count
        {
            get { return _lines.Count; }
        }

        /// <summary>Line number <paramref name="i"/>.</summary>
        public string LineAt(int i)
        {
            return (string)_lines[i];
        }

        /// <summary>True when any line contains <paramref name="text"/>.</summary>
        public bool Contains(string text)
        {
            for (int i = 0; i < _lines.Count; i++)
            {
                if (((string)_lines[i]).IndexOf(text) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Forgets recorded lines.</summary>
        public void Clear()
        {
            _lines.Clear();
        }

        /// <inheritdoc />
        public void Write(string tag, string a, string b, string c)
        {
            string line = tag + ": " + (a ?? string.Empty) + (b ?? string.Empty) + (c ?? string.Empty);
            _lines.Add(line);
            LogLineHandler h = LineWritten;
            if (h != null)
            {
                h(line);
            }
        }
    }

    /// <summary>Receives a formatted log line.</summary>
    public delegate void LogLineHandler(string line);
}
