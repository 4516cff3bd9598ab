using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Relays
{
    /// <summary>Asked before relay <paramref name="relayIndex0"/> changes state; false refuses the change.</summary>
    public delegate bool RelaySwitchGate(int relayIndex0);

    /// <summary>
    /// Tasmota's power logic over a <see cref="RelayDriver"/>: the Power / Power&lt;n&gt; / Power0
    /// commands (0 off, 1 on, 2 toggle, 3 blink, 4 blink off, anything else = show state), the
    /// RESULT-then-plain-stat publishing (<c>stat/&lt;t&gt;/RESULT {"POWER":"ON"}</c> then
    /// <c>stat/&lt;t&gt;/POWER ON</c>), POWER vs POWER&lt;n&gt; naming (SetOption26), Blink with
    /// BlinkTime/BlinkCount, StateText1-4, PowerRetain, PowerOnState and saving the power state
    /// (SetOption0). Payload strings are precomputed per relay and state and rebuilt only when a
    /// StateText or SetOption26 changes, so a Power command allocates nothing in steady state.
    /// </summary>
    public sealed class PowerController
    {
        /// <summary>Tasmota's POWER_SHOW_STATE: publish the state without changing it.</summary>
        public const int ShowState = 16;

        private const int FirstBlinkDelayMs = 100;

        private readonly RelayDriver _relays;
        private readonly DeviceSettings _settings;
        private readonly ICommandOutput _output;
        private readonly ITimer _blinkTimer;
        private readonly CommandRequest _internal = new CommandRequest();
        private readonly int _count;

        private readonly string[] _keys;
        private readonly string[] _jsonOn;
        private readonly string[] _jsonOff;
        private readonly string[] _jsonBlinkOn;
        private readonly string[] _jsonBlinkOff;
        private string _builtOff;
        private string _builtOn;
        private bool _builtIndexed;
        private bool _built;

        private SettingsService _service;
        private ILog _log;

        private int _blinkMask;
        private int _blinkSave;
        private bool _blinkPower;
        private int _blinkCounter;

        /// <summary>Creates the controller. <paramref name="settings"/> must be the live settings instance (SettingsService.Current).</summary>
        public PowerController(RelayDriver relays, DeviceSettings settings, EventLoop clock, ICommandOutput output)
        {
            if (relays == null)
            {
                throw new ArgumentNullException("relays");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (output == null)
            {
                throw new ArgumentNullException("output");
            }

            _relays = relays;
            _settings = settings;
            _output = output;
            _count = relays.Count;
            _keys = ArraySlots.Strings(_count);
            _jsonOn = ArraySlots.Strings(_count);
            _jsonOff = ArraySlots.Strings(_count);
            _jsonBlinkOn = ArraySlots.Strings(_count);
            _jsonBlinkOff = ArraySlots.Strings(_count);
            _blinkTimer = clock.Timeout("Blink", OnBlinkTimer);
            _internal.Name = "POWER";
            _internal.Index = 1;
            _internal.Payload = string.Empty;
            _internal.Source = CommandSource.Internal;
            relays.Changed += OnRelaysChanged;
        }

        /// <summary>
        /// Connects persistence and logging: with SetOption0 = 1 every power change is stored as
        /// SavedPower through <paramref name="service"/> (coalesced save); setting commands
        /// (BlinkTime, StateText, ...) persist through it. ConfigCommands.Register calls this.
        /// </summary>
        public void Attach(SettingsService service, ILog log)
        {
            if (service != null && !object.ReferenceEquals(service.Current, _settings))
            {
                throw new ArgumentException("PowerController must share SettingsService.Current", "service");
            }

            _service = service;
            _log = log;
        }

        /// <summary>Logical power state, bit i = relay i on (a blinking relay counts with its pre-blink state, as in Tasmota).</summary>
        public int PowerState
        {
            get { return (_relays.PowerMask & ~_blinkMask) | (_blinkSave & _blinkMask); }
        }

        /// <summary>
        /// Asked for every relay a Power command would change (the rules engine's switching budget,
        /// RulesEngine.AllowRelaySwitch); a refused relay keeps its state and nothing is published. null = no limit.
        /// </summary>
        public RelaySwitchGate SwitchGate { get; set; }

        /// <summary>PulseTime and Interlock (set by the <see cref="RelayTiming"/> constructor); null = none.</summary>
        public RelayTiming Timing { get; internal set; }

        /// <summary>Bit i set while relay i blinks.</summary>
        public int BlinkMask
        {
            get { return _blinkMask; }
        }

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

        /// <summary>
        /// Tasmota's ExecuteCommandPower for relay <paramref name="relayIndex0"/>: <paramref name="state"/>
        /// 0 off, 1 on, 2 toggle, 3 blink, 4 blink off, anything else shows the state; then publishes.
        /// Buttons and timers use this (with a null request) so their changes are published like commands.
        /// A relay locked by PowerLock only shows its state (Tasmota's "Power1 is LOCKED").
        /// </summary>
        public void SetPower(int relayIndex0, int state, CommandRequest requestOrNull)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                relayIndex0 = 0;
            }

            CommandRequest req = requestOrNull ?? _internal;
            int bit = 1 << relayIndex0;
            if ((_settings.PowerLock & bit) != 0 && state >= CommandValue.Off && state <= CommandValue.BlinkOff)
            {
                LogError("Power" + (relayIndex0 + 1).ToString(), " is LOCKED"); // PowerLock: only show the state
                state = ShowState;
            }

            RelayTiming timing = Timing;
            if (timing != null && state >= CommandValue.Off && state <= CommandValue.BlinkOff)
            {
                timing.StopPulse(relayIndex0);
            }

            if (state >= CommandValue.Off && state <= CommandValue.Toggle)
            {
                if ((_blinkMask & bit) != 0)
                {
                    StopBlinking(relayIndex0, req);
                }

                int before = PowerState;
                int logical = before;
                if (state == CommandValue.Off)
                {
                    logical &= ~bit;
                }
                else if (state == CommandValue.On)
                {
                    logical |= bit;
                }
                else
                {
                    logical ^= bit;
                }

                if (((logical ^ before) & bit) != 0 && !Allowed(relayIndex0))
                {
                    return; // refused by the rules' switching budget (logged there)
                }

                if (timing != null && (logical & ~before & bit) != 0 && timing.DeferForInterlock(relayIndex0, before))
                {
                    return; // switched on (and published) after the interlock delay
                }

                ApplyLogical(logical);
                if (timing != null)
                {
                    timing.AfterSwitch(relayIndex0, PowerState);
                }
            }
            else if (state == CommandValue.Blink)
            {
                if ((_blinkMask & bit) == 0)
                {
                    int logical = PowerState;
                    _blinkSave = (_blinkSave & ~bit) | (logical & bit);
                    _blinkPower = (logical & bit) != 0;
                }

                _blinkCounter = BlinkHalfCycles() + 1;
                _blinkMask |= bit;
                _blinkTimer.Start(FirstBlinkDelayMs, 0);
                PublishBlinkState(relayIndex0, req);
                return;
            }
            else if (state == CommandValue.BlinkOff)
            {
                bool wasBlinking = (_blinkMask & bit) != 0;
                if (wasBlinking)
                {
                    StopBlinking(relayIndex0, req);
                    PublishPowerState(relayIndex0, req);
                }
                else
                {
                    PublishBlinkState(relayIndex0, req);
                }

                return;
            }

            PublishPowerState(relayIndex0, req);
        }

        /// <summary>Tasmota's SetAllPower (Power0): 0 all off, 1 all on, 2 invert each relay, anything else shows the state; publishes every relay. Relays locked by PowerLock keep their state.</summary>
        public void SetAllPower(int state, CommandRequest requestOrNull)
        {
            CommandRequest req = requestOrNull ?? _internal;
            if (state >= CommandValue.Off && state <= CommandValue.Toggle)
            {
                for (int i = 0; i < _count; i++)
                {
                    if ((_blinkMask & (1 << i)) != 0)
                    {
                        StopBlinking(i, req);
                    }
                }

                int all = _relays.AllMask;
                int before = PowerState;
                int logical = state == CommandValue.Off ? 0 : (state == CommandValue.On ? all : (before ^ all));
                int locked = _settings.PowerLock & all;
                logical = (logical & ~locked) | (before & locked); // PowerLock: locked relays keep their state
                for (int i = 0; i < _count; i++)
                {
                    int bit = 1 << i;
                    if (((logical ^ before) & bit) != 0 && !Allowed(i))
                    {
                        logical = (logical & ~bit) | (before & bit);
                    }
                }

                ApplyLogical(logical);
            }

            for (int i = 0; i < _count; i++)
            {
                PublishPowerState(i, req);
            }
        }

        /// <summary>Publishes RESULT {"POWER":"ON"} then stat/&lt;t&gt;/POWER ON (retained when PowerRetain) for one relay.</summary>
        public void PublishPowerState(int relayIndex0, CommandRequest requestOrNull)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                relayIndex0 = 0;
            }

            EnsureTexts();
            CommandRequest req = requestOrNull ?? _internal;
            bool on = (PowerState & (1 << relayIndex0)) != 0;
            _output.CommandResult(req, on ? _jsonOn[relayIndex0] : _jsonOff[relayIndex0]);
            _output.Stat(req, _keys[relayIndex0], on ? _builtOn : _builtOff, _settings.PowerRetain);
        }

        /// <summary>Publishes every relay's state (after every MQTT (re)connect).</summary>
        public void PublishAllPowerStates()
        {
            for (int i = 0; i < _count; i++)
            {
                PublishPowerState(i, null);
            }
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

        /// <summary>StateText2 for on, StateText1 for off.</summary>
        public string StateText(bool on)
        {
            EnsureTexts();
            return on ? _builtOn : _builtOff;
        }

        /// <summary>
        /// Applies PowerOnState at boot, in the order of Tasmota's SetPowerOnState (support_tasmota.ino):
        /// 4 = all on (and locked) on EVERY boot, cold or warm; otherwise on a cold power-on 0 off,
        /// 1 on, 2 the saved state inverted and 3 the saved state (2 and 3 only with SetOption0 = 1, else
        /// the relays stay off), 5 off (then <see cref="RelayTiming.StartBootPulses"/> switches each relay on after its PulseTime); on a warm
        /// restart the saved state when SetOption0 = 1, else off. Publishes nothing (the MQTT session
        /// publishes every state after connecting).
        /// </summary>
        public void ApplyPowerOnState(bool coldBoot)
        {
            int all = _relays.AllMask;
            int saved = _settings.SavedPower & all;
            int target = 0;
            if (_settings.PowerOnState == 4)
            {
                target = all;
            }
            else if (!coldBoot)
            {
                target = _settings.SaveState ? saved : 0;
            }
            else
            {
                switch (_settings.PowerOnState)
                {
                    case 1:
                        target = all;
                        break;
                    case 2:
                        target = _settings.SaveState ? (~saved & all) : 0;
                        break;
                    case 3:
                        target = _settings.SaveState ? saved : 0;
                        break;
                    default:
                        target = 0;
                        break;
                }
            }

            ApplyLogical(target);

            // The relays may already have been at the target (pins start off), so no change event
            // updated SavedPower: make the stored state the real one, as Tasmota's next save does
            // (otherwise PowerOnState 2 would toggle a state the relays never had).
            int now = PowerState;
            if (_settings.SaveState && now != _settings.SavedPower)
            {
                _settings.SavedPower = now;
                Persist();
            }
        }

        /// <summary>Re-applies the current state through the PowerOnState 4 lock and Interlock (after "Interlock 1"); publishes the relays that changed.</summary>
        internal void EnforceNow()
        {
            int before = PowerState;
            ApplyLogical(before);
            int changed = before ^ PowerState;
            for (int i = 0; i < _count; i++)
            {
                if ((changed & (1 << i)) != 0)
                {
                    PublishPowerState(i, null);
                }
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

        private void CmndBlinkTime(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1 && v <= 3600)
            {
                _settings.BlinkTime = v;
                Persist();
                if (_blinkMask != 0)
                {
                    _blinkTimer.Start((long)v * 100, 0);
                }
            }

            resp.Add("BlinkTime", _settings.BlinkTime);
        }

        private void CmndBlinkCount(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= 32000)
            {
                _settings.BlinkCount = v;
                Persist();
                if (_blinkMask != 0)
                {
                    _blinkCounter = BlinkHalfCycles();
                }
            }

            resp.Add("BlinkCount", _settings.BlinkCount);
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

        private int BlinkHalfCycles()
        {
            return _settings.BlinkCount == 0 ? 64000 : _settings.BlinkCount * 2;
        }

        private void OnBlinkTimer()
        {
            try
            {
                if (_blinkMask == 0)
                {
                    return;
                }

                _blinkTimer.Start((long)_settings.BlinkTime * 100, 0);
                _blinkCounter--;
                if (_blinkCounter <= 0)
                {
                    StopAllBlinking();
                    return;
                }

                _blinkPower = !_blinkPower;
                int physical = (PowerState & ~_blinkMask) | (_blinkPower ? _blinkMask : 0);
                ApplyPhysical(physical);
            }
            catch (Exception ex)
            {
                LogError("Blink failed: ", ex.Message);
            }
        }

        private void StopAllBlinking()
        {
            for (int i = 0; i < _count; i++)
            {
                if ((_blinkMask & (1 << i)) != 0)
                {
                    StopBlinking(i, _internal);
                    PublishPowerState(i, _internal);
                }
            }
        }

        /// <summary>Ends relay i's blink: BLINK OFF is published, the relay returns to its pre-blink state.</summary>
        private void StopBlinking(int i, CommandRequest req)
        {
            int bit = 1 << i;
            int restored = PowerState;
            _blinkMask &= ~bit;
            if (_blinkMask == 0)
            {
                _blinkTimer.Stop();
            }

            PublishBlinkState(i, req);
            ApplyLogical(restored);
        }

        private void PublishBlinkState(int i, CommandRequest req)
        {
            EnsureTexts();
            _output.CommandResult(req, (_blinkMask & (1 << i)) != 0 ? _jsonBlinkOn[i] : _jsonBlinkOff[i]);
        }

        /// <summary>Drives the relays to a logical state (blinking relays keep blinking; PowerOnState 4 forces all on).</summary>
        private bool Allowed(int relayIndex0)
        {
            RelaySwitchGate gate = SwitchGate;
            return gate == null || gate(relayIndex0);
        }

        private void ApplyLogical(int logical)
        {
            if (_settings.PowerOnState == 4)
            {
                logical = _relays.AllMask;
            }

            if (Timing != null)
            {
                logical = Timing.Enforce(logical);
            }

            int physical = (logical & ~_blinkMask) | (_relays.PowerMask & _blinkMask);
            if (_blinkMask != 0)
            {
                _blinkSave = (_blinkSave & ~_blinkMask) | (logical & _blinkMask);
            }

            ApplyPhysical(physical);
        }

        private void ApplyPhysical(int physical)
        {
            if (_settings.PowerOnState == 4)
            {
                physical = _relays.AllMask;
            }

            if (Timing != null)
            {
                physical = Timing.Enforce(physical);
            }

            _relays.SetMask(physical);
        }

        private void OnRelaysChanged(int changedMask, int powerMask)
        {
            try
            {
                if (!_settings.SaveState)
                {
                    return;
                }

                int logical = PowerState;
                if (logical != _settings.SavedPower)
                {
                    _settings.SavedPower = logical;
                    if (_service != null)
                    {
                        _service.Changed(SettingsChange.Power);
                    }
                }
            }
            catch (Exception ex)
            {
                LogError("Saving power state failed: ", ex.Message);
            }
        }

        private void Persist()
        {
            if (_service != null)
            {
                _service.Changed(0);
            }
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

        private void LogError(string a, string b)
        {
            if (_log == null)
            {
                return;
            }

            try
            {
                _log.Write("PWR", a, b, null);
            }
            catch (Exception)
            {
                // ignore
            }
        }
    }
}
