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
    public sealed class JsonReader
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

        private JsonNode ParseNumber()
        {
            int line = _line;
            int column = Column;
            int start = _pos;
            bool negative = false;
            if (_text[_pos] == '-')
            {
                negative = true;
                _pos++;
            }

            if (!IsDigit(Peek()))
            {
                throw Error("invalid number: expected a digit after '-'");
            }

            // Integer part, accumulated negatively so long.MinValue fits.
            long acc = 0;
            bool overflow = false;
            if (_text[_pos] == '0')
            {
                _pos++;
                if (IsDigit(Peek()))
                {
                    throw Error("invalid number: leading zeros are not allowed");
                }
            }
            else
            {
                while (IsDigit(Peek()))
                {
                    int d = _text[_pos] - '0';
                    if (acc < (long.MinValue + d) / 10)
                    {
                        overflow = true;
                    }
                    else
                    {
                        acc = (acc * 10) - d;
                    }

                    _pos++;
                }
            }

            bool isInteger = true;
            if (Peek() == '.')
            {
                isInteger = false;
                _pos++;
                if (!IsDigit(Peek()))
                {
                    throw Error("invalid number: expected a digit after '.'");
                }

                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }

            char e = Peek();
            if (e == 'e' || e == 'E')
            {
                isInteger = false;
                _pos++;
                char sign = Peek();
                if (sign == '+' || sign == '-')
                {
                    _pos++;
                }

                if (!IsDigit(Peek()))
                {
                    throw Error("invalid number: expected a digit in the exponent");
                }

                while (IsDigit(Peek()))
                {
                    _pos++;
                }
            }

            long value = 0;
            if (isInteger && !overflow)
            {
                if (negative)
                {
                    value = acc;
                }
                else if (acc == long.MinValue)
                {
                    overflow = true;
                }
                else
                {
                    value = -acc;
                }
            }

            return JsonNode.NewNumber(_text.Substring(start, _pos - start), value, isInteger && !overflow, line, column);
        }

        // _pos is on the opening quote; returns the unescaped value and leaves _pos after the closing quote.
        private string ParseString()
        {
            int open = _pos;
            _pos++;
            int start = _pos;
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '"')
                {
                    _pos++;
                    return _text.Substring(start, _pos - 1 - start);
                }

                if (c == '\\')
                {
                    break;
                }

                if (c < ' ')
                {
                    throw Error("unescaped " + Describe(c) + " in a string");
                }

                _pos++;
            }

            if (_pos >= _text.Length)
            {
                throw UnterminatedString(open);
            }

            // Slow path: copy what we have and decode escapes.
            char[] buffer = new char[(_pos - start) + 16];
            int length = 0;
            for (int i = start; i < _pos; i++)
            {
                buffer[length++] = Chars.At(_text, i);
            }

            while (_pos < _text.Length)
            {
                char c = Chars.At(_text, _pos);
                if (c == '"')
                {
                    _pos++;

                    // A \uD800 escape without its partner would make the text unencodable (no save,
                    // no publish): repaired here, at the door, to U+FFFD.
                    Chars.RepairSurrogates(buffer, length);
                    return new string(buffer, 0, length);
                }

                if (c < ' ')
                {
                    throw Error("unescaped " + Describe(c) + " in a string");
                }

                if (c == '\\')
                {
                    c = ParseEscape();
                }
                else
                {
                    _pos++;
                }

                if (length == buffer.Length)
                {
                    char[] bigger = new char[buffer.Length * 2];
                    System.Array.Copy(buffer, bigger, length);
                    buffer = bigger;
                }

                buffer[length++] = c;
            }

            throw UnterminatedString(open);
        }

        // _pos is on the backslash; returns the decoded char and leaves _pos after the escape.
        private char ParseEscape()
        {
            if (_pos + 1 >= _text.Length)
            {
                _pos++;
                throw Error("unexpected end of input in an escape sequence");
            }

            char c = _text[_pos + 1];
            switch (c)
            {
                case '"':
                case '\\':
                case '/':
                    _pos += 2;
                    return c;
                case 'b':
                    _pos += 2;
                    return '\b';
                case 'f':
                    _pos += 2;
                    return '\f';
                case 'n':
                    _pos += 2;
                    return '\n';
                case 'r':
                    _pos += 2;
                    return '\r';
                case 't':
                    _pos += 2;
                    return '\t';
                case 'u':
                    {
                        int code = 0;
                        for (int i = 0; i < 4; i++)
                        {
                            int at = _pos + 2 + i;
                            int digit = at < _text.Length ? Chars.HexValue(_text[at]) : -1;
                            if (digit < 0)
                            {
                                throw Error("invalid \\u escape: expected 4 hex digits");
                            }

                            code = (code * 16) + digit;
                        }

                        _pos += 6;
                        return (char)code;
                    }

                default:
                    throw Error("invalid escape '\\" + c.ToString() + "' (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            }
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
