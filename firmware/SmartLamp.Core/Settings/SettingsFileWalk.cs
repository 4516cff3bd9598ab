using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>The one strict walk over a stored copy: checks the JSON grammar and depth, and records where each top-level key and value start.</summary>
    public sealed partial class SettingsFileReader
    {
        private bool Walk(string t)
        {
            int pos = SkipWhitespace(t, 0);
            if (pos >= t.Length || t[pos] != '{')
            {
                return false;
            }

            pos = WalkRoot(t, pos);
            if (pos < 0)
            {
                return false;
            }

            pos = SkipWhitespace(t, pos);
            return pos == t.Length;
        }

        private int WalkRoot(string t, int pos)
        {
            pos = SkipWhitespace(t, pos + 1);
            if (pos < t.Length && t[pos] == '}')
            {
                return pos + 1;
            }

            while (true)
            {
                pos = SkipWhitespace(t, pos);
                if (pos >= t.Length || t[pos] != '"')
                {
                    return -1;
                }

                int keyStart = pos + 1;
                int keyEnd = keyStart;
                while (keyEnd < t.Length && t[keyEnd] != '"')
                {
                    char c = t[keyEnd];
                    if (c == '\\' || c < ' ')
                    {
                        return -1; // an escaped key (or a broken one): the tree decides
                    }

                    keyEnd++;
                }

                if (keyEnd >= t.Length)
                {
                    return -1;
                }

                for (int i = 0; i < _count; i++)
                {
                    if (SameSpan(t, _keyStart[i], _keyEnd[i], keyStart, keyEnd))
                    {
                        return -1;
                    }
                }

                pos = SkipWhitespace(t, keyEnd + 1);
                if (pos >= t.Length || t[pos] != ':')
                {
                    return -1;
                }

                pos = SkipWhitespace(t, pos + 1);
                if (pos >= t.Length)
                {
                    return -1;
                }

                Grow();
                _keyStart[_count] = keyStart;
                _keyEnd[_count] = keyEnd;
                _valueStart[_count] = pos;
                _count++;
                pos = WalkValue(t, pos, 1);
                if (pos < 0)
                {
                    return -1;
                }

                pos = AfterItem(t, pos, '}');
                if (pos < 0 || t[pos - 1] == '}')
                {
                    return pos;
                }
            }
        }

        // Validates the value at pos (no leading whitespace); returns the position after it or -1.
        private static int WalkValue(string t, int pos, int depth)
        {
            if (pos >= t.Length)
            {
                return -1;
            }

            char c = t[pos];
            if (c == '"')
            {
                return WalkString(t, pos);
            }

            if (c == '[')
            {
                return WalkArray(t, pos, depth + 1);
            }

            if (c == 't')
            {
                return WalkLiteral(t, pos, "true");
            }

            if (c == 'f')
            {
                return WalkLiteral(t, pos, "false");
            }

            if (c == 'n')
            {
                return WalkLiteral(t, pos, "null");
            }

            if (c == '-' || (c >= '0' && c <= '9'))
            {
                return WalkNumber(t, pos);
            }

            return -1; // includes nested objects: the tree checks their keys
        }

        private static int WalkArray(string t, int pos, int depth)
        {
            if (depth > MaxDepth)
            {
                return -1;
            }

            pos = SkipWhitespace(t, pos + 1);
            if (pos < t.Length && t[pos] == ']')
            {
                return pos + 1;
            }

            while (true)
            {
                pos = SkipWhitespace(t, pos);
                pos = WalkValue(t, pos, depth);
                if (pos < 0)
                {
                    return -1;
                }

                pos = AfterItem(t, pos, ']');
                if (pos < 0 || t[pos - 1] == ']')
                {
                    return pos;
                }
            }
        }

        // After an object member or array element: the position after a ',' (more follows) or after
        // the closer (the caller tells the two apart by t[result - 1]), or -1.
        private static int AfterItem(string t, int pos, char closer)
        {
            pos = SkipWhitespace(t, pos);
            if (pos >= t.Length)
            {
                return -1;
            }

            char c = t[pos];
            return c == ',' || c == closer ? pos + 1 : -1;
        }

        private static int WalkString(string t, int pos)
        {
            pos++;
            while (pos < t.Length)
            {
                char c = t[pos];
                if (c == '"')
                {
                    return pos + 1;
                }

                if (c < ' ')
                {
                    return -1;
                }

                if (c == '\\')
                {
                    if (pos + 1 >= t.Length)
                    {
                        return -1;
                    }

                    char e = t[pos + 1];
                    if (e == 'u')
                    {
                        for (int i = 0; i < 4; i++)
                        {
                            int at = pos + 2 + i;
                            if (at >= t.Length || Chars.HexValue(t[at]) < 0)
                            {
                                return -1;
                            }
                        }

                        pos += 6;
                        continue;
                    }

                    if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't')
                    {
                        return -1;
                    }

                    pos += 2;
                    continue;
                }

                pos++;
            }

            return -1;
        }

        private static int WalkLiteral(string t, int pos, string word)
        {
            int end = pos + word.Length;
            if (end > t.Length)
            {
                return -1;
            }

            for (int i = 0; i < word.Length; i++)
            {
                if (t[pos + i] != word[i])
                {
                    return -1;
                }
            }

            if (end < t.Length && IsWordChar(t[end]))
            {
                return -1;
            }

            return end;
        }

        private static int WalkNumber(string t, int pos)
        {
            if (t[pos] == '-')
            {
                pos++;
            }

            if (!IsDigitAt(t, pos))
            {
                return -1;
            }

            if (t[pos] == '0')
            {
                pos++;
                if (IsDigitAt(t, pos))
                {
                    return -1;
                }
            }
            else
            {
                while (IsDigitAt(t, pos))
                {
                    pos++;
                }
            }

            if (pos < t.Length && t[pos] == '.')
            {
                pos++;
                if (!IsDigitAt(t, pos))
                {
                    return -1;
                }

                while (IsDigitAt(t, pos))
                {
                    pos++;
                }
            }

            if (pos < t.Length && (t[pos] == 'e' || t[pos] == 'E'))
            {
                pos++;
                if (pos < t.Length && (t[pos] == '+' || t[pos] == '-'))
                {
                    pos++;
                }

                if (!IsDigitAt(t, pos))
                {
                    return -1;
                }

                while (IsDigitAt(t, pos))
                {
                    pos++;
                }
            }

            return pos;
        }

        private static int SkipWhitespace(string t, int pos)
        {
            while (pos < t.Length)
            {
                char c = t[pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    pos++;
                }
                else
                {
                    return pos;
                }
            }

            return pos;
        }

        private static bool IsDigitAt(string t, int pos)
        {
            return pos < t.Length && t[pos] >= '0' && t[pos] <= '9';
        }

        private static bool IsWordChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
    }
}
