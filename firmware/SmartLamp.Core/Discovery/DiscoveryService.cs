using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Discovery
{
    /// <summary>
    /// Home Assistant discovery, both ways:
    /// <list type="bullet">
    /// <item>Tasmota discovery (default on): retained tasmota/discovery/&lt;MAC&gt;/config and /sensors
    ///   (<see cref="TasmotaDiscovery"/>) <see cref="AnnounceDelayMs"/> after every MQTT connect (the
    ///   first and every reconnect/resubscribe). SetOption19 1 (= DiscoverOff 1 = Discover 0) publishes
    ///   both empty and retained instead, which removes the device from Home Assistant; the change is
    ///   announced <see cref="RediscoverDelayMs"/> later (Tasmota's TasRediscover).</item>
    /// <item>Native MQTT discovery (HassDiscovery 1, default off): one retained
    ///   homeassistant/switch/&lt;MAC&gt;_RL_&lt;n&gt;/config per relay (<see cref="HassDiscovery"/>), or
    ///   homeassistant/light/... with SetOption30 1 (the other kind's config is published empty), sent with
    ///   the Tasmota messages and again whenever homeassistant/status says "online" (subscribed only
    ///   while HassDiscovery is on), followed <see cref="StateRefreshDelayMs"/> later by the relay
    ///   states, so new entities get a state. HassDiscovery 0 publishes every config (both kinds) empty (retained).</item>
    /// </list>
    /// Payloads are built once per change of what they say (topics, StateText, SetOption4/26, IP address)
    /// and kept. As in Tasmota, such a change reaches Home Assistant with the next announce: after the
    /// reconnect a topic change causes, or at once with Discover 1 / HassDiscovery 1 (any Discover,
    /// DiscoverOff, DiscoverButton or HassDiscovery command with a value, and a changed SetOption19,
    /// re-announce a second later).
    /// Differences from Tasmota, on purpose:
    /// SetOption19 is persisted (Tasmota forces it back to 0 at boot, so a removed device reappears);
    /// DiscoverSwitch (SetOption114) is not implemented (inputs are buttons; no switch MQTT messages),
    /// so swc stays off. DiscoverButton = SetOption73 (owned by the buttons) announces button triggers.
    /// </summary>
    public sealed class DiscoveryService : IMqttSessionClient
    {
        /// <summary>Delay of the discovery messages after a connect (Tasmota: discovery_counter 10).</summary>
        public const int AnnounceDelayMs = 10000;

        /// <summary>Delay after a discovery setting change (Tasmota's TasRediscover: the next second).</summary>
        public const int RediscoverDelayMs = 1000;

        /// <summary>Delay of the relay states after native configs, so Home Assistant has subscribed the state topics.</summary>
        public const int StateRefreshDelayMs = 1000;

        private readonly SettingsService _settings;
        private readonly TopicSet _topics;
        private readonly MqttPublisher _publisher;
        private readonly MqttSession _session;
        private readonly PowerController _power;
        private readonly INetworkLink _network;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly ITimer _announceTimer;
        /// <summary>Local time for the sensors payload's "Time", as STATE shows it (set by the app from the time service); null = the clock's UTC.</summary>
        public LocalTimeText LocalTime;

        private readonly ITimer _stateTimer;
        private readonly CommandResponse _json = new CommandResponse();
        private readonly DeviceDescription _d = new DeviceDescription();
        private readonly string _mac;
        private readonly string _configTopic;
        private readonly string _sensorsTopic;
        private readonly string[] _nativeTopics;
        private readonly string[] _lightTopics;

        private string _config;
        private string[] _native;
        private string _builtIp;
        private readonly string[] _builtTexts = ArraySlots.Strings(4);
        private int _builtTopics = -1;
        private bool _builtSo4;
        private bool _builtSo26;
        private bool _builtSo73;
        private bool _builtSo13;
        private long _announceDueMs;
        private string _sentConfig;
        private bool _nativeSent;
        private bool _nativeClearPending;
        private bool _nativeSubscribed;
        private int _builds;
        private bool _forceNext;
        private bool _nativeChanged;

        /// <summary>
        /// Creates the service for <paramref name="board"/> (relays, inputs, name as model), and hooks it to the session (connect, disconnect, Home Assistant's
        /// status topic) and to settings changes. Register the commands with <see cref="Register"/>.
        /// </summary>
        public DiscoveryService(SettingsService settings, TopicSet topics, MqttPublisher publisher, MqttSession session, PowerController power, INetworkLink network, EventLoop clock, ILog log, BoardProfile board, string version)
        {
            _settings = settings;
            _topics = topics;
            _publisher = publisher;
            _session = session;
            _power = power;
            _network = network;
            _clock = clock;
            _log = log;
            _mac = DeviceDescription.NormalizeMac(network.Mac);
            _configTopic = TasmotaDiscovery.ConfigTopic(_mac);
            _sensorsTopic = TasmotaDiscovery.SensorsTopic(_mac);
            int count = board.Relays.Length > DeviceDescription.Slots ? DeviceDescription.Slots : board.Relays.Length;
            _d.RelayCount = count;
            _d.ButtonCount = board.Buttons.Length > DeviceDescription.Slots ? DeviceDescription.Slots : board.Buttons.Length;
            _d.SwitchCount = board.Switches.Length > DeviceDescription.Slots ? DeviceDescription.Slots : board.Switches.Length;
            _d.Model = board.Name == null ? string.Empty : board.Name;
            _d.Version = version == null ? string.Empty : version;
            _d.Mac = _mac;
            _nativeTopics = ArraySlots.Strings(count);
            _lightTopics = ArraySlots.Strings(count);
            for (int i = 0; i < count; i++)
            {
                _nativeTopics[i] = HassDiscovery.ConfigTopic(_mac, i, false);
                _lightTopics[i] = HassDiscovery.ConfigTopic(_mac, i, true);
            }

            _announceTimer = clock.Timeout("Discovery announce", OnAnnounceTimer);
            _stateTimer = clock.Timeout("Discovery state", OnStateTimer);
            session.AddClient(this);
            session.Connected += OnConnected;
            session.Disconnected += OnDisconnected;
            settings.SettingsChanged += OnSettingsChanged;
        }

        /// <summary>How often the payloads were built (for tests: once per settings change, not per publish).</summary>
        public int Builds
        {
            get { return _builds; }
        }

        /// <summary>Registers DISCOVER, DISCOVEROFF (SetOption19 synonyms), DISCOVERBUTTON (SetOption73 synonym) and HASSDISCOVERY.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("DISCOVER", CmndDiscover);
            d.Register("DISCOVEROFF", CmndDiscoverOff);
            d.Register("DISCOVERBUTTON", CmndDiscoverButton);
            d.Register("HASSDISCOVERY", CmndHassDiscovery);
        }

        /// <summary>SetOption19 for ConfigCommands.AddSetOptions: same as DiscoverOff, answered as {"SetOption19":"ON"}.</summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            if (req.Index != 19)
            {
                return false;
            }

            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return true; // {"Command":"Error"}
            }

            if (v >= 0)
            {
                SetDiscoveryOff(v == 1);
            }

            resp.AddIndexed("SetOption", 19, _power.StateText(_settings.Current.DiscoveryOff));
            return true;
        }

        /// <summary>The Tasmota discovery config payload as it stands now (built when needed).</summary>
        public string ConfigPayload()
        {
            EnsureBuilt();
            return _config;
        }

        /// <summary>The native discovery config of relay <paramref name="index0"/> as it stands now.</summary>
        public string NativePayload(int index0)
        {
            EnsureBuilt();
            return _native[index0];
        }

        /// <inheritdoc />
        public void OnSubscribing(MqttSession session)
        {
            _nativeSubscribed = _settings.Current.HassDiscovery;
            if (_nativeSubscribed)
            {
                session.Subscribe(HassDiscovery.StatusTopic);
            }
        }

        /// <inheritdoc />
        public bool Holds(string topicFilter)
        {
            return _nativeSubscribed && topicFilter == HassDiscovery.StatusTopic;
        }

        /// <inheritdoc />
        public void OnForeignMessage(string topic, string payload, bool retained)
        {
            if (topic == HassDiscovery.StatusTopic && payload == HassDiscovery.Online && _settings.Current.HassDiscovery && _session.IsConnected)
            {
                _log.Write("DSC", "Home Assistant online, sending discovery", null, null);
                PublishNative(true);
            }
        }

        private void OnConnected(bool firstSinceBoot)
        {
            try
            {
                _forceNext = true;
                Arm(AnnounceDelayMs, true);
            }
            catch (System.Exception e)
            {
                Fail("Connected", e);
            }
        }

        private void OnDisconnected()
        {
            _announceTimer.Stop();
            _stateTimer.Stop();
        }

        private void OnSettingsChanged(int changeFlags)
        {
            try
            {
                if ((changeFlags & SettingsChange.Discovery) == 0)
                {
                    return; // topic changes reconnect (and announce then); other inputs are checked at the next build
                }

                DeviceSettings s = _settings.Current;
                if (_nativeSubscribed != s.HassDiscovery && _session.IsConnected)
                {
                    _nativeSubscribed = s.HassDiscovery;
                    if (s.HassDiscovery)
                    {
                        _session.Subscribe(HassDiscovery.StatusTopic);
                    }
                    else
                    {
                        _session.Unsubscribe(HassDiscovery.StatusTopic);
                    }
                }

                _config = null; // names, SetOption30/114 changed: build again
                Rediscover();
            }
            catch (System.Exception e)
            {
                Fail("Settings change", e);
            }
        }

        /// <summary>Tasmota's TasRediscover: everything goes out again (or is removed) a second from now.</summary>
        private void Rediscover()
        {
            if (_session.IsConnected)
            {
                _forceNext = true;
                Arm(RediscoverDelayMs, false);
            }
        }

        /// <summary>Starts the announce timer, unless it already fires sooner (a later connect announce always restarts it).</summary>
        private void Arm(long delayMs, bool restart)
        {
            long due = _clock.NowMs + delayMs;
            if (!restart && _announceTimer.IsRunning && _announceDueMs <= due)
            {
                return;
            }

            _announceDueMs = due;
            _announceTimer.Start(delayMs, 0);
        }

        private void OnAnnounceTimer()
        {
            try
            {
                Announce();
            }
            catch (System.Exception e)
            {
                Fail("Announce", e);
            }
        }

        private void OnStateTimer()
        {
            try
            {
                _power.PublishAllPowerStates();
            }
            catch (System.Exception e)
            {
                Fail("State refresh", e);
            }
        }

        /// <summary>
        /// Publishes what the settings ask for: the Tasmota config (or empty) and sensors, and the native
        /// configs (or their removal). After a connect everything goes out again (retained messages may
        /// have been lost with the broker); after a settings change only what changed.
        /// </summary>
        private void Announce()
        {
            if (!_session.IsConnected)
            {
                return;
            }

            if (_mac.Length == 0)
            {
                _log.Write("DSC", "No MAC address, discovery skipped", null, null);
                return;
            }

            DeviceSettings s = _settings.Current;
            EnsureBuilt();
            string config = s.DiscoveryOff ? string.Empty : _config;
            if (_forceNext || config != _sentConfig)
            {
                _publisher.PublishTopic(_configTopic, config, true);
                _publisher.PublishTopic(_sensorsTopic, s.DiscoveryOff ? string.Empty : TasmotaDiscovery.Sensors(_json, LocalTime != null ? LocalTime() : TextFormat.IsoTime(_clock.UtcNow)), true);
                _sentConfig = config;
            }

            if (s.HassDiscovery)
            {
                PublishNative(_forceNext || _nativeChanged);
            }
            else if (_nativeSent || _nativeClearPending)
            {
                for (int i = 0; i < _nativeTopics.Length; i++)
                {
                    _publisher.PublishTopic(_nativeTopics[i], string.Empty, true);
                    _publisher.PublishTopic(_lightTopics[i], string.Empty, true);
                }

                _nativeSent = false;
                _nativeClearPending = false;
            }

            _forceNext = false;
            _nativeChanged = false;
        }

        private void PublishNative(bool force)
        {
            EnsureBuilt();
            if (!force && _nativeSent)
            {
                return;
            }

            // SetOption30 picks the kind; the other kind's retained config is emptied so Home Assistant
            // drops that entity (also after a reboot with the option changed while offline).
            bool light = _d.RelaysAsLights;
            for (int i = 0; i < _nativeTopics.Length; i++)
            {
                _publisher.PublishTopic(light ? _nativeTopics[i] : _lightTopics[i], string.Empty, true);
                _publisher.PublishTopic(light ? _lightTopics[i] : _nativeTopics[i], _native[i], true);
            }

            _nativeSent = true;
            _stateTimer.Start(StateRefreshDelayMs, 0);
        }

        private void CmndDiscover(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0)
            {
                SetDiscoveryOff((v & 1) == 0);
                Rediscover();
            }

            resp.Add("Discover", _power.StateText(!_settings.Current.DiscoveryOff));
        }

        private void CmndDiscoverOff(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // {"Command":"Error"}, as SetOption19 2
            }

            if (v >= 0)
            {
                SetDiscoveryOff(v == 1);
                Rediscover();
            }

            resp.Add("DiscoverOff", _power.StateText(_settings.Current.DiscoveryOff));
        }

        /// <summary>Tasmota's DiscoverButton = SetOption73: buttons send their actions over MQTT and are announced as triggers.</summary>
        private void CmndDiscoverButton(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings.Current;
            if (v >= 0)
            {
                if ((v == 1) != s.MqttButtons)
                {
                    s.MqttButtons = v == 1;
                    _settings.Changed(SettingsChange.Discovery);
                }

                Rediscover();
            }

            resp.Add("DiscoverButton", _power.StateText(s.MqttButtons));
        }

        private void CmndHassDiscovery(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings.Current;
            if (v >= 0 && (v == 1) != s.HassDiscovery)
            {
                s.HassDiscovery = v == 1;
                if (!s.HassDiscovery)
                {
                    _nativeClearPending = true;
                }

                _settings.Changed(SettingsChange.Discovery);
            }

            if (v >= 0)
            {
                Rediscover();
            }

            resp.Add("HassDiscovery", _power.StateText(s.HassDiscovery));
        }

        private void SetDiscoveryOff(bool off)
        {
            DeviceSettings s = _settings.Current;
            if (off != s.DiscoveryOff)
            {
                s.DiscoveryOff = off;
                _settings.Changed(SettingsChange.Discovery);
            }
        }

        /// <summary>
        /// Rebuilds the payloads when an input changed since the last build: the topics (TopicSet.Version
        /// counts their rebuilds), StateText1-4 (compared by reference: a change stores a new string),
        /// SetOption4, SetOption26 or the IP address. Comparing allocates nothing.
        /// </summary>
        private void EnsureBuilt()
        {
            DeviceSettings s = _settings.Current;
            string ip = _network.IpAddress == null ? string.Empty : _network.IpAddress;
            if (_config != null && _builtTopics == _topics.Version && ip == _builtIp && s.ResultOnCommandTopic == _builtSo4
                && s.IndexSingleRelay == _builtSo26 && s.MqttButtons == _builtSo73 && s.ButtonSingle == _builtSo13 && SameTexts(s.StateText))
            {
                return;
            }

            Describe(ip);
            string config = TasmotaDiscovery.Config(_json, _d);
            string[] native = ArraySlots.Strings(_d.RelayCount);
            bool nativeChanged = _native == null;
            for (int i = 0; i < native.Length; i++)
            {
                native[i] = HassDiscovery.Config(_json, _d, i);
                if (_native != null && native[i] != _native[i])
                {
                    nativeChanged = true;
                }
            }

            _config = config;
            _native = native;
            _nativeChanged |= nativeChanged;
            _builtIp = ip;
            _builtTopics = _topics.Version;
            _builtSo4 = s.ResultOnCommandTopic;
            _builtSo26 = s.IndexSingleRelay;
            _builtSo73 = s.MqttButtons;
            _builtSo13 = s.ButtonSingle;
            for (int i = 0; i < 4; i++)
            {
                _builtTexts[i] = s.StateText[i];
            }

            _builds++;
        }

        private bool SameTexts(string[] texts)
        {
            for (int i = 0; i < 4; i++)
            {
                if (!object.ReferenceEquals(texts[i], _builtTexts[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private void Describe(string ip)
        {
            DeviceSettings s = _settings.Current;
            _d.IpAddress = ip;
            _d.Hostname = _topics.Hostname;
            _d.Topic = s.Topic;
            _d.DeviceName = s.DeviceName;
            for (int i = 0; i < DeviceDescription.Slots && i < s.FriendlyName.Length; i++)
            {
                _d.FriendlyNames[i] = s.FriendlyName[i];
            }

            _d.RelaysAsLights = SetOptionFlags.Get(s, 30);
            _d.FullTopic = _topics.FullTopic;
            for (int i = 0; i < 3; i++)
            {
                _d.Prefix[i] = TopicSet.PrefixOf(s, i);
            }

            for (int i = 0; i < 4; i++)
            {
                _d.StateText[i] = s.StateText[i];
            }

            for (int i = 0; i < _d.RelayCount; i++)
            {
                _d.PowerKeys[i] = _power.PowerKey(i);
            }

            _d.ResultOnCommandTopic = s.ResultOnCommandTopic;
            _d.MqttButtons = s.MqttButtons;
            _d.ButtonSingle = s.ButtonSingle;
            _d.MqttSwitches = SetOptionFlags.Get(s, 114);
            for (int i = 0; i < DeviceDescription.Slots && i < s.SwitchMode.Length; i++)
            {
                _d.SwitchModes[i] = s.SwitchMode[i];
            }
            _d.CmndBase = _topics.CmndBase;
            _d.StatBase = _topics.StatBase;
            _d.TeleBase = _topics.TeleBase;
        }

        private void Fail(string where, System.Exception e)
        {
            _log.Write("DSC", where + " failed: ", e.GetType().Name, ": " + e.Message);
        }
    }
}
