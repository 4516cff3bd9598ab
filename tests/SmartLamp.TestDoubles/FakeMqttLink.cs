using System.Collections;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.TestDoubles
{
    /// <summary>
    /// In-memory MQTT link for unit tests: records connects, publishes and subscriptions, and lets the
    /// test play the broker (accept or refuse a connect, deliver a message, drop the session).
    /// Nothing happens asynchronously: each Accept/Deliver calls the listener right away. It keeps the
    /// port's contract (checked by the shared contract suite): an answer to an attempt given up and a drop
    /// while no session is up report nothing.
    /// </summary>
    public sealed class FakeMqttLink : IMqttLink
    {
        private readonly ArrayList _published = new ArrayList();
        private readonly ArrayList _subscriptions = new ArrayList();
        private IMqttLinkListener _listener;

        /// <summary>Connect attempts so far.</summary>
        public int ConnectAttempts { get; private set; }

        /// <summary>Options of the last attempt (a copy).</summary>
        public MqttConnectOptions LastOptions { get; private set; }

        /// <summary>True between Connect and its outcome.</summary>
        public bool ConnectPending { get; private set; }

        /// <summary>Clean disconnects requested by the core.</summary>
        public int Disconnects { get; private set; }

        /// <inheritdoc />
        public bool IsConnected { get; private set; }

        /// <summary>Everything published, oldest first.</summary>
        public int PublishedCount
        {
            get { return _published.Count; }
        }

        /// <summary>Published message number <paramref name="i"/>.</summary>
        public FakeMqttMessage PublishedAt(int i)
        {
            return (FakeMqttMessage)_published[i];
        }

        /// <summary>Current subscriptions.</summary>
        public string[] Subscriptions
        {
            get
            {
                string[] a = ArraySlots.Strings(_subscriptions.Count);
                for (int i = 0; i < a.Length; i++)
                {
                    a[i] = (string)_subscriptions[i];
                }

                return a;
            }
        }

        /// <summary>True when <paramref name="filter"/> is subscribed.</summary>
        public bool IsSubscribed(string filter)
        {
            return _subscriptions.Contains(filter);
        }

        /// <summary>Forgets recorded publishes.</summary>
        public void ClearPublished()
        {
            _published.Clear();
        }

        /// <summary>The most recent publish on <paramref name="topic"/>, or null.</summary>
        public FakeMqttMessage Last(string topic)
        {
            for (int i = _published.Count - 1; i >= 0; i--)
            {
                FakeMqttMessage m = (FakeMqttMessage)_published[i];
                if (m.Topic == topic)
                {
                    return m;
                }
            }

            return null;
        }

        /// <summary>How many publishes went to <paramref name="topic"/>.</summary>
        public int CountOn(string topic)
        {
            int n = 0;
            for (int i = 0; i < _published.Count; i++)
            {
                if (((FakeMqttMessage)_published[i]).Topic == topic)
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>All publishes as "topic = payload" lines ((retained) appended when retained).</summary>
        public string Transcript()
        {
            string s = string.Empty;
            for (int i = 0; i < _published.Count; i++)
            {
                s += _published[i].ToString() + "\n";
            }

            return s;
        }

        /// <inheritdoc />
        public void Attach(IMqttLinkListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public void Connect(MqttConnectOptions options)
        {
            ConnectAttempts++;
            LastOptions = options.Copy();
            ConnectPending = true;

            // A new session replaces the current one (no report for it).
            IsConnected = false;
            _subscriptions.Clear();
        }

        /// <summary>The broker accepts the pending attempt (nothing happens when none is pending: it was given up).</summary>
        public void AcceptConnect()
        {
            if (!ConnectPending)
            {
                return;
            }

            ConnectPending = false;
            IsConnected = true;
            _subscriptions.Clear();
            _listener.OnMqttConnected();
        }

        /// <summary>The pending attempt fails with <paramref name="reasonCode"/> (nothing happens when none is pending).</summary>
        public void RefuseConnect(int reasonCode)
        {
            if (!ConnectPending)
            {
                return;
            }

            ConnectPending = false;
            IsConnected = false;
            _listener.OnMqttConnectFailed(reasonCode);
        }

        /// <summary>The broker ends the session (reported only when one is up).</summary>
        public void DropConnection()
        {
            if (!IsConnected)
            {
                return;
            }

            IsConnected = false;
            _subscriptions.Clear();
            _listener.OnMqttDisconnected();
        }

        /// <summary>
        /// The broker delivers a message (as if it matched a subscription). It reaches the listener whatever
        /// the state: tests use it to type commands while the session is down.
        /// </summary>
        public void Deliver(string topic, string payload, bool retained)
        {
            _listener.OnMqttMessage(topic, payload, retained);
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            Disconnects++;
            IsConnected = false;
            ConnectPending = false;
            _subscriptions.Clear();
        }

        /// <inheritdoc />
        public bool Publish(string topic, string payload, bool retain, bool qos1)
        {
            if (!IsConnected)
            {
                return false;
            }

            _published.Add(new FakeMqttMessage(topic, payload, retain));
            return true;
        }

        /// <inheritdoc />
        public void Subscribe(string topicFilter)
        {
            if (!_subscriptions.Contains(topicFilter))
            {
                _subscriptions.Add(topicFilter);
            }
        }

        /// <inheritdoc />
        public void Unsubscribe(string topicFilter)
        {
            _subscriptions.Remove(topicFilter);
        }
    }

    /// <summary>One recorded publish.</summary>
    public sealed class FakeMqttMessage
    {
        /// <summary>Creates a record.</summary>
        public FakeMqttMessage(string topic, string payload, bool retain)
        {
            Topic = topic;
            Payload = payload;
            Retain = retain;
        }

        /// <summary>Topic.</summary>
        public string Topic { get; }

        /// <summary>Payload.</summary>
        public string Payload { get; }

        /// <summary>Retain flag.</summary>
        public bool Retain { get; }

        /// <summary>"topic = payload" plus " (retained)".</summary>
        public override string ToString()
        {
            return Topic + " = " + Payload + (Retain ? " (retained)" : string.Empty);
        }
    }
}
