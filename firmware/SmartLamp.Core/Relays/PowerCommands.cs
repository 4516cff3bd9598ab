using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// The power commands' handlers: Power / Power&lt;n&gt; / Power0 (0 off, 1 on, 2 toggle, 3 blink,
    /// 4 blink off, anything else = show state), PowerOnState, PowerRetain and StateText&lt;n&gt;
    /// (BlinkTime and BlinkCount live with the blink code).
    /// </summary>
    public sealed partial class PowerController
    {
        /// <summary>Registers POWER, POWERONSTATE, BLINKTIME, BLINKCOUNT, POWERRETAIN and STATETEXT.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("POWER", CmndPower);
            d.Register("POWERONSTATE", CmndPowerOnState);
            d.Register("BLINKTIME", CmndBlinkTime);
            d.Register("BLINKCOUNT", CmndBlinkCount);
            d.Register("POWERRETAIN", CmndPowerRetain);
            d.Register("STATETEXT", CmndStateText);
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

                SetAllPower(state, req);
                resp.Suppress();
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

            SetPower(index - 1, state, req);
            resp.Suppress();
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
                        SetPower(i, CommandValue.On, req);
                    }
                }
            }

            resp.Add("PowerOnState", _settings.PowerOnState);
        }

        private void CmndPowerRetain(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v == 0 || v == 1)
            {
                if (v == 0)
                {
                    // Clear the broker's retained copy: an EMPTY retained message on every stat/<t>/POWER(n).
                    EnsureTexts();
                    for (int i = 0; i < _count; i++)
                    {
                        _output.Stat(req, _keys[i], string.Empty, true);
                    }
                }

                if (_settings.PowerRetain != (v == 1))
                {
                    _settings.PowerRetain = v == 1;
                    Persist();
                }
            }

            resp.Add("PowerRetain", StateText(_settings.PowerRetain));
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
