using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// The power commands' handlers: Power / Power&lt;n&gt; / Power0 (0 off, 1 on, 2 toggle, 3 blink,
    /// 4 blink off, anything else = show state), PowerOnState and StateText&lt;n&gt; (BlinkTime and
    /// BlinkCount live with the blink code, PulseTime and Interlock with theirs, PowerRetain with the
    /// <see cref="RelayStatePublisher"/>). A Power command answers through its response: the first
    /// RESULT it announces; the state publisher sends stat/&lt;t&gt;/POWER and any further RESULT after it.
    /// </summary>
    public sealed partial class PowerController
    {
        /// <summary>Registers POWER, POWERONSTATE, BLINKTIME, BLINKCOUNT, STATETEXT, PULSETIME and INTERLOCK.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("POWER", CmndPower);
            d.Register("POWERONSTATE", CmndPowerOnState);
            d.Register("BLINKTIME", CmndBlinkTime);
            d.Register("BLINKCOUNT", CmndBlinkCount);
            d.Register("STATETEXT", CmndStateText);
            d.Register("PULSETIME", CmndPulseTime);
            d.Register("INTERLOCK", CmndInterlock);
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
                _settings.PowerOnState = v;
                Persist();
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

                if (value != _settings.StateText[index - 1])
                {
                    _settings.StateText[index - 1] = value;
                    Persist();
                }
            }

            resp.AddIndexed("StateText", index, _settings.StateText[index - 1]);
        }
    }
}
