using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// PulseTime: a relay switched on turns off again after its PulseTime; with PowerOnState 5 the OFF
    /// state is timed and the relay turns on. Its command PulseTime&lt;n&gt; is here too.
    /// <para>
    /// PowerOnState 5 at boot: whoever applies PowerOnState (<see cref="ApplyPowerOnState"/>, the
    /// settings engineer's boot selection) calls <see cref="StartBootPulses"/> right after the relays got
    /// their boot state: it starts the PulseTime of every relay that is on, and with PowerOnState 5 of
    /// every relay (so an OFF relay turns on after its PulseTime), as Tasmota's SetPowerOnState does.
    /// </para>
    /// One loop timeout (made at the first PulseTime) serves every relay: it is due at the earliest pulse end.
    /// </summary>
    public sealed partial class PowerController
    {
        /// <summary>Highest PulseTime value (Tasmota stores 0..65535).</summary>
        public const int MaxPulseTime = 65535;

        /// <summary>PowerOnState that times the OFF state (turns the relay on after PulseTime).</summary>
        public const int PowerOnStatePulseOn = 5;

        private ITimer _pulseTimer;
        private readonly long[] _pulseDue;

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

        /// <summary>Remaining PulseTime of relay <paramref name="relayIndex0"/> in ms at <paramref name="now"/> (0 when not running).</summary>
        private long RemainingMs(int relayIndex0, long now)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count || _pulseDue[relayIndex0] == 0)
            {
                return 0;
            }

            long left = _pulseDue[relayIndex0] - now;
            return left > 0 ? left : 0;
        }

        /// <summary>
        /// Starts the boot PulseTimes (see the class remarks): every relay that is on, and with
        /// PowerOnState 5 every relay, gets its PulseTime. Call once after the boot power state is applied.
        /// </summary>
        public void StartBootPulses()
        {
            int power = PowerState;
            bool pulseOn = _settings.PowerOnState == PowerOnStatePulseOn;
            for (int i = 0; i < _count; i++)
            {
                if (pulseOn || (power & (1 << i)) != 0)
                {
                    StartPulse(i, _settings.PulseTime[i], _clock.NowMs);
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

        /// <summary>Any switching other than a query stops the relay's running PulseTime first.</summary>
        private void StopPulse(int relayIndex0)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                return;
            }

            StartPulse(relayIndex0, 0, _clock.NowMs);
            _pendingOn &= ~(1 << relayIndex0);
        }

        /// <summary>After relay i was switched, restart its PulseTime when it is on (off with PowerOnState 5).</summary>
        private void AfterSwitch(int relayIndex0, int logicalPower)
        {
            if (relayIndex0 < 0 || relayIndex0 >= _count)
            {
                return;
            }

            bool on = (logicalPower & (1 << relayIndex0)) != 0;
            bool timed = _settings.PowerOnState == PowerOnStatePulseOn ? !on : on;
            StartPulse(relayIndex0, timed ? _settings.PulseTime[relayIndex0] : 0, _clock.NowMs);
        }

        /// <summary>Sets relay i's pulse end (PulseTime <paramref name="value"/> from <paramref name="now"/>; 0 stops it) and moves the one "PulseTime" timeout to the earliest end.</summary>
        private void StartPulse(int i, int value, long now)
        {
            long ms = PulseMs(value);
            _pulseDue[i] = ms == 0 ? 0 : now + ms;
            if (_pulseTimer == null)
            {
                if (ms == 0)
                {
                    return; // no PulseTime ever ran: no timeout to move
                }

                _pulseTimer = _clock.Timeout("PulseTime", OnPulseTimer);
            }

            StartAtEarliest(_pulseTimer, _pulseDue, now);
        }

        /// <summary>
        /// Starts <paramref name="timer"/> for the earliest of <paramref name="due"/> (times in ms, 0 = none;
        /// stopped when there is none): one timeout serves every relay's PulseTime and every TimedPower.
        /// </summary>
        internal static void StartAtEarliest(ITimer timer, long[] due, long now)
        {
            long next = long.MaxValue;
            for (int i = 0; i < due.Length; i++)
            {
                if (due[i] != 0 && due[i] < next)
                {
                    next = due[i];
                }
            }

            if (next == long.MaxValue)
            {
                timer.Stop();
            }
            else
            {
                timer.Start(next > now ? next - now : 0, 0);
            }
        }

        /// <summary>The "PulseTime" timeout: every relay whose pulse ended switches (off, or on with PowerOnState 5).</summary>
        private void OnPulseTimer()
        {
            long now = _clock.NowMs;
            int state = _settings.PowerOnState == PowerOnStatePulseOn ? CommandValue.On : CommandValue.Off;
            for (int i = 0; i < _count; i++)
            {
                if (_pulseDue[i] != 0 && _pulseDue[i] <= now)
                {
                    _pulseDue[i] = 0;
                    try
                    {
                        SetPower(i, state, RelayChangeReason.PulseEnd);
                    }
                    catch (Exception ex)
                    {
                        LogError("PulseTime failed: ", ex.Message);
                    }
                }
            }

            StartAtEarliest(_pulseTimer, _pulseDue, now);
        }

        private void CmndPulseTime(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            long now = _clock.NowMs; // one instant for setting and answering: the answer of "PulseTime1 25" is 25
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
                    resp.Item(PulseUnits(RemainingMs(i, now)));
                }

                resp.End().End();
                return;
            }

            int v;
            if (req.IsQuery || !CommandValue.TryParseNumber(req.Payload, out v))
            {
                v = !req.IsQuery && CommandValue.StateWord(req.Payload) == CommandValue.Off ? 0 : -1;
            }

            if (v >= 0 && v <= MaxPulseTime)
            {
                _service.Set(ref _settings.PulseTime[index - 1], v, 0);

                if (index - 1 < _count)
                {
                    StartPulse(index - 1, v, now); // as Tasmota: setting (re)starts the timer
                }
            }

            resp.BeginObject("PulseTime" + index.ToString())
                .Add("Set", _settings.PulseTime[index - 1])
                .Add("Remaining", PulseUnits(RemainingMs(index - 1, now)))
                .End();
        }
    }
}
