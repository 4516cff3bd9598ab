using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;

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
    /// Payloads are built for each announce from what the settings, topics and network say then, and are
    /// not kept (nothing is skipped: every announce publishes all of them, as Tasmota's does). As in
    /// Tasmota, a change of what they say reaches Home Assistant with the next announce: after the
    /// reconnect a topic change causes, or at once with Discover 1 / HassDiscovery 1 (any Discover,
    /// DiscoverOff, DiscoverButton or HassDiscovery command with a value, and a changed SetOption19,
    /// re-announce a second later).
    /// Differences from Tasmota, on purpose:
    /// SetOption19 is persisted (Tasmota forces it back to 0 at boot, so a removed device reappears);
    /// DiscoverSwitch (SetOption114) is not implemented (inputs are buttons; no switch MQTT messages),
    /// so swc stays off. DiscoverButton = SetOption73 (owned by the buttons) announces button triggers.
    /// </summary>
    public sealed partial class DiscoveryService : IMqttSessionClient
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
        private readonly EventLoop _clock;
        private readonly ILog _log;
        private readonly ITimer _announceTimer;
        private readonly ITimer _stateTimer;
        private readonly LocalTimeText _timeText;
        private readonly BoardProfile _board;
        private readonly string _version;
        private readonly string _mac;
        private readonly int _relayCount;

        private long _announceDueMs;
        private bool _nativeSent;
        private bool _nativeClearPending;
        private bool _nativeSubscribed;

        /// <summary>
        /// Creates the service for <paramref name="board"/> (relays, inputs, name as model); the sensors
        /// payload's "Time" comes from <paramref name="timeText"/> (local time as STATE shows it; null = the
        /// clock's UTC). The app adds it
        /// to the session as a client (Home Assistant's status topic) and connects <see cref="OnConnected"/>,
        /// <see cref="OnDisconnected"/> and <see cref="OnSettingsChanged"/>; <see cref="Register"/> adds the commands.
        /// </summary>
        public DiscoveryService(SettingsService settings, TopicSet topics, MqttPublisher publisher, MqttSession session, PowerController power, INetworkLink network, EventLoop clock, ILog log, BoardProfile board, string version, LocalTimeText timeText)
        {
            _timeText = timeText;
            _settings = settings;
            _topics = topics;
            _publisher = publisher;
            _session = session;
            _power = power;
            _network = network;
            _clock = clock;
            _log = log;
            _mac = DeviceDescription.NormalizeMac(network.Mac);
            _board = board;
            _version = version;
            _relayCount = Slots(board.Relays.Length);
            _announceTimer = clock.Timeout("Discovery announce", OnAnnounceTimer);
            _stateTimer = clock.Timeout("Discovery state", OnStateTimer);
        }

        private static readonly string[] CommandNames = new string[] { "DISCOVER", "DISCOVEROFF", "DISCOVERBUTTON", "HASSDISCOVERY" };

        /// <summary>Registers DISCOVER, DISCOVEROFF (SetOption19 synonyms), DISCOVERBUTTON (SetOption73 synonym) and HASSDISCOVERY.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
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
                PublishNative(Describe(), Writer());
            }
        }

        /// <summary>A handler for MqttSession.Connected: everything is announced <see cref="AnnounceDelayMs"/> later.</summary>
        public void OnConnected(bool firstSinceBoot)
        {
            try
            {
                Arm(AnnounceDelayMs, true);
            }
            catch (System.Exception e)
            {
                Fail("Connected", e);
            }
        }

        /// <summary>A handler for MqttSession.Disconnected: pending announces are dropped.</summary>
        public void OnDisconnected()
        {
            _announceTimer.Stop();
            _stateTimer.Stop();
        }

        /// <summary>A handler for SettingsService.SettingsChanged: a discovery change re-announces a second later.</summary>
        public void OnSettingsChanged(int changeFlags)
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
        /// configs (or their removal). Everything goes out again each time, as in Tasmota: after a connect
        /// retained messages may have been lost with the broker, and a discovery command asks for it.
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

            // Topics and payloads are built for this announce only (announces are rare; nothing is kept).
            DeviceSettings s = _settings.Current;
            DeviceDescription d = Describe();
            CommandResponse json = Writer();
            _publisher.PublishTopic(TasmotaDiscovery.ConfigTopic(_mac), s.DiscoveryOff ? string.Empty : TasmotaDiscovery.Config(json, d), true);
            _publisher.PublishTopic(TasmotaDiscovery.SensorsTopic(_mac), s.DiscoveryOff ? string.Empty : TasmotaDiscovery.Sensors(json, _timeText != null ? _timeText() : TextFormat.IsoTime(_clock.UtcNow)), true);
            if (s.HassDiscovery)
            {
                PublishNative(d, json);
            }
            else if (_nativeSent || _nativeClearPending)
            {
                for (int i = 0; i < _relayCount; i++)
                {
                    _publisher.PublishTopic(HassDiscovery.ConfigTopic(_mac, i, false), string.Empty, true);
                    _publisher.PublishTopic(HassDiscovery.ConfigTopic(_mac, i, true), string.Empty, true);
                }

                _nativeSent = false;
                _nativeClearPending = false;
            }
        }

        /// <summary>Publishes the native config of every relay of <paramref name="d"/>, written with <paramref name="json"/>.</summary>
        private void PublishNative(DeviceDescription d, CommandResponse json)
        {
            // SetOption30 picks the kind; the other kind's retained config is emptied so Home Assistant
            // drops that entity (also after a reboot with the option changed while offline).
            bool light = d.RelaysAsLights;
            for (int i = 0; i < d.RelayCount; i++)
            {
                _publisher.PublishTopic(HassDiscovery.ConfigTopic(_mac, i, !light), string.Empty, true);
                _publisher.PublishTopic(HassDiscovery.ConfigTopic(_mac, i, light), HassDiscovery.Config(json, d, i), true);
            }

            _nativeSent = true;
            _stateTimer.Start(StateRefreshDelayMs, 0);
        }

        private void Fail(string where, System.Exception e)
        {
            _log.Write("DSC", where + " failed: ", e.GetType().Name, ": " + e.Message);
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndDiscover(req, resp); break;
                case 1: CmndDiscoverOff(req, resp); break;
                case 2: CmndDiscoverButton(req, resp); break;
                case 3: CmndHassDiscovery(req, resp); break;
            }
        }
    }
}
