using SmartLamp.Core.Text;

namespace SmartLamp.Core.Json
{
    /// <summary>The tokenizer's scalars: strings (with escapes), numbers and the three words, and reading them as text or integers.</summary>
    public partial struct JsonTokenizer
    {
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

        /// <summary>The integer written at <paramref name="pos"/> of a checked text; false for a fraction, an exponent, a long overflow or no number.</summary>
        public static bool Integer(string text, int pos, out long value)
        {
            // accumulated negatively so long.MinValue fits
            value = 0;
            bool negative = pos < text.Length && text[pos] == '-';
            if (negative)
            {
                pos++;
            }

            if (pos >= text.Length || text[pos] < '0' || text[pos] > '9')
            {
                return false;
            }

            long acc = 0;
            for (; pos < text.Length && text[pos] >= '0' && text[pos] <= '9'; pos++)
            {
                int d = text[pos] - '0';
                if (acc < (long.MinValue + d) / 10)
                {
                    return false;
                }

                acc = (acc * 10) - d;
            }

            if ((pos < text.Length && (text[pos] == '.' || text[pos] == 'e' || text[pos] == 'E')) || (!negative && acc == long.MinValue))
            {
                return false;
            }

            value = negative ? acc : -acc;
            return true;
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

        // _pos on the opening quote; sets Start/Length/Escaped and leaves _pos after the closing quote; false after Fail.
        private bool ReadString()
        {
            int open = _pos;
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
                    Fail(ErrControl);
                    return false;
                }

                if (c == '\\')
                {
                    Escaped = true;
                    if (_pos + 1 >= _text.Length)
                    {
                        _pos++;
                        Fail(ErrEscapeEnd);
                        return false;
                    }

                    char e = _text[_pos + 1];
                    if (e == 'u')
                    {
                        for (int i = 2; i < 6; i++)
                        {
                            if (_pos + i >= _text.Length || Chars.HexValue(_text[_pos + i]) < 0)
                            {
                                Fail(ErrEscapeU);
                                return false;
                            }
                        }

                        _pos += 4;
                    }
                    else if (Unescape(e) == ' ')
                    {
                        Fail(ErrEscape);
                        return false;
                    }

                    _pos++;
                }

                _pos++;
            }

            _pos = open;
            Fail(ErrUnterminated);
            return false;
        }

        // -1 when the number is well formed, else the error (at _pos).
        private int ReadNumber()
        {
            if (_text[_pos] == '-')
            {
                _pos++;
            }

            if (!IsDigit(_pos))
            {
                return ErrMinus;
            }

            if (_text[_pos++] == '0' && IsDigit(_pos))
            {
                return ErrLeadingZero;
            }

            SkipDigits();
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                if (!IsDigit(_pos))
                {
                    return ErrFraction;
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
                    return ErrExponent;
                }

                SkipDigits();
            }

            return -1;
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
    }
}
