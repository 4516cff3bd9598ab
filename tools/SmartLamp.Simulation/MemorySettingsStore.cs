using System.Collections;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulation
{
    /// <summary>
    /// Named blobs in memory (the device's flash for tests). Can fail writes, and can cut the power in
    /// the middle of a write: with <see cref="TearNextWriteAt"/> = k the next write leaves only the first
    /// k characters in the blob and reports failure, as a brown-out at byte k would.
    /// </summary>
    public sealed class MemorySettingsStore : ISettingsStore
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _texts = new ArrayList();

        /// <summary>An empty store.</summary>
        public MemorySettingsStore()
        {
            TearNextWriteAt = -1;
        }

        /// <summary>Successful writes.</summary>
        public int Saves { get; private set; }

        /// <summary>Write calls, failed and torn ones included.</summary>
        public int WriteAttempts { get; private set; }

        /// <summary>When true every write fails and changes nothing.</summary>
        public bool FailWrites { get; set; }

        /// <summary>
        /// When &gt;= 0 the next write stores only its first <c>TearNextWriteAt</c> characters (all of them
        /// when the text is shorter) and returns false; then it resets to -1.
        /// </summary>
        public int TearNextWriteAt { get; set; }

        /// <summary>Name of the last successfully written blob, or null.</summary>
        public string LastWritten { get; private set; }

        /// <summary>Text of the last successfully written blob (null when none), for assertions.</summary>
        public string Text
        {
            get { return LastWritten == null ? null : Get(LastWritten); }
        }

        /// <summary>Number of blobs.</summary>
        public int Count
        {
            get { return _names.Count; }
        }

        /// <summary>The blob <paramref name="name"/>, or null.</summary>
        public string Get(string name)
        {
            int i = _names.IndexOf(name);
            return i < 0 ? null : (string)_texts[i];
        }

        /// <summary>Puts <paramref name="text"/> into the blob (null removes it) without counting a write: a prepared flash image.</summary>
        public void Set(string name, string text)
        {
            int i = _names.IndexOf(name);
            if (text == null)
            {
                if (i >= 0)
                {
                    _names.RemoveAt(i);
                    _texts.RemoveAt(i);
                }

                return;
            }

            if (i < 0)
            {
                _names.Add(name);
                _texts.Add(text);
            }
            else
            {
                _texts[i] = text;
            }
        }

        /// <summary>A copy of every blob (the same flash in another device).</summary>
        public MemorySettingsStore Clone()
        {
            MemorySettingsStore c = new MemorySettingsStore();
            for (int i = 0; i < _names.Count; i++)
            {
                c.Set((string)_names[i], (string)_texts[i]);
            }

            return c;
        }

        /// <inheritdoc />
        public string Read(string name)
        {
            return Get(name);
        }

        /// <inheritdoc />
        public bool Write(string name, string text)
        {
            WriteAttempts++;
            if (FailWrites || text == null || name == BrokenName)
            {
                Problem = "no space left on device (" + name + ")";
                return false;
            }

            if (!SmartLamp.Core.Text.Chars.IsWellFormed(text))
            {
                // as the real adapters: a strict UTF-8 encoder cannot write a lone surrogate
                Problem = name + ": text holds a lone surrogate, not encodable as UTF-8";
                return false;
            }

            if (TearNextWriteAt >= 0)
            {
                int k = TearNextWriteAt;
                TearNextWriteAt = -1;
                Set(name, k < text.Length ? text.Substring(0, k) : text);
                return false;
            }

            Set(name, text);
            Saves++;
            LastWritten = name;
            return true;
        }

        /// <inheritdoc />
        public string Problem { get; private set; }

        /// <summary>Names whose writes fail (a copy the "flash" cannot hold), in addition to <see cref="FailWrites"/>.</summary>
        public string BrokenName { get; set; }

        /// <inheritdoc />
        public bool AtomicWrites { get; set; }

        /// <inheritdoc />
        public bool Delete(string name)
        {
            Set(name, null);
            return true;
        }
    }
}
