using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Watchdog
{
    /// <summary>Asks the device adapters to try a deeper recovery (e.g. leave and rejoin Wi-Fi). Must return at once.</summary>
    /// <param name="attempt">1 for the first recovery of this outage, 2 for the next, ...</param>
    /// <param name="downMs">How long MQTT has been down.</param>
    public delegate void ConnectivityRecoveryHandler(int attempt, long downMs);

    /// <summary>
    /// Watchdog-style self-check of the MQTT connection. While MQTT is wanted (MqttHost set) but not
    /// connected, the device keeps working locally (relays, buttons, console, timers all run on their
    /// own); the MQTT session keeps retrying with its backoff. When the outage has lasted
    /// <see cref="LimitMs"/>, the watchdog logs it and raises <see cref="Recover"/> once, so the device
    /// adapters can try something deeper than a reconnect (Program.cs rejoins Wi-Fi); if the outage
    /// goes on, again after 2×, 4×, ... the limit, at most every <see cref="MaxIntervalMs"/>.
    /// <para>
    /// It never restarts the device: a reboot would not fix a broker or Wi-Fi outage, would switch
    /// relays according to PowerOnState, and with a permanently unreachable broker would loop forever.
    /// </para>
    /// <para>Its check is a timeout of the core's event loop, so it runs on the loop's thread.</para>
    /// <para>
    /// Its command, <c>MqttWatchdog &lt;minutes&gt;</c> (SmartLamp's own), sets that limit: 0 = off,
    /// 1..1440, default 15; answers {"MqttWatchdog":15}. The device never restarts for an MQTT outage, whatever the value.
    /// </para>
    /// </summary>
    public sealed class ConnectivityWatchdog
    {
        /// <summary>Default outage length before the first recovery: 15 minutes.</summary>
        public const long DefaultLimitMs = 15L * 60 * 1000;

        /// <summary>Longest gap between two recoveries of one outage: 4 hours.</summary>
        public const long MaxIntervalMs = 4L * 60 * 60 * 1000;

        /// <summary>Shortest accepted limit: 1 minute (anything shorter fights the session's own retries).</summary>
        public const long MinLimitMs = 60L * 1000;

        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly SettingsService _service;
        private readonly DeviceSettings _settings;
        private readonly ITimer _timer;
        private long _limitMs = DefaultLimitMs;
        private bool _running;
        private bool _connected;
        private long _downSinceMs;
        private long _nextGapMs;
        private int _attempts;
        private int _totalRecoveries;

        /// <summary>Creates the watchdog (idle until <see cref="Start"/>).</summary>
        public ConnectivityWatchdog(EventLoop clock, ILog log, SettingsService service)
        {
            _clock = clock;
            _log = log;
            _service = service;
            _settings = service.Current;
            _timer = clock.Timeout("MQTT watchdog", OnTimer);
        }

        /// <summary>Raised when an outage calls for a recovery (under DeviceApp's lock).</summary>
        public event ConnectivityRecoveryHandler Recover;

        /// <summary>
        /// Outage length before the first recovery; 0 turns recoveries off. Values between 0 and
        /// <see cref="MinLimitMs"/> are raised to it, negative values mean 0. Takes effect for the running outage.
        /// </summary>
        public long LimitMs
        {
            get
            {
                return _limitMs;
            }

            set
            {
                long v = value <= 0 ? 0 : (value < MinLimitMs ? MinLimitMs : value);
                if (v == _limitMs)
                {
                    return;
                }

                _limitMs = v;
                if (_running && !_connected)
                {
                    _attempts = 0;
                    Arm();
                }
            }
        }

        /// <summary>True while MQTT is connected.</summary>
        public bool IsConnected
        {
            get { return _connected; }
        }

        /// <summary>Recoveries raised in the running outage.</summary>
        public int Attempts
        {
            get { return _attempts; }
        }

        /// <summary>Recoveries raised since boot.</summary>
        public int TotalRecoveries
        {
            get { return _totalRecoveries; }
        }

        /// <summary>When the running outage began (clock ms); meaningless while connected.</summary>
        public long DownSinceMs
        {
            get { return _downSinceMs; }
        }

        /// <summary>MqttWatchdog minutes to <see cref="LimitMs"/> (negative = 0).</summary>
        public static long MinutesToMs(int minutes)
        {
            return minutes <= 0 ? 0 : minutes * 60000L;
        }

        private static readonly string[] CommandNames = new string[] { "MQTTWATCHDOG" };

        /// <summary>Registers MQTTWATCHDOG.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, CmndMqttWatchdog);
        }

        /// <summary>
        /// Starts watching with the limit from the MqttWatchdog setting; MQTT counts as down from now
        /// until the first connect.
        /// </summary>
        public void Start()
        {
            _limitMs = MinutesToMs(_settings.MqttWatchdog);
            _running = true;
            _connected = false;
            _downSinceMs = _clock.NowMs;
            _attempts = 0;
            Arm();
        }

        /// <summary>Stops watching (shutdown).</summary>
        public void Stop()
        {
            _running = false;
            _timer.Stop();
        }

        /// <summary>MQTT session up (MqttSession.Connected).</summary>
        public void OnConnected(bool firstSinceBoot)
        {
            if (_running && !_connected && _attempts > 0)
            {
                _log.Write("APP", "MQTT back after ", Minutes(_clock.NowMs - _downSinceMs), " min");
            }

            _connected = true;
            _attempts = 0;
            _timer.Stop();
        }

        /// <summary>MQTT session ended (MqttSession.Disconnected).</summary>
        public void OnDisconnected()
        {
            if (!_connected)
            {
                return;
            }

            _connected = false;
            _downSinceMs = _clock.NowMs;
            _attempts = 0;
            if (_running)
            {
                Arm();
            }
        }

        // Next check at downSince + limit (first) or now + gap (later ones).
        private void Arm()
        {
            _timer.Stop();
            if (!_running || _connected || _limitMs <= 0)
            {
                return;
            }

            long due;
            if (_attempts == 0)
            {
                _nextGapMs = _limitMs;
                due = _downSinceMs + _limitMs - _clock.NowMs;
            }
            else
            {
                due = _nextGapMs;
            }

            _timer.Start(due < 0 ? 0 : due, 0);
        }

        // Armed only while running, down and limited (Arm; Stop and OnConnected disarm it): a stopped
        // timeout never ticks, so the tick needs no guard of its own.
        private void OnTimer()
        {
            long down = _clock.NowMs - _downSinceMs;
            bool wanted = _settings.MqttHost != null && _settings.MqttHost.Length > 0;
            if (wanted)
            {
                _attempts++;
                _totalRecoveries++;
                _log.Write("APP", "MQTT down for " + Minutes(down) + " min, working locally; recovery ", _attempts.ToString(), null);
                ConnectivityRecoveryHandler h = Recover;
                if (h != null)
                {
                    try
                    {
                        h(_attempts, down);
                    }
                    catch (System.Exception e)
                    {
                        _log.Write("APP", "Recovery failed: ", e.Message, null);
                    }
                }
            }

            // Double the gap up to the cap; never a restart.
            long gap = _nextGapMs * 2;
            _nextGapMs = gap > MaxIntervalMs || gap <= 0 ? MaxIntervalMs : gap;
            if (!wanted)
            {
                // MQTT disabled (MqttHost ""): nothing to recover; look again after one limit.
                _nextGapMs = _limitMs;
            }

            _timer.Start(_nextGapMs, 0);
        }

        private static string Minutes(long ms)
        {
            return (ms / 60000).ToString();
        }

        private void CmndMqttWatchdog(CommandRequest req, CommandResponse resp)
        {
            if (!req.IsQuery)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v < 0 || v > DeviceSettings.MaxMqttWatchdog)
                {
                    return; // {"Command":"Error"}
                }

                if (_service.Set(ref _settings.MqttWatchdog, v, 0))
                {
                    LimitMs = MinutesToMs(v);
                }
            }

            resp.Add("MqttWatchdog", _settings.MqttWatchdog);
        }
    }
}
