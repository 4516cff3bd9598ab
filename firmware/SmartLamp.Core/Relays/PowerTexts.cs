using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// The power answers' texts: POWER vs POWER&lt;n&gt; keys (SetOption26), StateText1/2 and the
    /// precomputed RESULT payloads per relay and state, rebuilt only when a StateText or SetOption26
    /// changes, so a Power command allocates nothing in steady state.
    /// </summary>
    public sealed partial class PowerController
    {
        private string[] _keys;
        private string[] _jsonOn;
        private string[] _jsonOff;
        private string[] _jsonBlinkOn;
        private string[] _jsonBlinkOff;
        private string _builtOff;
        private string _builtOn;
        private bool _builtIndexed;
        private bool _built;

        /// <summary>"POWER" or "POWER&lt;n&gt;": the index is shown iff relays + SetOption26 &gt; 1 (Tasmota's GetPowerDevice).</summary>
        public string PowerKey(int relayIndex0)
        {
            EnsureTexts();
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                relayIndex0 = 0;
            }

            return _keys[relayIndex0];
        }

        /// <summary>StateText2 for on, StateText1 for off.</summary>
        public string StateText(bool on)
        {
            EnsureTexts();
            return on ? _builtOn : _builtOff;
        }

        /// <summary>The precomputed RESULT text announcing relay <paramref name="relayIndex0"/> (0 .. relays-1): {"POWER":"ON"}, or {"POWER":"BLINK ON"} for a blink report.</summary>
        public string ResultJson(int relayIndex0, RelayReport report, bool on)
        {
            EnsureTexts();
            if (report == RelayReport.BlinkOn)
            {
                return _jsonBlinkOn[relayIndex0];
            }

            if (report == RelayReport.BlinkOff)
            {
                return _jsonBlinkOff[relayIndex0];
            }

            return on ? _jsonOn[relayIndex0] : _jsonOff[relayIndex0];
        }

        /// <summary>Adds "POWER":"ON" (or "POWER1":"ON","POWER2":"OFF",...) to a STATE / Status 11 answer.</summary>
        public void AppendPowerState(CommandResponse r)
        {
            EnsureTexts();
            int power = PowerState;
            for (int i = 0; i < _count; i++)
            {
                r.Add(_keys[i], (power & (1 << i)) != 0 ? _builtOn : _builtOff);
            }
        }

        private void AllocateTexts()
        {
            _keys = ArraySlots.Strings(_count);
            _jsonOn = ArraySlots.Strings(_count);
            _jsonOff = ArraySlots.Strings(_count);
            _jsonBlinkOn = ArraySlots.Strings(_count);
            _jsonBlinkOff = ArraySlots.Strings(_count);
        }

        /// <summary>
        /// SmartLamp addition: a payload equal to StateText1/2/3 (case-insensitive) is off/on/toggle, so
        /// Home Assistant's Tasmota integration, which commands with the discovered "state" texts, also
        /// switches a lamp whose StateText was changed. <see cref="CommandValue.None"/> otherwise.
        /// </summary>
        private int StateTextValue(string payload)
        {
            for (int i = 0; i < 3; i++)
            {
                if (SameIgnoreCase(payload, _settings.StateText[i]))
                {
                    return i == 0 ? CommandValue.Off : (i == 1 ? CommandValue.On : CommandValue.Toggle);
                }
            }

            return CommandValue.None;
        }

        private static bool SameIgnoreCase(string a, string b)
        {
            return a != null && b != null && a.Length > 0 && Chars.EqualsIgnoreCase(a, 0, a.Length, b, 0, b.Length);
        }

        /// <summary>Rebuilds the precomputed keys and payloads when StateText1/2 or SetOption26 changed (reference compare: no allocation otherwise).</summary>
        private void EnsureTexts()
        {
            string off = _settings.StateText[0];
            string on = _settings.StateText[1];
            bool indexed = (_count + (_settings.IndexSingleRelay ? 1 : 0)) > 1;
            if (_built && object.ReferenceEquals(off, _builtOff) && object.ReferenceEquals(on, _builtOn) && indexed == _builtIndexed)
            {
                return;
            }

            CommandResponse r = new CommandResponse();
            for (int i = 0; i < _count; i++)
            {
                string key = indexed ? "POWER" + (i + 1) : "POWER";
                _keys[i] = key;
                r.Clear();
                _jsonOn[i] = r.Add(key, on).ToJson();
                r.Clear();
                _jsonOff[i] = r.Add(key, off).ToJson();
                r.Clear();
                _jsonBlinkOn[i] = r.Add(key, "BLINK " + on).ToJson();
                r.Clear();
                _jsonBlinkOff[i] = r.Add(key, "BLINK " + off).ToJson();
            }

            _builtOff = off;
            _builtOn = on;
            _builtIndexed = indexed;
            _built = true;
        }
    }
}
