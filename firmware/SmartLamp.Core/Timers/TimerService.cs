using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Time;
using SmartLamp.Core.Timers.Astro;

namespace SmartLamp.Core.Timers
{
    /// <summary>
    /// Tasmota's timers (xdrv_09_timers): Timer1..16, Timers, Latitude, Longitude; the event Clock#Timer=&lt;n&gt;
    /// for Action 3; Sunrise/Sunset in Status 7.
    /// <para>
    /// Runs once per wall-clock minute (<see cref="TimeService.MinuteStarted"/>, so never before the time is
    /// valid) on the local minute: a timer fires when it is enabled, its day bit is set and the minute equals
    /// its time (or today's sunrise/sunset plus offset) plus its random window offset (redrawn at local
    /// midnight and when Window is set, kept within the day as Tasmota does). Actions 0-2 go through
    /// <see cref="PowerController.SetPower"/>, the path buttons and commands take, so stat/RESULT and
    /// stat/POWER are published; Action 3 only raises Clock#Timer=&lt;n&gt;. A timer without Repeat disables itself.
    /// </para>
    /// <para>
    /// Once per occasion: each timer remembers the local minute number it last fired in and never fires
    /// again for the same or an earlier local minute (unless the clock went back more than a day). The
    /// latest one is stored ("TimerLast"), so a reboot within the minute does not fire again. Local minutes
    /// skipped by a DST change (02:00-02:59 in spring) are evaluated at the change, so a 02:30 timer fires
    /// at 03:00 instead of never; the repeated hour in autumn fires nothing twice.
    /// </para>
    /// Nothing is allocated per minute unless a timer fires or the sun times of a new day are computed.
    /// </summary>
    public sealed partial class TimerService
    {
        private const int MaxCatchUpMinutes = 180;

        private static readonly string[] Numbers = new string[] { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16" };

        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly TimeService _time;
        private readonly PowerController _power;
        private readonly int _relayCount;
        private readonly ICommandOutput _output;
        private readonly ILog _log;
        private readonly int[] _window = new int[TimerEntry.Count];
        private readonly long[] _lastFired = new long[TimerEntry.Count];
        private uint _random;
        private long _lastUtc = long.MinValue;
        private long _lastLocal = long.MinValue;

        private string _latText;
        private string _lonText;
        private double _lat;
        private double _lon;
        private long _sunDay = long.MinValue;
        private int _sunState;
        private long _riseUtc;
        private long _setUtc;
        private CommandResponse _scratch;

        /// <summary>Creates the timers; <paramref name="seed"/> seeds the random windows.</summary>
        public TimerService(SettingsService settings, TimeService time, PowerController power, int relayCount, ICommandOutput output, ILog log, int seed)
        {
            _service = settings;
            _s = settings.Current;
            _time = time;
            _power = power;
            _relayCount = relayCount < 1 ? 1 : relayCount;
            _output = output;
            _log = log;
            _random = (uint)seed | 1;
        }

        /// <summary>Rule events (Clock#Timer=&lt;n&gt;).</summary>
        public event TimeEventHandler RuleEvent;

        /// <summary>The random offset (minutes, -Window..+Window) timer <paramref name="index0"/> uses today.</summary>
        public int WindowOffset(int index0)
        {
            return _window[index0];
        }

        private static readonly string[] CommandNames = new string[] { "TIMER", "TIMERS", "LATITUDE", "LONGITUDE" };

        /// <summary>Registers TIMER, TIMERS, LATITUDE and LONGITUDE.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
        }

        /// <summary>Boot, after the settings are loaded and before the time service starts.</summary>
        public void Start()
        {
            for (int i = 0; i < TimerEntry.Count; i++)
            {
                _lastFired[i] = _s.TimerLast;
                DrawWindow(i);
            }

            _time.MinuteStarted += OnMinute;
            _time.StatusExtra = WriteSun;
        }

        /// <summary>
        /// Sunrise (<paramref name="sunset"/> false) or sunset of local day <paramref name="localDay"/> as a local
        /// minute of the day, or -1 when the sun does not rise/set that day (polar day or night).
        /// </summary>
        public int SunMinute(long localDay, bool sunset)
        {
            if (!SunFor(localDay))
            {
                return -1;
            }

            long utc = sunset ? _setUtc : _riseUtc;
            long local = utc + (_time.OffsetMinutes(utc) * 60L) + 30;
            long minute = (local >= 0 ? local / 60 : ((local + 1) / 60) - 1) - (localDay * 1440);
            return minute < 0 || minute > 1439 ? -1 : (int)minute;
        }

        /// <summary>A new UTC minute: evaluates the local minute(s) it stands for.</summary>
        public void OnMinute(long utcMinute)
        {
            long local = utcMinute + _time.OffsetMinutes(utcMinute * 60);
            long from = local;
            if (_lastUtc != long.MinValue && utcMinute == _lastUtc + 1 && local - _lastLocal > 1 && local - _lastLocal <= MaxCatchUpMinutes)
            {
                from = _lastLocal + 1; // local minutes a DST change skipped
            }

            _lastUtc = utcMinute;
            _lastLocal = local;
            for (long m = from; m <= local; m++)
            {
                Evaluate(m);
            }
        }

        private void Evaluate(long localMinute)
        {
            long day = localMinute >= 0 ? localMinute / 1440 : ((localMinute + 1) / 1440) - 1;
            int minute = (int)(localMinute - (day * 1440));
            if (minute == 0)
            {
                for (int i = 0; i < TimerEntry.Count; i++)
                {
                    DrawWindow(i);
                }
            }

            if (!_s.TimersEnabled)
            {
                return;
            }

            int dayBit = 1 << CivilTime.DayOfWeek(day);
            int[] data = _s.TimerData;
            for (int i = 0; i < TimerEntry.Count; i++)
            {
                int d = data[i];
                if (!TimerEntry.Enabled(d) || (TimerEntry.Days(d) & dayBit) == 0)
                {
                    continue;
                }

                int t;
                int mode = TimerEntry.Mode(d);
                if (mode == 1 || mode == 2)
                {
                    int sun = SunMinute(day, mode == 2);
                    if (sun < 0)
                    {
                        continue;
                    }

                    t = sun + TimerEntry.SunOffset(d);
                    if (t < 0 || t > 1439)
                    {
                        continue;
                    }
                }
                else
                {
                    t = TimerEntry.TimeField(d);
                    if (t > 1439)
                    {
                        t = 1439;
                    }
                }

                int w = _window[i];
                int at = t + w;
                int aw = w < 0 ? -w : w;
                if (at < 0)
                {
                    at = aw;
                }

                if (at > 1439)
                {
                    at = t - aw;
                }

                if (at > 1439)
                {
                    at = 1439;
                }

                if (at != minute)
                {
                    continue;
                }

                long last = _lastFired[i];
                if (localMinute <= last && last - localMinute < 1440)
                {
                    continue; // this occasion was handled already (clock stepped back, DST repeat, reboot)
                }

                Fire(i, d, localMinute);
            }
        }

        private void Fire(int i, int d, long localMinute)
        {
            _lastFired[i] = localMinute;
            if (!TimerEntry.Repeat(d))
            {
                _service.Set(ref _s.TimerData[i], TimerEntry.WithEnabled(d, false), 0);
            }

            _service.SetState(ref _s.TimerLast, localMinute > int.MaxValue ? int.MaxValue : (localMinute < 0 ? 0 : (int)localMinute), 0);
            int action = TimerEntry.Action(d);
            if (_log != null)
            {
                _log.Write("TIM", "Timer", Numbers[i], " fired");
            }

            if (action == 3)
            {
                if (RuleEvent != null)
                {
                    RuleEvent("Clock", "Timer", Numbers[i]);
                }

                return;
            }

            int output = TimerEntry.Output0(d);
            _power.SetPower(output < _relayCount ? output : 0, action, RelayChangeReason.Timer);
        }

        private void DrawWindow(int i)
        {
            int w = TimerEntry.Window(_s.TimerData[i]);
            _window[i] = w == 0 ? 0 : (int)(NextRandom() % (uint)((2 * w) + 1)) - w;
        }

        private uint NextRandom()
        {
            // xorshift32
            uint x = _random;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _random = x;
            return x;
        }

        private bool SunFor(long localDay)
        {
            if (!ReferenceEquals(_latText, _s.Latitude) || !ReferenceEquals(_lonText, _s.Longitude))
            {
                _latText = _s.Latitude;
                _lonText = _s.Longitude;
                int micro;
                _lat = ParseDegrees(_latText, 90, out micro) ? micro / 1000000.0 : 0;
                _lon = ParseDegrees(_lonText, 180, out micro) ? micro / 1000000.0 : 0;
                _sunDay = long.MinValue;
            }

            if (_sunDay != localDay)
            {
                _sunDay = localDay;
                _sunState = SunTimes.Compute(_lat, _lon, localDay, out _riseUtc, out _setUtc);
            }

            return _sunState == SunTimes.Normal;
        }

        private void WriteSun(CommandResponse r)
        {
            long local = _time.LocalSeconds;
            long day = CivilTime.DayNumber(local);
            int rise = SunMinute(day, false);
            int set = SunMinute(day, true);
            r.Add("Sunrise", rise < 0 ? "--:--" : CivilTime.HourMinute(rise));
            r.Add("Sunset", set < 0 ? "--:--" : CivilTime.HourMinute(set));
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndTimer(req, resp); break;
                case 1: CmndTimers(req, resp); break;
                case 2: CmndLatitude(req, resp); break;
                case 3: CmndLongitude(req, resp); break;
            }
        }
    }
}
