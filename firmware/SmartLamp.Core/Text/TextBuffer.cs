namespace SmartLamp.Core.Text
{
    /// <summary>
    /// A growable character buffer: the core's own string builder (the framework's is not available to it). One instance can
    /// be cleared and reused, so text built over and over (command answers, settings) allocates only
    /// the final string. Appending never allocates unless the buffer has to grow (it doubles).
    /// </summary>
    public sealed class TextBuffer
    {
        private char[] _chars;
        private int _length;

        /// <summary>Creates a buffer with room for <paramref name="capacity"/> characters (at least 8).</summary>
        public TextBuffer(int capacity)
        {
            _chars = new char[capacity < 8 ? 8 : capacity];
        }

        /// <summary>Characters written so far.</summary>
        public int Length
        {
            get { return _length; }
        }

        /// <summary>Character at <paramref name="i"/> (0 .. Length-1).</summary>
        public char this[int i]
        {
            get
            {
                if (i < 0 || i >= _length)
                {
                    throw new System.ArgumentOutOfRangeException("i");
                }

                return _chars[i];
            }
        }

        /// <summary>Forgets the content (keeps the room).</summary>
        public void Clear()
        {
            _length = 0;
        }

        /// <summary>Appends one character.</summary>
        public TextBuffer Append(char c)
        {
            if (_length == _chars.Length)
            {
                Grow(_length + 1);
            }

            _chars[_length++] = c;
            return this;
        }

        /// <summary>Appends a string (null appends nothing).</summary>
        public TextBuffer Append(string s)
        {
            if (s == null)
            {
                return this;
            }

            int n = s.Length;
            Reserve(n);

            for (int i = 0; i < n; i++)
            {
                char c = s[i];
                if (c >= 0x800)
                {
                    // U+0800 and up may be a surrogate pair, whose low half the nanoCLR's string indexer
                    // returns as the high one (NANO003): copy the rest from the characters.
                    return AppendChars(s.ToCharArray(), i, n - i);
                }

                _chars[_length++] = c;
            }

            return this;
        }

        /// <summary>Appends the content of another buffer.</summary>
        public TextBuffer Append(TextBuffer other)
        {
            return other == null ? this : AppendChars(other._chars, 0, other._length);
        }

        /// <summary>Appends a decimal number ("-12", "0") without allocating.</summary>
        public TextBuffer AppendNumber(long value)
        {
            if (value < 0)
            {
                Append('-');
                if (value == long.MinValue)
                {
                    return Append("9223372036854775808");
                }

                value = -value;
            }

            int start = _length;
            do
            {
                Append((char)('0' + (int)(value % 10)));
                value /= 10;
            }
            while (value > 0);

            // The digits came out last first.
            int end = _length - 1;
            while (start < end)
            {
                char t = _chars[start];
                _chars[start] = _chars[end];
                _chars[end] = t;
                start++;
                end--;
            }

            return this;
        }

        /// <summary>Appends the last two decimal digits of <paramref name="value"/> (0..99 as "00".."99"; clock fields).</summary>
        public TextBuffer AppendTwoDigits(int value)
        {
            if (value < 0)
            {
                value = -value;
            }

            Append((char)('0' + ((value / 10) % 10)));
            return Append((char)('0' + (value % 10)));
        }

        /// <summary>Appends the low <paramref name="digits"/> hex digits of <paramref name="value"/>, leading zeros kept ("00FF").</summary>
        public TextBuffer AppendHex(long value, int digits, bool upperCase)
        {
            char ten = upperCase ? 'A' : 'a';
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
            {
                int d = (int)((value >> shift) & 0xF);
                Append((char)(d < 10 ? '0' + d : ten + d - 10));
            }

            return this;
        }

        /// <summary>The content as a string.</summary>
        public override string ToString()
        {
            return new string(_chars, 0, _length);
        }

        private TextBuffer AppendChars(char[] chars, int start, int count)
        {
            Reserve(count);
            System.Array.Copy(chars, start, _chars, _length, count);
            _length += count;
            return this;
        }

        // Makes room for n more characters.
        private void Reserve(int n)
        {
            if (_length + n > _chars.Length)
            {
                Grow(_length + n);
            }
        }

        private void Grow(int needed)
        {
            int size = _chars.Length * 2;
            if (size < needed)
            {
                size = needed;
            }

            char[] bigger = new char[size];
            System.Array.Copy(_chars, bigger, _length);
            _chars = bigger;
        }
    }
}
