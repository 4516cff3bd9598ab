using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Relays
{
    /// <summary>Asked before relay <paramref name="relayIndex0"/> changes state; false refuses the change.</summary>
    public delegate bool RelaySwitchGate(int relayIndex0);

    /// <summary>
    /// Tasmota's power logic over a <see cref="RelayDriver"/> (this file: switching one relay or all,
    /// PowerLock, the rules' switching gate, PowerOnState at boot, saving the power state with
    /// SetOption0, and the RESULT-then-plain-stat publishing <c>stat/&lt;t&gt;/RESULT {"POWER":"ON"}</c>
    /// then <c>stat/&lt;t&gt;/POWER ON</c>). The commands are in PowerCommands.cs, Blink in
    /// PowerBlink.cs, the precomputed answer texts in PowerTexts.cs, PulseTime and Interlock in
    /// <see cref="RelayTiming"/>.
    /// </summary>
    public sealed partial class PowerController
    {
        /// <summary>Tasmota's POWER_SHOW_STATE: publish the state without changing it.</summary>
        public const int ShowState = 16;

        private readonly RelayDriver _relays;
        private readonly DeviceSettings _settings;
        private readonly ICommandOutput _output;
        private readonly CommandRequest _internal = new CommandRequest();
        private readonly int _count;

        private readonly SettingsService _service;
        private readonly ILog _log;

        /// <summary>
        /// Creates the controller on the live settings (<paramref name="service"/>.Current): with
        /// SetOption0 = 1 every power change is stored as SavedPower through <paramref name="service"/>
        /// (coalesced save), and the setting commands (BlinkTime, StateText, ...) persist through it.
        /// </summary>
        public PowerController(RelayDriver relays, SettingsService service, EventLoop clock, ICommandOutput output, ILog log)
        {
            Required.NotNull(relays, "relays");
            Required.NotNull(service, "service");
            Required.NotNull(clock, "clock");
            Required.NotNull(output, "output");
            _relays = relays;
            _service = service;
            _settings = service.Current;
            _output = output;
            _log = log;
            _count = relays.Count;
            AllocateTexts();
            _blinkTimer = clock.Timeout("Blink", OnBlinkTimer);
            _internal.Name = "POWER";
            _internal.Index = 1;
            _internal.Payload = string.Empty;
            _internal.Source = CommandSource.Internal;
            relays.Changed += OnRelaysChanged;
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
                StartBlink(relayIndex0, req);
                return;
            }
            else if (state == CommandValue.BlinkOff)
            {
                EndBlink(relayIndex0, req);
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

        private bool Allowed(int relayIndex0)
        {
            RelaySwitchGate gate = SwitchGate;
            return gate == null || gate(relayIndex0);
        }

        /// <summary>Drives the relays to a logical state (blinking relays keep blinking; PowerOnState 4 forces all on).</summary>
        private void ApplyLogical(int logical)
        {
            logical = Restrict(logical);
            int physical = (logical & ~_blinkMask) | (_relays.PowerMask & _blinkMask);
            if (_blinkMask != 0)
            {
                _blinkSave = (_blinkSave & ~_blinkMask) | (logical & _blinkMask);
            }

            ApplyPhysical(physical);
        }

        private void ApplyPhysical(int physical)
        {
            _relays.SetMask(Restrict(physical));
        }

        /// <summary>A relay mask after the PowerOnState 4 lock (all on) and the Interlock groups.</summary>
        private int Restrict(int mask)
        {
            if (_settings.PowerOnState == 4)
            {
                mask = _relays.AllMask;
            }

            RelayTiming timing = Timing;
            return timing != null ? timing.Enforce(mask) : mask;
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
                    _service.Changed(SettingsChange.Power);
                }
            }
            catch (Exception ex)
            {
                LogError("Saving power state failed: ", ex.Message);
            }
        }

        /// <summary>Marks the settings changed (coalesced save).</summary>
        internal void Persist()
        {
            _service.Changed(0);
        }

        /// <summary>Writes a PWR log line; a failing log is ignored.</summary>
        internal void LogError(string a, string b)
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
