using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
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
    public sealed partial class TimeService
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
        public TimeService(SettingsService settings, IWallClock wall, EventLoop clock, ILog log)
        {
            _service = settings;
            _s = settings.Current;
            _wall = wall;
            _log = log;
            _timer = clock.Timeout("Time", OnTick);
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

        private static readonly string[] CommandNames = new string[] { "TIME", "TIMEZONE", "TIMESTD", "TIMEDST", "NTPSERVER" };

        /// <summary>Registers TIME, TIMEZONE, TIMESTD, TIMEDST and NTPSERVER.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
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

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndTime(req, resp); break;
                case 1: CmndTimezone(req, resp); break;
                case 2: CmndTimeStd(req, resp); break;
                case 3: CmndTimeDst(req, resp); break;
                case 4: CmndNtpServer(req, resp); break;
            }
        }
    }
}
