// Written against nanoFramework.M2Mqtt 5.1.220, nanoFramework.System.Net 1.11.60, nanoFramework.System.IO.FileSystem 1.1.93.
using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Network;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>The link's worker thread: opening a session (the M2Mqtt client, TLS, CA, CONNECT) and closing one, in the order asked.</summary>
    public sealed partial class NanoMqttLink : MqttLink, IMqttClientDriver
    {
        // Options != null: open that session; null: close it. A job is two entries: session, options.
        private void Queue(int session, MqttConnectOptions options)
        {
            bool start;
            lock (_lock)
            {
                _jobs.Add(session);
                _jobs.Add(options);
                start = !_workerStarted;
                _workerStarted = true;
            }

            if (start)
            {
                try
                {
                    new Thread(new ThreadStart(Worker)).Start();
                }
                catch (Exception e)
                {
                    lock (_lock)
                    {
                        _workerStarted = false;
                    }

                    Log("MQTT worker thread failed: ", e.Message);
                    if (options != null)
                    {
                        Opened(session, RcNetworkError);
                    }

                    return;
                }
            }

            _wake.Set();
        }

        private void Worker()
        {
            for (;;)
            {
                int session = 0;
                MqttConnectOptions options = null;
                lock (_lock)
                {
                    if (_jobs.Count > 1)
                    {
                        session = (int)_jobs[0];
                        options = _jobs[1] as MqttConnectOptions;
                        _jobs.RemoveAt(0);
                        _jobs.RemoveAt(0);
                    }
                }

                if (session == 0)
                {
                    _wake.WaitOne();
                    continue;
                }

                try
                {
                    if (options != null)
                    {
                        Open(session, options);
                    }
                    else
                    {
                        Retire(session);
                    }
                }
                catch (Exception e)
                {
                    // Nothing may escape the worker: a dead worker means no MQTT until reboot.
                    Log("MQTT worker error: ", e.Message);
                }
            }
        }

        // One attempt; exactly one Opened for the session.
        private void Open(int session, MqttConnectOptions o)
        {
            int rc;
            MqttClient client;
            try
            {
                client = Attempt(session, o, out rc);
            }
            catch (Exception e)
            {
                Log("MQTT connect failed: ", e.Message);
                client = null;
                rc = RcNetworkError;
            }

            if (client != null)
            {
                lock (_lock)
                {
                    _live = client;
                    _liveSession = session;
                }

                // The connection may have dropped before _live was set: its ConnectionClosed was ignored.
                rc = client.IsConnected ? 0 : RcNetworkError;
            }

            Opened(session, rc);
        }

        // The session's client, if it is the live one: clean DISCONNECT (no will) when up, then close.
        private void Retire(int session)
        {
            MqttClient c;
            lock (_lock)
            {
                c = _liveSession == session ? _live : null;
                if (c != null)
                {
                    _live = null;
                    _liveSession = 0;
                }
            }

            if (c != null)
            {
                Discard(c);
            }
        }

        // Short-lived thread: closes an attempt still blocked in Connect.
        private void CloseBlocked()
        {
            MqttClient c;
            lock (_lock)
            {
                c = _closing;
                _closing = null;
            }

            if (c != null)
            {
                CloseClient(c);
            }
        }

        // One attempt with options o: the connected client, or null and rc.
        private MqttClient Attempt(int session, MqttConnectOptions o, out int rc)
        {
            MqttClient client;
            try
            {
                // Resolves the host name right here (Dns.GetHostEntry); throws when it does not resolve.
                X509Certificate ca = o.Tls ? LoadCa(o.CaFile) : null;
                client = new MqttClient(o.Host, o.Port, o.Tls, ca, null, o.Tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
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
            bool hasWill = o.WillTopic != null && o.WillTopic.Length > 0 && o.WillPayload != null && o.WillPayload.Length > 0;
            bool hasUser = o.User != null && o.User.Length > 0;
            int keepAlive = o.KeepAliveSeconds;
            ushort keepAliveSeconds = (ushort)(keepAlive < 0 ? 0 : (keepAlive > 65535 ? 65535 : keepAlive));
            lock (_lock)
            {
                _attempt = client;
                _attemptSession = session;
            }

            try
            {
                // The 10-argument overload is the only one that carries a will. Will QoS 1 as Tasmota.
                MqttReasonCode code = client.Connect(
                    o.ClientId,
                    hasUser ? o.User : null,
                    hasUser && o.Password != null && o.Password.Length > 0 ? o.Password : null,
                    hasWill && o.WillRetain,
                    hasWill ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce,
                    hasWill,
                    hasWill ? o.WillTopic : null,
                    hasWill ? o.WillPayload : null,
                    o.CleanSession,
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
                if (_attempt == client)
                {
                    _attempt = null;
                }
            }

            if (rc != 0)
            {
                Unhook(client);
                CloseClient(client);
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
    }
}
