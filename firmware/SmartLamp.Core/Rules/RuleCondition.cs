using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Reads and evaluates the condition of a rule's IF/ELSEIF (already substituted): numbers, VAR&lt;n&gt;,
    /// MEM&lt;n&gt;, UPTIME (minutes), + - * / % (remainder of the whole parts) ^ (whole exponents) and parentheses; comparisons = == != &lt; &gt; &lt;= &gt;= and |
    /// (left side a multiple of the right); AND binds before OR. Text that is not a number counts as 0.
    /// Not thread-safe: one evaluation at a time (the rules engine serialises them).
    /// </summary>
    public sealed class RuleCondition
    {
        private readonly RuleVariables _vars;
        private readonly Ports.IClock _clock;

        // The condition being evaluated and the read position in it.
        private string _c;
        private int _p;

        /// <summary>Creates the evaluator over <paramref name="vars"/>; UPTIME comes from <paramref name="clock"/>.</summary>
        public RuleCondition(RuleVariables vars, Ports.IClock clock)
        {
            _vars = vars;
            _clock = clock;
        }

        /// <summary>Evaluates a substituted condition (without its outer parentheses).</summary>
        public bool Evaluate(string condition)
        {
            _c = condition;
            _p = 0;
            bool r = Or();
            _c = null;
            return r;
        }

        private bool Or()
        {
            bool r = And();
            while (Word("OR"))
            {
                bool right = And();
                r = r || right;
            }

            return r;
        }

        private bool And()
        {
            bool r = Comparison();
            while (Word("AND"))
            {
                bool right = Comparison();
                r = r && right;
            }

            return r;
        }

        private bool Comparison()
        {
            // "(" may open a logical group or an arithmetic one: try the group first.
            Skip();
            if (_p < _c.Length && _c[_p] == '(')
            {
                int save = _p;
                _p++;
                bool inner = Or();
                Skip();
                if (_p < _c.Length && _c[_p] == ')')
                {
                    _p++;
                    Skip();
                    if (_p >= _c.Length || !IsOperatorStart(_c[_p]))
                    {
                        return inner;
                    }
                }

                _p = save; // it was arithmetic: "(1+2)*3 > 4"
            }

            double a = Expression(0);
            Skip();
            if (_p >= _c.Length)
            {
                return a != 0;
            }

            char c0 = _c[_p];
            char c1 = _p + 1 < _c.Length ? _c[_p + 1] : ' ';
            // Operators 0..3 are ==, !=, <=, >=; 4..7 are =, <, >, | (one character).
            int op = c1 == '=' ? "=!<>".IndexOf(c0) : -1;
            if (op >= 0)
            {
                _p += 2;
            }
            else
            {
                op = "=<>|".IndexOf(c0);
                if (op < 0)
                {
                    return a != 0;
                }

                op += 4;
                _p++;
            }

            double b = Expression(0);
            switch (op)
            {
                case 0:
                case 4:
                    return a == b;
                case 1:
                    return a != b;
                case 2:
                    return a <= b;
                case 3:
                    return a >= b;
                case 5:
                    return a < b;
                case 6:
                    return a > b;
                default:
                    if (b == 0)
                    {
                        return false;
                    }

                    double quotient = a / b;
                    return quotient == (double)(long)quotient;
            }
        }

        private static bool IsOperatorStart(char c)
        {
            return c == '=' || c == '!' || c == '<' || c == '>' || c == '|' || c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '^';
        }

        // Binary operators by binding, loosest first: level 0 '+' '-', 1 '*' '/', 2 '%' (tighter than * and /,
        // as in Tasmota), 3 '^'; each level's operands are the next level's, level 4 is an operand.
        private double Expression(int level)
        {
            if (level > 3)
            {
                return Operand();
            }

            double r = Expression(level + 1);
            while (true)
            {
                Skip();
                char op = _p < _c.Length ? _c[_p] : ' ';
                if (!BindsAt(op, level))
                {
                    return r;
                }

                _p++;
                r = Apply(op, r, Expression(level + 1));
            }
        }

        private static bool BindsAt(char op, int level)
        {
            switch (level)
            {
                case 0:
                    return op == '+' || op == '-';
                case 1:
                    return op == '*' || op == '/';
                case 2:
                    return op == '%';
                default:
                    return op == '^';
            }
        }

        private static double Apply(char op, double r, double right)
        {
            switch (op)
            {
                case '+':
                    return r + right;
                case '-':
                    return r - right;
                case '*':
                    return r * right;
                case '/':
                    return right == 0 ? 0 : r / right; // Tasmota: division by zero gives 0
                case '%':
                    // the remainder of the whole parts, 0 for a zero divisor
                    long divisor = (long)right;
                    return divisor == 0 ? 0 : (double)((long)r % divisor);
                default:
                    return Raise(r, (long)right);
            }
        }

        // '^': whole exponents only (the fraction of an exponent is dropped: no Math here).
        private static double Raise(double r, long e)
        {
            bool inverse = e < 0;
            if (inverse)
            {
                e = -e;
            }

            double result = 1;
            for (long i = 0; i < e && i < 1024; i++)
            {
                result *= r;
            }

            return inverse ? (result == 0 ? 0 : 1 / result) : result;
        }

        private double Operand()
        {
            Skip();
            if (_p >= _c.Length)
            {
                return 0;
            }

            char c = _c[_p];
            if (c == '(')
            {
                _p++;
                double r = Expression(0);
                Skip();
                if (_p < _c.Length && _c[_p] == ')')
                {
                    _p++;
                }

                return r;
            }

            if (c == '-')
            {
                _p++;
                return -Operand();
            }

            int start = _p;
            while (_p < _c.Length && IsOperandChar(_c[_p]))
            {
                _p++;
            }

            if (_p == start)
            {
                _p++; // an unexpected character: skip it
                return 0;
            }

            string word = _c.Substring(start, _p - start);
            if (CommandValue.EqualsIgnoreCase(word, "UPTIME"))
            {
                return _clock.NowMs / 60000;
            }

            bool isVar = CommandValue.StartsWithIgnoreCase(word, 0, "VAR");
            if (isVar || CommandValue.StartsWithIgnoreCase(word, 0, "MEM"))
            {
                int index;
                if (CommandValue.TryParseNumber(word.Substring(3), out index))
                {
                    return RuleNumber.Parse(isVar ? _vars.Var(index) : _vars.Mem(index));
                }
            }

            return RuleNumber.Parse(word);
        }

        private static bool IsOperandChar(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == ':';
        }

        private bool Word(string upper)
        {
            Skip();
            if (CommandValue.StartsWithIgnoreCase(_c, _p, upper))
            {
                int after = _p + upper.Length;
                if (after >= _c.Length || _c[after] == ' ' || _c[after] == '(')
                {
                    _p = after;
                    return true;
                }
            }

            return false;
        }

        private void Skip()
        {
            while (_p < _c.Length && _c[_p] == ' ')
            {
                _p++;
            }
        }
    }
}
