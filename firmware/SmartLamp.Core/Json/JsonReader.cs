using SmartLamp.Core.Text;

namespace SmartLamp.Core.Json
{
    /// <summary>
    /// Builds a <see cref="JsonNode"/> tree from <see cref="JsonTokenizer"/>'s tokens, for the places
    /// that need a tree (board profiles, the Json command, Timers). Rejects what the tokenizer rejects,
    /// plus duplicate member names, with <see cref="JsonException"/> ("line L, column C: ...").
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>Default nesting limit (objects + arrays).</summary>
        public const int DefaultMaxDepth = 32;

        /// <summary>Default size limit in characters.</summary>
        public const int DefaultMaxLength = 32768;

        private readonly string _text;
        private JsonTokenizer _t;
        private int _cursor; // offset up to which _line/_lineStart are known
        private int _line;
        private int _lineStart;
        private string _key; // the last member name read, for "expected ':'" errors

        private JsonReader(string text, int maxDepth, int maxLength)
        {
            _text = text;
            _t = new JsonTokenizer(text, maxDepth, maxLength);
            _line = 1;
        }

        /// <summary>Parses <paramref name="text"/> with the default limits.</summary>
        public static JsonNode Parse(string text)
        {
            return Parse(text, DefaultMaxDepth, DefaultMaxLength);
        }

        /// <summary>Parses <paramref name="text"/>; nesting beyond <paramref name="maxDepth"/> or more than <paramref name="maxLength"/> characters is an error.</summary>
        public static JsonNode Parse(string text, int maxDepth, int maxLength)
        {
            Require.NotNull(text, "text");

            if (maxDepth < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxDepth");
            }

            if (text.Length > maxLength)
            {
                throw new JsonException("document is " + text.Length.ToString() + " characters long, the limit is " + maxLength.ToString(), 1, 1, 0);
            }

            JsonReader reader = new JsonReader(text, maxDepth, maxLength);
            JsonNode root = reader.Value(reader.Next(null));
            reader.Next(null);
            return root;
        }

        private int Next(JsonNode container)
        {
            int kind = _t.Next();
            if (kind == JsonTokenizer.Error)
            {
                throw Error(container);
            }

            return kind;
        }

        private JsonNode Value(int kind)
        {
            int at = _t.Start;
            switch (kind)
            {
                case JsonTokenizer.ObjectStart:
                    return Object(Locate(at), _lineColumn);
                case JsonTokenizer.ArrayStart:
                    return Array(Locate(at), _lineColumn);
                case JsonTokenizer.String:
                    return JsonNode.NewString(_t.Text(), Locate(at - 1), _lineColumn);
                case JsonTokenizer.Number:
                    return Number(at, _t.Length);
                case JsonTokenizer.Null:
                    return JsonNode.NewNull(Locate(at), _lineColumn);
                default:
                    return JsonNode.NewBool(kind == JsonTokenizer.True, Locate(at), _lineColumn);
            }
        }

        private JsonNode Object(int line, int column)
        {
            JsonNode node = JsonNode.NewObject(line, column);
            while (Next(node) == JsonTokenizer.Key)
            {
                string key = _t.Text();
                int open = _t.Start - 1;
                if (node.IndexOf(key) >= 0)
                {
                    int keyLine = Locate(open);
                    throw new JsonException("duplicate member name \"" + key + "\"", keyLine, _lineColumn, open);
                }

                _key = key;
                node.AddMember(key, Value(Next(node)));
            }

            return node;
        }

        private JsonNode Array(int line, int column)
        {
            JsonNode node = JsonNode.NewArray(line, column);
            int kind;
            while ((kind = Next(node)) != JsonTokenizer.ArrayEnd)
            {
                node.AddItem(Value(kind));
            }

            return node;
        }

        private JsonNode Number(int start, int length)
        {
            long value;
            bool integer = JsonTokenizer.Integer(_text, start, out value);
            return JsonNode.NewNumber(_text.Substring(start, length), value, integer, Locate(start), _lineColumn);
        }

        private int _lineColumn;

        /// <summary>The line of <paramref name="offset"/>; its column is left in _lineColumn.</summary>
        private int Locate(int offset)
        {
            if (offset < _cursor)
            {
                _cursor = 0;
                _line = 1;
                _lineStart = 0;
            }

            for (; _cursor < offset; _cursor++)
            {
                if (_text[_cursor] == '\n')
                {
                    _line++;
                    _lineStart = _cursor + 1;
                }
            }

            _lineColumn = offset - _lineStart + 1;
            return _line;
        }

        private JsonException Error(JsonNode container)
        {
            int at = _t.ErrorAt;
            int line = Locate(at);
            return new JsonException(Detail(container, at), line, _lineColumn, at);
        }

        private string Detail(JsonNode container, int at)
        {
            bool end = at >= _text.Length;
            switch (_t.ErrorCode)
            {
                case JsonTokenizer.ErrComment:
                    return "comments are not allowed in JSON";
                case JsonTokenizer.ErrTooDeep:
                    return "nesting is deeper than " + (_t.Depth).ToString() + " levels";
                case JsonTokenizer.ErrLiteral:
                    int stop = at;
                    while (stop < _text.Length && IsWordChar(_text[stop]) && stop - at < 20)
                    {
                        stop++;
                    }

                    return "invalid literal '" + _text.Substring(at, stop - at) + "', expected true, false or null";
                case JsonTokenizer.ErrMinus:
                    return "invalid number: expected a digit after '-'";
                case JsonTokenizer.ErrLeadingZero:
                    return "invalid number: leading zeros are not allowed";
                case JsonTokenizer.ErrFraction:
                    return "invalid number: expected a digit after '.'";
                case JsonTokenizer.ErrExponent:
                    return "invalid number: expected a digit in the exponent";
                case JsonTokenizer.ErrControl:
                    return "unescaped " + Describe(_text[at]) + " in a string";
                case JsonTokenizer.ErrUnterminated:
                    return "unterminated string (missing closing '\"')";
                case JsonTokenizer.ErrEscapeEnd:
                    return "unexpected end of input in an escape sequence";
                case JsonTokenizer.ErrEscapeU:
                    return "invalid \\u escape: expected 4 hex digits";
                case JsonTokenizer.ErrEscape:
                    return "invalid escape '\\" + _text[at + 1].ToString() + "' (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
            }

            string found = end ? "unexpected end of input" : "unexpected " + Describe(_text[at]);
            char c = end ? ' ' : _text[at];
            switch (_t.ErrorState)
            {
                case JsonTokenizer.WantNothing:
                    return found + " after the end of the JSON value";
                case JsonTokenizer.WantFirstKey:
                case JsonTokenizer.WantKey:
                    if (c == '}')
                    {
                        return "trailing comma before '}'";
                    }

                    return end ? found + ", expected a member name" : found + ", expected a member name in double quotes";
                case JsonTokenizer.WantColon:
                    return found + ", expected ':' after member name \"" + _key + "\"";
                case JsonTokenizer.WantComma:
                    bool obj = container.Kind == JsonKind.Object;
                    string expected = obj ? ", expected ',' or '}'" : ", expected ',' or ']'";
                    return end ? found + expected + " (" + (obj ? "object" : "array") + " starting at line " + container.Line.ToString() + ", column " + container.Column.ToString() + " is not closed)" : found + expected;
                default:
                    if (end && container == null)
                    {
                        return "empty document, expected a JSON value";
                    }

                    if (c == ']' && _t.ErrorState == JsonTokenizer.WantItem)
                    {
                        return "trailing comma before ']'";
                    }

                    return found + ", expected a value";
            }
        }

        private static bool IsWordChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }

        /// <summary>Readable name of a character for messages: 'x', or U+000A for control characters.</summary>
        internal static string Describe(char c)
        {
            if (c < ' ' || c == 127)
            {
                return "control character U+" + Hex4(c);
            }

            return "character '" + c.ToString() + "'";
        }

        private static string Hex4(int value)
        {
            const string Digits = "0123456789ABCDEF";
            char[] chars = new char[4];
            for (int i = 3; i >= 0; i--)
            {
                chars[i] = Digits[value & 15];
                value >>= 4;
            }

            return new string(chars);
        }
    }
}
