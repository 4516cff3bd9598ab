using SmartLamp.Core.Text;

namespace SmartLamp.Core.Json
{
    /// <summary>
    /// Strict RFC 8259 JSON parser for small documents (board profiles, settings, MQTT payloads),
    /// mscorlib-only: no generics, no StringBuilder, no Encoding. Produces a <see cref="JsonNode"/>
    /// tree. Rejects (with <see cref="JsonException"/>, "line L, column C: ..."): trailing commas,
    /// comments, single quotes, unescaped control characters, invalid escapes, leading zeros, NaN,
    /// duplicate member names, anything after the root value, nesting deeper than the depth limit
    /// and documents longer than the size limit.
    /// </summary>
    public sealed partial class JsonReader
    {
        /// <summary>Default nesting limit (objects + arrays).</summary>
        public const int DefaultMaxDepth = 32;

        /// <summary>Default size limit in characters.</summary>
        public const int DefaultMaxLength = 32768;

        private readonly string _text;
        private readonly int _maxDepth;
        private int _pos;
        private int _line;
        private int _lineStart;

        private JsonReader(string text, int maxDepth)
        {
            _text = text;
            _maxDepth = maxDepth;
            _pos = 0;
            _line = 1;
            _lineStart = 0;
        }

        /// <summary>Parses <paramref name="text"/> with the default limits.</summary>
        public static JsonNode Parse(string text)
        {
            return Parse(text, DefaultMaxDepth, DefaultMaxLength);
        }

        /// <summary>Parses <paramref name="text"/>; nesting beyond <paramref name="maxDepth"/> or more than <paramref name="maxLength"/> characters is an error.</summary>
        public static JsonNode Parse(string text, int maxDepth, int maxLength)
        {
            if (text == null)
            {
                throw new System.ArgumentNullException("text");
            }

            if (maxDepth < 1)
            {
                throw new System.ArgumentOutOfRangeException("maxDepth");
            }

            if (text.Length > maxLength)
            {
                throw new JsonException("document is " + text.Length.ToString() + " characters long, the limit is " + maxLength.ToString(), 1, 1, 0);
            }

            JsonReader reader = new JsonReader(text, maxDepth);
            reader.SkipWhitespace();
            if (reader._pos >= text.Length)
            {
                throw reader.Error("empty document, expected a JSON value");
            }

            JsonNode root = reader.ParseValue(0);
            reader.SkipWhitespace();
            if (reader._pos < text.Length)
            {
                throw reader.Error("unexpected " + Describe(text[reader._pos]) + " after the end of the JSON value");
            }

            return root;
        }

        private JsonNode ParseValue(int depth)
        {
            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                throw Error("unexpected end of input, expected a value");
            }

            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject(depth + 1);
                case '[':
                    return ParseArray(depth + 1);
                case '"':
                    {
                        int line = _line;
                        int column = Column;
                        return JsonNode.NewString(ParseString(), line, column);
                    }

                case 't':
                    return ParseLiteral("true");
                case 'f':
                    return ParseLiteral("false");
                case 'n':
                    return ParseLiteral("null");
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw Error("unexpected " + Describe(c) + ", expected a value");
            }
        }

        private JsonNode ParseObject(int depth)
        {
            CheckDepth(depth);
            JsonNode node = JsonNode.NewObject(_line, Column);
            _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                char c = Peek();
                if (c != '"')
                {
                    if (c == '}')
                    {
                        throw Error("trailing comma before '}'");
                    }

                    throw Error(_pos >= _text.Length
                        ? "unexpected end of input, expected a member name"
                        : "unexpected " + Describe(c) + ", expected a member name in double quotes");
                }

                int keyLine = _line;
                int keyColumn = Column;
                int keyOffset = _pos;
                string key = ParseString();
                if (node.IndexOf(key) >= 0)
                {
                    throw new JsonException("duplicate member name \"" + key + "\"", keyLine, keyColumn, keyOffset);
                }

                SkipWhitespace();
                if (Peek() != ':')
                {
                    throw Error(_pos >= _text.Length
                        ? "unexpected end of input, expected ':' after member name \"" + key + "\""
                        : "unexpected " + Describe(_text[_pos]) + ", expected ':' after member name \"" + key + "\"");
                }

                _pos++;
                node.AddMember(key, ParseValue(depth));
                SkipWhitespace();
                c = Peek();
                if (c == ',')
                {
                    _pos++;
                    continue;
                }

                if (c == '}')
                {
                    _pos++;
                    return node;
                }

                throw Error(_pos >= _text.Length
                    ? "unexpected end of input, expected ',' or '}' (object starting at line " + node.Line.ToString() + ", column " + node.Column.ToString() + " is not closed)"
                    : "unexpected " + Describe(c) + ", expected ',' or '}'");
            }
        }

        private JsonNode ParseArray(int depth)
        {
            CheckDepth(depth);
            JsonNode node = JsonNode.NewArray(_line, Column);
            _pos++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                return node;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() == ']')
                {
                    throw Error("trailing comma before ']'");
                }

                node.AddItem(ParseValue(depth));
                SkipWhitespace();
                char c = Peek();
                if (c == ',')
                {
                    _pos++;
                    continue;
                }

                if (c == ']')
                {
                    _pos++;
                    return node;
                }

                throw Error(_pos >= _text.Length
                    ? "unexpected end of input, expected ',' or ']' (array starting at line " + node.Line.ToString() + ", column " + node.Column.ToString() + " is not closed)"
                    : "unexpected " + Describe(c) + ", expected ',' or ']'");
            }
        }

        private JsonNode ParseLiteral(string word)
        {
            int line = _line;
            int column = Column;
            int end = _pos + word.Length;
            bool match = end <= _text.Length && _text.Substring(_pos, word.Length) == word;
            if (!match || (end < _text.Length && IsWordChar(_text[end])))
            {
                int stop = _pos;
                while (stop < _text.Length && IsWordChar(_text[stop]) && stop - _pos < 20)
                {
                    stop++;
                }

                throw Error("invalid literal '" + _text.Substring(_pos, stop - _pos) + "', expected true, false or null");
            }

            _pos = end;
            if (word == "null")
            {
                return JsonNode.NewNull(line, column);
            }

            return JsonNode.NewBool(word == "true", line, column);
        }

        private JsonException UnterminatedString(int open)
        {
            int column = open - _lineStart + 1;
            return new JsonException("unterminated string (missing closing '\"')", _line, column, open);
        }

        private void CheckDepth(int depth)
        {
            if (depth > _maxDepth)
            {
                throw Error("nesting is deeper than " + _maxDepth.ToString() + " levels");
            }
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '\n')
                {
                    _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == ' ' || c == '\t' || c == '\r')
                {
                    _pos++;
                }
                else if (c == '/' && _pos + 1 < _text.Length && (_text[_pos + 1] == '/' || _text[_pos + 1] == '*'))
                {
                    throw Error("comments are not allowed in JSON");
                }
                else
                {
                    return;
                }
            }
        }

        private char Peek()
        {
            return _pos < _text.Length ? _text[_pos] : '\0';
        }

        private int Column
        {
            get { return _pos - _lineStart + 1; }
        }

        private JsonException Error(string detail)
        {
            return new JsonException(detail, _line, Column, _pos);
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
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
    }
}
