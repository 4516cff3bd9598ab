namespace SmartLamp.Core.Json
{
    /// <summary>
    /// Strict RFC 8259 pull tokenizer over a string, without allocation and without exceptions: each
    /// <see cref="Next"/> returns the kind of the next token, with its span (<see cref="Start"/>,
    /// <see cref="Length"/>; the text between the quotes for strings and member names) and the nesting
    /// <see cref="Depth"/> after it (the keys of the root object are at depth 1). Anything JsonReader
    /// rejects (trailing commas, comments, leading zeros, bad escapes, control characters in strings,
    /// text after the root value, too deep, too long) ends the walk with <see cref="Error"/> at
    /// <see cref="ErrorAt"/>; a local variable of this struct costs no heap.
    /// </summary>
    public partial struct JsonTokenizer
    {
        /// <summary>The document ended after one complete value.</summary>
        public const int End = 0;

        /// <summary>'{'.</summary>
        public const int ObjectStart = 1;

        /// <summary>'}'.</summary>
        public const int ObjectEnd = 2;

        /// <summary>'['.</summary>
        public const int ArrayStart = 3;

        /// <summary>']'.</summary>
        public const int ArrayEnd = 4;

        /// <summary>A member name (span without quotes; the ':' is consumed by the next call).</summary>
        public const int Key = 5;

        /// <summary>A string value (span without quotes).</summary>
        public const int String = 6;

        /// <summary>A number as written.</summary>
        public const int Number = 7;

        /// <summary>true.</summary>
        public const int True = 8;

        /// <summary>false.</summary>
        public const int False = 9;

        /// <summary>null.</summary>
        public const int Null = 10;

        /// <summary>Malformed, too deep or too long: the walk stops here (see <see cref="ErrorAt"/>).</summary>
        public const int Error = 11;

        /// <summary>State: the root value or a member's value.</summary>
        public const int WantValue = 0;

        /// <summary>State: after '[' (a value or ']').</summary>
        public const int WantFirstValue = 1;

        /// <summary>State: after '{' (a member name or '}').</summary>
        public const int WantFirstKey = 2;

        /// <summary>State: after ',' in an object.</summary>
        public const int WantKey = 3;

        /// <summary>State: after a member name.</summary>
        public const int WantColon = 4;

        /// <summary>State: after a value inside a container (',' or the closing bracket).</summary>
        public const int WantComma = 5;

        /// <summary>State: after the root value.</summary>
        public const int WantNothing = 6;

        /// <summary>State: after ',' in an array.</summary>
        public const int WantItem = 7;

        /// <summary>Error: a character (or the end) the state does not allow; see <see cref="ErrorState"/>.</summary>
        public const int ErrUnexpected = 0;

        /// <summary>Error: a comment.</summary>
        public const int ErrComment = 1;

        /// <summary>Error: nesting deeper than the limit.</summary>
        public const int ErrTooDeep = 2;

        /// <summary>Error: a word that is not true, false or null.</summary>
        public const int ErrLiteral = 3;

        /// <summary>Error: no digit after '-'.</summary>
        public const int ErrMinus = 4;

        /// <summary>Error: a leading zero.</summary>
        public const int ErrLeadingZero = 5;

        /// <summary>Error: no digit after '.'.</summary>
        public const int ErrFraction = 6;

        /// <summary>Error: no digit in the exponent.</summary>
        public const int ErrExponent = 7;

        /// <summary>Error: a control character in a string.</summary>
        public const int ErrControl = 8;

        /// <summary>Error: a string without its closing quote (at the opening quote).</summary>
        public const int ErrUnterminated = 9;

        /// <summary>Error: the text ends inside an escape.</summary>
        public const int ErrEscapeEnd = 10;

        /// <summary>Error: \u without 4 hex digits.</summary>
        public const int ErrEscapeU = 11;

        /// <summary>Error: an escape letter JSON does not have.</summary>
        public const int ErrEscape = 12;

        /// <summary>Error: the document is longer than the limit.</summary>
        public const int ErrTooLong = 13;

        private readonly string _text;
        private readonly int _maxDepth;
        private int _pos;
        private int _state;
        private ulong _objects; // bit d-1 set: the container at depth d is an object

        /// <summary>Kind of the last token.</summary>
        public int Kind;

        /// <summary>First character of the last token (after the opening quote for strings).</summary>
        public int Start;

        /// <summary>Characters of the last token (without quotes for strings).</summary>
        public int Length;

        /// <summary>Nesting after the last token: 1 inside the root object or array.</summary>
        public int Depth;

        /// <summary>True when the last string or key contains escapes (decode it with <see cref="Text"/>).</summary>
        public bool Escaped;

        /// <summary>Offset of the error (valid when <see cref="Kind"/> is <see cref="Error"/>).</summary>
        public int ErrorAt;

        /// <summary>What the error is (Err* constants).</summary>
        public int ErrorCode;

        /// <summary>The state the error was found in (Want* constants), for <see cref="ErrUnexpected"/>.</summary>
        public int ErrorState;

        /// <summary>A tokenizer over <paramref name="text"/>; deeper than <paramref name="maxDepth"/> (at most 64) or longer than <paramref name="maxLength"/> is an error.</summary>
        public JsonTokenizer(string text, int maxDepth, int maxLength)
        {
            _text = text;
            _maxDepth = maxDepth > 64 ? 64 : maxDepth;
            _pos = 0;
            _state = WantValue;
            _objects = 0;
            Kind = -1;
            Start = 0;
            Length = 0;
            Depth = 0;
            Escaped = false;
            ErrorAt = 0;
            ErrorCode = ErrTooLong;
            ErrorState = WantValue;
            if (text == null || text.Length > maxLength)
            {
                Kind = Error;
            }
        }

        /// <summary>Offset after the last token.</summary>
        public int Position
        {
            get { return _pos; }
        }

        /// <summary>Restarts at <paramref name="offset"/> as at the start of a document (to walk one value of an already checked text).</summary>
        public void Seek(int offset)
        {
            _pos = offset;
            _state = WantValue;
            _objects = 0;
            Depth = 0;
            Kind = -1;
        }

        /// <summary>Reads the next token and returns its kind; after <see cref="End"/> or <see cref="Error"/> it stays there.</summary>
        public int Next()
        {
            if (Kind == Error || Kind == End)
            {
                return Kind;
            }

            Escaped = false;
            while (true)
            {
                if (!SkipWhitespace())
                {
                    return Fail(ErrComment);
                }

                if (_pos >= _text.Length)
                {
                    return _state == WantNothing ? Token(End, _pos, 0) : Fail(ErrUnexpected);
                }

                char c = _text[_pos];
                switch (_state)
                {
                    case WantColon:
                        if (c != ':')
                        {
                            return Fail(ErrUnexpected);
                        }

                        _pos++;
                        _state = WantValue;
                        continue;
                    case WantComma:
                        if (c == ',')
                        {
                            _pos++;
                            _state = InObject ? WantKey : WantItem;
                            continue;
                        }

                        return c == (InObject ? '}' : ']') ? Close() : Fail(ErrUnexpected);
                    case WantFirstKey:
                    case WantKey:
                        if (c == '}' && _state == WantFirstKey)
                        {
                            return Close();
                        }

                        if (c != '"')
                        {
                            return Fail(ErrUnexpected);
                        }

                        if (!ReadString())
                        {
                            return Kind;
                        }

                        _state = WantColon;
                        Kind = Key;
                        return Key;
                    case WantNothing:
                        return Fail(ErrUnexpected);
                    default:
                        if (c == ']' && _state == WantFirstValue)
                        {
                            return Close();
                        }

                        return ReadValue(c);
                }
            }
        }

        private bool InObject
        {
            get { return Depth > 0 && (_objects & (1UL << (Depth - 1))) != 0; }
        }

        private int ReadValue(char c)
        {
            int start = _pos;
            if (c == '{' || c == '[')
            {
                if (Depth >= _maxDepth)
                {
                    return Fail(ErrTooDeep);
                }

                Depth++;
                ulong bit = 1UL << (Depth - 1);
                _objects = c == '{' ? _objects | bit : _objects & ~bit;
                _pos++;
                _state = c == '{' ? WantFirstKey : WantFirstValue;
                return Token(c == '{' ? ObjectStart : ArrayStart, start, 1);
            }

            int kind;
            if (c == '"')
            {
                if (!ReadString())
                {
                    return Kind;
                }

                kind = String;
                start = Start;
            }
            else if (c == '-' || (c >= '0' && c <= '9'))
            {
                int error = ReadNumber();
                if (error >= 0)
                {
                    return Fail(error);
                }

                kind = Number;
            }
            else
            {
                kind = c == 't' ? ReadWord("true", True) : c == 'f' ? ReadWord("false", False) : c == 'n' ? ReadWord("null", Null) : -1;
                if (kind < 0)
                {
                    return Fail(ErrUnexpected);
                }

                if (kind == Error)
                {
                    return Fail(ErrLiteral);
                }
            }

            _state = Depth == 0 ? WantNothing : WantComma;
            return Token(kind, start, kind == String ? Length : _pos - start);
        }

        private int Close()
        {
            int kind = InObject ? ObjectEnd : ArrayEnd;
            Depth--;
            _pos++;
            _state = Depth == 0 ? WantNothing : WantComma;
            return Token(kind, _pos - 1, 1);
        }

        // false on a comment (not JSON)
        private bool SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '/' && _pos + 1 < _text.Length && (_text[_pos + 1] == '/' || _text[_pos + 1] == '*'))
                {
                    return false;
                }

                if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                {
                    return true;
                }

                _pos++;
            }

            return true;
        }

        private int Token(int kind, int start, int length)
        {
            Kind = kind;
            Start = start;
            Length = length;
            return kind;
        }

        private int Fail(int code)
        {
            ErrorAt = _pos;
            ErrorCode = code;
            ErrorState = _state;
            Kind = Error;
            return Error;
        }
    }
}
