using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Tasmota 15's TimedPower command: <c>TimedPower&lt;x&gt; &lt;ms&gt;[,off|on|toggle|blink|0..3]</c>
    /// runs Power&lt;x&gt; with the state (default ON) now and queues the opposite (ON/OFF swapped, TOGGLE
    /// again, blink stopped) after ms (at least 50); x = 0 acts on all relays. The answer is the Power
    /// answer. A timer with the same queued command is replaced. <c>TimedPower</c> lists the pending ones
    /// (<c>{"TimedPower":[{"Remaining":1950,"Command":"Power1 0"}]}</c> or <c>{"TimedPower":"Empty"}</c>),
    /// <c>TimedPower&lt;x&gt;</c> cancels relay x's (<c>{"TimedPower":"Done"}</c>).
    /// Pending commands switch the relays through <see cref="PowerController.Switch"/> from one loop
    /// timeout; at most <see cref="MaxTimed"/> are pending (Tasmota's list is bounded by its heap), a
    /// further one answers <c>{"Command":"Error"}</c>. They are not kept over a restart (neither in Tasmota).
    /// </summary>
    public sealed class TimedPower
    {
        /// <summary>Most pending TimedPower commands.</summary>
        public const int MaxTimed = 16;

        /// <summary>Shortest TimedPower time in ms (Tasmota's 50 ms granularity).</summary>
        public const int MinTimeMs = 50;

        private readonly string[] _commands = new string[] { "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "" };
        private readonly long[] _due = new long[MaxTimed];
        private readonly int[] _relay = new int[MaxTimed];
        private readonly int[] _state = new int[MaxTimed];
        private readonly PowerController _power;
        private readonly IClock _clock;
        private readonly ITimer _timer;
        private readonly int _count;

        /// <summary>TimedPower for <paramref name="relayCount"/> relays of <paramref name="power"/>, timed by <paramref name="clock"/>.</summary>
        public TimedPower(PowerController power, int relayCount, EventLoop clock)
        {
            _power = power;
            _count = relayCount;
            _clock = clock;
            _timer = clock.Timeout("Power delay", OnTick);
        }

        private static readonly string[] CommandNames = new string[] { "TIMEDPOWER" };

        /// <summary>Registers TIMEDPOWER.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, CmndTimedPower);
        }

        private void CmndTimedPower(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index < 0 || index > _count)
            {
                return; // {"Command":"Error"}
            }

            string p = req.Payload;
            if (p.Length == 0)
            {
                if (!req.HasIndex)
                {
                    Show(resp);
                    return;
                }

                Cancel("Power" + index.ToString());
                resp.Add("TimedPower", "Done");
                return;
            }

            int comma = p.IndexOf(',');
            int time = CommandValue.Parse(comma < 0 ? p : p.Substring(0, comma));
            if (time < MinTimeMs)
            {
                time = MinTimeMs; // Tasmota: anything below 50 (also no number) is 50 ms
            }

            int start = CommandValue.On;
            if (comma >= 0)
            {
                string word = p.Substring(comma + 1).Trim();
                start = CommandValue.StateWord(word);
                if (start < 0)
                {
                    start = LeadingNumber(word);
                }

                start &= 3;
            }

            int end = start == CommandValue.Off ? CommandValue.On : (start == CommandValue.On ? CommandValue.Off : (start == CommandValue.Toggle ? CommandValue.Toggle : CommandValue.BlinkOff));
            if (!Queue(time, "Power" + index.ToString() + " " + end.ToString(), index, end))
            {
                return; // no room: {"Command":"Error"}
            }

            PowerController.Answer(resp, _power.Command(index, start)); // answered like the Power command
        }

        private void Show(CommandResponse resp)
        {
            long now = _clock.NowMs;
            bool any = false;
            for (int i = 0; i < MaxTimed; i++)
            {
                if (_commands[i].Length == 0)
                {
                    continue;
                }

                if (!any)
                {
                    resp.BeginArray("TimedPower");
                    any = true;
                }

                long left = _due[i] - now;
                resp.BeginObject(null).Add("Remaining", left > 0 ? left : 0).Add("Command", _commands[i]).End();
            }

            if (any)
            {
                resp.End();
            }
            else
            {
                resp.Add("TimedPower", "Empty");
            }
        }

        /// <summary>Queues <paramref name="command"/> (Power&lt;relay&gt; &lt;state&gt;, as listed) in <paramref name="ms"/>, replacing the same command; false when full.</summary>
        private bool Queue(int ms, string command, int relay, int state)
        {
            int free = -1;
            for (int i = 0; i < MaxTimed; i++)
            {
                if (_commands[i] == command)
                {
                    free = i;
                    break;
                }

                if (free < 0 && _commands[i].Length == 0)
                {
                    free = i;
                }
            }

            if (free < 0)
            {
                return false;
            }

            _commands[free] = command;
            _relay[free] = relay;
            _state[free] = state;
            _due[free] = _clock.NowMs + ms;
            Schedule();
            return true;
        }

        /// <summary>Removes every pending command starting with <paramref name="prefix"/> followed by a space.</summary>
        private void Cancel(string prefix)
        {
            for (int i = 0; i < MaxTimed; i++)
            {
                string c = _commands[i];
                if (c.Length > prefix.Length && c[prefix.Length] == ' ' && c.Substring(0, prefix.Length) == prefix)
                {
                    _commands[i] = string.Empty;
                    _due[i] = 0;
                }
            }

            Schedule();
        }

        private void Schedule()
        {
            PowerController.StartAtEarliest(_timer, _due, _clock.NowMs);
        }

        private void OnTick()
        {
            long now = _clock.NowMs;
            for (int i = 0; i < MaxTimed; i++)
            {
                string c = _commands[i];
                if (c.Length > 0 && _due[i] <= now)
                {
                    _commands[i] = string.Empty;
                    _due[i] = 0;
                    try
                    {
                        _power.Switch(_relay[i], _state[i], RelayChangeReason.Timer);
                    }
                    catch (System.Exception ex)
                    {
                        _power.LogError("TimedPower failed: ", ex.Message);
                    }
                }
            }

            Schedule();
        }

        private static int LeadingNumber(string s)
        {
            int v = 0;
            for (int i = 0; i < s.Length && s[i] >= '0' && s[i] <= '9' && v < 1000; i++)
            {
                v = (v * 10) + (s[i] - '0');
            }

            return v;
        }
    }
}
