using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Network
{
    /// <summary>
    /// The MQTT library behind <see cref="MqttLink"/> (M2Mqtt on the device, MQTTnet in the simulator, a
    /// script in tests). <see cref="MqttLink"/> numbers each connect attempt (a session) and keeps the
    /// contract; the driver only makes library calls for the session it is given and reports back through
    /// <see cref="MqttLink.Opened"/>, <see cref="MqttLink.Lost"/> and <see cref="MqttLink.Received"/>,
    /// from any thread. Every call returns at once: blocking library work (connect, close) runs on the
    /// driver's own thread, never on the caller's (the core's loop).
    /// </summary>
    public interface IMqttClientDriver
    {
        /// <summary>Starts connecting <paramref name="session"/>; reports exactly one <see cref="MqttLink.Opened"/> for it. The options are a copy the driver may keep.</summary>
        void Open(int session, MqttConnectOptions options);

        /// <summary>Ends <paramref name="session"/> whatever its state (a clean DISCONNECT if it is up); reports nothing. Sessions end in the order they are closed.</summary>
        void Close(int session);

        /// <summary>Publishes on <paramref name="session"/>; false when that session is not up or the library refuses.</summary>
        bool Send(int session, string topic, string payload, bool retain, bool qos1);

        /// <summary>Subscribes (<paramref name="add"/>) or unsubscribes a topic filter on <paramref name="session"/> at QoS 0.</summary>
        void Subscribe(int session, string topicFilter, bool add);
    }
}
