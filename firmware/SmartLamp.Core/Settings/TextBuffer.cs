namespace SmartLamp.Core.Settings
{
    /// <summary>A growable character buffer (the core may not use StringBuilder).</summary>
    public sealed class TextBuffer
    {
        private char[] _chars;
        private int _length;

        /// <summary>Creates a buffer with room for <paramref name="capacity"/> characters.</summary>
        public TextBuffer(int capacity)
        {
            _chars = new char[capacity < 16 ? 16 : capacity];
        }

        /// <summary>Characters written so far.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Character at <paramref name="i"/>.</summary>
        public char this[int i]
        {
            get { return _chars[i]; }
        }

        /// <summary>Forgets the content.</summary>
        public void Clear()
        {
            _length = 0;
        }

        /// <summary>Appends one character.</summary>
        public TextBuffer Append(char c)
        {
            if (_length == _chars.Length)
            {
                char[] bigger = new char[_chars.Length * 2];
                System.Array.Copy(_chars, bigger, _length);
                _chars = bigger;
            }

            _chars[_length++] = c;
            return this;
        }

        /// <summary>Appends a string (null appends nothing).</summary>
        public TextBuffer Append(string s)
        {
            if (s != null)
            {
                for (int i = 0; i < s.Length; i++)
                {
                    Append(s[i]);
                }
            }

            return this;
        }

        /// <summary>Appends a decimal number.</summary>
        public TextBuffer Append(int value)
        {
            return Append(value.ToString());
        }

        /// <summary>The content as a string.</summary>
        public override string ToString()
        {
            return new string(_chars, 0, _length);
        }

        /// <summary>The content from <paramref name="start"/> as a string.</summary>
        public string ToString(int start)
        {
            return new string(_chars, start, _length - start);
        }
    }
}
