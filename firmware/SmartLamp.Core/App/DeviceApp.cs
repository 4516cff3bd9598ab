using SmartLamp.Core.Boards;
using SmartLamp.Core.Buttons;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Console;
using SmartLamp.Core.Leds;
using SmartLamp.Core.Discovery;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Names;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Rules;
using SmartLamp.Core.Switches;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;
using SmartLamp.Core.Time;
using SmartLamp.Core.Timers;
using SmartLamp.Core.Watchdog;
using SmartLamp.Core.Web;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// One SmartLamp device: builds the core on a set of ports and a board profile, and is the single
    /// entry point for everything that happens to it.
    /// <para>
    /// Threading: every entry (port listener callbacks, GPIO edges, timer ticks through a locking
    /// clock decorator, <see cref="ExecuteCommand"/>, <see cref="Start"/>, <see cref="Shutdown"/>)
    /// locks <see cref="Sync"/> and catches and logs exceptions ("APP: ..."), so adapters may call in
    /// from any thread. Adapters must not hold their own locks while calling a listener, because the
    /// core calls back into the ports (Publish, Subscribe) under <see cref="Sync"/>.
    /// </para>
    /// <para>
    /// Logging: when the ports include a serial line, every log line also goes to it as
    /// "TAG: text" (the Tasmota console); the serial adapter must therefore not print the log port itself.
    /// </para>
    /// </summary>
    public sealed class DeviceApp : IMqttLinkListener, INetworkLinkListener, ISerialLineListener
    {
        private readonly RelayDriver _relays;
        private readonly DevicePorts _ports;
        private readonly object _sync = new object();
        private readonly ILog _log;
        private readonly SyncClock _clock;
        private readonly SettingsService _settings;
        private readonly TopicSet _topics;
        private readonly MqttPublisher _publisher;
        private readonly CommandDispatcher _dispatcher;
        private readonly PowerController _power;
        private readonly RelayTiming _timing;
        private readonly MqttSession _session;
        private readonly WifiStats _wifi;
        private readonly TelemetryService _telemetry;
        private readonly ButtonInputs _buttons;
        private readonly SwitchInputs _switches;
        private readonly StatusLed _led;
        private readonly SerialConsole _console;
        private readonly ConnectivityWatchdog _watchdog;
        private readonly RulesEngine _rules;
        private readonly BootLoopGuard _bootGuard;
        private readonly DiscoveryService _discovery;
        private readonly TimeService _time;
        private readonly TimerService _timers;
        private readonly WifiSetup _wifiSetup;
        private readonly WebServer _web;
        private bool _started;

        /// <summary>
        /// Builds the device. The relay pins are driven to their OFF level before anything else
        /// (the RelayDriver is the first object created), then settings (defaults until
        /// <see cref="Start"/> loads them), power, commands, MQTT and telemetry are wired up.
        /// Nothing is published and no listener is attached until <see cref="Start"/>.
        /// </summary>
        public DeviceApp(DevicePorts ports, BoardProfile board)
        {
            _relays = new RelayDriver(ports.Gpio, board.Relays);
            _ports = ports;
            WebLog webLog = new WebLog(ports.Serial != null ? (ILog)new ConsoleLog(ports.Log, ports.Serial, ports.Clock) : ports.Log);
            _log = webLog;
            _clock = new SyncClock(ports.Clock, _sync, _log);
            string mac = ports.Network.Mac;

            _settings = new SettingsService(ports.Storage, _clock, _log, mac);
            DeviceSettings s = _settings.Current;
            _topics = new TopicSet(mac);
            LedActivityLink publishLink = new LedActivityLink(ports.Mqtt);
            _publisher = new MqttPublisher(publishLink, _topics, s, _clock, _log);
            _dispatcher = new CommandDispatcher(_publisher, _log);
            _power = new PowerController(_relays, _settings, _clock, _publisher, _log);
            _power.Register(_dispatcher);
            _timing = new RelayTiming(_power, _relays.Count, s, _clock);
            _timing.Register(_dispatcher);
            ConfigCommands config = ConfigCommands.Register(_dispatcher, _settings, _power, _clock, ports.System, _log);
            SettingsCommands.Register(_dispatcher, _settings);

            _session = new MqttSession(ports.Mqtt, ports.Network, s, _topics, _publisher, _dispatcher, _clock, _log);
            _wifi = new WifiStats(_clock);
            StateReport state = new StateReport(_clock, ports.System, ports.Network, _wifi, _power, _session, _topics);
            _telemetry = new TelemetryService(_settings, _publisher, _topics, state, _power, ports.Network, ports.System, _clock, board.Name, FirmwareInfo.Version);
            _telemetry.Register(_dispatcher);
            StatusCommand status = new StatusCommand(s, _publisher, _topics, state, _relays, _session, ports.Network, ports.System, _clock, FirmwareInfo.Version);
            status.Register(_dispatcher);

            _buttons = new ButtonInputs(ports.Gpio, board.Buttons, _relays.Count, _power, _settings, _clock, _sync, _log, _dispatcher, _publisher, _topics, _session);
            _buttons.Register(_dispatcher);
            config.AddSetOptions(_buttons.HandleSetOption);
            _switches = new SwitchInputs(ports.Gpio, board.Switches, _relays.Count, _power, _settings, _clock, _sync, _log, _publisher, _topics, _session, _telemetry);
            _switches.Register(_dispatcher);
            if (board.Switches.Length > 0)
            {
                _telemetry.Sensors = _switches.WriteSensor;
                status.Sensors = _switches.WriteSensor;
            }

            _led = new StatusLed(ports.Gpio, board.Leds, _power, _settings, _clock, _log);
            _relays.Changed += _led.OnRelaysChanged;
            _led.Register(_dispatcher);
            config.AddSetOptions(_led.HandleSetOption);
            publishLink.Led = _led;
            _session.Connected += _led.OnMqttConnected;
            _session.Disconnected += _led.OnMqttDisconnected;
            _console = new SerialConsole(_dispatcher, _log);

            // Rules: Power<n>#State, Mqtt#Connected/Disconnected, Subscribe topics (Wifi# and System#Boot below).
            _rules = new RulesEngine(_settings, _dispatcher, _publisher, _clock, _log);
            _rules.Register(_dispatcher);
            _rules.AttachBacklog(config.Backlog);
            _session.AddClient(_rules.Subscriptions);
            _relays.Changed += _rules.OnRelaysChanged;
            _power.SwitchGate = _rules.AllowRelaySwitch;
            _bootGuard = new BootLoopGuard(ports.Storage, _settings, _clock, _log);
            _publisher.Published = _rules.OnPublished;
            _buttons.StateChanged += OnButtonState;
            _switches.StateChanged += OnSwitchState;

            _session.Connected += _telemetry.OnMqttConnected;
            _watchdog = new ConnectivityWatchdog(_clock, _log, s);
            _session.Connected += _watchdog.OnConnected;
            _session.Disconnected += _watchdog.OnDisconnected;
            _session.Connected += _rules.OnMqttConnected;
            _session.Disconnected += _rules.OnMqttDisconnected;
            _discovery = new DiscoveryService(_settings, _topics, _publisher, _session, _power, ports.Network, _clock, _log, board, FirmwareInfo.Version, state.TimeText);
            _session.AddClient(_discovery);
            _session.Connected += _discovery.OnConnected;
            _session.Disconnected += _discovery.OnDisconnected;
            _settings.SettingsChanged += _discovery.OnSettingsChanged;
            _discovery.Register(_dispatcher);
            config.AddSetOptions(_discovery.HandleSetOption);
            WatchdogCommand.Register(_dispatcher, _settings, _watchdog);
            MqttTlsCommands.Register(_dispatcher, _settings, config);

            // Time and timers: wall clock, zones, Timer1..16; Time#/Clock# events for the rules, local time for STATE and Status 7.
            _clock.Wall = ports.Wall != null ? ports.Wall : new NoWallClock(_clock);
            _time = new TimeService(_settings, _clock.Wall, _clock, _log);
            _time.Register(_dispatcher);
            _timers = new TimerService(_settings, _time, _power, _relays.Count, _publisher, _log, mac.GetHashCode() ^ (int)ports.Clock.NowMs);
            _timers.Register(_dispatcher);
            _time.RuleEvent += _rules.Raise;
            _timers.RuleEvent += _rules.Raise;
            state.LocalTime = _time.LocalIso;
            _rules.Variables.Timestamp = _time.LocalIso;
            status.TimeStatus = _time.WriteStatus;
            PublishCommand.Register(_dispatcher, _publisher, _log);
            GroupTopicCommand.Register(_dispatcher, _settings, _log);
            NameCommands.Register(_dispatcher, _settings);
            PowerExtras.Register(_dispatcher, _power, _relays.Count, _settings, _clock);
            JsonCommand.Register(_dispatcher);
            RetainCommands.Register(_dispatcher, _settings, _publisher, _topics, board.Buttons.Length, board.Switches.Length);
            _relays.Changed += _telemetry.OnPowerChanged;
            config.AddSetOptions(new SetOptionStore(_settings).HandleSetOption); // last: capabilities answer their own options first
            _settings.SettingsChanged += OnSettingsChanged;

            _wifiSetup = new WifiSetup(ports.AccessPoint, s, _clock, _log, mac);
            _web = new WebServer(_sync, _dispatcher, _publisher, _settings, ports.Network, ports.System, _clock, _log, webLog, _wifiSetup,
                _relays.Count, ReadPowerMask, board.Name, FirmwareInfo.Version);
            WebCommands.Register(_dispatcher, _settings, ports.Network, _wifiSetup).ModeChanged += OnWebServerMode;
        }

        /// <summary>The web server (pages, /cm) and the Wi-Fi setup logic (<see cref="WebServer.Setup"/>).</summary>
        public WebServer Web
        {
            get { return _web; }
        }

        /// <summary>The relays (0-based).</summary>
        public RelayDriver Relays
        {
            get { return _relays; }
        }

        /// <summary>The wall-switch inputs (Switch&lt;n&gt;#State events in <see cref="SwitchInputs.StateChanged"/>).</summary>
        public SwitchInputs Switches
        {
            get { return _switches; }
        }

        /// <summary>The buttons (subscribe to <see cref="ButtonInputs.StateChanged"/> for Button&lt;n&gt;#State events).</summary>
        public ButtonInputs Buttons
        {
            get { return _buttons; }
        }

        /// <summary>The indicator LEDs (LedState, LedPower, LedMask, link blinking).</summary>
        public StatusLed Leds
        {
            get { return _led; }
        }

        /// <summary>The live settings (the same instance for the whole run).</summary>
        public DeviceSettings Settings
        {
            get { return _settings.Current; }
        }

        /// <summary>The command dispatcher (register extra commands before <see cref="Start"/>).</summary>
        public CommandDispatcher Commands
        {
            get { return _dispatcher; }
        }

        /// <summary>The MQTT session (capabilities add their own subscriptions with <see cref="MqttSession.AddClient"/>).</summary>
        public MqttSession Session
        {
            get { return _session; }
        }

        /// <summary>The MQTT outage self-check (the device hooks its Recover event; never restarts).</summary>
        public ConnectivityWatchdog Watchdog
        {
            get { return _watchdog; }
        }

        /// <summary>The rules engine (Rule, Event, Subscribe; button events go to <see cref="RulesEngine.OnButton"/>).</summary>
        public RulesEngine Rules
        {
            get { return _rules; }
        }

        /// <summary>Home Assistant discovery (Tasmota and native).</summary>
        public DiscoveryService Discovery
        {
            get { return _discovery; }
        }

        /// <summary>Wall-clock time, zones and the Time commands.</summary>
        public TimeService Time
        {
            get { return _time; }
        }

        /// <summary>Timer1..16.</summary>
        public TimerService Timers
        {
            get { return _timers; }
        }

        /// <summary>The lock every entry point takes.</summary>
        public object Sync
        {
            get { return _sync; }
        }

        /// <summary>
        /// Boots: loads the settings, applies PowerOnState (cold or warm boot from the system port),
        /// attaches the MQTT, network and serial listeners, opens the buttons, asks the network to join
        /// when an SSID is set, and connects MQTT when the link is already up. Call once. A failure is
        /// logged ("APP: Start failed: ...") and rethrown, so the caller can make the device safe
        /// (Shutdown, relays off).
        /// </summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_started)
                {
                    return;
                }

                _started = true;
                _dispatcher.TrimToCount(); // every command is registered by now
                try
                {
                    _settings.Load();
                    DeviceSettings s = _settings.Current;
                    _topics.Rebuild(s);
                    _power.ApplyPowerOnState(_ports.System.IsColdBoot);
                    _timing.StartBootPulses();

                    _ports.Mqtt.Attach(this);
                    _ports.Network.Attach(this);
                    if (_ports.Serial != null)
                    {
                        _ports.Serial.Attach(this);
                    }

                    _buttons.Open();
                    _switches.Open();
                    _led.Open(_ports.Network.IsUp, false);
                    ConfigureNetwork();
                    if (_ports.Network.IsUp)
                    {
                        _wifi.OnUp();
                    }

                    _watchdog.Start();
                    _wifiSetup.Start(_ports.Network.IsUp);
                    OnWebServerMode(s.WebServer);
                    _session.Start();
                    _bootGuard.OnBoot();
                    _rules.Start(_relays.Count, _relays.PowerMask);
                    _timers.Start();
                    _time.Start();
                    if (_ports.Network.IsUp)
                    {
                        _rules.OnWifiConnected();
                    }
                }
                catch (System.Exception e)
                {
                    Fail("Start", e);
                    throw;
                }
            }
        }

        /// <summary>
        /// Stops: publishes LWT "Offline" (retained) and disconnects MQTT cleanly, writes a pending
        /// settings change, and stops every timer. Relays keep their state. For the simulator's
        /// SIGINT and warm restart; the instance is not restartable.
        /// </summary>
        public void Shutdown()
        {
            lock (_sync)
            {
                try
                {
                    _watchdog.Stop();
                    _wifiSetup.Stop();
                    if (_ports.Http != null)
                    {
                        _ports.Http.Stop();
                    }

                    _session.Stop();
                    _rules.Stop();
                    _time.Stop();
                    _telemetry.Stop();
                    _buttons.Stop();
                    _switches.Stop();
                    _led.Stop();
                    _timing.Stop();
                    if (_settings.SavePending)
                    {
                        _settings.SaveNow();
                    }
                }
                catch (System.Exception e)
                {
                    Fail("Shutdown", e);
                }
                finally
                {
                    _clock.StopAll();
                }
            }
        }

        /// <summary>Runs a command line exactly as if it was typed on the serial console ("Power2 on").</summary>
        public void ExecuteCommand(string line)
        {
            lock (_sync)
            {
                try
                {
                    _console.Execute(line);
                }
                catch (System.Exception e)
                {
                    Fail("Command", e);
                }
            }
        }

        /// <inheritdoc />
        void ISerialLineListener.OnSerialLine(string line)
        {
            ExecuteCommand(line);
        }

        /// <inheritdoc />
        void INetworkLinkListener.OnNetworkUp()
        {
            lock (_sync)
            {
                try
                {
                    _wifi.OnUp();
                    _led.OnNetwork(true);
                    _session.OnNetworkUp();
                    _rules.OnWifiConnected();
                    _wifiSetup.OnNetworkUp();
                }
                catch (System.Exception e)
                {
                    Fail("Network up", e);
                }
            }
        }

        /// <inheritdoc />
        void INetworkLinkListener.OnNetworkDown()
        {
            lock (_sync)
            {
                try
                {
                    _wifi.OnDown();
                    _led.OnNetwork(false);
                    _session.OnNetworkDown();
                    _rules.OnWifiDisconnected();
                    _wifiSetup.OnNetworkDown();
                }
                catch (System.Exception e)
                {
                    Fail("Network down", e);
                }
            }
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttConnected()
        {
            lock (_sync)
            {
                try
                {
                    _session.OnMqttConnected();
                }
                catch (System.Exception e)
                {
                    Fail("MQTT connected", e);
                }
            }
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttConnectFailed(int reasonCode)
        {
            lock (_sync)
            {
                try
                {
                    _session.OnMqttConnectFailed(reasonCode);
                }
                catch (System.Exception e)
                {
                    Fail("MQTT connect failed", e);
                }
            }
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttDisconnected()
        {
            lock (_sync)
            {
                try
                {
                    _session.OnMqttDisconnected();
                }
                catch (System.Exception e)
                {
                    Fail("MQTT disconnected", e);
                }
            }
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttMessage(string topic, string payload, bool retained)
        {
            lock (_sync)
            {
                try
                {
                    _led.OnMqttActivity(false);
                    _session.OnMqttMessage(topic, payload, retained);
                }
                catch (System.Exception e)
                {
                    Fail("MQTT message", e);
                }
            }
        }

        private void OnSettingsChanged(int changeFlags)
        {
            _session.OnSettingsChanged(changeFlags);
            _telemetry.OnSettingsChanged(changeFlags);
            _time.OnSettingsChanged(changeFlags);
            if ((changeFlags & SettingsChange.Wifi) != 0)
            {
                ConfigureNetwork();
            }
        }

        /// <summary>Switch&lt;n&gt;#State for the rules; an event a rule is written for leaves the relay alone (Tasmota).</summary>
        private void OnSwitchState(int switchIndex0, int state)
        {
            if (_rules.OnSwitch(switchIndex0, state))
            {
                _switches.MarkHandled();
            }
        }

        /// <summary>Button&lt;n&gt;#State for the rules; a press a rule is written for does not toggle the relay (Tasmota).</summary>
        private void OnButtonState(int buttonIndex0, int state)
        {
            if (_rules.OnButton(buttonIndex0, state))
            {
                _buttons.MarkHandled();
            }
        }

        private void ConfigureNetwork()
        {
            DeviceSettings s = _settings.Current;
            string ssid1 = Slot(s.Ssid, 0);
            string ssid2 = Slot(s.Ssid, 1);
            if (ssid1.Length > 0 || ssid2.Length > 0)
            {
                _ports.Network.Configure(ssid1, Slot(s.WifiPassword, 0), ssid2, Slot(s.WifiPassword, 1));
            }
        }

        private int ReadPowerMask()
        {
            return _relays.PowerMask;
        }

        private void OnWebServerMode(int mode)
        {
            if (_ports.Http == null)
            {
                return;
            }

            try
            {
                if (mode == 0)
                {
                    _ports.Http.Stop();
                }
                else
                {
                    _ports.Http.Start(_web);
                }
            }
            catch (System.Exception e)
            {
                Fail("Web server", e); // the device works on without its pages
            }
        }

        private static string Slot(string[] values, int i)
        {
            return values != null && values.Length > i && values[i] != null ? values[i] : string.Empty;
        }

        private void Fail(string where, System.Exception e)
        {
            _log.Write("APP", where + " failed: ", e.GetType().Name, ": " + e.Message);
        }
    }
}
