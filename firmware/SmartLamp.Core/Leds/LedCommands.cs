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

            int v = CommandValue.Parse(req.Payload);
            if (v >= 0)
            {
                if (v > 1)
                {
                    return true; // {"Command":"Error"}
                }

                if ((v == 1) != _settings.NoLinkBlink)
                {
                    _settings.NoLinkBlink = v == 1;
                    Persist();
                    Update();
                }
            }

            resp.AddIndexed("SetOption", 31, _power.StateText(_settings.NoLinkBlink));
            return true;
        }

        private void CmndLedState(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= MaxLedState && v != _settings.LedState)
            {
                _settings.LedState = v;
                Persist();
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
                int before = _settings.LedState;
                if (v == 0)
                {
                    _ledPower &= ~bit;
                    _settings.LedState = 0;
                }
                else if (v == 1)
                {
                    _ledPower |= bit;
                    _settings.LedState = 8;
                }
                else
                {
                    _ledPower ^= bit;
                    _settings.LedState = (before & 8) ^ 8;
                }

                if (_settings.LedState != before)
                {
                    Persist();
                }

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
                if (v != _settings.LedMask)
                {
                    _settings.LedMask = v;
                    Persist();
                    Update();
                }
            }

            int m = _settings.LedMask & 0xFFFF;
            TextBuffer text = new TextBuffer(16);
            text.AppendNumber(m).Append(" (0x").AppendHex(m, 4, true).Append(')');
            resp.Add("LedMask", text.ToString());
        }

        private void Persist()
        {
            if (_service != null)
            {
                _service.Changed(0);
            }
        }
    }
}
