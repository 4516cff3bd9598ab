namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// The JSON answer of one command, written into a reusable character buffer (the core may not use
    /// StringBuilder). The first Add opens the top-level object; <see cref="ToJson"/> closes whatever is
    /// still open. Handlers on hot paths pass a precomputed constant with <see cref="SetJson"/> instead,
    /// which allocates nothing. One instance is reused for every command.
    /// </summary>
    public sealed class CommandResponse
    {
        private const int MaxDepth = 8;

        private readonly bool[] _isArray = new bool[MaxDepth];
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private char[] _buffer = new char[256];
        private int _length;
        private int _depth;
        private string _json;
        private bool _suppressed;

        /// <summary>True when nothing was written (the dispatcher then answers {"Command":"Error"}).</summary>
        public bool IsEmpty
        {
            get { return _json == null && _length == 0 && !_suppressed; }
        }

        /// <summary>True when the handler asked for no RESULT publish (it published itself, or Tasmota answers nothing).</summary>
        public bool Suppressed
        {
            get { return _suppressed; }
        }

        /// <summary>Forgets everything written.</summary>
        public void Clear()
        {
            _length = 0;
            _depth = 0;
            _json = null;
            _suppressed = false;
        }

        /// <summary>Answers with nothing at all.</summary>
        public void Suppress()
        {
            _suppressed = true;
        }

        /// <summary>Uses <paramref name="json"/> (a complete object, usually a precomputed constant) as the answer.</summary>
        public void SetJson(string json)
        {
            Clear();
            _json = json;
        }

        /// <summary>Adds "key":"value" (value escaped; null writes null).</summary>
        public CommandResponse Add(string key, string value)
        {
            Key(key);
            if (value == null)
            {
                Append("null");
            }
            else
            {
                AppendQuoted(value);
            }

            return this;
        }

        /// <summary>Adds "key":number.</summary>
        public CommandResponse Add(string key, long value)
        {
            Key(key);
            AppendNumber(value);
            return this;
        }

        /// <summary>Adds "key":&lt;raw JSON&gt; (an object, array or literal written elsewhere).</summary>
        public CommandResponse AddRaw(string key, string rawJson)
        {
            Key(key);
            Append(rawJson);
            return this;
        }

        /// <summary>Adds "key" followed by an index: "POWER2":"ON" is AddIndexed("POWER", 2, "ON").</summary>
        public CommandResponse AddIndexed(string key, int index, string value)
        {
            OpenRootIfNeeded();
            Separator();
            Append('"');
            AppendEscaped(key);
            AppendNumber(index);
            Append("\":");
            AppendQuoted(value);
            return this;
        }

        /// <summary>Opens "key":{ (or a top-level object when <paramref name="key"/> is null).</summary>
        public CommandResponse BeginObject(string key)
        {
            if (key != null)
            {
                Key(key);
            }
            else
            {
                OpenRootIfNeeded();
                if (_depth > 0)
                {
                    Separator();
                }
            }

            Push(false);
            Append('{');
            return this;
        }

        /// <summary>Opens "key":[.</summary>
        public CommandResponse BeginArray(string key)
        {
            Key(key);
            Push(true);
            Append('[');
            return this;
        }

        /// <summary>Adds a string item to the open array (null writes null).</summary>
        public CommandResponse Item(string value)
        {
            Separator();
            if (value == null)
            {
                Append("null");
            }
            else
            {
                AppendQuoted(value);
            }

            return this;
        }

        /// <summary>Adds a number item to the open array.</summary>
        public CommandResponse Item(long value)
        {
            Separator();
            AppendNumber(value);
            return this;
        }

        /// <summary>Closes the innermost object or array.</summary>
        public CommandResponse End()
        {
            if (_depth > 0)
            {
                _depth--;
                Append(_isArray[_depth] ? ']' : '}');
            }

            return this;
        }

        /// <summary>The answer as JSON text (closes open containers).</summary>
        public string ToJson()
        {
            if (_json != null)
            {
                return _json;
            }

            while (_depth > 0)
            {
                End();
            }

            return new string(_buffer, 0, _length);
        }

        private void Key(string key)
        {
            OpenRootIfNeeded();
            Separator();
            AppendQuoted(key);
            Append(':');
        }

        private void OpenRootIfNeeded()
        {
            if (_json != null)
            {
                throw new System.InvalidOperationException("response already set as a whole");
            }

            if (_length == 0)
            {
                Push(false);
                Append('{');
            }
        }

        private void Separator()
        {
            if (_depth == 0)
            {
                return;
            }

            if (_hasItems[_depth - 1])
            {
                Append(',');
            }
            else
            {
                _hasItems[_depth - 1] = true;
            }
        }

        private void Push(bool array)
        {
            if (_depth >= MaxDepth)
            {
                throw new System.InvalidOperationException("JSON nested too deep");
            }

            _isArray[_depth] = array;
            _hasItems[_depth] = false;
            _depth++;
        }

        private void AppendQuoted(string s)
        {
            Append('"');
            AppendEscaped(s);
            Append('"');
        }

        private void AppendEscaped(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                switch (c)
                {
                    case '"':
                        Append("\\\"");
                        break;
                    case '\\':
                        Append("\\\\");
                        break;
                    case '\n':
                        Append("\\n");
                        break;
                    case '\r':
                        Append("\\r");
                        break;
                    case '\t':
                        Append("\\t");
                        break;
                    default:
                        if (c < ' ')
                        {
                            Append("\\u00");
                            Append(HexDigit(c >> 4));
                            Append(HexDigit(c & 0xF));
                        }
                        else
                        {
                            Append(c);
                        }

                        break;
                }
            }
        }

        private static char HexDigit(int v)
        {
            return (char)(v < 10 ? '0' + v : 'a' + v - 10);
        }

        private void AppendNumber(long value)
        {
            if (value == 0)
            {
                Append('0');
                return;
            }

            if (value < 0)
            {
                Append('-');
                if (value == long.MinValue)
                {
                    Append("9223372036854775808");
                    return;
                }

                value = -value;
            }

            int start = _length;
            while (value > 0)
            {
                Append((char)('0' + (int)(value % 10)));
                value /= 10;
            }

            int end = _length - 1;
            while (start < end)
            {
                char t = _buffer[start];
                _buffer[start] = _buffer[end];
                _buffer[end] = t;
                start++;
                end--;
            }
        }

        private void Append(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                Append(s[i]);
            }
        }

        private void Append(char c)
        {
            if (_length == _buffer.Length)
            {
                char[] bigger = new char[_buffer.Length * 2];
                System.Array.Copy(_buffer, bigger, _length);
                _buffer = bigger;
            }

            _buffer[_length++] = c;
        }
    }
}
