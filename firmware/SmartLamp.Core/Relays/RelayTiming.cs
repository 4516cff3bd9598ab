using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Relay timing on top of <see cref="PowerController"/>: PulseTime (a relay switched on turns off
    /// again after its PulseTime; with PowerOnState 5 the OFF state is timed and the relay turns on)
    /// and Interlock (at most one relay of a group on; switching one on first switches the others of
    /// its group off and switches it on <see cref="InterlockDelayMs"/> later, so the pins never show
    /// two relays of a group on). Commands: PulseTime&lt;n&gt;, Interlock.
    /// <para>
    /// PowerOnState 5 at boot: whoever applies PowerOnState (PowerController.ApplyPowerOnState, the
    /// settings engineer's boot selection) calls <see cref="StartBootPulses"/> right after the relays got
    /// their boot state: it starts the PulseTime of every relay that is on, and with PowerOnState 5 of
    /// every relay (so an OFF relay turns on after its PulseTime), as Tasmota's SetPowerOnState does.
    /// </para>
    /// All timing goes through <see cref="IClock"/>; timers are created on first use.
    /// </summary>
    public sealed class RelayTiming
    {
        /// <summary>Break-before-make gap of Interlock in ms (Tasmota's delay(50)).</summary>
        public const int InterlockDelayMs = 50;

        /// <summary>Highest PulseTime value (Tasmota stores 0..65535).</summary>
        public const int MaxPulseTime = 65535;

        /// <summary>PowerOnState that times the OFF state (turns the relay on after PulseTime).</summary>
        public const int PowerOnStatePulseOn = 5;

        private readonly PowerController _power;
        private readonly DeviceSettings _settings;
        private readonly EventLoop _clock;
        private readonly int _count;
        private readonly ITimer[] _pulseTimers;
        private readonly long[] _pulseDue;
        private readonly TimerTick[] _pulseTicks;
        private ITimer _interlockTimer;
        private int _pendingOn;
        private bool _interlocking;
        private SettingsService _service;
        private ILog _log;

        /// <summary>Creates the timing for <paramref name="power"/> and hooks itself into it.</summary>
        public RelayTiming(PowerController power, int relayCount, DeviceSettings settings, EventLoop clock)
        {
            if (power == null)
            {
                throw new ArgumentNullException("power");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _power = power;
            _settings = settings;
            _clock = clock;
            _count = relayCount < 1 ? 1 : (relayCount > DeviceSettings.PulseTimerCount ? DeviceSettings.PulseTimerCount : relayCount);
            _pulseTimers = (ITimer[])ArraySlots.Nulls(new ITimer[_count]);
            _pulseDue = new long[_count];
            _pulseTicks = (TimerTick[])ArraySlots.Nulls(new TimerTick[_count]);
            power.Timing = this;
        }

        /// <summary>Connects persistence and logging (the commands save through <paramref name="service"/>).</summary>
        public void Attach(SettingsService service, ILog log)
        {
            _service = service;
            _log = log;
        }

        /// <summary>Bit i set while relay i waits for its interlock delay before switching on.</summary>
        public int PendingOnMask
        {
            get { return _pendingOn; }
        }

        /// <summary>Registers PULSETIME and INTERLOCK.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("PULSETIME", CmndPulseTime);
            d.Register("INTERLOCK", CmndInterlock);
        }

        /// <summary>
        /// Milliseconds a PulseTime value stands for: 0 = off, 1..111 = value x 100 ms,
        /// 112 and more = (value - 100) s. So 111 is 11.1 s and 112 is 12 s.
        /// </summary>
        public static long PulseMs(int value)
        {
            if (value <= 0)
            {
                return 0;
            }

            if (value > 111)
            {
                return (long)(value - 100) * 1000;
            }

            return (long)value * 100;
        }

        /// <summary>Remaining time in PulseTime units (Tasmota's GetPulseTimer): over 11.1 s whole seconds + 100, else tenths.</summary>
        public static int PulseUnits(long remainingMs)
        {
            if (remainingMs <= 0)
            {
                return 0;
            }

            if (remainingMs > 11100)
            {
                return (int)(remainingMs / 1000) + 100;
            }

            return (int)(remainingMs / 100);
        }

        /// <summary>Remaining PulseTime of relay <paramref name="relayIndex0"/> in ms (0 when not running).</summary>
        public long RemainingMs(int relayIndex0)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count || _pulseDue[relayIndex0] == 0)
            {
                return 0;
            }

            long left = _pulseDue[relayIndex0] - _clock.NowMs;
            return left > 0 ? left : 0;
        }

        /// <summary>
        /// Starts the boot PulseTimes (see the class remarks): every relay that is on, and with
        /// PowerOnState 5 every relay, gets its PulseTime. Call once after the boot power state is applied.
        /// </summary>
        public void StartBootPulses()
        {
            int power = _power.PowerState;
            bool pulseOn = _settings.PowerOnState == PowerOnStatePulseOn;
            for (int i = 0; i < _count; i++)
            {
                if (pulseOn || (power & (1 << i)) != 0)
                {
                    StartPulse(i, _settings.PulseTime[i]);
                }
            }
        }

        /// <summary>Stops every pulse and interlock timer.</summary>
        public void Stop()
        {
            for (int i = 0; i < _count; i++)
            {
                StopPulse(i);
            }

            _pendingOn = 0;
            if (_interlockTimer != null)
            {
                _interlockTimer.Stop();
            }
        }

        /// <summary>PowerController: any command other than a query stops the relay's running PulseTime first.</summary>
        internal void StopPulse(int relayIndex0)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                return;
            }

            _pulseDue[relayIndex0] = 0;
            if (_pulseTimers[relayIndex0] != null)
            {
                _pulseTimers[relayIndex0].Stop();
            }

            _pendingOn &= ~(1 << relayIndex0);
        }

        /// <summary>PowerController: after relay i was switched, restart its PulseTime when it is on (off with PowerOnState 5).</summary>
        internal void AfterSwitch(int relayIndex0, int logicalPower)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                return;
            }

            bool on = (logicalPower & (1 << relayIndex0)) != 0;
            bool timed = _settings.PowerOnState == PowerOnStatePulseOn ? !on : on;
            StartPulse(relayIndex0, timed ? _settings.PulseTime[relayIndex0] : 0);
        }

        /// <summary>
        /// PowerController, before switching relay i on: with Interlock on and another relay of i's group
        /// on, switches those off (publishing each) and schedules relay i to switch on after
        /// <see cref="InterlockDelayMs"/>. Returns true when the switch-on was deferred.
        /// </summary>
        internal bool DeferForInterlock(int relayIndex0, int logicalPower)
        {
            if (!_settings.Interlock || _interlocking)
            {
                return false;
            }

            int bit = 1 << relayIndex0;
            int group = GroupOf(bit);
            int others = group & logicalPower & ~bit;
            if (others == 0)
            {
                return false;
            }

            _interlocking = true;
            try
            {
                for (int j = 0; j < _count; j++)
                {
                    if ((others & (1 << j)) != 0)
                    {
                        _power.SetPower(j, CommandValue.Off, null);
                    }
                }
            }
            finally
            {
                _interlocking = false;
            }

            _pendingOn |= bit;
            if (_interlockTimer == null)
            {
                _interlockTimer = _clock.Timeout("Interlock", OnInterlockTimer);
            }

            _interlockTimer.Start(InterlockDelayMs, 0);
            return true;
        }

        /// <summary>PowerController, for every relay state it drives: a group with more than one relay on is switched off as a whole (Tasmota's SetDevicePower).</summary>
        internal int Enforce(int logicalPower)
        {
            if (!_settings.Interlock)
            {
                return logicalPower;
            }

            int[] groups = _settings.InterlockGroups;
            for (int g = 0; g < groups.Length; g++)
            {
                int on = logicalPower & groups[g];
                if (on != 0 && (on & (on - 1)) != 0)
                {
                    logicalPower &= ~groups[g];
                }
            }

            return logicalPower;
        }

        private int GroupOf(int bit)
        {
            int[] groups = _settings.InterlockGroups;
            for (int g = 0; g < groups.Length; g++)
            {
                if ((groups[g] & bit) != 0)
                {
                    return groups[g];
                }
            }

            return 0;
        }

        private void StartPulse(int i, int value)
        {
            long ms = PulseMs(value);
            if (ms == 0)
            {
                _pulseDue[i] = 0;
                if (_pulseTimers[i] != null)
                {
                    _pulseTimers[i].Stop();
                }

                return;
            }

            if (_pulseTimers[i] == null)
            {
                _pulseTimers[i] = _clock.Timeout("PulseTime", PulseTick(i));
            }

            _pulseDue[i] = _clock.NowMs + ms;
            _pulseTimers[i].Start(ms, 0);
        }

        private TimerTick PulseTick(int i)
        {
            if (_pulseTicks[i] == null)
            {
                _pulseTicks[i] = new PulseEnd(this, i).Tick;
            }

            return _pulseTicks[i];
        }

        private void OnPulseEnd(int i)
        {
            try
            {
                _pulseDue[i] = 0;
                int state = _settings.PowerOnState == PowerOnStatePulseOn ? CommandValue.On : CommandValue.Off;
                _power.SetPower(i, state, null);
            }
            catch (Exception ex)
            {
                LogError("PulseTime failed: ", ex.Message);
            }
        }

        private void OnInterlockTimer()
        {
            try
            {
                int pending = _pendingOn;
                _pendingOn = 0;
                for (int i = 0; i < _count; i++)
                {
                    if ((pending & (1 << i)) != 0)
                    {
                        _power.SetPower(i, CommandValue.On, null);
                    }
                }
            }
            catch (Exception ex)
            {
                LogError("Interlock failed: ", ex.Message);
            }
        }

        private void CmndPulseTime(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index < 1 || index > DeviceSettings.PulseTimerCount)
            {
                return; // {"Command":"Error"}
            }

            if (!req.HasIndex && req.IsQuery)
            {
                resp.BeginObject("PulseTime").BeginArray("Set");
                for (int i = 0; i < DeviceSettings.PulseTimerCount; i++)
                {
                    resp.Item(_settings.PulseTime[i]);
                }

                resp.End().BeginArray("Remaining");
                for (int i = 0; i < DeviceSettings.PulseTimerCount; i++)
                {
                    resp.Item(PulseUnits(RemainingMs(i)));
                }

                resp.End().End();
                return;
            }

            int v;
            if (!req.IsQuery && CommandValue.TryParseNumber(req.Payload, out v))
            {
                if (v >= 0 && v <= MaxPulseTime)
                {
                    if (_settings.PulseTime[index - 1] != v)
                    {
                        _settings.PulseTime[index - 1] = v;
                        Persist();
                    }

                    if (index - 1 < _count)
                    {
                        StartPulse(index - 1, v); // as Tasmota: setting (re)starts the timer
                    }
                }
            }
            else if (!req.IsQuery && CommandValue.StateWord(req.Payload) == CommandValue.Off)
            {
                if (_settings.PulseTime[index - 1] != 0)
                {
                    _settings.PulseTime[index - 1] = 0;
                    Persist();
                }

                if (index - 1 < _count)
                {
                    StartPulse(index - 1, 0);
                }
            }

            resp.BeginObject("PulseTime" + index.ToString())
                .Add("Set", _settings.PulseTime[index - 1])
                .Add("Remaining", PulseUnits(RemainingMs(index - 1)))
                .End();
        }

        private void CmndInterlock(CommandRequest req, CommandResponse resp)
        {
            if (_count < 2)
            {
                if (_settings.Interlock)
                {
                    _settings.Interlock = false;
                    Persist();
                }

                resp.Add("Interlock", _power.StateText(false));
                return;
            }

            string p = req.Payload;
            if (!req.IsQuery)
            {
                if (p.IndexOf(',') >= 0)
                {
                    ParseGroups(p);
                    Persist();
                }
                else
                {
                    int v = CommandValue.Parse(p);
                    if (v >= 0)
                    {
                        bool on = (v & 1) != 0;
                        if (on != _settings.Interlock)
                        {
                            _settings.Interlock = on;
                            Persist();
                        }

                        if (on)
                        {
                            _power.EnforceNow();
                        }
                    }
                }
            }

            resp.Add("Interlock", _power.StateText(_settings.Interlock));
            resp.Add("Groups", GroupsText());
        }

        /// <summary>"1,2 3,4": groups separated by spaces, relays by commas; unknown or repeated relays are skipped, groups of fewer than 2 relays dropped.</summary>
        private void ParseGroups(string text)
        {
            int[] groups = _settings.InterlockGroups;
            for (int g = 0; g < groups.Length; g++)
            {
                groups[g] = 0;
            }

            int used = 0;
            int group = 0;
            int number = -1;
            bool inGroup = false;
            for (int i = 0; i <= text.Length && group < groups.Length; i++)
            {
                char c = i < text.Length ? text[i] : ' ';
                if (c >= '0' && c <= '9')
                {
                    number = (number < 0 ? 0 : number * 10) + (c - '0');
                    if (number > 1000)
                    {
                        number = 1000;
                    }

                    inGroup = true;
                    continue;
                }

                if (number > 0 && number <= _count && (used & (1 << (number - 1))) == 0)
                {
                    used |= 1 << (number - 1);
                    groups[group] |= 1 << (number - 1);
                }

                number = -1;
                if (c == ' ' && inGroup)
                {
                    group++;
                    inGroup = false;
                }
                else if (c != ' ')
                {
                    inGroup = true;
                }
            }

            for (int g = 0; g < groups.Length; g++)
            {
                int m = groups[g];
                if (m != 0 && (m & (m - 1)) == 0)
                {
                    groups[g] = 0;
                }
            }
        }

        private string GroupsText()
        {
            int[] groups = _settings.InterlockGroups;
            TextBuffer text = new TextBuffer(24);
            bool any = false;
            for (int g = 0; g < groups.Length; g++)
            {
                int m = groups[g] & ((1 << _count) - 1);
                if (groups[g] == 0)
                {
                    continue;
                }

                if (any)
                {
                    text.Append(' ');
                }

                any = true;
                bool first = true;
                for (int j = 0; j < _count; j++)
                {
                    if ((m & (1 << j)) != 0)
                    {
                        if (!first)
                        {
                            text.Append(',');
                        }

                        text.AppendNumber(j + 1);
                        first = false;
                    }
                }
            }

            if (!any)
            {
                for (int j = 1; j <= _count; j++)
                {
                    if (j > 1)
                    {
                        text.Append(',');
                    }

                    text.AppendNumber(j);
                }
            }

            return text.ToString();
        }

        private void Persist()
        {
            if (_service != null)
            {
                _service.Changed(0);
            }
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

        /// <summary>One relay's PulseTime callback: a named delegate target that carries the relay index.</summary>
        private sealed class PulseEnd
        {
            private readonly RelayTiming _owner;
            private readonly int _index;

            public PulseEnd(RelayTiming owner, int index)
            {
                _owner = owner;
                _index = index;
            }

            public void Tick()
            {
                _owner.OnPulseEnd(_index);
            }
        }
    }
}
