using SmartLamp.Core.Network;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>
    /// A library for <see cref="MqttLink"/> that does nothing by itself: it records the calls, and the test
    /// (through <see cref="ScriptedMqttLinkBench"/>) plays the library's reports, including late ones of
    /// sessions the link has closed.
    /// </summary>
    public sealed class ScriptedMqttDriver : IMqttClientDriver
    {
        /// <summary>Session of the last Open.</summary>
        public int LastOpened;

        /// <summary>Session of the last Close.</summary>
        public int LastClosed;

        /// <summary>Close calls.</summary>
        public int Closes;

        /// <summary>The session the scripted broker holds open (0 = none).</summary>
        public int Live;

        /// <summary>Publishes the library accepted (it accepts any: refusing while down is the link's job).</summary>
        public int Sent;

        /// <inheritdoc />
        public void Open(int session, MqttConnectOptions options)
        {
            LastOpened = session;
        }

        /// <inheritdoc />
        public void Close(int session)
        {
            Closes++;
            LastClosed = session;
            if (Live == session)
            {
                Live = 0;
            }
        }

        /// <inheritdoc />
        public bool Send(int session, string topic, string payload, bool retain, bool qos1)
        {
            Sent++;
            return true;
        }

        /// <inheritdoc />
        public void Subscribe(int session, string topicFilter, bool add)
        {
        }
    }

    /// <summary>Runs <see cref="MqttLinkContract"/> on the core's <see cref="MqttLink"/> with a <see cref="ScriptedMqttDriver"/>.</summary>
    public sealed class ScriptedMqttLinkBench : IMqttLinkBench
    {
        private ScriptedMqttDriver _driver;
        private MqttLink _link;
        private int _plan;

        /// <inheritdoc />
        public int PatienceMs
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public IMqttLink Start(IMqttLinkListener listener)
        {
            _driver = new ScriptedMqttDriver();
            _link = new MqttLink(_driver);
            _link.Attach(listener);
            return _link;
        }

        /// <inheritdoc />
        public void Connect(int plan)
        {
            _plan = plan;
            MqttConnectOptions o = new MqttConnectOptions();
            o.Host = "broker";
            o.Port = 1883;
            o.ClientId = "contract";
            _link.Connect(o);
        }

        /// <inheritdoc />
        public void Answer()
        {
            int session = _driver.LastOpened;
            if (_plan == MqttLinkContract.Refuse)
            {
                _link.Opened(session, 5);
                return;
            }

            // Accepted, or a held attempt whose CONNACK comes late.
            _driver.Live = session;
            _link.Opened(session, 0);
        }

        /// <inheritdoc />
        public void Drop()
        {
            int session = _driver.Live;
            _driver.Live = 0;
            _link.Lost(session);
        }

        /// <inheritdoc />
        public void Deliver(string topic, string payload)
        {
            _link.Received(_driver.Live, topic, payload, false);
        }

        /// <inheritdoc />
        public void LateEvents()
        {
            int session = _driver.LastClosed;
            _link.Received(session, "contract/in", "late", false);
            _link.Lost(session);
            _link.Opened(session, 0);
        }
    }
}
