using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Network
{
    /// <summary>
    /// The MQTT link's state machine, shared by every implementation of <see cref="IMqttLink"/> (the
    /// device's M2Mqtt link and the simulator's MQTTnet link derive from it; tests drive it with a scripted
    /// driver). It keeps the contract written on the port, whatever the library does:
    /// <list type="bullet">
    /// <item>each Connect is a new session; it ends in exactly one connected or failed report;</item>
    /// <item>a Connect while a session runs or is up closes that session first, without a report;</item>
    /// <item>Publish, Subscribe and Unsubscribe are refused while no session is up;</item>
    /// <item>a Disconnect the core asks for closes the session and is never reported;</item>
    /// <item>whatever the library reports for a session that is no longer the current one (a late
    /// CONNACK, a close, a message) is dropped; a late success is closed;</item>
    /// <item>disconnected only follows connected; a session lost before its connect result fails (-2);</item>
    /// <item>reports never overlap: they are made one at a time under the report lock.</item>
    /// </list>
    /// Two small locks: the state lock is held to read or change the session number and state, never while
    /// calling out; the report lock is held while the listener runs (the core's listener only posts to its
    /// loop). Driver calls run outside both.
    /// </summary>
    public class MqttLink : IMqttLink
    {
        /// <summary>Tasmota rc for a session that failed on the network (also: lost before its connect result).</summary>
        public const int RcNetworkError = -2;

        private const int Idle = 0;
        private const int Connecting = 1;
        private const int Up = 2;

        private readonly object _state = new object();
        private readonly object _report = new object();
        private IMqttClientDriver _driver;
        private IMqttLinkListener _listener;
        private int _session;
        private int _phase;
        private bool _lostEarly;

        /// <summary>A link that drives <paramref name="driver"/>.</summary>
        public MqttLink(IMqttClientDriver driver)
        {
            _driver = driver;
        }

        /// <summary>For an adapter that is its own driver: it implements <see cref="IMqttClientDriver"/>.</summary>
        protected MqttLink()
        {
            _driver = this as IMqttClientDriver;
        }

        /// <summary>Number of the current (or last) session; 0 before the first Connect.</summary>
        public int Session
        {
            get
            {
                lock (_state)
                {
                    return _session;
                }
            }
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                lock (_state)
                {
                    return _phase == Up;
                }
            }
        }

        /// <inheritdoc />
        public void Attach(IMqttLinkListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public void Connect(MqttConnectOptions options)
        {
            MqttConnectOptions copy = options.Copy();
            int old;
            int session;
            lock (_state)
            {
                old = _phase != Idle ? _session : 0;
                _session++;
                session = _session;
                _phase = Connecting;
                _lostEarly = false;
            }

            if (old != 0)
            {
                _driver.Close(old);
            }

            _driver.Open(session, copy);
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            int old;
            lock (_state)
            {
                if (_phase == Idle)
                {
                    return;
                }

                old = _session;
                _phase = Idle;
            }

            _driver.Close(old);
        }

        /// <inheritdoc />
        public bool Publish(string topic, string payload, bool retain, bool qos1)
        {
            int session = UpSession();
            return session != 0 && _driver.Send(session, topic, payload, retain, qos1);
        }

        /// <inheritdoc />
        public void Subscribe(string topicFilter)
        {
            int session = UpSession();
            if (session != 0)
            {
                _driver.Subscribe(session, topicFilter, true);
            }
        }

        /// <inheritdoc />
        public void Unsubscribe(string topicFilter)
        {
            int session = UpSession();
            if (session != 0)
            {
                _driver.Subscribe(session, topicFilter, false);
            }
        }

        /// <summary>The driver's result for <paramref name="session"/>: 0 = CONNACK accepted, else Tasmota's rc. Any thread.</summary>
        public void Opened(int session, int rc)
        {
            bool stale = false;
            lock (_report)
            {
                lock (_state)
                {
                    if (session != _session || _phase != Connecting)
                    {
                        stale = true;
                    }
                    else
                    {
                        if (rc == 0 && _lostEarly)
                        {
                            rc = RcNetworkError;
                        }

                        _phase = rc == 0 ? Up : Idle;
                        _lostEarly = false;
                    }
                }

                if (!stale)
                {
                    IMqttLinkListener l = _listener;
                    if (l != null)
                    {
                        if (rc == 0)
                        {
                            l.OnMqttConnected();
                        }
                        else
                        {
                            l.OnMqttConnectFailed(rc);
                        }
                    }
                }
            }

            if ((stale && rc == 0) || (!stale && rc != 0))
            {
                // A success nobody waits for any more, or the remains of a failed attempt.
                _driver.Close(session);
            }
        }

        /// <summary>The library lost <paramref name="session"/> (network, broker, keep-alive). Any thread.</summary>
        public void Lost(int session)
        {
            bool report = false;
            lock (_report)
            {
                lock (_state)
                {
                    if (session == _session && _phase == Up)
                    {
                        _phase = Idle;
                        report = true;
                    }
                    else if (session == _session && _phase == Connecting)
                    {
                        // Closed before its result was reported: the result becomes a failure.
                        _lostEarly = true;
                    }
                }

                IMqttLinkListener l = _listener;
                if (report && l != null)
                {
                    l.OnMqttDisconnected();
                }
            }

            if (report)
            {
                _driver.Close(session);
            }
        }

        /// <summary>A message arrived on <paramref name="session"/>; passed on only while that session is the current one and up. Any thread.</summary>
        public void Received(int session, string topic, string payload, bool retained)
        {
            lock (_report)
            {
                IMqttLinkListener l = _listener;
                if (l != null && UpSession() == session && session != 0)
                {
                    l.OnMqttMessage(topic, payload == null ? string.Empty : payload, retained);
                }
            }
        }

        private int UpSession()
        {
            lock (_state)
            {
                return _phase == Up ? _session : 0;
            }
        }
    }
}
