using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// The power commands' handlers: Power / Power&lt;n&gt; / Power0 (0 off, 1 on, 2 toggle, 3 blink,
    /// 4 blink off, anything else = show state), PowerOnState, StateText&lt;n&gt; and PowerLock&lt;n&gt; (BlinkTime and
    /// BlinkCount live with the blink code, PulseTime and Interlock with theirs, PowerRetain with the
    /// <see cref="RelayStatePublisher"/>). A Power command answers through its response: the first
    /// RESULT it announces; the state publisher sends stat/&lt;t&gt;/POWER and any further RESULT after it.
    /// </summary>
    public sealed partial class PowerController
    {
        private static readonly string[] CommandNames = new string[] { "POWER", "POWERONSTATE", "BLINKTIME", "BLINKCOUNT", "STATETEXT", "PULSETIME", "INTERLOCK", "POWERLOCK" };

        /// <summary>Registers POWER, POWERONSTATE, BLINKTIME, BLINKCOUNT, STATETEXT, PULSETIME, INTERLOCK and POWERLOCK.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
        }

        /// <summary>
        /// Answers a switching command with <paramref name="answer"/> (from <see cref="Command"/>). null:
        /// the rules' switching budget refused the change, and the command is dropped without a word
        /// (a rule loop must not turn into a stream of answers).
        /// </summary>
        internal static void Answer(CommandResponse resp, string answer)
        {
            if (answer != null)
            {
                resp.SetJson(answer);
            }
            else
            {
                resp.Suppress();
            }
        }

        private void CmndPower(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            int state = CommandValue.Parse(req.Payload);
            if (state == CommandValue.None)
            {
                state = StateTextValue(req.Payload);
            }
            if (index == 0)
            {
                if (state < CommandValue.Off || state > CommandValue.Toggle)
                {
                    state = ShowState;
                }

                Answer(resp, Command(0, state));
                return;
            }

            if (index < 0 || index > _count)
            {
                return; // {"Command":"Error"}
            }

            if (state < CommandValue.Off || state > CommandValue.BlinkOff)
            {
                state = ShowState;
            }

            Answer(resp, Command(index, state));
        }

        private void CmndPowerOnState(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= DeviceSettings.MaxPowerOnState)
            {
                _service.Set(ref _settings.PowerOnState, v, 0);
                if (v == 4)
                {
                    for (int i = 0; i < _count; i++)
                    {
                        SetPower(i, CommandValue.On, RelayChangeReason.Rule);
                    }
                }
            }

            resp.Add("PowerOnState", _settings.PowerOnState);
        }

        private void CmndStateText(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index < 1 || index > DeviceSettings.StateTextCount)
            {
                return; // {"Command":"Error"}
            }

            if (!req.HasIndex)
            {
                for (int i = 0; i < DeviceSettings.StateTextCount; i++)
                {
                    resp.AddIndexed("StateText", i + 1, _settings.StateText[i]);
                }

                return;
            }

            string value = req.Payload;
            if (value.Length > 0)
            {
                if (!SettingsCodec.IsCleanText(value, DeviceSettings.MaxStateTextLength))
                {
                    return; // {"Command":"Error"}
                }

                if (value.IndexOf(' ') >= 0)
                {
                    char[] chars = value.ToCharArray();
                    for (int i = 0; i < chars.Length; i++)
                    {
                        if (chars[i] == ' ')
                        {
                            chars[i] = '_';
                        }
                    }

                    value = new string(chars);
                }

                _service.Set(ref _settings.StateText[index - 1], value, 0);
            }

            resp.AddIndexed("StateText", index, _settings.StateText[index - 1]);
        }

        /// <summary>
        /// PowerLock&lt;x&gt; 0|1 (x = 0: all relays; the lock is enforced by <see cref="SetPower"/> and
        /// <see cref="SetAllPower"/>): answers the lock bits as a string, one character per relay, the
        /// highest relay first (<c>{"PowerLock":"01"}</c>).
        /// </summary>
        private void CmndPowerLock(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index < 0 || index > _count)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings;
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0)
            {
                int all = (1 << _count) - 1;
                int lockBits = s.PowerLock;
                if (index == 0)
                {
                    lockBits = (v & 1) == 1 ? all : 0;
                }
                else if ((v & 1) == 1)
                {
                    lockBits |= 1 << (index - 1);
                }
                else
                {
                    lockBits &= ~(1 << (index - 1));
                }

                _service.Set(ref s.PowerLock, lockBits, 0);
            }

            char[] bits = new char[_count];
            for (int i = 0; i < _count; i++)
            {
                bits[_count - 1 - i] = (s.PowerLock & (1 << i)) != 0 ? '1' : '0';
            }

            resp.Add("PowerLock", new string(bits));
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndPower(req, resp); break;
                case 1: CmndPowerOnState(req, resp); break;
                case 2: CmndBlinkTime(req, resp); break;
                case 3: CmndBlinkCount(req, resp); break;
                case 4: CmndStateText(req, resp); break;
                case 5: CmndPulseTime(req, resp); break;
                case 6: CmndInterlock(req, resp); break;
                case 7: CmndPowerLock(req, resp); break;
            }
        }
    }
}
