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
    /// The relay bank: Tasmota's power logic over a <see cref="RelayDriver"/>, the only code that
    /// switches relays. This file: switching one relay or all, PowerLock, the rules' switching gate,
    /// PowerOnState at boot, saving the power state with SetOption0, and the one change event
    /// <see cref="Changed"/> (which relays, why). The bank publishes nothing itself: the
    /// <see cref="RelayStatePublisher"/> listens to <see cref="Changed"/>. The commands are in
    /// PowerCommands.cs, Blink in PowerBlink.cs, PulseTime in PulseTime.cs, Interlock in
    /// RelayInterlock.cs, the precomputed answer texts in PowerTexts.cs.
    /// </summary>
    public sealed partial class PowerController
    {
        /// <summary>Tasmota's POWER_SHOW_STATE: publish the state without changing it.</summary>
        public const int ShowState = 16;

        private readonly RelayDriver _relays;
        private readonly DeviceSettings _settings;
        private readonly EventLoop _clock;
        private readonly int _count;

        private readonly SettingsService _service;
        private readonly ILog _log;

        /// <summary>The RESULT text of the first report of the running command (its answer); null = none yet.</summary>
        private string _answer;

        /// <summary>Why the pins switch now: the reason of the running operation, for the Switched events.</summary>
        private RelayChangeReason _why;

        /// <summary>
        /// Creates the bank on the live settings (<paramref name="service"/>.Current): with
        /// SetOption0 = 1 every power change is stored as SavedPower through <paramref name="service"/>
        /// (coalesced save), and the setting commands (BlinkTime, StateText, ...) persist through it.
        /// A null relays, service or clock fails right here (each is used at once).
        /// </summary>
        public PowerController(RelayDriver relays, SettingsService service, EventLoop clock, ILog log)
        {
            _relays = relays;
            _service = service;
            _settings = service.Current;
            _clock = clock;
            _log = log;
            _count = relays.Count;
            AllocateTexts();
            _blinkTimer = clock.Timeout("Blink", OnBlinkTimer);
            _pulseDue = new long[_count];
            relays.Changed += OnRelaysChanged;
        }

        /// <summary>
        /// The one change event: raised (on the loop thread) for every state the bank announces, see
        /// <see cref="RelayChangeHandler"/>. A command's announcements (reason
        /// <see cref="RelayChangeReason.Command"/>) belong to its answer.
        /// </summary>
        public event RelayChangeHandler Changed;

        /// <summary>Logical power state, bit i = relay i on (a blinking relay counts with its pre-blink state, as in Tasmota).</summary>
        public int PowerState
        {
            get { return (_relays.PowerMask & ~_blinkMask) | (_blinkSave & _blinkMask); }
        }

        /// <summary>
        /// Asked for every relay a Power command would change (the rules engine's switching budget,
        /// RulesEngine.AllowRelaySwitch); a refused relay keeps its state and nothing is announced. null = no limit.
        /// </summary>
        public RelaySwitchGate SwitchGate { get; set; }

        /// <summary>
        /// Runs Power&lt;<paramref name="index"/>&gt; <paramref name="state"/> for a command (index 0: all
        /// relays, where only 0..2 switch) and returns its answer: the RESULT text of the first state it
        /// announced (the state publisher sends the rest once the answer is out); null when nothing was
        /// announced (the rules' switching budget refused the change).
        /// </summary>
        public string Command(int index, int state)
        {
            _answer = null;
            Switch(index, state, RelayChangeReason.Command);
            return _answer;
        }

        /// <summary>Power&lt;<paramref name="index"/>&gt; <paramref name="state"/> (1-based; 0: all relays, where only 0..2 switch).</summary>
        public void Switch(int index, int state, RelayChangeReason reason)
        {
            if (index == 0)
            {
                SetAllPower(state <= CommandValue.Toggle ? state : ShowState, reason);
            }
            else
            {
                SetPower(index - 1, state, reason);
            }
        }

        /// <summary>
        /// Tasmota's ExecuteCommandPower for relay <paramref name="relayIndex0"/>: <paramref name="state"/>
        /// 0 off, 1 on, 2 toggle, 3 blink, 4 blink off, anything else shows the state; then announces the
        /// state (<see cref="Changed"/>) with <paramref name="reason"/>. A relay locked by PowerLock only
        /// shows its state (Tasmota's "Power1 is LOCKED").
        /// </summary>
        public void SetPower(int relayIndex0, int state, RelayChangeReason reason)
        {
            _why = reason;
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                relayIndex0 = 0;
            }

            int bit = 1 << relayIndex0;
            bool switching = state >= CommandValue.Off && state <= CommandValue.BlinkOff;
            if ((_settings.PowerLock & bit) != 0 && switching)
            {
                LogError("Power" + (relayIndex0 + 1).ToString(), " is LOCKED"); // PowerLock: only show the state
                state = ShowState;
                switching = false;
            }

            if (switching)
            {
                StopPulse(relayIndex0);
            }

            if (state >= CommandValue.Off && state <= CommandValue.Toggle)
            {
                if ((_blinkMask & bit) != 0)
                {
                    StopBlinking(relayIndex0, reason);
                }

                int before = PowerState;
                int logical = state == CommandValue.Off ? before & ~bit : (state == CommandValue.On ? before | bit : before ^ bit);
                if (((logical ^ before) & bit) != 0 && !Allowed(relayIndex0))
                {
                    return; // refused by the rules' switching budget (logged there)
                }

                if ((logical & ~before & bit) != 0 && DeferForInterlock(relayIndex0, before, reason))
                {
                    return; // switched on (and announced) after the interlock delay
                }

                ApplyLogical(logical);
                AfterSwitch(relayIndex0, PowerState);
            }
            else if (state == CommandValue.Blink)
            {
                StartBlink(relayIndex0, reason);
                return;
            }
            else if (state == CommandValue.BlinkOff)
            {
                EndBlink(relayIndex0, reason);
                return;
            }

            Announce(reason, bit, RelayReport.State);
        }

        /// <summary>Tasmota's SetAllPower (Power0): 0 all off, 1 all on, 2 invert each relay, anything else shows the state; announces every relay. Relays locked by PowerLock keep their state.</summary>
        public void SetAllPower(int state, RelayChangeReason reason)
        {
            _why = reason;
            if (state >= CommandValue.Off && state <= CommandValue.Toggle)
            {
                for (int i = 0; i < _count; i++)
                {
                    if ((_blinkMask & (1 << i)) != 0)
                    {
                        StopBlinking(i, reason);
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

            Announce(reason, _relays.AllMask, RelayReport.State);
        }

        /// <summary>Announces every relay's state (after every MQTT (re)connect).</summary>
        public void PublishAllPowerStates()
        {
            Announce(RelayChangeReason.Show, _relays.AllMask, RelayReport.State);
        }

        /// <summary>
        /// Applies PowerOnState at boot, in the order of Tasmota's SetPowerOnState (support_tasmota.ino):
        /// 4 = all on (and locked) on EVERY boot, cold or warm; otherwise on a cold power-on 0 off,
        /// 1 on, 2 the saved state inverted and 3 the saved state (2 and 3 only with SetOption0 = 1, else
        /// the relays stay off), 5 off (then <see cref="StartBootPulses"/> switches each relay on after its PulseTime); on a warm
        /// restart the saved state when SetOption0 = 1, else off. Announces nothing (the MQTT session
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
            else if (_settings.PowerOnState == 1)
            {
                target = all;
            }
            else if (_settings.SaveState && (_settings.PowerOnState == 2 || _settings.PowerOnState == 3))
            {
                target = _settings.PowerOnState == 2 ? (~saved & all) : saved;
            }

            _why = RelayChangeReason.Boot;
            ApplyLogical(target);

            // The relays may already have been at the target (pins start off), so no change event
            // updated SavedPower: make the stored state the real one, as Tasmota's next save does
            // (otherwise PowerOnState 2 would toggle a state the relays never had).
            int now = PowerState;
            if (_settings.SaveState)
            {
                _service.SetState(ref _settings.SavedPower, now, 0);
            }
        }

        /// <summary>Re-applies the current state through the PowerOnState 4 lock and Interlock (after "Interlock 1"); announces the relays that changed.</summary>
        internal void EnforceNow()
        {
            int before = PowerState;
            _why = RelayChangeReason.Rule;
            ApplyLogical(before);
            int changed = before ^ PowerState;
            if (changed != 0)
            {
                Announce(RelayChangeReason.Rule, changed, RelayReport.State);
            }
        }

        /// <summary>Raises <see cref="Changed"/>; the first announcement of a command becomes its answer.</summary>
        private void Announce(RelayChangeReason reason, int relayMask, RelayReport report)
        {
            int power = PowerState;
            if (reason == RelayChangeReason.Command && _answer == null)
            {
                int first = 0;
                while (first < _count - 1 && (relayMask & (1 << first)) == 0)
                {
                    first++;
                }

                _answer = ResultJson(first, report, (power & (1 << first)) != 0);
            }

            RelayChangeHandler handler = Changed;
            if (handler != null)
            {
                handler(reason, relayMask, power, report);
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
            return Enforce(_settings.PowerOnState == 4 ? _relays.AllMask : mask);
        }

        /// <summary>The pins switched: SavedPower follows (SetOption0), then the change event tells what follows the pins.</summary>
        private void OnRelaysChanged(int changedMask, int powerMask)
        {
            try
            {
                int logical = PowerState;
                if (_settings.SaveState)
                {
                    _service.SetState(ref _settings.SavedPower, logical, SettingsChange.Power);
                }
            }
            catch (Exception ex)
            {
                LogError("Saving power state failed: ", ex.Message);
            }

            RelayChangeHandler handler = Changed;
            if (handler != null)
            {
                handler(_why, changedMask, powerMask, RelayReport.Switched);
            }
        }

        /// <summary>Writes a PWR log line (none without a log port; a failing log port fails the loop's event, which logs it).</summary>
        internal void LogError(string a, string b)
        {
            if (_log != null)
            {
                _log.Write("PWR", a, b, null);
            }
        }
    }
}
