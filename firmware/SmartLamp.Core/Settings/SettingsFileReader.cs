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
    public sealed partial class SettingsFileReader
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
    }
}
