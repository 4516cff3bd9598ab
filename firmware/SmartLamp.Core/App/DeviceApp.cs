using SmartLamp.Core.Boards;
using SmartLamp.Core.Buttons;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using SmartLamp.Core.Console;
using SmartLamp.Core.Discovery;
using SmartLamp.Core.Leds;
using SmartLamp.Core.Loop;
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
    /// One SmartLamp device: builds the core on a set of ports and a board profile (this file) and
    /// turns everything that happens to it into events of its <see cref="EventLoop"/> (DeviceEvents.cs).
    /// <para>
    /// Threading: one thread owns the core. Port listener callbacks, GPIO edges, HTTP requests and
    /// <see cref="ExecuteCommand"/> are posted to the loop's inbox from whatever thread they arrive on
    /// and handled on the loop's thread; timeouts run there too. <see cref="Start"/> and
    /// <see cref="Shutdown"/> are called on the loop's thread. Nothing is locked while the core calls
    /// the ports, so an adapter may block in a library call without stalling the inbox.
    /// </para>
    /// <para>
    /// Logging: when the ports include a serial line, every log line also goes to it as
    /// "TAG: text" (the Tasmota console); the serial adapter must therefore not print the log port itself.
    /// </para>
    /// </summary>
    public sealed partial class DeviceApp : IMqttLinkListener, INetworkLinkListener, ISerialLineListener
    {
        private readonly RelayDriver _relays;
        private readonly DevicePorts _ports;
        private readonly ILog _log;
        private readonly EventLoop _clock;
        private readonly SettingsService _settings;
        private readonly TopicSet _topics;
        private readonly MqttPublisher _publisher;
        private readonly CommandDispatcher _dispatcher;
        private readonly PowerController _power;
        private readonly MqttSession _session;
        private readonly WifiStats _wifi;
        private readonly TelemetryService _telemetry;
        private readonly ButtonInputs _buttons;
        private readonly SwitchInputs _switches;
        private readonly StatusLed _led;
        private readonly ConnectivityWatchdog _watchdog;
        private readonly RulesEngine _rules;
        private readonly BootLoopGuard _bootGuard;
        private readonly DiscoveryService _discovery;
        private readonly TimeService _time;
        private readonly TimerService _timers;
        private readonly WifiSetup _wifiSetup;
        private readonly WebServer _web;
        private readonly LoopHttpHandler _http;
        private bool _started;

        /// <summary>Builds the device on <paramref name="ports"/>; its loop is the clock port when that already is one (tests' VirtualClock), else a new one on it.</summary>
        public DeviceApp(DevicePorts ports, BoardProfile board)
            : this(ports.Clock as EventLoop != null ? (EventLoop)ports.Clock : new EventLoop(ports.Clock), ports, board)
        {
        }

        /// <summary>
        /// Builds the device on <paramref name="loop"/>. The relay pins are driven to their OFF level before anything else
        /// (the RelayDriver is the first object created), then settings (defaults until
        /// <see cref="Start"/> loads them), power, commands, MQTT and telemetry are wired up.
        /// Nothing is published and no listener is attached until <see cref="Start"/>.
        /// </summary>
        public DeviceApp(EventLoop loop, DevicePorts ports, BoardProfile board)
        {
            LoopGpio gpio = new LoopGpio(ports.Gpio, loop);
            _relays = new RelayDriver(gpio, board.Relays);
            _ports = ports;
            WebLog webLog = new WebLog(ports.Serial != null ? (ILog)new ConsoleLog(ports.Log, ports.Serial, ports.Clock) : ports.Log, ports.Http != null);
            _log = webLog;
            _clock = loop;
            loop.ReportTo(_log);
            string mac = ports.Network.Mac;

            _settings = new SettingsService(ports.Storage, _clock, _log, mac);
            DeviceSettings s = _settings.Current;
            _topics = new TopicSet(mac);
            _publisher = new MqttPublisher(ports.Mqtt, _topics, s, _clock, _log);
            _power = new PowerController(_relays, _settings, _clock, _log);
            RelayStatePublisher powerState = new RelayStatePublisher(_power, _publisher, _settings, _relays.Count);
            _dispatcher = new CommandDispatcher(_publisher, _log, powerState.OnCommandAnswered);
            _power.Register(_dispatcher);
            powerState.Register(_dispatcher);
            ConfigCommands config = ConfigCommands.Register(_dispatcher, _settings, _power, _clock, ports.System, _log);
            SettingsCommands.Register(_dispatcher, _settings);

            _session = new MqttSession(ports.Mqtt, ports.Network, s, _topics, _publisher, _dispatcher, _clock, _log);
            _wifi = new WifiStats(_clock);
            StateReport state = new StateReport(_clock, ports.System, ports.Network, _wifi, _power, _session, _topics);
            _telemetry = new TelemetryService(_settings, _publisher, _topics, state, _power, ports.Network, ports.System, _clock, board.Name, FirmwareInfo.Version);
            _telemetry.Register(_dispatcher);
            StatusCommand status = new StatusCommand(s, _publisher, _topics, state, _relays, _session, ports.Network, ports.System, _clock, FirmwareInfo.Version);
            status.Register(_dispatcher);

            // Edges reach the inputs on the loop's thread (LoopGpio); the lock they still take is their own.
            _buttons = new ButtonInputs(gpio, board.Buttons, _relays.Count, _power, _settings, _clock, _log, _dispatcher, _publisher, _topics, _session);
            _buttons.Register(_dispatcher);
            config.AddSetOptions(_buttons.HandleSetOption);
            _switches = new SwitchInputs(gpio, board.Switches, _relays.Count, _power, _settings, _clock, _log, _publisher, _topics, _session, _telemetry);
            _switches.Register(_dispatcher);
            if (board.Switches.Length > 0)
            {
                _telemetry.Sensors = _switches.WriteSensor;
                status.Sensors = _switches.WriteSensor;
            }

            _led = new StatusLed(gpio, board.Leds, _power, _settings, _clock, _log);
            _power.Changed += _led.OnRelaysChanged;
            _led.Register(_dispatcher);
            config.AddSetOptions(_led.HandleSetOption);
            _session.Connected += _led.OnMqttConnected;
            _session.Disconnected += _led.OnMqttDisconnected;

            // Rules: Power<n>#State, Mqtt#Connected/Disconnected, Subscribe topics (Wifi# and System#Boot below).
            _rules = new RulesEngine(_settings, _dispatcher, _publisher, _clock, _log, config.Backlog);
            _rules.Register(_dispatcher);
            _session.AddClient(_rules.Subscriptions);
            _power.Changed += _rules.OnRelaysChanged;
            _power.SwitchGate = _rules.AllowRelaySwitch;
            _bootGuard = new BootLoopGuard(ports.Storage, _settings, _clock, _log);
            _publisher.Published = OnPublished; // link activity for the LED, published values for the rules
            _buttons.StateChanged += OnButtonState;
            _switches.StateChanged += OnSwitchState;

            _session.Connected += _telemetry.OnMqttConnected;
            _watchdog = new ConnectivityWatchdog(_clock, _log, _settings);
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
            _watchdog.Register(_dispatcher);
            MqttTlsCommands.Register(_dispatcher, _settings, config);

            // Time and timers: wall clock, zones, Timer1..16; Time#/Clock# events for the rules, local time for STATE and Status 7.
            IWallClock wall = ports.Wall != null ? ports.Wall : new NoWallClock(_clock);
            _clock.UseWallClock(wall);
            _time = new TimeService(_settings, wall, _clock, _log);
            _time.Register(_dispatcher);
            _timers = new TimerService(_settings, _time, _power, _relays.Count, _publisher, _log, mac.GetHashCode() ^ (int)ports.Clock.NowMs);
            _timers.Register(_dispatcher);
            _time.RuleEvent += _rules.Raise;
            _timers.RuleEvent += _rules.Raise;
            state.LocalTime = _time.LocalIso;
            _rules.Variables.Timestamp = _time.LocalIso;
            status.TimeStatus = _time.WriteStatus;
            _publisher.Register(_dispatcher);
            GroupTopicCommand.Register(_dispatcher, _settings, _log);
            NameCommands.Register(_dispatcher, _settings);
            new TimedPower(_power, _relays.Count, _clock).Register(_dispatcher);
            JsonCommand.Register(_dispatcher);
            RetainCommands.Register(_dispatcher, _settings, _publisher, _topics, board.Buttons.Length, board.Switches.Length);
            _power.Changed += _telemetry.OnPowerChanged;
            config.AddSetOptions(new SetOptionStore(_settings).HandleSetOption); // last: capabilities answer their own options first
            _settings.SettingsChanged += OnSettingsChanged;

            _wifiSetup = new WifiSetup(ports.AccessPoint, s, _clock, _log, mac);
            _web = new WebServer(_dispatcher, _publisher, _settings, ports.Network, ports.System, _clock, _log, webLog, _wifiSetup,
                _relays.Count, ReadPowerMask, board.Name, FirmwareInfo.Version);
            WebCommands.Register(_dispatcher, _settings, ports.Network, _wifiSetup).ModeChanged += OnWebServerMode;
            _http = new LoopHttpHandler(loop, _web);
            CacheHandlers();
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

        /// <summary>The event loop that runs this device (the device's Main and the simulator call its Run).</summary>
        public EventLoop Loop
        {
            get { return _clock; }
        }
    }
}
