namespace SmartLamp.Core.Mqtt
{
    /// <summary>Raised when a session that was up ends (broker lost, network down, settings change, stop).</summary>
    public delegate void MqttSessionDisconnectedHandler();

    /// <summary>
    /// A capability that listens on MQTT topics of its own (Subscribe/rules, Home Assistant's status topic).
    /// Registered with <see cref="MqttSession.AddClient"/>; the session calls it on the owner's thread.
    /// </summary>
    public interface IMqttSessionClient
    {
        /// <summary>
        /// Called on every (re)connect after the device's command subscriptions and before LWT Online:
        /// subscribe the client's filters with <see cref="MqttSession.Subscribe"/>.
        /// </summary>
        void OnSubscribing(MqttSession session);

        /// <summary>
        /// A message that is not a command for this device (already size-checked and echo-filtered).
        /// Every client is offered every such message, whatever the others answer (two capabilities may
        /// listen on overlapping topics), so there is nothing to answer.
        /// </summary>
        void OnForeignMessage(string topic, string payload, bool retained);

        /// <summary>
        /// True while this client needs <paramref name="topicFilter"/> subscribed: the session never
        /// unsubscribes a filter that another client (or the device itself) still holds.
        /// </summary>
        bool Holds(string topicFilter);
    }
}
