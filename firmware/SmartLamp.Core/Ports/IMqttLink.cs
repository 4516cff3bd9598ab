namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Connection to an MQTT broker. Payloads cross this port as strings; the adapter converts bytes
    /// (UTF-8; invalid sequences become U+FFFD, never an exception). Every call returns at once: the
    /// adapter connects on its own thread and reports through <see cref="IMqttLinkListener"/>.
    /// Device adapter: nanoFramework.M2Mqtt; host adapter: MQTTnet (tools/SmartLamp.Simulator);
    /// test double: SmartLamp.TestDoubles.FakeMqttLink.
    /// Contract every implementation keeps: each Connect ends in exactly one OnMqttConnected or
    /// OnMqttConnectFailed; a Connect while a session runs replaces it without a report for the old one;
    /// Publish returns false while not connected; after Disconnect returns the link is down and reports
    /// nothing for that session (no OnMqttDisconnected for a disconnect the core asked for, no late result
    /// or message); OnMqttDisconnected only follows an OnMqttConnected; callbacks never overlap.
    /// SmartLamp.Core.Network.MqttLink keeps it for the device and simulator links (they derive from it);
    /// tests/SmartLamp.Core.Tests/Links/MqttLinkContract.cs checks it on every implementation.
    /// </summary>
    public interface IMqttLink
    {
        /// <summary>Sets the listener that receives connection events and messages.</summary>
        void Attach(IMqttLinkListener listener);

        /// <summary>Starts one connection attempt; the outcome arrives as OnMqttConnected or OnMqttConnectFailed.</summary>
        void Connect(MqttConnectOptions options);

        /// <summary>Sends DISCONNECT (the broker does not publish the will) and closes.</summary>
        void Disconnect();

        /// <summary>Publishes at QoS 0 (QoS 1 when <paramref name="qos1"/>); false when not connected or refused.</summary>
        bool Publish(string topic, string payload, bool retain, bool qos1);

        /// <summary>Subscribes to a topic filter at QoS 0.</summary>
        void Subscribe(string topicFilter);

        /// <summary>Removes a subscription.</summary>
        void Unsubscribe(string topicFilter);

        /// <summary>True while a session is up.</summary>
        bool IsConnected { get; }
    }

    /// <summary>Receives what an <see cref="IMqttLink"/> reports. Called on adapter threads.</summary>
    public interface IMqttLinkListener
    {
        /// <summary>CONNACK accepted.</summary>
        void OnMqttConnected();

        /// <summary>The attempt failed; <paramref name="reasonCode"/> is Tasmota's rc (-5 DNS, -2 network, 1..5 CONNACK refusals).</summary>
        void OnMqttConnectFailed(int reasonCode);

        /// <summary>An established session ended (network loss, broker gone, keep-alive timeout).</summary>
        void OnMqttDisconnected();

        /// <summary>A message arrived. <paramref name="payload"/> is never null ("" for an empty payload).</summary>
        void OnMqttMessage(string topic, string payload, bool retained);
    }

    /// <summary>What a connect attempt needs. Plain fields: one instance is reused.</summary>
    public sealed class MqttConnectOptions
    {
        /// <summary>Broker host name or address.</summary>
        public string Host;

        /// <summary>Broker TCP port.</summary>
        public int Port;

        /// <summary>MQTT client id.</summary>
        public string ClientId;

        /// <summary>User name, null or "" = none.</summary>
        public string User;

        /// <summary>Password, null or "" = none.</summary>
        public string Password;

        /// <summary>Last-will topic (tele/&lt;t&gt;/LWT).</summary>
        public string WillTopic;

        /// <summary>Last-will payload ("Offline").</summary>
        public string WillPayload;

        /// <summary>Last will retained.</summary>
        public bool WillRetain;

        /// <summary>Keep-alive in seconds.</summary>
        public int KeepAliveSeconds;

        /// <summary>Clean session flag.</summary>
        public bool CleanSession;

        /// <summary>Connect over TLS.</summary>
        public bool Tls;

        /// <summary>With TLS: file name of the broker's CA certificate (PEM) in the device's storage; null or "" = the platform's stored CA.</summary>
        public string CaFile;

        /// <summary>A copy of every field (a field added here is copied too).</summary>
        public MqttConnectOptions Copy()
        {
            return (MqttConnectOptions)MemberwiseClone();
        }
    }
}
