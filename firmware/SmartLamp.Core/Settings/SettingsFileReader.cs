using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Boot-time reader of one stored copy without a <see cref="JsonNode"/> tree: <see cref="Open"/>
    /// checks the frame (header, CRC) and walks the JSON text once, strictly (the grammar of
    /// <see cref="JsonReader"/>, depth limit 4, duplicate keys refused), remembering only where each
    /// top-level member's key and value start; <see cref="Decode"/> then visits the schema and reads
    /// each value in place (numbers without allocation, strings allocated only for the field values).
    /// Anything the walk does not accept, or does not handle itself (a key with an escape, a nested
    /// object), goes through <see cref="SettingsCodec.ParseFile"/> + <see cref="SettingsCodec.Decode"/>
    /// instead, so the accepted files, the error texts and the problem reports are exactly theirs.
    /// One instance is reused for both copies. Never throws.
    /// </summary>
    public sealed class SettingsFileReader
    {
        private const int MaxDepth = 4;

        private string _source;
        private string _text;
        private JsonNode _tree;
        private int _count;
        private int[] _keyStart = new int[96];
        private int[] _keyEnd = new int[96];
        private int[] _valueStart = new int[96];
        private bool[] _known = new bool[96];
        private int _hint;
        private TextBuffer _buffer = new TextBuffer(64);
        private TextBuffer _problems;
        private int _problemCount;

        /// <summary>The text last given to <see cref="Open"/> (null before).</summary>
        public string Text
        {
            get { return _source; }
        }

        /// <summary>True when the last <see cref="Open"/> fell back to the JSON tree (for tests).</summary>
        public bool UsedTree
        {
            get { return _tree != null; }
        }

        /// <summary>
        /// Checks one stored copy as <see cref="SettingsCodec.ParseFile"/> does (same result, same
        /// <paramref name="error"/>) and keeps it for <see cref="Decode"/>. Never throws.
        /// </summary>
        public bool Open(string text, out int seq, out string error)
        {
            _source = text;
            _text = null;
            _tree = null;
            _count = 0;
            seq = -1;
            error = null;
            bool fast;
            try
            {
                string body;
                if (!SettingsCodec.CheckFrame(text, out body, out error))
                {
                    return false; // missing, too long, no header, truncated, CRC mismatch: ParseFile's own reason
                }

                _text = body;
                fast = Walk(body) && FindSeq(out seq);
            }
            catch (System.Exception)
            {
                fast = false;
            }

            if (fast)
            {
                return true;
            }

            _count = 0;
            _text = null;
            _tree = SettingsCodec.ParseFile(text, out seq, out error);
            return _tree != null;
        }

        /// <summary>
        /// <see cref="SettingsCodec.Decode"/> of the copy <see cref="Open"/> accepted: applies every
        /// member to <paramref name="target"/> (holding the defaults), appends the problems
        /// ("; " separated) and returns their number. Never throws.
        /// </summary>
        public int Decode(DeviceSettings target, TextBuffer problems)
        {
            if (_tree != null)
            {
                return SettingsCodec.Decode(_tree, target, problems);
            }

            if (_text == null)
            {
                return 0;
            }

            string text = _text;
            _problems = problems;
            _problemCount = 0;
            _hint = 0;
            for (int i = 0; i < _count; i++)
            {
                _known[i] = false;
            }

            try
            {
                StreamDecoder d = new StreamDecoder(this);
                int version = IndexOf("Version");
                Mark("Version");
                Mark("Seq");
                Mark("Crc32");
                if (version >= 0)
                {
                    long value;
                    bool isInteger = ReadNumber(text, _valueStart[version], out value);
                    if (!isInteger || value < 1)
                    {
                        Add("Version: not a positive integer");
                    }
                    else if (value > SettingsCodec.Version)
                    {
                        Add("Version: " + value.ToString() + " is newer than " + SettingsCodec.Version.ToString());
                    }
                }

                SettingsSchema.Visit(target, d);
                for (int i = 0; i < _count; i++)
                {
                    if (!_known[i])
                    {
                        Add(text.Substring(_keyStart[i], _keyEnd[i] - _keyStart[i]) + ": unknown key ignored");
                    }
                }
            }
            catch (System.Exception ex)
            {
                Add("decode failed: " + ex.Message);
            }

            _problems = null;
            return _problemCount;
        }

        private bool FindSeq(out int seq)
        {
            seq = -1;
            int i = IndexOf("Seq");
            long value;
            if (i < 0 || !ReadNumber(_text, _valueStart[i], out value) || value < 0 || value > int.MaxValue)
            {
                return false;
            }

            seq = (int)value;
            return true;
        }

        // ---- the strict walk (records the top-level members) ----

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

        private void Grow()
        {
            if (_count < _keyStart.Length)
            {
                return;
            }

            int size = _keyStart.Length * 2;
            _keyStart = Bigger(_keyStart, size);
            _keyEnd = Bigger(_keyEnd, size);
            _valueStart = Bigger(_valueStart, size);
            _known = new bool[size];
        }

        private static int[] Bigger(int[] items, int size)
        {
            int[] bigger = new int[size];
            System.Array.Copy(items, bigger, items.Length);
            return bigger;
        }

        private static bool SameSpan(string t, int aStart, int aEnd, int bStart, int bEnd)
        {
            if (aEnd - aStart != bEnd - bStart)
            {
                return false;
            }

            for (int i = 0; i < aEnd - aStart; i++)
            {
                if (t[aStart + i] != t[bStart + i])
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsDigitAt(string t, int pos)
        {
            return pos < t.Length && t[pos] >= '0' && t[pos] <= '9';
        }

        private static bool IsWordChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }

        // ---- reading values in place (the text is already checked) ----

        private int IndexOf(string key)
        {
            string t = _text;
            for (int n = 0; n < _count; n++)
            {
                int i = _hint + n;
                if (i >= _count)
                {
                    i -= _count;
                }

                int start = _keyStart[i];
                if (_keyEnd[i] - start != key.Length)
                {
                    continue;
                }

                bool same = true;
                for (int k = 0; k < key.Length; k++)
                {
                    if (t[start + k] != key[k])
                    {
                        same = false;
                        break;
                    }
                }

                if (same)
                {
                    _hint = i + 1 < _count ? i + 1 : 0;
                    return i;
                }
            }

            return -1;
        }

        private void Mark(string key)
        {
            int i = IndexOf(key);
            if (i >= 0)
            {
                _known[i] = true;
            }
        }

        // Value position of member key (marked as known), or -1.
        private int Find(string key)
        {
            int i = IndexOf(key);
            if (i < 0)
            {
                return -1;
            }

            _known[i] = true;
            return _valueStart[i];
        }

        private void Add(string problem)
        {
            _problemCount++;
            if (_problems.Length > 0)
            {
                _problems.Append("; ");
            }

            _problems.Append(problem);
        }

        private static string KindName(string t, int pos)
        {
            char c = t[pos];
            if (c == '"')
            {
                return "string";
            }

            if (c == '[')
            {
                return "array";
            }

            if (c == '{')
            {
                return "object";
            }

            if (c == 't' || c == 'f')
            {
                return "boolean";
            }

            if (c == 'n')
            {
                return "null";
            }

            return "number";
        }

        private static bool IsNumber(string t, int pos)
        {
            char c = t[pos];
            return c == '-' || (c >= '0' && c <= '9');
        }

        // As JsonReader: true for an integer that fits a long, with its value.
        private static bool ReadNumber(string t, int pos, out long value)
        {
            value = 0;
            if (!IsNumber(t, pos))
            {
                return false;
            }

            bool negative = false;
            if (t[pos] == '-')
            {
                negative = true;
                pos++;
            }

            long acc = 0;
            bool overflow = false;
            while (IsDigitAt(t, pos))
            {
                int d = t[pos] - '0';
                if (acc < (long.MinValue + d) / 10)
                {
                    overflow = true;
                }
                else
                {
                    acc = (acc * 10) - d;
                }

                pos++;
            }

            if (pos < t.Length && (t[pos] == '.' || t[pos] == 'e' || t[pos] == 'E'))
            {
                return false;
            }

            if (overflow)
            {
                return false;
            }

            if (negative)
            {
                value = acc;
                return true;
            }

            if (acc == long.MinValue)
            {
                return false;
            }

            value = -acc;
            return true;
        }

        // What a problem shows for a value: the number as written, else the kind name.
        private static string Shown(string t, int pos)
        {
            if (!IsNumber(t, pos))
            {
                return KindName(t, pos);
            }

            return t.Substring(pos, WalkNumber(t, pos) - pos);
        }

        // The decoded string at pos (on its opening quote).
        private string ReadString(string t, int pos)
        {
            int start = pos + 1;
            int i = start;
            while (t[i] != '"')
            {
                if (t[i] == '\\')
                {
                    return ReadEscaped(t, start);
                }

                i++;
            }

            return t.Substring(start, i - start);
        }

        private string ReadEscaped(string t, int i)
        {
            TextBuffer b = _buffer;
            b.Clear();
            while (t[i] != '"')
            {
                char c = Chars.At(t, i);
                if (c != '\\')
                {
                    b.Append(c);
                    i++;
                    continue;
                }

                char e = t[i + 1];
                i += 2;
                switch (e)
                {
                    case 'b':
                        b.Append('\b');
                        break;
                    case 'f':
                        b.Append('\f');
                        break;
                    case 'n':
                        b.Append('\n');
                        break;
                    case 'r':
                        b.Append('\r');
                        break;
                    case 't':
                        b.Append('\t');
                        break;
                    case 'u':
                        int code = 0;
                        for (int k = 0; k < 4; k++)
                        {
                            code = (code * 16) + Chars.HexValue(t[i + k]);
                        }

                        b.Append((char)code);
                        i += 4;
                        break;
                    default:
                        b.Append(e);
                        break;
                }
            }

            return b.ToString();
        }

        // Position of the next array item after the value ending at pos, or -1 at ']'.
        private static int NextItem(string t, int pos)
        {
            pos = SkipWhitespace(t, pos);
            if (t[pos] == ']')
            {
                return -1;
            }

            return SkipWhitespace(t, pos + 1);
        }

        // First item of the array at pos, or -1 when empty.
        private static int FirstItem(string t, int pos)
        {
            pos = SkipWhitespace(t, pos + 1);
            return t[pos] == ']' ? -1 : pos;
        }

        private static int CountItems(string t, int pos)
        {
            int n = 0;
            for (int item = FirstItem(t, pos); item >= 0; item = NextItem(t, WalkValue(t, item, 1)))
            {
                n++;
            }

            return n;
        }

        /// <summary>Sets each visited setting from its member, when present and valid (messages as SettingsCodec's tree decoder).</summary>
        private sealed class StreamDecoder : SettingsVisitor
        {
            private readonly SettingsFileReader _r;

            public StreamDecoder(SettingsFileReader reader)
            {
                _r = reader;
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                if (t[p] != '"')
                {
                    _r.Add(key + ": " + KindName(t, p) + ", expected text of " + SettingsRules.Range(minLength, maxLength) + " characters");
                    return;
                }

                string v = _r.ReadString(t, p);
                string problem = SettingsRules.CheckText(key, v, minLength, maxLength);
                if (problem != null)
                {
                    _r.Add(problem);
                    return;
                }

                field = v;
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                string t = _r._text;
                int p = _r.Find(key);
                long value;
                if (p >= 0 && IsInteger(key, t, p, min, max, false, out value))
                {
                    string problem = SettingsRules.CheckInt(key, value, min, max);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    field = (int)value;
                }
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                string t = _r._text;
                int p = _r.Find(key);
                long value;
                if (p >= 0 && IsInteger(key, t, p, min, max, true, out value))
                {
                    string problem = SettingsRules.CheckIntOrZero(key, value, min, max);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    field = (int)value;
                }
            }

            public override void Flag(string key, ref bool field)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                long value;
                if (t[p] == 't' || t[p] == 'f')
                {
                    field = t[p] == 't';
                }
                else if (ReadNumber(t, p, out value) && (value == 0 || value == 1))
                {
                    field = value == 1;
                }
                else
                {
                    _r.Add(key + ": " + Shown(t, p) + " not 0 or 1");
                }
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                if (t[p] != '[' || CountItems(t, p) > maxItems)
                {
                    _r.Add(key + ": expected a list of 0.." + maxItems.ToString() + " texts");
                    return;
                }

                string[] items = ArraySlots.Strings(CountItems(t, p));
                int item = FirstItem(t, p);
                for (int i = 0; i < items.Length; i++)
                {
                    string value = t[item] == '"' ? _r.ReadString(t, item) : null;
                    string problem = value == null ? key + ": item " + (i + 1).ToString() + " is " + KindName(t, item) : SettingsRules.CheckText(key, value, 1, maxLength);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    items[i] = value;
                    item = NextItem(t, WalkValue(t, item, 1));
                }

                field = items;
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                int count = t[p] == '[' ? CountItems(t, p) : 0;
                if (t[p] != '[' || count > items.Length)
                {
                    _r.Add(key + ": expected a list of up to " + items.Length.ToString() + " numbers " + SettingsRules.Range(min, max));
                    return;
                }

                long value;
                int item = FirstItem(t, p);
                for (int i = 0; i < count; i++)
                {
                    if (!ReadNumber(t, item, out value))
                    {
                        _r.Add(key + ": item " + (i + 1).ToString() + " is " + Shown(t, item) + ", expected " + SettingsRules.Range(min, max));
                        return;
                    }

                    string problem = SettingsRules.CheckInt(key, value, min, max);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    item = NextItem(t, WalkValue(t, item, 1));
                }

                item = FirstItem(t, p);
                for (int i = 0; i < count; i++)
                {
                    ReadNumber(t, item, out value);
                    items[i] = (int)value;
                    item = NextItem(t, WalkValue(t, item, 1));
                }
            }

            private bool IsInteger(string key, string t, int p, int min, int max, bool orZero, out long value)
            {
                if (ReadNumber(t, p, out value))
                {
                    return true;
                }

                _r.Add(key + ": " + Shown(t, p) + ", expected a number " + (orZero ? "0, " : string.Empty) + SettingsRules.Range(min, max));
                return false;
            }
        }
    }
}
