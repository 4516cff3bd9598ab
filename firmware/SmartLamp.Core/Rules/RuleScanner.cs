using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Walks a rule set text "ON &lt;trigger&gt; DO &lt;commands&gt; ENDON|BREAK [ON ...]" by index,
    /// without building strings: after each successful <see cref="Next"/> the trigger and the commands
    /// are slices of <see cref="Text"/>. Keywords are matched without case and must stand alone
    /// (spaces around DO, a space before ENDON/BREAK, as Tasmota requires). On a malformed text
    /// <see cref="Next"/> returns false with <see cref="Error"/> saying what is wrong; at the end of a
    /// valid text it returns false with <see cref="Error"/> null. One instance can be reused.
    /// </summary>
    public sealed class RuleScanner
    {
        private const int QuoteLength = 40;

        private string _text;
        private int _pos;

        /// <summary>The text being scanned.</summary>
        public string Text
        {
            get { return _text; }
        }

        /// <summary>Start of the current rule's trigger (after ON and spaces).</summary>
        public int TriggerStart;

        /// <summary>End (exclusive) of the current rule's trigger, trailing spaces removed.</summary>
        public int TriggerEnd;

        /// <summary>Start of the current rule's commands.</summary>
        public int CommandStart;

        /// <summary>End (exclusive) of the current rule's commands, trailing spaces removed.</summary>
        public int CommandEnd;

        /// <summary>True when the current rule ends with BREAK (the set's later rules are skipped once it fired).</summary>
        public bool IsBreak;

        /// <summary>0-based number of the current rule within the set.</summary>
        public int RuleIndex;

        /// <summary>Null while the text is fine; otherwise what is wrong, for the user.</summary>
        public string Error;

        /// <summary>Starts scanning <paramref name="text"/> (null = empty).</summary>
        public void Reset(string text)
        {
            _text = text == null ? string.Empty : text;
            _pos = 0;
            RuleIndex = -1;
            Error = null;
            TriggerStart = TriggerEnd = CommandStart = CommandEnd = 0;
            IsBreak = false;
        }

        /// <summary>
        /// Null when <paramref name="text"/> is a valid rule set (empty counts as valid), otherwise
        /// the first problem in words ("ENDON or BREAK missing after: ON Event#A DO Power1 ON").
        /// </summary>
        public static string Validate(string text)
        {
            RuleScanner s = new RuleScanner();
            s.Reset(text);
            while (s.Next())
            {
            }

            return s.Error;
        }

        /// <summary>Moves to the next rule. False at the end of the text or on an error (see <see cref="Error"/>).</summary>
        public bool Next()
        {
            if (Error != null)
            {
                return false;
            }

            string t = _text;
            int n = t.Length;
            int p = Chars.SkipSpaces(t, _pos, n);
            if (p >= n)
            {
                _pos = n;
                return false;
            }

            if (!IsWordAt(t, p, "ON"))
            {
                return Fail("ON expected at character " + (p + 1).ToString() + ": " + Quote(t, p, n));
            }

            int triggerStart = Chars.SkipSpaces(t, p + 2, n);
            int doAt = FindWord(t, p + 2, n, "DO");
            int endAt = FindEnd(t, p + 2, n);
            if (doAt < 0 || (endAt >= 0 && endAt < doAt))
            {
                return Fail("DO missing after: " + Quote(t, p, endAt >= 0 ? endAt : n));
            }

            int triggerEnd = Chars.TrimEnd(t, triggerStart, doAt);
            if (triggerEnd <= triggerStart)
            {
                return Fail("trigger missing after ON at character " + (p + 1).ToString());
            }

            if (Chars.IndexOf(t, triggerStart, triggerEnd, '#') < 0)
            {
                return Fail("trigger " + Quote(t, triggerStart, triggerEnd) + " needs <name>#<key>, like Event#ALARM or Power1#State");
            }

            int commandStart = Chars.SkipSpaces(t, doAt + 2, n);
            if (endAt < 0)
            {
                return Fail("ENDON or BREAK missing after: " + Quote(t, p, n));
            }

            int commandEnd = Chars.TrimEnd(t, commandStart, endAt);
            if (commandEnd <= commandStart)
            {
                return Fail("command missing after: " + Quote(t, p, doAt + 2));
            }

            // "ON a DO x ON b DO y ENDON": the first rule lost its ENDON and swallowed the second one.
            int innerDo = FindWord(t, commandStart, commandEnd, "DO");
            if (innerDo > commandStart)
            {
                int innerOn = -1;
                for (int i = FindWord(t, commandStart, innerDo, "ON"); i >= 0; i = FindWord(t, i + 2, innerDo, "ON"))
                {
                    innerOn = i;
                }

                if (innerOn >= 0)
                {
                    return Fail("ENDON or BREAK missing before: " + Quote(t, innerOn, commandEnd));
                }
            }

            RuleIndex++;
            TriggerStart = triggerStart;
            TriggerEnd = triggerEnd;
            CommandStart = commandStart;
            CommandEnd = commandEnd;
            IsBreak = IsWordAt(t, endAt, "BREAK");
            _pos = endAt + 5;
            return true;
        }

        private bool Fail(string message)
        {
            Error = message;
            _pos = _text.Length;
            return false;
        }

        /// <summary>Index of the first stand-alone ENDON or BREAK at or after <paramref name="from"/> that follows a space, or -1.</summary>
        private static int FindEnd(string t, int from, int n)
        {
            for (int i = from; i < n; i++)
            {
                if (i > 0 && IsSpace(t[i - 1]) && (IsWordAt(t, i, "ENDON") || IsWordAt(t, i, "BREAK")))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Index of <paramref name="upperWord"/> standing alone (spaces or the text's ends around it) in [from, end), or -1.</summary>
        private static int FindWord(string t, int from, int end, string upperWord)
        {
            for (int i = from; i + upperWord.Length <= end; i++)
            {
                if ((i == 0 || IsSpace(t[i - 1])) && IsWordAt(t, i, upperWord) && (i + upperWord.Length == end || IsSpace(t[i + upperWord.Length])))
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when <paramref name="upperWord"/> starts at <paramref name="i"/> (any case) and is followed by a space or the end of the text.</summary>
        private static bool IsWordAt(string t, int i, string upperWord)
        {
            if (i < 0 || i + upperWord.Length > t.Length)
            {
                return false;
            }

            for (int j = 0; j < upperWord.Length; j++)
            {
                if (CommandValue.ToUpperAscii(t[i + j]) != upperWord[j])
                {
                    return false;
                }
            }

            int after = i + upperWord.Length;
            return after == t.Length || IsSpace(t[after]);
        }

        private static bool IsSpace(char c)
        {
            return c == ' ';
        }

        /// <summary>'text' for a message, cut to 40 characters ("...").</summary>
        private static string Quote(string t, int start, int end)
        {
            end = Chars.TrimEnd(t, start, end);
            if (end - start > QuoteLength)
            {
                return "'" + t.Substring(start, QuoteLength) + "...'";
            }

            return "'" + t.Substring(start, end - start) + "'";
        }
    }
}
