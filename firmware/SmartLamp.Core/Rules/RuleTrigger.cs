using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Matches a rule trigger such as "Event#ALARM=ring", "Power1#State=1" or "Event#Temp&gt;=21.5"
    /// (a slice of the rule text) against one event (name, key, value), as Tasmota's RulesRuleMatch does:
    /// <list type="bullet">
    /// <item>Names compare without case ("power1#state" matches Power1/State).</item>
    /// <item>Operators, searched in Tasmota's order: "$^" (does not contain), "$!" (differs), "$|"
    ///   (contains), "$&lt;" (starts with), "$&gt;" (ends with), "&lt;=", "&gt;=", "!=", "==" (numbers),
    ///   "|" (divisible by), "&lt;", "&gt;", "=" (text, without case). No operator: any value matches.</item>
    /// <item>Numbers are read like Tasmota's CharToFloat (leading sign, digits, one '.', the rest
    ///   ignored: "21.5C" is 21.5, "ring" is 0); on the rule side the words ON/OFF/TOGGLE... count as 1/0/2.</item>
    /// <item>A third level ("Event#Data#Temp") looks into an event value that is a JSON object.</item>
    /// </list>
    /// Nothing is allocated for the usual one-level comparisons.
    /// </summary>
    public static class RuleTrigger
    {
        /// <summary>The event does not have this trigger's name (Once state is left alone).</summary>
        public const int NotThisEvent = -1;

        /// <summary>The event has the name but the comparison fails.</summary>
        public const int NoMatch = 0;

        /// <summary>The trigger matches.</summary>
        public const int Match = 1;

        // Operator i is Operators[2i] followed by Operators[2i+1] unless that is a space (Tasmota's kCompareOperators).
        private const string Operators = "= > < | ==!=>=<=$>$<$|$!$^";
        private const int OpNone = -1;
        private const int OpEqual = 0, OpBigger = 1, OpSmaller = 2, OpDivisible = 3; // = > < |
        private const int OpNumberEqual = 4, OpNotEqual = 5, OpBiggerEqual = 6, OpSmallerEqual = 7; // == != >= <=
        private const int OpEndsWith = 8, OpStartsWith = 9, OpContains = 10, OpTextNotEqual = 11, OpNotContains = 12; // $> $< $| $! $^

        /// <summary>
        /// <see cref="Match"/>, <see cref="NoMatch"/> or <see cref="NotThisEvent"/> for the trigger
        /// text[<paramref name="start"/>, <paramref name="end"/>) and the event
        /// <paramref name="name"/>#<paramref name="key"/> with <paramref name="value"/>.
        /// </summary>
        public static int Evaluate(string text, int start, int end, string name, string key, string value)
        {
            int opAt;
            int opLength;
            int op = FindOperator(text, start, end, out opAt, out opLength);
            int nameEnd = op == OpNone ? end : opAt;
            nameEnd = Chars.TrimEnd(text, start, nameEnd);
            start = Chars.SkipSpaces(text, start, nameEnd);

            int hash = Chars.IndexOf(text, start, nameEnd, '#');
            if (hash < 0 || !SliceEquals(text, start, hash, name))
            {
                return NotThisEvent;
            }

            int keyStart = hash + 1;
            int keyEnd = Chars.IndexOf(text, keyStart, nameEnd, '#');
            if (keyEnd < 0)
            {
                keyEnd = nameEnd;
            }

            if (!SliceEquals(text, keyStart, keyEnd, key))
            {
                return NotThisEvent;
            }

            if (keyEnd < nameEnd)
            {
                value = Nested(value, text, keyEnd + 1, nameEnd);
                if (value == null)
                {
                    return NotThisEvent;
                }
            }

            if (value == null)
            {
                value = string.Empty;
            }

            if (op == OpNone)
            {
                return Match;
            }

            int rs = Chars.SkipSpaces(text, opAt + opLength, end);
            int re = Chars.TrimEnd(text, rs, end);
            return Compare(op, value, text, rs, re) ? Match : NoMatch;
        }

        private static bool Compare(int op, string value, string text, int rs, int re)
        {
            switch (op)
            {
                case OpEqual:
                    return Chars.EqualsIgnoreCase(text, rs, re, value, 0, value.Length);
                case OpTextNotEqual:
                    return !Chars.EqualsIgnoreCase(text, rs, re, value, 0, value.Length);
                case OpStartsWith:
                    return re - rs <= value.Length && Chars.EqualsIgnoreCase(text, rs, re, value, 0, re - rs);
                case OpEndsWith:
                    return re - rs <= value.Length && Chars.EqualsIgnoreCase(text, rs, re, value, value.Length - (re - rs), value.Length);
                case OpContains:
                    return Contains(value, text, rs, re);
                case OpNotContains:
                    return !Contains(value, text, rs, re);
            }

            double left = RuleNumber.Parse(value, 0, value.Length);
            double right = RuleSideNumber(text, rs, re);
            switch (op)
            {
                case OpBigger:
                    return left > right;
                case OpSmaller:
                    return left < right;
                case OpNumberEqual:
                    return left == right;
                case OpNotEqual:
                    return left != right;
                case OpBiggerEqual:
                    return left >= right;
                case OpSmallerEqual:
                    return left <= right;
                case OpDivisible:
                    int divisor = (int)right;
                    // -1 divides everything (and int.MinValue % -1 would overflow).
                    return divisor == -1 || (divisor != 0 && ((int)left % divisor) == 0);
            }

            return false;
        }

        /// <summary>The rule side's number: a state word (ON = 1, OFF = 0, TOGGLE = 2, ...) or a number.</summary>
        private static double RuleSideNumber(string text, int rs, int re)
        {
            if (re > rs && re - rs <= 8 && CommandValue.ToUpperAscii(text[rs]) >= 'A' && CommandValue.ToUpperAscii(text[rs]) <= 'Z')
            {
                int word = CommandValue.StateWord(text.Substring(rs, re - rs));
                if (word >= 0)
                {
                    return word;
                }
            }

            return RuleNumber.Parse(text, rs, re);
        }

        /// <summary>Finds the comparison operator in text[start, end) in Tasmota's order; OpNone when there is none.</summary>
        private static int FindOperator(string text, int start, int end, out int opAt, out int opLength)
        {
            for (int op = OpNotContains; op >= OpEqual; op--)
            {
                char a = Operators[op * 2];
                char b = Operators[(op * 2) + 1];
                int length = b == ' ' ? 1 : 2;
                for (int i = start + 1; i + length <= end; i++)
                {
                    if (text[i] == a && (length == 1 || text[i + 1] == b))
                    {
                        opAt = i;
                        opLength = length;
                        return op;
                    }
                }
            }

            opAt = end;
            opLength = 0;
            return OpNone;
        }

        /// <summary>The member text[start, end) ('#'-separated path) of the JSON object in <paramref name="value"/>, as text; null when absent or not JSON.</summary>
        private static string Nested(string value, string text, int start, int end)
        {
            if (value == null || value.Length < 2 || value[0] != '{')
            {
                return null;
            }

            return JsonPath.Scalar(value, 8, 1200, text, start, end, '#', 64);
        }

        private static bool Contains(string value, string text, int rs, int re)
        {
            int length = re - rs;
            for (int i = 0; i + length <= value.Length; i++)
            {
                if (Chars.EqualsIgnoreCase(text, rs, re, value, i, i + length))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>text[start, end) equals <paramref name="word"/> without case.</summary>
        private static bool SliceEquals(string text, int start, int end, string word)
        {
            return word != null && Chars.EqualsIgnoreCase(text, start, end, word, 0, word.Length);
        }
    }
}
