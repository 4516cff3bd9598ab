// Written against nanoFramework.M2Mqtt 5.1.220 (nanoFramework.M2Mqtt.dll + nanoFramework.M2Mqtt.Core.dll), nanoFramework.System.Text 1.3.42,
// nanoFramework.System.Net 1.11.60 (X509Certificate(string)), nanoFramework.System.IO.FileSystem 1.1.93.
using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IMqttLink"/> on nanoFramework.M2Mqtt 5.1.220 (MQTT 3.1.1, optional TLS 1.2). Every attempt builds a
    /// new <see cref="MqttClient"/> on a worker thread, because the constructor resolves the broker name
    /// (DNS) and Connect blocks until CONNACK (up to 30 s). Results go to the listener; reconnect policy
    /// (backoff, resubscribe) belongs to the core's session.
    /// <para>
    /// TLS (MqttTls 1): the broker is validated against the PEM CA certificate I:\&lt;MqttCaFile&gt;
    /// (<c>new X509Certificate(string)</c>, System.Net), read once and kept while the file name stays the
    /// same; when the file is missing or MqttCaFile is empty the library validates against the CA stored
    /// in the device configuration (M2Mqtt passes no CA, SslStream then uses the stored one). TLS needs
    /// about 17 KB of contiguous native memory on the ESP32 (nf-interpreter PR #1986).
    /// </para>
    /// </summary>
    public sealed partial class NanoMqttLink : IMqttLink
    {
        /// <summary>Tasmota rc for a connect that failed on the network (socket refused/unreachable).</summary>
        public const int RcNetworkError = -2;

        /// <summary>Tasmota rc (PubSubClient MQTT_CONNECTION_TIMEOUT) for a broker that never sent CONNACK.</summary>
        public const int RcTimeout = -4;

        /// <summary>Tasmota rc for a broker name that did not resolve.</summary>
        public const int RcDnsError = -5;

        /// <summary>Folder of MqttCaFile.</summary>
        public const string CaFolder = "I:\\";

        private readonly object _lock = new object();
        private readonly ILog _log;
        private readonly MqttConnectOptions _pending = new MqttConnectOptions();
        private IMqttLinkListener _listener;
        private MqttClient _client;      // the live session, null when down
        private MqttClient _stale;       // a closed client still to be disposed (never from its own thread)
        private MqttClient _announcing;  // connected client whose OnMqttConnected is still being reported
        private bool _lostWhileAnnouncing; // _announcing closed before its OnMqttConnected was delivered
        private bool _connecting;        // a worker thread is running an attempt
        private bool _restart;           // Connect arrived during the attempt: discard it, run another
        private bool _abandon;           // Disconnect arrived during the attempt: discard it, report nothing
        private MqttClient _attempt;     // the client of the attempt in progress (closed to cut a blocked Connect short)
        private string _caName;          // MqttCaFile the cached certificate came from
        private X509Certificate _ca;     // cached CA certificate (worker thread only)

        /// <summary>Creates the link; <paramref name="log"/> may be null.</summary>
        public NanoMqttLink(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient c = _client;
                return c != null && c.IsConnected;
            }
        }

        /// <inheritdoc />
        public void Attach(IMqttLinkListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        /// <remarks>
        /// A Connect while an attempt is still running replaces its options: the running attempt's result
        /// is discarded (its client closed) and a new attempt with the latest options follows, so exactly
        /// one outcome is reported, for the latest options.
        /// </remarks>
        public void Connect(MqttConnectOptions options)
        {
            MqttClient attempt = null;
            lock (_lock)
            {
                // The caller reuses its options object: take a snapshot for the worker.
                _pending.Host = options.Host;
                _pending.Port = options.Port;
                _pending.ClientId = options.ClientId;
                _pending.User = options.User;
                _pending.Password = options.Password;
                _pending.WillTopic = options.WillTopic;
                _pending.WillPayload = options.WillPayload;
                _pending.WillRetain = options.WillRetain;
                _pending.KeepAliveSeconds = options.KeepAliveSeconds;
                _pending.CleanSession = options.CleanSession;
                _pending.Tls = options.Tls;
                _pending.CaFile = options.CaFile;
                if (_connecting)
                {
                    _restart = true;
                    _abandon = false;
                    attempt = _attempt;
                }
            }

            if (attempt != null)
            {
                // A Connect blocked on a silent broker (M2Mqtt waits 30 s per try) must not hold up the new one.
                Close(attempt);
                return;
            }

            lock (_lock)
            {
                if (_connecting)
                {
                    return;
                }

                _connecting = true;
                _restart = false;
                _abandon = false;
            }

            try
            {
                Thread worker = new Thread(new ThreadStart(ConnectWorker));
                worker.Start();
            }
            catch (Exception e)
            {
                lock (_lock)
                {
                    _connecting = false;
                }

                Log("MQTT connect thread failed: ", e.Message);
                ReportFailed(RcNetworkError);
            }
        }

        /// <inheritdoc />
        /// <remarks>An attempt still running is abandoned: its client is closed and nothing is reported.</remarks>
        public void Disconnect()
        {
            MqttClient c;
            MqttClient attempt = null;
            lock (_lock)
            {
                c = _client;
                _client = null;
                if (_connecting)
                {
                    _abandon = true;
                    _restart = false;
                    attempt = _attempt;
                }
            }

            if (c != null)
            {
                Discard(c);
            }

            if (attempt != null)
            {
                // The core gave up on this attempt (no answer in 10 s): closing its socket ends the blocked Connect.
                Close(attempt);
            }
        }

        /// <inheritdoc />
        public bool Publish(string topic, string payload, bool retain, bool qos1)
        {
            MqttClient c = _client;
            if (c == null || !c.IsConnected)
            {
                return false;
            }

            try
            {
                byte[] bytes = Encode(payload);
                // 3.1.1: contentType and userProperties must be null (NotSupportedException otherwise).
                c.Publish(topic, bytes, null, null, qos1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, retain);
                return true;
            }
            catch (Exception e)
            {
                // e.g. MqttClientException(InflightQueueFull) or a closing channel.
                Log("MQTT publish failed: ", e.Message);
                return false;
            }
        }

        /// <inheritdoc />
        public void Subscribe(string topicFilter)
        {
            MqttClient c = _client;
            if (c == null)
            {
                return;
            }

            try
            {
                c.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtMostOnce });
            }
            catch (Exception e)
            {
                Log("MQTT subscribe failed: ", e.Message);
            }
        }

        /// <inheritdoc />
        public void Unsubscribe(string topicFilter)
        {
            MqttClient c = _client;
            if (c == null)
            {
                return;
            }

            try
            {
                c.Unsubscribe(new string[] { topicFilter });
            }
            catch (Exception e)
            {
                Log("MQTT unsubscribe failed: ", e.Message);
            }
        }

        // Library dispatch thread: network loss, keep-alive timeout, broker gone.
        private void OnConnectionClosed(object sender, EventArgs e)
        {
            try
            {
                Drop(sender as MqttClient);
            }
            catch (Exception ex)
            {
                Log("MQTT close handler failed: ", ex.Message);
            }
        }

        private void Drop(MqttClient closed)
        {
            lock (_lock)
            {
                if (closed == null || closed != _client)
                {
                    return;
                }

                _client = null;
                // Disposed by the next connect attempt, not from the client's own dispatch thread.
                _stale = closed;
                if (closed == _announcing)
                {
                    // Its OnMqttConnected is still on its way: ReportConnected reports this afterwards.
                    _lostWhileAnnouncing = true;
                    return;
                }
            }

            ReportDisconnected();
        }

        private void ReportDisconnected()
        {
            IMqttLinkListener l = _listener;
            if (l == null)
            {
                return;
            }

            try
            {
                l.OnMqttDisconnected();
            }
            catch (Exception e)
            {
                Log("MQTT disconnected handler failed: ", e.Message);
            }
        }

        // Library dispatch thread.
        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            try
            {
                if (sender != _client)
                {
                    return;
                }

                IMqttLinkListener l = _listener;
                byte[] message = e.Message;
                if (message != null && message.Length > TopicSet.MaxMessageBytes)
                {
                    // Refused before decoding: the heap holds tens of KB.
                    Log("MQTT message too large, dropped: ", e.Topic);
                    return;
                }

                if (l != null)
                {
                    l.OnMqttMessage(e.Topic, Decode(e.Message), e.Retain);
                }
            }
            catch (Exception ex)
            {
                Log("MQTT message handler failed: ", ex.Message);
            }
        }

        private void Log(string what, string detail)
        {
            if (_log != null)
            {
                _log.Write("MQT", what, detail, null);
            }
        }
    }
}
