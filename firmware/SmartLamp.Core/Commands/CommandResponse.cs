using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// A <see cref="CommandDispatcher"/>'s after-answer step: called after every command a handler ran,
    /// once its answer is out, to send what the command announced besides it (the relay state
    /// publisher's stat POWER). <paramref name="answerPublished"/> is false when the dispatcher sent no
    /// answer (a quiet "_" command, or a suppressed one).
    /// </summary>
    public delegate void CommandAnsweredHandler(CommandRequest request, bool answerPublished);

    /// <summary>
    /// The JSON answer of one command, written into a reusable <see cref="TextBuffer"/>. The first Add opens the top-level object; <see cref="ToJson"/> closes whatever is
    /// still open. Handlers on hot paths pass a precomputed constant with <see cref="SetJson"/> instead,
    /// which allocates nothing. One instance is reused for every command.
    /// </summary>
    public sealed class CommandResponse
    {
        private const int MaxDepth = 8;

        // The characters JSON escapes with a backslash, and the letter that follows it for each.
        private const string Escaped = "\"\\\n\r\t";
        private const string EscapeLetters = "\"\\nrt";

        private readonly bool[] _isArray = new bool[MaxDepth];
        private readonly bool[] _hasItems = new bool[MaxDepth];
        private readonly TextBuffer _text;
        private int _depth;
        private string _json;
        private bool _suppressed;

        /// <summary>A response with room for 256 characters (it grows when needed).</summary>
        public CommandResponse()
            : this(256)
        {
        }

        /// <summary>A response with room for <paramref name="capacity"/> characters, for a writer that knows its size.</summary>
        public CommandResponse(int capacity)
        {
            _text = new TextBuffer(capacity);
        }

        /// <summary>True when nothing was written (the dispatcher then answers {"Command":"Error"}).</summary>
        public bool IsEmpty
        {
            get { return _json == null && _text.Length == 0 && !_suppressed; }
        }

        /// <summary>True when the handler asked for no RESULT publish (it published itself, or Tasmota answers nothing).</summary>
        public bool Suppressed
        {
            get { return _suppressed; }
        }

        /// <summary>Forgets everything written.</summary>
        public void Clear()
        {
            _text.Clear();
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
                _text.Append("null");
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
            _text.AppendNumber(value);
            return this;
        }

        /// <summary>Adds "key":&lt;raw JSON&gt; (an object, array or literal written elsewhere).</summary>
        public CommandResponse AddRaw(string key, string rawJson)
        {
            Key(key);
            _text.Append(rawJson);
            return this;
        }

        /// <summary>Adds "key" followed by an index: "POWER2":"ON" is AddIndexed("POWER", 2, "ON").</summary>
        public CommandResponse AddIndexed(string key, int index, string value)
        {
            OpenRootIfNeeded();
            Separator();
            _text.Append('"');
            AppendEscaped(key);
            _text.AppendNumber(index).Append("\":");
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
            _text.Append('{');
            return this;
        }

        /// <summary>Opens "key":[.</summary>
        public CommandResponse BeginArray(string key)
        {
            Key(key);
            Push(true);
            _text.Append('[');
            return this;
        }

        /// <summary>Adds a string item to the open array (null writes null).</summary>
        public CommandResponse Item(string value)
        {
            Separator();
            if (value == null)
            {
                _text.Append("null");
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
            _text.AppendNumber(value);
            return this;
        }

        /// <summary>Closes the innermost object or array.</summary>
        public CommandResponse End()
        {
            if (_depth > 0)
            {
                _depth--;
                _text.Append(_isArray[_depth] ? ']' : '}');
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

            return _text.ToString();
        }

        private void Key(string key)
        {
            OpenRootIfNeeded();
            Separator();
            AppendQuoted(key);
            _text.Append(':');
        }

        private void OpenRootIfNeeded()
        {
            if (_json != null)
            {
                throw new System.InvalidOperationException("response already set as a whole");
            }

            if (_text.Length == 0)
            {
                Push(false);
                _text.Append('{');
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
                _text.Append(',');
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
            _text.Append('"');
            AppendEscaped(s);
            _text.Append('"');
        }

        private void AppendEscaped(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (c >= 0x800)
                {
                    // U+0800 and up may be a surrogate pair, whose low half the nanoCLR's string indexer
                    // returns as the high one (NANO003): escape the rest from the characters.
                    AppendEscaped(s.ToCharArray(), i);
                    return;
                }

                AppendEscaped(c);
            }
        }

        private void AppendEscaped(char[] s, int i)
        {
            for (; i < s.Length; i++)
            {
                AppendEscaped(s[i]);
            }
        }

        private void AppendEscaped(char c)
        {
            int k = Escaped.IndexOf(c);
            if (k >= 0)
            {
                _text.Append('\\').Append(EscapeLetters[k]);
            }
            else if (c < ' ')
            {
                _text.Append("\\u").AppendHex(c, 4, false);
            }
            else
            {
                _text.Append(c);
            }
        }
    }
}
