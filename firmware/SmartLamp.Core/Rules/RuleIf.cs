using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Tasmota's conditional rules in a DO part: "IF (&lt;condition&gt;) &lt;statements&gt; [ELSEIF (&lt;condition&gt;)
    /// &lt;statements&gt;] [ELSE &lt;statements&gt;] ENDIF", statements separated by ';', IFs nested, keywords
    /// in any case. <see cref="Resolve"/> picks the branches and returns the chosen commands, still
    /// unsubstituted, as one Backlog list, so %value% is put in per command after the split as everywhere.
    /// <para>
    /// A condition compares numbers: operands are numbers, VAR&lt;n&gt;, MEM&lt;n&gt;, UPTIME (minutes) and
    /// %...% substitutions, combined with + - * / % ^ and parentheses; comparisons = == != &lt; &gt; &lt;= &gt;= and
    /// | (true when the left side is a multiple of the right); AND binds before OR. Text that is not a
    /// number counts as 0, as Tasmota's CharToFloat does. A malformed IF (no '(' or ')' or ENDIF) runs
    /// nothing and says why in the log. The conditions themselves are read by <see cref="RuleCondition"/>.
    /// </para>
    /// </summary>
    public sealed class RuleIf
    {
        private readonly RuleVariables _vars;
        private readonly RuleCondition _condition;

        /// <summary>Creates the evaluator over <paramref name="vars"/>.</summary>
        public RuleIf(RuleVariables vars, Ports.IClock clock)
        {
            _vars = vars;
            _condition = new RuleCondition(vars, clock);
        }

        /// <summary>True when the statement at <paramref name="start"/> (after spaces) is an IF.</summary>
        public static bool StartsWithIf(string s, int start)
        {
            while (start < s.Length && s[start] == ' ')
            {
                start++;
            }

            return IsKeyword(s, start, "IF");
        }

        /// <summary>
        /// The commands <paramref name="text"/> leads to, IF statements resolved, joined with ';'; null
        /// with <paramref name="error"/> set when an IF is malformed.
        /// </summary>
        public string Resolve(string text, string value, out string error)
        {
            error = null;
            TextBuffer b = new TextBuffer(text.Length + 8);
            if (!List(text, 0, text.Length, value, b, ref error))
            {
                return null;
            }

            return b.ToString();
        }

        private bool List(string t, int from, int to, string value, TextBuffer b, ref string error)
        {
            int p = from;
            while (p < to)
            {
                while (p < to && (t[p] == ' ' || t[p] == ';'))
                {
                    p++;
                }

                if (p >= to)
                {
                    break;
                }

                if (IsKeyword(t, p, "IF"))
                {
                    p = If(t, p, to, value, b, ref error);
                    if (p < 0)
                    {
                        return false;
                    }

                    continue;
                }

                int end = CommandValue.BacklogItemEnd(t, p);
                if (end > to)
                {
                    end = to;
                }

                if (b.Length > 0)
                {
                    b.Append(';');
                }

                for (int k = p; k < end; k++)
                {
                    b.Append(t[k]);
                }

                p = end + 1;
            }

            return true;
        }

        /// <summary>Handles the IF at <paramref name="p"/>; the index after its ENDIF, or -1.</summary>
        private int If(string t, int p, int to, string value, TextBuffer b, ref string error)
        {
            bool done = false;
            int q = p + 2;
            while (true)
            {
                // q is after IF/ELSEIF: "(condition)" follows.
                while (q < to && t[q] == ' ')
                {
                    q++;
                }

                if (q >= to || t[q] != '(')
                {
                    error = "IF needs a condition in parentheses";
                    return -1;
                }

                int close = Matching(t, q, to);
                if (close < 0)
                {
                    error = "IF condition misses a ')'";
                    return -1;
                }

                int bodyStart = close + 1;
                int kw;
                int bodyEnd = NextBranch(t, bodyStart, to, out kw);
                if (bodyEnd < 0)
                {
                    error = "IF without ENDIF";
                    return -1;
                }

                if (!done && _condition.Evaluate(_vars.Substitute(t.Substring(q + 1, close - q - 1), value)))
                {
                    done = true;
                    if (!List(t, bodyStart, bodyEnd, value, b, ref error))
                    {
                        return -1;
                    }
                }

                if (kw == 0)
                {
                    return bodyEnd + 5; // after ENDIF
                }

                if (kw == 1)
                {
                    q = bodyEnd + 6; // after ELSEIF
                    continue;
                }

                // ELSE: its statements up to the ENDIF
                int elseStart = bodyEnd + 4;
                int elseEnd = NextBranch(t, elseStart, to, out kw);
                if (elseEnd < 0 || kw != 0)
                {
                    error = "ELSE must be the last branch, before ENDIF";
                    return -1;
                }

                if (!done && !List(t, elseStart, elseEnd, value, b, ref error))
                {
                    return -1;
                }

                return elseEnd + 5;
            }
        }

        /// <summary>
        /// Index of the ENDIF (kind 0), ELSEIF (1) or ELSE (2) that ends the branch from
        /// <paramref name="from"/>, skipping nested IFs; -1 when there is none.
        /// </summary>
        private static int NextBranch(string t, int from, int to, out int kind)
        {
            int depth = 0;
            for (int i = from; i < to; i++)
            {
                if (IsKeyword(t, i, "IF"))
                {
                    depth++;
                }
                else if (IsKeyword(t, i, "ENDIF"))
                {
                    if (depth == 0)
                    {
                        kind = 0;
                        return i;
                    }

                    depth--;
                }
                else if (depth == 0 && IsKeyword(t, i, "ELSEIF"))
                {
                    kind = 1;
                    return i;
                }
                else if (depth == 0 && IsKeyword(t, i, "ELSE"))
                {
                    kind = 2;
                    return i;
                }
            }

            kind = -1;
            return -1;
        }

        private static int Matching(string t, int open, int to)
        {
            int depth = 0;
            for (int i = open; i < to; i++)
            {
                if (t[i] == '(')
                {
                    depth++;
                }
                else if (t[i] == ')')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        /// <summary>The word <paramref name="upper"/> at <paramref name="i"/>, standing alone.</summary>
        private static bool IsKeyword(string t, int i, string upper)
        {
            if (i > 0)
            {
                char before = t[i - 1];
                if (before != ' ' && before != ';' && before != ')')
                {
                    return false;
                }
            }

            if (!CommandValue.StartsWithIgnoreCase(t, i, upper))
            {
                return false;
            }

            int after = i + upper.Length;
            return after >= t.Length || t[after] == ' ' || t[after] == ';' || t[after] == '(';
        }
    }
}
