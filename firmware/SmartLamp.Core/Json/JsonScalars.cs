using SmartLamp.Core.Text;

namespace SmartLamp.Core.Json
{
    /// <summary>Reading JSON numbers and strings (with escapes and surrogate pairs) at the cursor.</summary>
    public sealed partial class JsonReader
    {
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
