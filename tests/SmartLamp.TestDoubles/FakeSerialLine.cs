using System.Collections;
using SmartLamp.Core.Ports;

namespace SmartLamp.TestDoubles
{
    /// <summary>Serial console double: tests type lines in and read what the device wrote.</summary>
    public sealed class FakeSerialLine : ISerialLine
    {
        private readonly ArrayList _output = new ArrayList();
        private ISerialLineListener _listener;

        /// <summary>Lines written by the device.</summary>
        public int OutputCount
        {
            get { return _output.Count; }
        }

        /// <summary>Output line number <paramref name="i"/>.</summary>
        public string OutputAt(int i)
        {
            return (string)_output[i];
        }

        /// <summary>True when an output line contains <paramref name="text"/>.</summary>
        public bool OutputContains(string text)
        {
            for (int i = 0; i < _output.Count; i++)
            {
                if (((string)_output[i]).IndexOf(text) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc />
        public void Attach(ISerialLineListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public void WriteLine(string line)
        {
            _output.Add(line);
        }

        /// <summary>Types a line into the console.</summary>
        public void Type(string line)
        {
            _listener.OnSerialLine(line);
        }
    }
}
