using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Leds
{
    /// <summary>The LED commands: LedState, LedPower&lt;x&gt;, LedMask and SetOption31.</summary>
    public sealed partial class StatusLed
    {
        private int _ledPower;

        /// <summary>SetOption31 (no link blinking); for ConfigCommands.AddSetOptions.</summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            if (req.Index != 31)
            {
                return false;
            }

            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return true; // {"Command":"Error"}
            }

            if (v != OnOff.Query && _service.Set(ref _settings.NoLinkBlink, v == OnOff.On, 0))
            {
                Update();
            }

            resp.AddIndexed("SetOption", 31, _power.StateText(_settings.NoLinkBlink));
            return true;
        }

        private void CmndLedState(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= MaxLedState && _service.Set(ref _settings.LedState, v, 0))
            {
                Update();
            }

            resp.Add("LedState", _settings.LedState);
        }

        private void CmndLedPower(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            bool legacy = _leds.Length < 2;
            if (legacy)
            {
                index = 1;
            }
            else if (index < 1 || index >= _leds.Length)
            {
                return; // {"Command":"Error"}
            }

            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= 2)
            {
                int bit = 1 << index;
                int state;
                if (v == 0)
                {
                    _ledPower &= ~bit;
                    state = 0;
                }
                else if (v == 1)
                {
                    _ledPower |= bit;
                    state = 8;
                }
                else
                {
                    _ledPower ^= bit;
                    state = (_settings.LedState & 8) ^ 8;
                }

                _service.Set(ref _settings.LedState, state, 0);
                Update();
            }

            bool on = legacy ? (_settings.LedState & 8) != 0 : (_ledPower & (1 << index)) != 0;
            resp.AddIndexed("LedPower", index, _power.StateText(on));
        }

        private void CmndLedMask(CommandRequest req, CommandResponse resp)
        {
            int v;
            if (!req.IsQuery && CommandValue.TryParseNumber(req.Payload, out v))
            {
                v &= 0xFFFF;
                if (_service.Set(ref _settings.LedMask, v, 0))
                {
                    Update();
                }
            }

            int m = _settings.LedMask & 0xFFFF;
            TextBuffer text = new TextBuffer(16);
            text.AppendNumber(m).Append(" (0x").AppendHex(m, 4, true).Append(')');
            resp.Add("LedMask", text.ToString());
        }
    }
}
