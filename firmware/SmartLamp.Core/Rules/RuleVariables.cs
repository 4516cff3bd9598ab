using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>Local time as Tasmota's ISO text ("2024-05-01T06:30:00"); see <see cref="RuleVariables.Timestamp"/>.</summary>
    public delegate string TimestampSource();

    /// <summary>
    /// Tasmota's rule toolkit (xdrv_10_rules.ino): Var1..16 (lost on restart), Mem1..16 (stored through
    /// the settings schema), CalcRes, Add, Sub, Mult, Scale and RuleTimer1..8, the events
    /// Var&lt;n&gt;#State, Mem&lt;n&gt;#State (on every set, the new value) and Rules#Timer=&lt;n&gt;, and the
    /// %var&lt;n&gt;%, %mem&lt;n&gt;%, %value%, %timestamp% and %topic% substitutions of a rule's commands.
    /// <para>
    /// Answers as Tasmota's: {"Var1":"x"}, {"Mem1":"x"}, {"Add1":"3.0"} (the command's own name and index),
    /// a bare Var/Mem lists all sixteen, {"CalcRes":1}, {"T1":0,...,"T8":0} (seconds left). Var0, Var17,
    /// RuleTimer9 and Scale without five numbers answer {"Command":"Error"}.
    /// Differences, on purpose: values are cut at <see cref="DeviceSettings.MaxRuleVarLength"/> characters
    /// (Tasmota 32 for Var); a value with control characters is refused with {"Command":"Error"} (it could
    /// not be stored); "Var1 =1+1" is kept as text (Tasmota's expressions are not in its standard builds
    /// either); Scale with an empty input range (from-low = from-high) is an error instead of inf; rule
    /// timers fire on the millisecond instead of on Tasmota's next one-second tick.
    /// </para>
    /// </summary>
    public sealed partial class RuleVariables
    {
        /// <summary>Var1..16 (Tasmota's MAX_RULE_VARS).</summary>
        public const int VarCount = 16;

        /// <summary>RuleTimer1..8 (Tasmota's MAX_RULE_TIMERS).</summary>
        public const int TimerCount = 8;

        private readonly RulesEngine _engine;
        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly IClock _clock;
        private readonly ITimer _timer;
        private readonly string[] _vars;
        private readonly long[] _due = new long[TimerCount]; // 0 = stopped
        private TimestampSource _timestamp;

        /// <summary>Creates the variables (all empty) and the rule timers (stopped).</summary>
        public RuleVariables(RulesEngine engine, SettingsService settings, EventLoop clock)
        {
            _engine = engine;
            _service = settings;
            _s = settings.Current;
            _clock = clock;
            _timer = clock.Timeout("RuleTimer", OnTimer);
            _vars = ArraySlots.Strings(VarCount);
            for (int i = 0; i < VarCount; i++)
            {
                _vars[i] = string.Empty;
            }

            _timestamp = ClockTimestamp;
        }

        /// <summary>
        /// What %timestamp% yields. The default is the device clock (<see cref="IClock.UtcNow"/>) as
        /// "yyyy-MM-ddTHH:mm:ss"; set a local-time source here once the device has wall time and a timezone.
        /// </summary>
        public TimestampSource Timestamp
        {
            get { return _timestamp; }
            set { _timestamp = value == null ? ClockTimestamp : value; }
        }

        private static readonly string[] CommandNames = new string[] { "VAR", "MEM", "CALCRES", "ADD", "SUB", "MULT", "SCALE", "RULETIMER" };

        /// <summary>Registers Var, Mem, CalcRes, Add, Sub, Mult, Scale and RuleTimer.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
        }

        /// <summary>Var&lt;index1&gt; (1..16), "" for any other index.</summary>
        public string Var(int index1)
        {
            return index1 >= 1 && index1 <= VarCount ? _vars[index1 - 1] : string.Empty;
        }

        /// <summary>Mem&lt;index1&gt; (1..16), "" for any other index.</summary>
        public string Mem(int index1)
        {
            string[] m = _s.Mems;
            if (m == null || index1 < 1 || index1 > m.Length || m[index1 - 1] == null)
            {
                return string.Empty;
            }

            return m[index1 - 1];
        }

        /// <summary>Seconds left on RuleTimer&lt;index1&gt; (0 when stopped).</summary>
        public long TimerSeconds(int index1)
        {
            if (index1 < 1 || index1 > TimerCount || _due[index1 - 1] == 0)
            {
                return 0;
            }

            long left = _due[index1 - 1] - _clock.NowMs;
            return left > 0 ? left / 1000 : 0;
        }

        /// <summary>
        /// <paramref name="text"/> with %value% (<paramref name="value"/>), %var1%..%var16%, %mem1%..%mem16%,
        /// %timestamp% and %topic% put in (any case); other %...% stay as they are.
        /// </summary>
        public string Substitute(string text, string value)
        {
            if (text == null || text.IndexOf('%') < 0)
            {
                return text;
            }

            TextBuffer b = null;
            int copied = 0;
            int n = text.Length;
            for (int i = 0; i < n; i++)
            {
                if (text[i] != '%')
                {
                    continue;
                }

                int close = text.IndexOf('%', i + 1);
                if (close < 0)
                {
                    break;
                }

                string put = Token(text, i + 1, close, value);
                if (put == null)
                {
                    continue; // not ours; its closing '%' may open a token of ours
                }

                if (b == null)
                {
                    b = new TextBuffer(n + 32);
                }

                for (int k = copied; k < i; k++)
                {
                    b.Append(text[k]);
                }

                b.Append(put);
                copied = close + 1;
                i = close;
            }

            if (b == null)
            {
                return text;
            }

            for (int k = copied; k < n; k++)
            {
                b.Append(text[k]);
            }

            return b.ToString();
        }

        /// <summary>What the token text[start..end) stands for, or null when it is none of ours.</summary>
        private string Token(string text, int start, int end, string value)
        {
            int len = end - start;
            if (len == 5 && CommandValue.StartsWithIgnoreCase(text, start, "VALUE"))
            {
                return value == null ? string.Empty : value;
            }

            if (len == 9 && CommandValue.StartsWithIgnoreCase(text, start, "TIMESTAMP"))
            {
                string t = _timestamp();
                return t == null ? string.Empty : t;
            }

            if (len == 5 && CommandValue.StartsWithIgnoreCase(text, start, "TOPIC"))
            {
                return _s.Topic == null ? string.Empty : _s.Topic;
            }

            bool isVar = CommandValue.StartsWithIgnoreCase(text, start, "VAR");
            if ((isVar || CommandValue.StartsWithIgnoreCase(text, start, "MEM")) && len >= 4 && len <= 5)
            {
                int index = 0;
                for (int k = start + 3; k < end; k++)
                {
                    char c = text[k];
                    if (c < '0' || c > '9')
                    {
                        return null;
                    }

                    index = (index * 10) + (c - '0');
                }

                if (index < 1 || index > VarCount)
                {
                    return null;
                }

                return isVar ? _vars[index - 1] : Mem(index);
            }

            return null;
        }

        /// <summary>Starts the one timer for the nearest running rule timer (or stops it).</summary>
        private void Arm()
        {
            long next = 0;
            for (int i = 0; i < TimerCount; i++)
            {
                if (_due[i] != 0 && (next == 0 || _due[i] < next))
                {
                    next = _due[i];
                }
            }

            if (next == 0)
            {
                _timer.Stop();
                return;
            }

            long wait = next - _clock.NowMs;
            _timer.Start(wait > 0 ? wait : 0, 0);
        }

        private void OnTimer()
        {
            long now = _clock.NowMs;
            for (int i = 0; i < TimerCount; i++)
            {
                if (_due[i] != 0 && _due[i] <= now)
                {
                    _due[i] = 0;
                    _engine.Raise("Rules", "Timer", (i + 1).ToString());
                }
            }

            Arm();
        }

        private string ClockTimestamp()
        {
            DateTime t = _clock.UtcNow;
            TextBuffer b = new TextBuffer(19);
            b.AppendNumber(t.Year).Append('-').AppendTwoDigits(t.Month).Append('-').AppendTwoDigits(t.Day)
                .Append('T').AppendTwoDigits(t.Hour).Append(':').AppendTwoDigits(t.Minute).Append(':').AppendTwoDigits(t.Second);
            return b.ToString();
        }

        private static string VarKey(string name, int index1)
        {
            return name + index1.ToString();
        }

        private static string TimerKey(int index1)
        {
            return "T" + index1.ToString();
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndVar(req, resp); break;
                case 1: CmndMem(req, resp); break;
                case 2: CmndCalcRes(req, resp); break;
                case 3: CmndAdd(req, resp); break;
                case 4: CmndSub(req, resp); break;
                case 5: CmndMult(req, resp); break;
                case 6: CmndScale(req, resp); break;
                case 7: CmndRuleTimer(req, resp); break;
            }
        }
    }
}
