// Written against nanoFramework.M2Mqtt 5.1.220 (nanoFramework.M2Mqtt.dll + nanoFramework.M2Mqtt.Core.dll), nanoFramework.System.Text 1.3.42,
// nanoFramework.System.Net 1.11.60 (X509Certificate(string)), nanoFramework.System.IO.FileSystem 1.1.93 (shared reference nanoframework-api.md §1, §4, §12).
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
    public sealed class NanoMqttLink : IMqttLink
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

        private void ConnectWorker()
        {
            for (;;)
            {
                int rc;
                MqttClient client;
                try
                {
                    client = Attempt(out rc);
                }
                catch (Exception e)
                {
                    // Nothing may escape a worker thread; report it as a network failure.
                    Log("MQTT connect failed: ", e.Message);
                    client = null;
                    rc = RcNetworkError;
                }

                bool again;
                bool report;
                lock (_lock)
                {
                    again = _restart;
                    report = !_restart && !_abandon;
                    _restart = false;
                    _abandon = false;
                    if (!again)
                    {
                        _connecting = false;
                        if (report && client != null)
                        {
                            _client = client;
                            _announcing = client;
                            _lostWhileAnnouncing = false;
                        }
                    }
                }

                if (!report)
                {
                    // Superseded by a newer Connect, or abandoned by Disconnect.
                    if (client != null)
                    {
                        Discard(client);
                    }

                    if (again)
                    {
                        continue;
                    }

                    return;
                }

                if (client == null)
                {
                    ReportFailed(rc);
                }
                else
                {
                    ReportConnected(client);
                }

                return;
            }
        }

        // One attempt with the current _pending options: the connected client, or null and rc.
        private MqttClient Attempt(out int rc)
        {
            string host;
            int port;
            string clientId;
            string user;
            string password;
            string willTopic;
            string willPayload;
            bool willRetain;
            int keepAlive;
            bool cleanSession;
            bool tls;
            string caFile;
            MqttClient old;
            MqttClient stale;
            lock (_lock)
            {
                host = _pending.Host;
                port = _pending.Port;
                clientId = _pending.ClientId;
                user = _pending.User;
                password = _pending.Password;
                willTopic = _pending.WillTopic;
                willPayload = _pending.WillPayload;
                willRetain = _pending.WillRetain;
                keepAlive = _pending.KeepAliveSeconds;
                cleanSession = _pending.CleanSession;
                tls = _pending.Tls;
                caFile = _pending.CaFile;
                old = _client;
                _client = null;
                stale = _stale;
                _stale = null;
            }

            if (old != null)
            {
                // Connect while a session is up: replace it (the broker publishes the will).
                Unhook(old);
                Close(old);
            }

            if (stale != null)
            {
                Close(stale);
            }

            MqttClient client;
            try
            {
                // Resolves the host name right here (Dns.GetHostEntry); throws when it does not resolve.
                X509Certificate ca = tls ? LoadCa(caFile) : null;
                client = new MqttClient(host, port, tls, ca, null, tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception e)
            {
                Log("MQTT broker name lookup failed: ", e.Message);
                rc = RcDnsError;
                return null;
            }

            client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
            client.MqttMsgPublishReceived += OnPublishReceived;
            client.ConnectionClosed += OnConnectionClosed;

            // M2Mqtt rejects (WillWrong) a will flag with an empty topic or message, and a will
            // retain/topic/message without the flag.
            bool hasWill = willTopic != null && willTopic.Length > 0 && willPayload != null && willPayload.Length > 0;
            bool hasUser = user != null && user.Length > 0;
            ushort keepAliveSeconds = (ushort)(keepAlive < 0 ? 0 : (keepAlive > 65535 ? 65535 : keepAlive));
            lock (_lock)
            {
                _attempt = client;
            }

            try
            {
                // The 10-argument overload is the only one that carries a will. Will QoS 1 as Tasmota.
                MqttReasonCode code = client.Connect(
                    clientId,
                    hasUser ? user : null,
                    hasUser && password != null && password.Length > 0 ? password : null,
                    hasWill && willRetain,
                    hasWill ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce,
                    hasWill,
                    hasWill ? willTopic : null,
                    hasWill ? willPayload : null,
                    cleanSession,
                    keepAliveSeconds);
                rc = code == MqttReasonCode.Success ? 0 : (int)code;
            }
            catch (Exception e)
            {
                // MqttConnectionException: socket/TCP failure; MqttCommunicationException: no CONNACK in time.
                // Matched by name so this file does not depend on the exceptions' namespace.
                rc = e.GetType().Name == "MqttCommunicationException" ? RcTimeout : RcNetworkError;
                Log("MQTT connect failed: ", e.Message);
            }

            lock (_lock)
            {
                _attempt = null;
            }

            if (rc != 0)
            {
                Unhook(client);
                Close(client);
                return null;
            }

            return client;
        }

        // The CA certificate for TLS, or null for the device's stored CA. Worker thread only.
        private X509Certificate LoadCa(string name)
        {
            if (name == null || name.Length == 0)
            {
                return null;
            }

            if (!MqttTlsCommands.IsValidCaFile(name))
            {
                Log("MQTT CA file name refused: ", name);
                return null;
            }

            if (_ca != null && name == _caName)
            {
                return _ca;
            }

            _ca = null;
            _caName = null;
            string path = CaFolder + name;
            try
            {
                if (!File.Exists(path))
                {
                    Log("MQTT CA file missing, using the stored CA: ", path);
                    return null;
                }

                // The string constructor keeps the PEM's terminating NUL that mbedTLS needs.
                _ca = new X509Certificate(File.ReadAllText(path));
                _caName = name;
                return _ca;
            }
            catch (Exception e)
            {
                Log("MQTT CA file unusable (" + path + "): ", e.Message);
                return null;
            }
        }

        private void ReportConnected(MqttClient client)
        {
            IMqttLinkListener l = _listener;
            if (l != null)
            {
                try
                {
                    l.OnMqttConnected();
                }
                catch (Exception e)
                {
                    Log("MQTT connected handler failed: ", e.Message);
                }
            }

            // A ConnectionClosed during the report was held back (Drop), so the listener never hears
            // "disconnected" before "connected": deliver it now. The connection may also have dropped
            // before _client was set; its ConnectionClosed was then ignored.
            bool lost;
            lock (_lock)
            {
                lost = _lostWhileAnnouncing && _announcing == client;
                if (_announcing == client)
                {
                    _announcing = null;
                    _lostWhileAnnouncing = false;
                }
            }

            if (lost)
            {
                ReportDisconnected();
            }
            else if (!client.IsConnected)
            {
                Drop(client);
            }
        }

        private void ReportFailed(int rc)
        {
            IMqttLinkListener l = _listener;
            if (l == null)
            {
                return;
            }

            try
            {
                l.OnMqttConnectFailed(rc);
            }
            catch (Exception e)
            {
                Log("MQTT connect-failed handler failed: ", e.Message);
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

        private void Unhook(MqttClient c)
        {
            try
            {
                c.MqttMsgPublishReceived -= OnPublishReceived;
                c.ConnectionClosed -= OnConnectionClosed;
            }
            catch (Exception)
            {
                // Best effort.
            }
        }

        // A client we no longer want: no more events, clean DISCONNECT (no will) if it is up, then close.
        private void Discard(MqttClient c)
        {
            Unhook(c);
            try
            {
                if (c.IsConnected)
                {
                    c.Disconnect();
                }
            }
            catch (Exception e)
            {
                Log("MQTT disconnect failed: ", e.Message);
            }

            Close(c);
        }

        private static void Close(MqttClient c)
        {
            try
            {
                c.Close();
            }
            catch (Exception)
            {
                // Close is best effort by design (the library swallows its own errors too).
            }
        }

        private static byte[] Encode(string text)
        {
            if (text == null || text.Length == 0)
            {
                return new byte[0];
            }

            return Encoding.UTF8.GetBytes(text);
        }

        // UTF-8 to string. The port promises "never an exception": if the decoder rejects the bytes,
        // keep ASCII and turn every other byte into U+FFFD.
        private static string Decode(byte[] bytes)
        {
            if (bytes == null || bytes.Length == 0)
            {
                return string.Empty;
            }

            try
            {
                string s = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
                if (s != null)
                {
                    return s;
                }
            }
            catch (Exception)
            {
                // Fall through to the lossy decode.
            }

            char[] chars = new char[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                chars[i] = b < 0x80 ? (char)b : '\uFFFD';
            }

            return new string(chars);
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
