// Written against nanoFramework.M2Mqtt 5.1.220, nanoFramework.System.Net 1.11.60, nanoFramework.System.IO.FileSystem 1.1.93.
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
    /// <summary>The connect attempt on the link's worker thread: building the M2Mqtt client (TLS, CA), CONNECT, and reporting exactly one result.</summary>
    public sealed partial class NanoMqttLink : IMqttLink
    {
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
    }
}
