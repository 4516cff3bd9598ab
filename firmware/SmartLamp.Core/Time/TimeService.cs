using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Time
{
    /// <summary>
    /// Wall-clock time for the device, Tasmota style: the commands NtpServer1..3, Time, Timezone, TimeStd
    /// and TimeDst, the local time (fixed offset, or Timezone 99 with the TimeStd/TimeDst rules), the
    /// Status 7 section and the rule events Time#Initialized (first valid time) and Time#Set (every later
    /// sync or manual set), both with the local minute of the day as value.
    /// <para>
    /// A one-second timer polls the <see cref="IWallClock"/> port (nothing allocated per tick) and calls
    /// <see cref="MinuteStarted"/> whenever the UTC minute differs from the last one seen; nothing is
    /// called while the time is not valid. Not thread-safe: the owner (DeviceApp) serialises every call.
    /// </para>
    /// </summary>
    public sealed class TimeService
    {
        /// <summary>Tick period of the poll.</summary>
        public const int TickMs = 1000;

        /// <summary>Timezone value that selects the TimeStd/TimeDst rules.</summary>
        public const string RulesZone = "99";

        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly IWallClock _wall;
        private readonly ILog _log;
        private readonly ITimer _timer;
        private readonly TimeRule _std = new TimeRule();
        private readonly TimeRule _dst = new TimeRule();

        private string _parsedZone;
        private string _parsedStd;
        private string _parsedDst;
        private bool _zoneRules;
        private int _zoneMinutes;
        private bool _manual;
        private bool _initialized;
        private int _lastSync = -1;
        private long _lastMinute = long.MinValue;

        /// <summary>Creates the service; commands come with <see cref="Register"/>, the poll with <see cref="Start"/>.</summary>
        public TimeService(SettingsService settings, IWallClock wall, IClock clock, ILog log)
        {
            _service = settings;
            _s = settings.Current;
            _wall = wall;
            _log = log;
            _timer = clock.CreateTimer(OnTick);
        }

        /// <summary>Rule events (Time#Initialized, Time#Set).</summary>
        public event TimeEventHandler RuleEvent;

        /// <summary>A new UTC minute (see <see cref="MinuteHandler"/>).</summary>
        public event MinuteHandler MinuteStarted;

        /// <summary>Adds Sunrise and Sunset to Status 7 (set by the timers).</summary>
        public ResponseWriter StatusExtra;

        /// <summary>True while the wall clock is valid.</summary>
        public bool IsValid
        {
            get { return _wall.IsValid; }
        }

        /// <summary>Unix seconds, UTC.</summary>
        public long UtcSeconds
        {
            get { return CivilTime.ToUnix(_wall.UtcNow); }
        }

        /// <summary>Unix seconds of local time (local wall clock read as if it were UTC).</summary>
        public long LocalSeconds
        {
            get
            {
                long utc = UtcSeconds;
                return utc + (OffsetMinutes(utc) * 60L);
            }
        }

        /// <summary>Local time as a DateTime (Kind unspecified).</summary>
        public System.DateTime LocalNow
        {
            get { return CivilTime.FromUnix(LocalSeconds); }
        }

        /// <summary>Local time "2027-03-28T03:00:00" (STATE, Status 10); before the time is valid the raw clock, no zone applied.</summary>
        public string LocalIso()
        {
            return CivilTime.Iso(_wall.IsValid ? LocalSeconds : UtcSeconds);
        }

        /// <summary>Registers TIME, TIMEZONE, TIMESTD, TIMEDST and NTPSERVER.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("TIME", CmndTime);
            d.Register("TIMEZONE", CmndTimezone);
            d.Register("TIMESTD", CmndTimeStd);
            d.Register("TIMEDST", CmndTimeDst);
            d.Register("NTPSERVER", CmndNtpServer);
        }

        /// <summary>Boot, after the settings are loaded: hands the NTP servers to the port and starts the poll.</summary>
        public void Start()
        {
            Refresh();
            UseServers();
            _timer.Start(0, TickMs);
        }

        /// <summary>Stops the poll.</summary>
        public void Stop()
        {
            _timer.Stop();
        }

        /// <summary>Settings may have changed (Reset, a loaded file): re-reads the zone settings.</summary>
        public void OnSettingsChanged(int changeFlags)
        {
            Refresh();
        }

        /// <summary>
        /// Offset from UTC in minutes at <paramref name="utcSeconds"/>. Timezone 99: the TimeDst offset from
        /// the DST change (at TimeDst's hour in standard time) to the standard-time change (at TimeStd's hour
        /// in summer time) of that UTC year, the TimeStd offset otherwise; the order of the two changes in
        /// the year decides which one is summer (northern or southern hemisphere).
        /// </summary>
        public int OffsetMinutes(long utcSeconds)
        {
            Refresh();
            if (!_zoneRules)
            {
                return _zoneMinutes;
            }

            int year = CivilTime.YearOf(utcSeconds);
            long dstStartUtc = _dst.LocalChange(year) - (_std.Offset * 60L);
            long stdStartUtc = _std.LocalChange(year) - (_dst.Offset * 60L);
            bool summer = dstStartUtc < stdStartUtc
                ? utcSeconds >= dstStartUtc && utcSeconds < stdStartUtc
                : utcSeconds < stdStartUtc || utcSeconds >= dstStartUtc;
            return summer ? _dst.Offset : _std.Offset;
        }

        /// <summary>Writes Tasmota's StatusTIM keys: UTC, Local, StartDST, EndDST, Timezone (+ Sunrise/Sunset from the timers).</summary>
        public void WriteStatus(CommandResponse r)
        {
            long utc = UtcSeconds;
            long local = utc + (OffsetMinutes(utc) * 60L);
            int year = CivilTime.YearOf(local);
            r.Add("UTC", CivilTime.Iso(utc));
            r.Add("Local", CivilTime.Iso(local));
            r.Add("StartDST", CivilTime.Iso(_dst.LocalChange(year)));
            r.Add("EndDST", CivilTime.Iso(_std.LocalChange(year)));
            if (_zoneRules)
            {
                r.Add("Timezone", 99);
            }
            else
            {
                r.Add("Timezone", FormatZone(_zoneMinutes));
            }

            if (StatusExtra != null)
            {
                StatusExtra(r);
            }
        }

        /// <summary>
        /// Reads a Timezone payload: "99", or hours -13..+14 with optional ":mm" ("+05:30", "-3", "-00:30");
        /// hours 15..98 mean 99 as in Tasmota; minutes above 59 count as 59. False for anything else.
        /// </summary>
        public static bool ParseZone(string text, out bool rules, out int minutes)
        {
            rules = false;
            minutes = 0;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            int i = 0;
            int n = text.Length;
            bool negative = false;
            if (text[0] == '+' || text[0] == '-')
            {
                negative = text[0] == '-';
                i = 1;
            }

            int hours = 0;
            int digits = 0;
            while (i < n && text[i] >= '0' && text[i] <= '9' && digits < 3)
            {
                hours = (hours * 10) + (text[i] - '0');
                digits++;
                i++;
            }

            if (digits == 0)
            {
                return false;
            }

            int mins = 0;
            if (i < n && text[i] == ':')
            {
                i++;
                int md = 0;
                while (i < n && text[i] >= '0' && text[i] <= '9' && md < 2)
                {
                    mins = (mins * 10) + (text[i] - '0');
                    md++;
                    i++;
                }

                if (md == 0)
                {
                    return false;
                }
            }

            if (i != n)
            {
                return false;
            }

            if (negative && hours > 13)
            {
                return false;
            }

            if (!negative && hours >= 15)
            {
                rules = true;
                return true;
            }

            if (mins > 59)
            {
                mins = 59;
            }

            minutes = (hours * 60) + mins;
            if (negative)
            {
                minutes = -minutes;
            }

            return true;
        }

        /// <summary>"+01:00", "-03:30", "+00:00".</summary>
        public static string FormatZone(int minutes)
        {
            TextBuffer b = new TextBuffer(6);
            b.Append(minutes < 0 ? '-' : '+');
            int m = minutes < 0 ? -minutes : minutes;
            b.AppendTwoDigits(m / 60).Append(':').AppendTwoDigits(m % 60);
            return b.ToString();
        }

        private void OnTick()
        {
            if (!_wall.IsValid)
            {
                return;
            }

            int sync = _wall.SyncCount;
            if (sync != _lastSync)
            {
                _lastSync = sync;
                bool first = !_initialized;
                _initialized = true;
                if (RuleEvent != null)
                {
                    long local = LocalSeconds;
                    RuleEvent("Time", first ? "Initialized" : "Set", Number(CivilTime.SecondOfDay(local) / 60));
                }
            }

            long utc = UtcSeconds;
            long minute = utc >= 0 ? utc / 60 : ((utc + 1) / 60) - 1;
            if (minute != _lastMinute)
            {
                _lastMinute = minute;
                if (MinuteStarted != null)
                {
                    MinuteStarted(minute);
                }
            }
        }

        private void Refresh()
        {
            if (!ReferenceEquals(_parsedZone, _s.Timezone))
            {
                _parsedZone = _s.Timezone;
                bool rules;
                int minutes;
                if (!ParseZone(_parsedZone, out rules, out minutes))
                {
                    rules = false;
                    minutes = 0;
                }

                _zoneRules = rules;
                _zoneMinutes = minutes;
            }

            if (!ReferenceEquals(_parsedStd, _s.TimeStd))
            {
                _parsedStd = _s.TimeStd;
                if (!_std.Parse(_parsedStd))
                {
                    _std.Parse(TimeRule.DefaultStd);
                }
            }

            if (!ReferenceEquals(_parsedDst, _s.TimeDst))
            {
                _parsedDst = _s.TimeDst;
                if (!_dst.Parse(_parsedDst))
                {
                    _dst.Parse(TimeRule.DefaultDst);
                }
            }
        }

        private void UseServers()
        {
            _manual = false;
            _wall.UseServers(Server(0), Server(1), Server(2));
        }

        private string Server(int i)
        {
            string[] a = _s.NtpServer;
            return a != null && a.Length > i && a[i] != null ? a[i] : string.Empty;
        }

        // Time: query; 0 = SNTP again; 1..4 = answer format (not stored); a larger number = set (Unix seconds, UTC).
        private void CmndTime(CommandRequest req, CommandResponse resp)
        {
            int format = 1;
            if (!req.IsQuery)
            {
                int v;
                if (!CommandValue.TryParseNumber(req.Payload, out v) || !IsPlainNumber(req.Payload) || v < 0)
                {
                    resp.Add("Command", "Error");
                    resp.Add("Time", "expected 0 (use SNTP), 1..4 (format) or Unix seconds");
                    return;
                }

                if (v == 0)
                {
                    UseServers();
                }
                else if (v <= 4)
                {
                    format = v;
                }
                else
                {
                    _manual = true;
                    _wall.SetUtc(CivilTime.FromUnix(v));
                    format = 2;
                    Log("Time set by hand, SNTP off until Time 0: ", CivilTime.Iso(v));
                }
            }

            long utc = UtcSeconds;
            long local = utc + (OffsetMinutes(utc) * 60L);
            if (format == 3)
            {
                resp.Add("Time", utc);
                return;
            }

            if (format == 4)
            {
                TextBuffer b = new TextBuffer(23);
                CivilTime.AppendIso(b, local);
                int ms = (int)((_wall.UtcNow.Ticks / System.TimeSpan.TicksPerMillisecond) % 1000);
                b.Append('.').Append((char)('0' + (ms / 100))).AppendTwoDigits(ms % 100);
                resp.Add("Time", b.ToString());
                return;
            }

            resp.Add("Time", CivilTime.Iso(local));
            if (format == 2)
            {
                resp.Add("Epoch", utc);
            }
        }

        private void CmndTimezone(CommandRequest req, CommandResponse resp)
        {
            if (!req.IsQuery)
            {
                bool rules;
                int minutes;
                if (!ParseZone(req.Payload, out rules, out minutes))
                {
                    resp.Add("Command", "Error");
                    resp.Add("Timezone", "expected -13..+14, +hh:mm or 99");
                    return;
                }

                string text = rules ? RulesZone : FormatZone(minutes);
                if (text != _s.Timezone)
                {
                    _s.Timezone = text;
                    _service.Changed(0);
                }
            }

            Refresh();
            if (_zoneRules)
            {
                resp.Add("Timezone", 99);
            }
            else
            {
                resp.Add("Timezone", FormatZone(_zoneMinutes));
            }
        }

        private void CmndTimeStd(CommandRequest req, CommandResponse resp)
        {
            StdDst(req, resp, false);
        }

        private void CmndTimeDst(CommandRequest req, CommandResponse resp)
        {
            StdDst(req, resp, true);
        }

        private void StdDst(CommandRequest req, CommandResponse resp, bool dst)
        {
            Refresh();
            TimeRule rule = dst ? _dst : _std;
            string key = dst ? "TimeDst" : "TimeStd";
            if (!req.IsQuery)
            {
                string text;
                if (CommandValue.IsChar(req.Payload, '0'))
                {
                    text = dst ? TimeRule.DefaultDst : TimeRule.DefaultStd;
                }
                else
                {
                    TimeRule probe = new TimeRule();
                    probe.Parse(rule.ToString());
                    if (!probe.Parse(req.Payload))
                    {
                        resp.Add("Command", "Error");
                        resp.Add(key, "expected Hemisphere,Week,Month,Day,Hour,Offset like 0,0,3,1,2,120 (or 0 for the default)");
                        return;
                    }

                    text = probe.ToString();
                }

                if (text != (dst ? _s.TimeDst : _s.TimeStd))
                {
                    if (dst)
                    {
                        _s.TimeDst = text;
                    }
                    else
                    {
                        _s.TimeStd = text;
                    }

                    _service.Changed(0);
                    Refresh();
                }
            }

            rule.Write(resp, key);
        }

        private void CmndNtpServer(CommandRequest req, CommandResponse resp)
        {
            int index = req.HasIndex ? req.Index : 1;
            if (index < 1 || index > 3)
            {
                return; // {"Command":"Error"}
            }

            if (!req.IsQuery)
            {
                string value = req.Payload;
                if (CommandValue.IsChar(value, '0') || CommandValue.IsChar(value, '"'))
                {
                    value = string.Empty;
                }
                else if (CommandValue.IsChar(value, '1'))
                {
                    DeviceSettings d = DeviceSettings.CreateDefaults("000000000000");
                    value = d.NtpServer[index - 1];
                }

                string problem = SettingsRules.CheckText("NtpServer" + Number(index), value, 0, DeviceSettings.MaxHostLength);
                if (problem == null && value.IndexOf(' ') >= 0)
                {
                    problem = "NtpServer" + Number(index) + ": no spaces in a host name";
                }

                if (problem != null)
                {
                    resp.Add("Command", "Error");
                    resp.Add("NtpServer" + Number(index), problem);
                    return;
                }

                if (value != _s.NtpServer[index - 1])
                {
                    _s.NtpServer[index - 1] = value;
                    _service.Changed(0);
                    if (!_manual)
                    {
                        UseServers();
                    }
                }
            }

            resp.AddIndexed("NtpServer", index, _s.NtpServer[index - 1]);
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

        private static string Number(int v)
        {
            return new TextBuffer(11).AppendNumber(v).ToString();
        }

        private void Log(string a, string b)
        {
            if (_log != null)
            {
                _log.Write("TIM", a, b, null);
            }
        }
    }
}
