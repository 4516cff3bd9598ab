using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Leds
{
    /// <summary>
    /// An <see cref="IMqttLink"/> decorator that tells the <see cref="StatusLed"/> about every publish
    /// (LedState 4..7 flash on publications); everything else is passed through unchanged.
    /// </summary>
    public sealed class LedActivityLink : IMqttLink
    {
        private readonly IMqttLink _inner;

        /// <summary>Wraps <paramref name="inner"/>.</summary>
        public LedActivityLink(IMqttLink inner)
        {
            if (inner == null)
            {
                throw new System.ArgumentNullException("inner");
            }

            _inner = inner;
        }

        /// <summary>The LED to notify (may be set after construction; null = nobody).</summary>
        public StatusLed Led { get; set; }

        /// <inheritdoc />
        public bool IsConnected
        {
            get { return _inner.IsConnected; }
        }

        /// <inheritdoc />
        public void Attach(IMqttLinkListener listener)
        {
            _inner.Attach(listener);
        }

        /// <inheritdoc />
        public void Connect(MqttConnectOptions options)
        {
            _inner.Connect(options);
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            _inner.Disconnect();
        }

        /// <inheritdoc />
        public bool Publish(string topic, string payload, bool retain, bool qos1)
        {
            bool sent = _inner.Publish(topic, payload, retain, qos1);
            StatusLed led = Led;
            if (sent && led != null)
            {
                led.OnMqttActivity(true);
            }

            return sent;
        }

        /// <inheritdoc />
        public void Subscribe(string topicFilter)
        {
            _inner.Subscribe(topicFilter);
        }

        /// <inheritdoc />
        public void Unsubscribe(string topicFilter)
        {
            _inner.Unsubscribe(topicFilter);
        }
    }
}
