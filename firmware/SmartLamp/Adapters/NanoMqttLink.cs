// Written against nanoFramework.M2Mqtt 5.1.220 (nanoFramework.M2Mqtt.dll + nanoFramework.M2Mqtt.Core.dll), nanoFramework.System.Text 1.3.42,
// nanoFramework.System.Net 1.11.60 (X509Certificate(string)), nanoFramework.System.IO.FileSystem 1.1.93.
using System;
using System.Collections;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Network;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IMqttLink"/> on nanoFramework.M2Mqtt 5.1.220 (MQTT 3.1.1, optional TLS 1.2). The contract
    /// (sessions, one result per connect, stale reports dropped, reports one at a time) is the core's
    /// <see cref="MqttLink"/>; this class only makes the library calls (<see cref="IMqttClientDriver"/>).
    /// <para>
    /// Threads: the blocking library calls (the constructor resolves the broker name, Connect waits for
    /// CONNACK up to 30 s, Disconnect/Close join the library's threads for about a second) run on the
    /// link's one worker thread, in the order they were asked for, never on the caller's (the core's loop),
    /// so a reconnect or a Topic change does not freeze the buttons. Publish and Subscribe only queue in
    /// the library and run on the caller's thread. Closing an attempt still blocked in Connect (the core
    /// gave up on it) runs on a short-lived thread of its own, which ends the blocked Connect.
    /// </para>
    /// <para>
    /// TLS (MqttTls 1): the broker is validated against the PEM CA certificate I:\&lt;MqttCaFile&gt;
    /// (<c>new X509Certificate(string)</c>, System.Net), read once and kept while the file name stays the
    /// same; when the file is missing or MqttCaFile is empty the library validates against the CA stored
    /// in the device configuration (M2Mqtt passes no CA, SslStream then uses the stored one). TLS needs
    /// about 17 KB of contiguous native memory on the ESP32 (nf-interpreter PR #1986).
    /// </para>
    /// </summary>
    public sealed partial class NanoMqttLink : MqttLink, IMqttClientDriver
    {
        /// <summary>Tasmota rc (PubSubClient MQTT_CONNECTION_TIMEOUT) for a broker that never sent CONNACK.</summary>
        public const int RcTimeout = -4;

        /// <summary>Tasmota rc for a broker name that did not resolve.</summary>
        public const int RcDnsError = -5;

        /// <summary>Folder of MqttCaFile.</summary>
        public const string CaFolder = "I:\\";

        private readonly object _lock = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ArrayList _jobs = new ArrayList(); // session, options (null = close), oldest first
        private readonly ILog _log;
        private bool _workerStarted;
        private MqttClient _live;        // the client of session _liveSession, null when none
        private int _liveSession;
        private MqttClient _attempt;     // the client still blocked in Connect, null when none
        private int _attemptSession;
        private MqttClient _closing;     // an attempt handed to the closer thread
        private string _caName;          // MqttCaFile the cached certificate came from
        private X509Certificate _ca;     // cached CA certificate (worker thread only)

        /// <summary>Creates the link; <paramref name="log"/> may be null.</summary>
        public NanoMqttLink(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        void IMqttClientDriver.Open(int session, MqttConnectOptions options)
        {
            Queue(session, options);
        }

        /// <inheritdoc />
        void IMqttClientDriver.Close(int session)
        {
            MqttClient blocked = null;
            lock (_lock)
            {
                if (_attempt != null && _attemptSession == session)
                {
                    // M2Mqtt waits 30 s for a silent broker: closing the socket ends that wait.
                    blocked = _attempt;
                    _attempt = null;
                    _closing = blocked;
                }
            }

            if (blocked != null)
            {
                try
                {
                    new Thread(new ThreadStart(CloseBlocked)).Start();
                }
                catch (Exception e)
                {
                    Log("MQTT close thread failed: ", e.Message);
                }
            }

            Queue(session, null);
        }

        /// <inheritdoc />
        bool IMqttClientDriver.Send(int session, string topic, string payload, bool retain, bool qos1)
        {
            MqttClient c = Live(session);
            if (c == null || !c.IsConnected)
            {
                return false;
            }

            try
            {
                // 3.1.1: contentType and userProperties must be null (NotSupportedException otherwise).
                c.Publish(topic, Encode(payload), null, null, qos1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce, retain);
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
        void IMqttClientDriver.Subscribe(int session, string topicFilter, bool add)
        {
            MqttClient c = Live(session);
            if (c == null)
            {
                return;
            }

            try
            {
                if (add)
                {
                    c.Subscribe(new string[] { topicFilter }, new MqttQoSLevel[] { MqttQoSLevel.AtMostOnce });
                }
                else
                {
                    c.Unsubscribe(new string[] { topicFilter });
                }
            }
            catch (Exception e)
            {
                Log(add ? "MQTT subscribe failed: " : "MQTT unsubscribe failed: ", e.Message);
            }
        }

        private MqttClient Live(int session)
        {
            lock (_lock)
            {
                return _liveSession == session ? _live : null;
            }
        }

        private int SessionOf(object client)
        {
            lock (_lock)
            {
                return client != null && client == _live ? _liveSession : 0;
            }
        }

        // Library dispatch thread: network loss, keep-alive timeout, broker gone. The core's MqttLink
        // drops it unless it is the current session, and then asks the worker to dispose the client.
        private void OnConnectionClosed(object sender, EventArgs e)
        {
            try
            {
                int session = SessionOf(sender);
                if (session != 0)
                {
                    Lost(session);
                }
            }
            catch (Exception ex)
            {
                Log("MQTT close handler failed: ", ex.Message);
            }
        }

        // Library dispatch thread.
        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            try
            {
                int session = SessionOf(sender);
                if (session == 0)
                {
                    return;
                }

                byte[] message = e.Message;
                if (message != null && message.Length > TopicSet.MaxMessageBytes)
                {
                    // Refused before decoding: the heap holds tens of KB.
                    Log("MQTT message too large, dropped: ", e.Topic);
                    return;
                }

                Received(session, e.Topic, Decode(message), e.Retain);
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
