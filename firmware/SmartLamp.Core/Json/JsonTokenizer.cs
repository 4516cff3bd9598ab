using SmartLamp.Core.Text;

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
    public struct JsonTokenizer
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

        private const int WantValue = 0;
        private const int WantFirstValue = 1; // after '[': a value or ']'
        private const int WantFirstKey = 2; // after '{': a key or '}'
        private const int WantKey = 3; // after ',' in an object
        private const int WantColon = 4;
        private const int WantComma = 5; // after a value inside a container
        private const int WantNothing = 6; // after the root value

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
            if (text == null || text.Length > maxLength)
            {
                Kind = Error;
            }
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
                    return Fail();
                }

                if (_pos >= _text.Length)
                {
                    return _state == WantNothing ? Token(End, _pos, 0) : Fail();
                }

                char c = _text[_pos];
                switch (_state)
                {
                    case WantColon:
                        if (c != ':')
                        {
                            return Fail();
                        }

                        _pos++;
                        _state = WantValue;
                        continue;
                    case WantComma:
                        if (c == ',')
                        {
                            _pos++;
                            _state = InObject ? WantKey : WantValue;
                            continue;
                        }

                        return c == (InObject ? '}' : ']') ? Close() : Fail();
                    case WantFirstKey:
                    case WantKey:
                        if (c == '}' && _state == WantFirstKey)
                        {
                            return Close();
                        }

                        if (c != '"' || !ReadString())
                        {
                            return Fail();
                        }

                        _state = WantColon;
                        Kind = Key;
                        return Key;
                    case WantNothing:
                        return Fail();
                    default:
                        if (c == ']' && _state == WantFirstValue)
                        {
                            return Close();
                        }

                        return ReadValue(c);
                }
            }
        }

        /// <summary>The last string or key token as text, escapes decoded (a lone surrogate becomes U+FFFD).</summary>
        public string Text()
        {
            if (!Escaped)
            {
                return _text.Substring(Start, Length);
            }

            char[] buffer = new char[Length];
            int n = 0;
            int end = Start + Length;
            for (int i = Start; i < end; i++)
            {
                char c = Chars.At(_text, i);
                if (c == '\\')
                {
                    i++;
                    c = Chars.At(_text, i);
                    if (c == 'u')
                    {
                        c = (char)((Chars.HexValue(_text[i + 1]) << 12) | (Chars.HexValue(_text[i + 2]) << 8) | (Chars.HexValue(_text[i + 3]) << 4) | Chars.HexValue(_text[i + 4]));
                        i += 4;
                    }
                    else
                    {
                        c = Unescape(c);
                    }
                }

                buffer[n++] = c;
            }

            Chars.RepairSurrogates(buffer, n);
            return new string(buffer, 0, n);
        }

        /// <summary>True when the last key or string equals text[start, end) without ASCII case.</summary>
        public bool TextEqualsIgnoreCase(string text, int start, int end)
        {
            if (Escaped)
            {
                string decoded = Text();
                return Chars.EqualsIgnoreCase(decoded, 0, decoded.Length, text, start, end);
            }

            return Chars.EqualsIgnoreCase(_text, Start, Start + Length, text, start, end);
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
                    return Fail();
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
                    return Fail();
                }

                kind = String;
                start = Start;
            }
            else if (c == '-' || (c >= '0' && c <= '9'))
            {
                kind = ReadNumber() ? Number : Error;
            }
            else
            {
                kind = c == 't' ? ReadWord("true", True) : c == 'f' ? ReadWord("false", False) : c == 'n' ? ReadWord("null", Null) : Error;
            }

            if (kind == Error)
            {
                return Fail();
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

        // _pos on the opening quote; sets Start/Length/Escaped and leaves _pos after the closing quote.
        private bool ReadString()
        {
            _pos++;
            Start = _pos;
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '"')
                {
                    Length = _pos - Start;
                    _pos++;
                    return true;
                }

                if (c < ' ')
                {
                    return false;
                }

                if (c == '\\')
                {
                    Escaped = true;
                    char e = _pos + 1 < _text.Length ? _text[_pos + 1] : ' ';
                    if (e == 'u')
                    {
                        for (int i = 2; i < 6; i++)
                        {
                            if (_pos + i >= _text.Length || Chars.HexValue(_text[_pos + i]) < 0)
                            {
                                return false;
                            }
                        }

                        _pos += 4;
                    }
                    else if (Unescape(e) == ' ')
                    {
                        return false;
                    }

                    _pos++;
                }

                _pos++;
            }

            return false;
        }

        private bool ReadNumber()
        {
            if (_text[_pos] == '-')
            {
                _pos++;
            }

            if (!IsDigit(_pos))
            {
                return false;
            }

            if (_text[_pos++] == '0' && IsDigit(_pos))
            {
                return false; // leading zero
            }

            SkipDigits();
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                if (!IsDigit(_pos))
                {
                    return false;
                }

                SkipDigits();
            }

            if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
                {
                    _pos++;
                }

                if (!IsDigit(_pos))
                {
                    return false;
                }

                SkipDigits();
            }

            return true;
        }

        private int ReadWord(string word, int kind)
        {
            int end = _pos + word.Length;
            if (end > _text.Length)
            {
                return Error;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (_text[_pos + i] != word[i])
                {
                    return Error;
                }
            }

            if (end < _text.Length)
            {
                char c = _text[end];
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
                {
                    return Error;
                }
            }

            _pos = end;
            return kind;
        }

        private void SkipDigits()
        {
            while (IsDigit(_pos))
            {
                _pos++;
            }
        }

        private bool IsDigit(int at)
        {
            return at < _text.Length && _text[at] >= '0' && _text[at] <= '9';
        }

        // false on a comment (not JSON)
        private bool SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c == '/')
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

        /// <summary>The character a one-letter escape stands for; ' ' for an invalid escape letter.</summary>
        private static char Unescape(char e)
        {
            switch (e)
            {
                case '"':
                case '\\':
                case '/':
                    return e;
                case 'b':
                    return '\b';
                case 'f':
                    return '\f';
                case 'n':
                    return '\n';
                case 'r':
                    return '\r';
                case 't':
                    return '\t';
                default:
                    return ' ';
            }
        }

        private int Token(int kind, int start, int length)
        {
            Kind = kind;
            Start = start;
            Length = length;
            return kind;
        }

        private int Fail()
        {
            ErrorAt = _pos;
            Kind = Error;
            return Error;
        }
    }
}
