using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;
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
    public sealed class TimerService
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

        /// <summary>Registers TIMER, TIMERS, LATITUDE and LONGITUDE.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("TIMER", CmndTimer);
            d.Register("TIMERS", CmndTimers);
            d.Register("LATITUDE", CmndLatitude);
            d.Register("LONGITUDE", CmndLongitude);
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
                _s.TimerData[i] = TimerEntry.WithEnabled(d, false);
            }

            _s.TimerLast = localMinute > int.MaxValue ? int.MaxValue : (localMinute < 0 ? 0 : (int)localMinute);
            _service.Changed(0);
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
            _power.SetPower(output < _relayCount ? output : 0, action, null);
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

        // Timer<x>: query; 0 clears; 1..16 copies that timer; a JSON object sets the members it has.
        private void CmndTimer(CommandRequest req, CommandResponse resp)
        {
            int index = req.HasIndex ? req.Index : 1;
            if (index < 1 || index > TimerEntry.Count)
            {
                return; // {"Command":"Error"}
            }

            int[] data = _s.TimerData;
            if (!req.IsQuery)
            {
                string p = req.Payload;
                int number;
                if (p[0] != '{')
                {
                    if (!CommandValue.TryParseNumber(p, out number) || !IsPlainNumber(p) || number > TimerEntry.Count)
                    {
                        resp.Add("Command", "Error");
                        resp.Add(TimerEntry.Key(index), "expected 0 (clear), 1..16 (copy that timer) or a JSON object like {\"Enable\":1,\"Time\":\"06:45\"}");
                        return;
                    }

                    int value = number == 0 ? 0 : data[number - 1];
                    Store(index - 1, value);
                }
                else
                {
                    JsonNode root = null;
                    try
                    {
                        root = JsonReader.Parse(p, 4, 512);
                    }
                    catch (JsonException)
                    {
                        root = null;
                    }

                    if (root == null || root.Kind != JsonKind.Object)
                    {
                        resp.Add(TimerEntry.Key(index), "Invalid JSON");
                        return;
                    }

                    int d = data[index - 1];
                    bool enable = TimerEntry.Enabled(d);
                    int mode = TimerEntry.Mode(d);
                    int time = TimerEntry.TimeField(d);
                    int window = TimerEntry.Window(d);
                    int days = TimerEntry.Days(d);
                    bool repeat = TimerEntry.Repeat(d);
                    int output0 = TimerEntry.Output0(d);
                    int action = TimerEntry.Action(d);
                    bool windowSet = false;
                    for (int k = 0; k < root.Count; k++)
                    {
                        string key = root.KeyAt(k);
                        JsonNode v = root.ValueAt(k);
                        int n;
                        if (CommandValue.EqualsIgnoreCase(key, "ENABLE") || CommandValue.EqualsIgnoreCase(key, "ARM"))
                        {
                            if (Number(v, out n))
                            {
                                enable = n != 0;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "MODE"))
                        {
                            if (Number(v, out n))
                            {
                                mode = n & 3;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "TIME"))
                        {
                            int t = TimerEntry.ParseTime(Text(v));
                            if (t < 0)
                            {
                                resp.Add("Command", "Error");
                                resp.Add(TimerEntry.Key(index), "Time: expected \"hh:mm\" (or \"-hh:mm\" as a sunrise/sunset offset)");
                                return;
                            }

                            time = t;
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "WINDOW"))
                        {
                            if (Number(v, out n))
                            {
                                window = n & 0xF;
                                windowSet = true;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "DAYS"))
                        {
                            days = TimerEntry.ParseDays(Text(v));
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "REPEAT"))
                        {
                            if (Number(v, out n))
                            {
                                repeat = n != 0;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "OUTPUT"))
                        {
                            if (Number(v, out n))
                            {
                                output0 = (n - 1) & 0xF;
                                if (output0 >= _relayCount)
                                {
                                    output0 = 0;
                                }
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "ACTION"))
                        {
                            if (Number(v, out n))
                            {
                                action = n & 3;
                            }
                        }
                    }

                    Store(index - 1, TimerEntry.Pack(enable, mode, time, window, days, repeat, output0, action));
                    if (windowSet)
                    {
                        DrawWindow(index - 1);
                    }
                }
            }

            TimerEntry.Write(resp, index, data[index - 1]);
        }

        private void Store(int i, int value)
        {
            if (_s.TimerData[i] != value)
            {
                _s.TimerData[i] = value;
                _service.Changed(0);
            }
        }

        // Timers 0|1|2: all off/on/toggle; answers {"Timers":"ON"} then Tasmota's four groups {"Timers1":{"Timer1":{..},..,"Timer4":{..}}} .. Timers4.
        private void CmndTimers(CommandRequest req, CommandResponse resp)
        {
            if (!req.IsQuery)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v < 0 || v > 2)
                {
                    resp.Add("Command", "Error");
                    resp.Add("Timers", "expected 0 (off), 1 (on) or 2 (toggle)");
                    return;
                }

                bool on = v == 2 ? !_s.TimersEnabled : v == 1;
                if (on != _s.TimersEnabled)
                {
                    _s.TimersEnabled = on;
                    _service.Changed(0);
                }
            }

            if (_scratch == null)
            {
                _scratch = new CommandResponse();
            }

            _scratch.Clear();
            _scratch.Add("Timers", _power.StateText(_s.TimersEnabled));
            _output.CommandResult(req, _scratch.ToJson());
            for (int g = 0; g < 4; g++)
            {
                CommandResponse r = g == 3 ? resp : _scratch;
                r.Clear();
                r.BeginObject(g == 0 ? "Timers1" : (g == 1 ? "Timers2" : (g == 2 ? "Timers3" : "Timers4")));
                for (int i = g * 4; i < (g * 4) + 4; i++)
                {
                    TimerEntry.Write(r, i + 1, _s.TimerData[i]);
                }

                r.End();
                if (g < 3)
                {
                    _output.CommandResult(req, r.ToJson());
                }
            }
        }

        private void CmndLatitude(CommandRequest req, CommandResponse resp)
        {
            Degrees(req, resp, true);
        }

        private void CmndLongitude(CommandRequest req, CommandResponse resp)
        {
            Degrees(req, resp, false);
        }

        private void Degrees(CommandRequest req, CommandResponse resp, bool latitude)
        {
            string key = latitude ? "Latitude" : "Longitude";
            int limit = latitude ? 90 : 180;
            if (!req.IsQuery)
            {
                int micro;
                if (!ParseDegrees(req.Payload, limit, out micro))
                {
                    resp.Add("Command", "Error");
                    resp.Add(key, latitude ? "expected degrees -90..90 (north positive), like 48.8584" : "expected degrees -180..180 (east positive), like 2.2945");
                    return;
                }

                string text = FormatDegrees(micro);
                if (text != (latitude ? _s.Latitude : _s.Longitude))
                {
                    if (latitude)
                    {
                        _s.Latitude = text;
                    }
                    else
                    {
                        _s.Longitude = text;
                    }

                    _service.Changed(0);
                }
            }

            string stored = latitude ? _s.Latitude : _s.Longitude;
            int m;
            resp.AddRaw(key, ParseDegrees(stored, limit, out m) ? FormatDegrees(m) : "0.000000");
        }

        /// <summary>Reads "-33.8688" into micro-degrees (6 decimals kept, more are cut); false for anything else or |value| above <paramref name="limit"/>.</summary>
        public static bool ParseDegrees(string text, int limit, out int micro)
        {
            micro = 0;
            if (text == null || text.Length == 0 || text.Length > 16)
            {
                return false;
            }

            int i = 0;
            bool negative = false;
            if (text[0] == '+' || text[0] == '-')
            {
                negative = text[0] == '-';
                i = 1;
            }

            long whole = 0;
            int digits = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                whole = (whole * 10) + (text[i] - '0');
                digits++;
                i++;
                if (whole > 1000)
                {
                    return false;
                }
            }

            long frac = 0;
            int fracDigits = 0;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    if (fracDigits < 6)
                    {
                        frac = (frac * 10) + (text[i] - '0');
                        fracDigits++;
                    }

                    digits++;
                    i++;
                }
            }

            if (digits == 0 || i != text.Length)
            {
                return false;
            }

            while (fracDigits < 6)
            {
                frac *= 10;
                fracDigits++;
            }

            long value = (whole * 1000000) + frac;
            if (value > limit * 1000000L)
            {
                return false;
            }

            micro = (int)(negative ? -value : value);
            return true;
        }

        /// <summary>"-33.868800".</summary>
        public static string FormatDegrees(int micro)
        {
            TextBuffer b = new TextBuffer(12);
            long v = micro;
            if (v < 0)
            {
                b.Append('-');
                v = -v;
            }

            b.AppendNumber(v / 1000000).Append('.');
            long f = v % 1000000;
            long div = 100000;
            while (div > 0)
            {
                b.Append((char)('0' + ((f / div) % 10)));
                div /= 10;
            }

            return b.ToString();
        }

        private static bool Number(JsonNode v, out int n)
        {
            n = 0;
            if (v.Kind == JsonKind.Number)
            {
                return v.TryGetInt32(int.MinValue, int.MaxValue, out n);
            }

            if (v.Kind == JsonKind.String)
            {
                return CommandValue.TryParseNumber(v.StringValue, out n);
            }

            return false;
        }

        private static string Text(JsonNode v)
        {
            if (v.Kind == JsonKind.String)
            {
                return v.StringValue;
            }

            return v.Kind == JsonKind.Number ? v.NumberText : null;
        }

        private static bool IsPlainNumber(string s)
        {
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < '0' || s[i] > '9')
                {
                    return false;
                }
            }

            return s.Length > 0;
        }
    }
}
