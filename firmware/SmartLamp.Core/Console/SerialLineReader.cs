namespace SmartLamp.Core.Console
{
    /// <summary>
    /// Turns the bytes arriving on a serial console into command lines, one byte at a time, with a
    /// fixed buffer (no allocation until a line is complete). Used by the device's COM2 adapter and
    /// the simulator's tty console, so both behave the same and the rules are unit-tested here:
    /// <list type="bullet">
    /// <item>CR, LF or CRLF ends a line (CRLF gives one line: the empty line after CR is dropped).</item>
    /// <item>Backspace (0x08) and DEL (0x7F) erase the last character; Ctrl+C (0x03) and Ctrl+U (0x15) discard the line so far.</item>
    /// <item>Tab counts as a space; other control characters are dropped (Tasmota keeps printable characters only).</item>
    /// <item>Bytes 0x80..0xFF are kept and decoded as UTF-8 when the line ends (SSIDs may hold non-ASCII
    /// characters); an invalid sequence becomes '?'.</item>
    /// <item>A line longer than <see cref="MaxLength"/> bytes is refused whole: <see cref="Accept"/>
    /// answers <see cref="Overrun"/> at its end and nothing of it is executed (Tasmota: "Serial buffer overrun").</item>
    /// </list>
    /// </summary>
    public sealed class SerialLineReader
    {
        /// <summary>Longest accepted line in bytes by default (Tasmota's serial input buffer is 800 bytes on ESP32).</summary>
        public const int DefaultMaxLength = 800;

        /// <summary><see cref="Accept"/>: nothing to do yet.</summary>
        public const int None = 0;

        /// <summary><see cref="Accept"/>: a line is complete, read it from <see cref="Line"/>.</summary>
        public const int LineReady = 1;

        /// <summary><see cref="Accept"/>: an overlong line ended and was discarded; tell the user (<see cref="OverrunMessage"/>).</summary>
        public const int Overrun = 2;

        /// <summary>The console answer to an overlong line (written as a "CMD: " log line).</summary>
        public const string OverrunMessage = "Serial buffer overrun: line longer than 800 bytes ignored";

        private readonly byte[] _buffer;
        private int _length;
        private bool _overrun;
        private bool _afterCr;
        private string _line;

        /// <summary>Creates a reader accepting lines up to <see cref="DefaultMaxLength"/> bytes.</summary>
        public SerialLineReader()
            : this(DefaultMaxLength)
        {
        }

        /// <summary>Creates a reader accepting lines up to <paramref name="maxLength"/> bytes (1..4096).</summary>
        public SerialLineReader(int maxLength)
        {
            if (maxLength < 1 || maxLength > 4096)
            {
                throw new System.ArgumentOutOfRangeException("maxLength", "1..4096");
            }

            _buffer = new byte[maxLength];
        }

        /// <summary>Longest accepted line in bytes.</summary>
        public int MaxLength
        {
            get { return _buffer.Length; }
        }

        /// <summary>The last complete line (valid after <see cref="Accept"/> returned <see cref="LineReady"/>).</summary>
        public string Line
        {
            get { return _line; }
        }

        /// <summary>Bytes of the line being typed.</summary>
        public int Pending
        {
            get { return _length; }
        }

        /// <summary>Feeds one received byte; returns <see cref="None"/>, <see cref="LineReady"/> or <see cref="Overrun"/>.</summary>
        public int Accept(byte b)
        {
            bool afterCr = _afterCr;
            _afterCr = b == 0x0D;
            if (b == 0x0D || b == 0x0A)
            {
                if (b == 0x0A && afterCr && _length == 0 && !_overrun)
                {
                    return None;
                }

                return EndLine();
            }

            if (b == 0x08 || b == 0x7F)
            {
                EraseLast();
                return None;
            }

            if (b == 0x03 || b == 0x15)
            {
                _length = 0;
                _overrun = false;
                return None;
            }

            if (b == 0x09)
            {
                b = 0x20;
            }

            if (b < 0x20)
            {
                return None;
            }

            if (_length >= _buffer.Length)
            {
                _overrun = true;
                return None;
            }

            _buffer[_length++] = b;
            return None;
        }

        /// <summary>Feeds <paramref name="count"/> bytes; returns the result of the first byte that completed or refused a line, and how many bytes were used in <paramref name="used"/>.</summary>
        public int Accept(byte[] data, int offset, int count, out int used)
        {
            for (int i = 0; i < count; i++)
            {
                int r = Accept(data[offset + i]);
                if (r != None)
                {
                    used = i + 1;
                    return r;
                }
            }

            used = count;
            return None;
        }

        private int EndLine()
        {
            bool overrun = _overrun;
            int length = _length;
            _overrun = false;
            _length = 0;
            if (overrun)
            {
                _line = null;
                return Overrun;
            }

            if (length == 0)
            {
                return None;
            }

            _line = Decode(_buffer, length);
            return LineReady;
        }

        private void EraseLast()
        {
            if (_overrun || _length == 0)
            {
                return;
            }

            // Erase one character: its UTF-8 continuation bytes (10xxxxxx) and its lead byte.
            _length--;
            while (_length > 0 && (_buffer[_length] & 0xC0) == 0x80)
            {
                _length--;
            }
        }

        /// <summary>UTF-8 bytes to a string; an invalid or truncated sequence becomes '?'. Characters above U+FFFF become '?' too.</summary>
        public static string Decode(byte[] bytes, int length)
        {
            char[] chars = new char[length];
            int n = 0;
            int i = 0;
            while (i < length)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    chars[n++] = (char)b;
                    i++;
                    continue;
                }

                int need;
                int value;
                if ((b & 0xE0) == 0xC0)
                {
                    need = 1;
                    value = b & 0x1F;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    need = 2;
                    value = b & 0x0F;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    need = 3;
                    value = 0x110000;
                }
                else
                {
                    chars[n++] = '?';
                    i++;
                    continue;
                }

                int j = 1;
                while (j <= need && i + j < length && (bytes[i + j] & 0xC0) == 0x80)
                {
                    value = need == 3 ? value : (value << 6) | (bytes[i + j] & 0x3F);
                    j++;
                }

                bool complete = j == need + 1;
                bool overlong = (need == 1 && value < 0x80) || (need == 2 && value < 0x800);
                bool surrogate = (value >= 0xD800 && value <= 0xDFFF) || value > 0xFFFF;
                chars[n++] = complete && !overlong && !surrogate ? (char)value : '?';
                i += complete ? j : (j > 1 ? j : 1);
            }

            return new string(chars, 0, n);
        }
    }
}
