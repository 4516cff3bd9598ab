using System.Collections;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>Raised after a session is up and subscribed; <paramref name="firstSinceBoot"/> is true only once per boot.</summary>
    public delegate void MqttSessionConnectedHandler(bool firstSinceBoot);

    /// <summary>
    /// The MQTT session, as Tasmota's MqttReconnect/MqttConnected/MqttDisconnected/MqttDataHandler run it
    /// (xdrv_02_9_mqtt.ino), with SmartLamp's improvements:
    /// <list type="bullet">
    /// <item>Connects only while the network is up and MqttHost is set; network up connects at once,
    ///   network down stops all attempts.</item>
    /// <item>CONNECT: client id MqttClient, user/password (none when empty), will tele/&lt;t&gt;/LWT
    ///   "Offline" QoS 1 retained, keep-alive MqttKeepAlive, clean session.</item>
    /// <item>After CONNACK: an empty non-retained cmnd/&lt;t&gt;/POWER (Tasmota's iobroker compatibility
    ///   publish, before subscribing so the device does not receive it), then cmnd/&lt;t&gt;/# and — when
    ///   FullTopic contains %topic% — cmnd/&lt;group&gt;/# and cmnd/&lt;client&gt;_fb/#, then tele/&lt;t&gt;/LWT
    ///   "Online" retained, then <see cref="Connected"/> (telemetry: INFO1-3 on the first connect, power
    ///   state and STATE on every one). Improvement over Tasmota, which publishes Online before
    ///   subscribing: a client reacting to Online at once is already heard.</item>
    /// <item>Reconnect backoff: wait = MqttRetry × multiplier; the multiplier grows by one after each
    ///   failure while MqttRetry × multiplier &lt; 120 (10, 20, ... 120 s) and resets on success.
    ///   Log: "MQT: Connect failed to &lt;host&gt;:&lt;port&gt;, rc &lt;n&gt;. Retry in &lt;n&gt; sec".
    ///   A lost session counts as a failure with rc -3, as in Tasmota.</item>
    /// <item>Incoming messages: topic + payload over 1,200 bytes are dropped (logged); the device's own
    ///   echoes are dropped when Prefix1 == Prefix2; retained messages on command topics are ignored
    ///   (logged) unless AcceptRetainedCommands (command MqttRetainedCmnd) is set; everything else goes to
    ///   <see cref="CommandDispatcher.Execute"/> with the command name as a slice of the topic.</item>
    /// <item>Broker, client, topic or prefix changes: a clean reconnect; when the LWT topic changed
    ///   the old one is cleared with an empty retained message first (Tasmota CmndTopic/CmndFullTopic).</item>
    /// <item>Losing the broker never touches a relay.</item>
    /// </list>
    /// Not thread-safe: the owner (DeviceApp) serialises every call.
    /// </summary>
    public sealed partial class MqttSession : IMqttLinkListener
    {
        /// <summary>Longest backoff step, in seconds (Tasmota: the multiplier stops growing at 120 s).</summary>
        public const int MaxRetrySeconds = 120;

        /// <summary>Online payload of tele/&lt;t&gt;/LWT.</summary>
        public const string LwtOnline = "Online";

        /// <summary>Offline payload of tele/&lt;t&gt;/LWT (the will).</summary>
        public const string LwtOffline = "Offline";

        private const int ConnectionLostRc = -3;

        /// <summary>Longest wait for a connect attempt's outcome (CONNACK); then it is abandoned and retried with backoff.</summary>
        public const int ConnectTimeoutMs = 10000;

        /// <summary>Tasmota's rc for a broker that never answered the CONNECT (PubSubClient MQTT_CONNECTION_TIMEOUT).</summary>
        public const int ConnectTimeoutRc = -4;

        private readonly IMqttLink _link;
        private readonly INetworkLink _network;
        private readonly DeviceSettings _settings;
        private readonly TopicSet _topics;
        private readonly MqttPublisher _publisher;
        private readonly CommandDispatcher _dispatcher;
        private readonly ILog _log;
        private readonly ITimer _retryTimer;
        private readonly ITimer _applyTimer;
        private readonly ITimer _connectTimer;
        private readonly MqttConnectOptions _options = new MqttConnectOptions();

        private ArrayList _clients;
        private bool _started;
        private bool _connecting;
        private bool _connected;
        private bool _firstConnectDone;
        private int _multiplier = 1;
        private int _pendingChanges;

        /// <summary>Creates an idle session; <see cref="Start"/> begins connecting.</summary>
        public MqttSession(IMqttLink link, INetworkLink network, DeviceSettings settings, TopicSet topics, MqttPublisher publisher, CommandDispatcher dispatcher, IClock clock, ILog log)
        {
            _link = link;
            _network = network;
            _settings = settings;
            _topics = topics;
            _publisher = publisher;
            _dispatcher = dispatcher;
            _log = log;
            _retryTimer = clock.CreateTimer(OnRetryTimer);
            _applyTimer = clock.CreateTimer(ApplySettingsChange);
            _connectTimer = clock.CreateTimer(OnConnectTimeout);
        }

        /// <summary>Raised after every successful connect, once the subscriptions are in place.</summary>
        public event MqttSessionConnectedHandler Connected;

        private string _staleLwt; // the LWT topic before a Topic change, cleared again once the new session is up

        /// <summary>Raised once each time a session that was up ends.</summary>
        public event MqttSessionDisconnectedHandler Disconnected;

        /// <summary>
        /// Adds a capability with subscriptions of its own. It subscribes on every (re)connect (after the
        /// command topics, before LWT Online) and is offered every message that is not a command.
        /// </summary>
        public void AddClient(IMqttSessionClient client)
        {
            if (client == null)
            {
                return;
            }

            if (_clients == null)
            {
                _clients = new ArrayList();
            }

            _clients.Add(client);
        }

        /// <summary>Subscribes a client's filter now when the session is up (at reconnect the client is asked again).</summary>
        public void Subscribe(string topicFilter)
        {
            if (_connected && topicFilter != null && topicFilter.Length > 0)
            {
                _link.Subscribe(topicFilter);
            }
        }

        /// <summary>
        /// Unsubscribes a client's filter now when the session is up, unless the device's own command,
        /// group or fallback filter is that filter or another client still holds it (a rule's
        /// "Subscribe S, cmnd/&lt;t&gt;/#" then "Unsubscribe S" must not make the device deaf).
        /// </summary>
        public void Unsubscribe(string topicFilter)
        {
            if (!_connected || topicFilter == null || topicFilter.Length == 0 || IsHeld(topicFilter))
            {
                return;
            }

            _link.Unsubscribe(topicFilter);
        }

        /// <summary>True when the device's own subscriptions or a client need <paramref name="topicFilter"/>.</summary>
        public bool IsHeld(string topicFilter)
        {
            if (topicFilter == _topics.CmndSubscription || topicFilter == _topics.GroupSubscription || topicFilter == _topics.FallbackSubscription)
            {
                return true;
            }

            if (_clients == null)
            {
                return false;
            }

            for (int i = 0; i < _clients.Count; i++)
            {
                try
                {
                    if (((IMqttSessionClient)_clients[i]).Holds(topicFilter))
                    {
                        return true;
                    }
                }
                catch (System.Exception)
                {
                    return true; // when in doubt, stay subscribed
                }
            }

            return false;
        }

        /// <summary>The device's own command filter ("cmnd/&lt;topic&gt;/#" with the default FullTopic).</summary>
        public string OwnCommandFilter
        {
            get { return _topics.CmndSubscription; }
        }

        /// <summary>True while a session is up.</summary>
        public bool IsConnected
        {
            get { return _connected; }
        }

        /// <summary>Successful connects since boot (Tasmota's MqttCount).</summary>
        public int ConnectCount { get; private set; }

        /// <summary>Seconds until the next attempt as last scheduled (0 when none was).</summary>
        public int LastRetrySeconds { get; private set; }

        /// <summary>Starts connecting (now when the network is up and a host is set).</summary>
        public void Start()
        {
            _started = true;
            ConnectIfPossible();
        }

        /// <summary>
        /// Stops: publishes "Offline" on the LWT topic (retained, because a clean DISCONNECT suppresses
        /// the will), disconnects cleanly and cancels retries.
        /// </summary>
        public void Stop()
        {
            _started = false;
            _retryTimer.Stop();
            _applyTimer.Stop();
            if (_connected)
            {
                _publisher.Publish(TopicSet.Tele, "LWT", LwtOffline, true);
            }

            Drop();
        }

        /// <summary>The network got an address: connect immediately.</summary>
        public void OnNetworkUp()
        {
            _retryTimer.Stop();
            ConnectIfPossible();
        }

        /// <summary>The network is gone: no more attempts until it returns.</summary>
        public void OnNetworkDown()
        {
            _retryTimer.Stop();
            if (_connected || _connecting)
            {
                _log.Write("MQT", "Network down, disconnected", null, null);
            }

            Drop();
        }

        /// <summary>
        /// Reacts to settings changes: broker or topic changes reconnect, topic changes rebuild the topics first. The work
        /// is deferred to a 0 ms timer so the command that made the change is still answered on the old
        /// topics and session (Tasmota answers, then restarts), and a Backlog of changes made in one go
        /// reconnects once.
        /// </summary>
        public void OnSettingsChanged(int changeFlags)
        {
            if ((changeFlags & (SettingsChange.Mqtt | SettingsChange.Topics)) == 0)
            {
                return;
            }

            _pendingChanges |= changeFlags;
            _applyTimer.Start(0, 0);
        }

        /// <inheritdoc />
        public void OnMqttMessage(string topic, string payload, bool retained)
        {
            if (topic == null)
            {
                return;
            }

            if (payload == null)
            {
                payload = string.Empty;
            }

            int bytes = TopicText.Utf8Length(topic) + TopicText.Utf8Length(payload);
            if (bytes > TopicSet.MaxMessageBytes)
            {
                _log.Write("MQT", "Dropped oversize message on ", topic, " (" + bytes.ToString() + " bytes, limit 1200)");
                return;
            }

            if (_publisher.ConsumeEcho(topic, payload))
            {
                return;
            }

            CommandSource source;
            int nameStart;
            int nameLength;
            if (!_topics.MatchCommand(topic, out source, out nameStart, out nameLength))
            {
                OfferToClients(topic, payload, retained);
                return;
            }

            if (retained && !_settings.AcceptRetainedCommands)
            {
                // The payload helps to find a ghost-switching source, but a password never goes to the log.
                _log.Write("MQT", "ignored retained ", topic + " = " + (Chars.MentionsPassword(topic) ? "****" : payload), " (MqttRetainedCmnd 1 executes retained commands)");
                return;
            }

            try
            {
                _dispatcher.Execute(source, topic, nameStart, nameLength, payload);
            }
            catch (System.Exception e)
            {
                _log.Write("MQT", "Command on ", topic, " failed: " + e.Message);
            }
        }

        private void ApplySettingsChange()
        {
            string oldLwt = _topics.TeleLwt;
            if ((_pendingChanges & SettingsChange.Topics) != 0)
            {
                _topics.Rebuild(_settings); // a broker-only change (MqttHost, ...) keeps every topic
            }

            _pendingChanges = 0;
            _retryTimer.Stop();
            if (oldLwt != _topics.TeleLwt)
            {
                // Cleared now and once more from the new session: the old session's will may still
                // fire after this clear (the broker publishes it when it notices the old connection is gone).
                _staleLwt = oldLwt;
            }

            if (_connected)
            {
                if (oldLwt != _topics.TeleLwt)
                {
                    _publisher.PublishTopic(oldLwt, string.Empty, true);
                }
                else
                {
                    _publisher.Publish(TopicSet.Tele, "LWT", LwtOffline, true);
                }
            }

            if (_connected || _connecting)
            {
                _log.Write("MQT", "Settings changed, reconnecting", null, null);
            }

            Drop();
            _multiplier = 1;
            ConnectIfPossible();
        }

        private void SubscribeClients()
        {
            if (_clients == null)
            {
                return;
            }

            for (int i = 0; i < _clients.Count; i++)
            {
                try
                {
                    ((IMqttSessionClient)_clients[i]).OnSubscribing(this);
                }
                catch (System.Exception e)
                {
                    _log.Write("MQT", "Subscribing failed: ", e.Message, null);
                }
            }
        }

        private void OfferToClients(string topic, string payload, bool retained)
        {
            if (_clients == null)
            {
                return;
            }

            for (int i = 0; i < _clients.Count; i++)
            {
                try
                {
                    // Every client hears every message: a rule subscribed to homeassistant/# must not
                    // hide Home Assistant's restart from discovery.
                    ((IMqttSessionClient)_clients[i]).OnForeignMessage(topic, payload, retained);
                }
                catch (System.Exception e)
                {
                    _log.Write("MQT", "Message on ", topic, " failed: " + e.Message);
                }
            }
        }
    }
}
