using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>Connecting and reconnecting: the connect attempt and its timeout, the retry backoff, and what a lost session undoes.</summary>
    public sealed partial class MqttSession : IMqttLinkListener
    {
        /// <inheritdoc />
        public void OnMqttConnected()
        {
            if (!EndAttempt())
            {
                // An attempt we abandoned (network down, settings change, stop) completed late.
                _link.Disconnect();
                return;
            }

            _connected = true;
            _multiplier = 1;
            LastRetrySeconds = 0;
            ConnectCount++;
            _log.Write("MQT", "Connected", null, null);

            // Tasmota publishes LWT Online first and subscribes after; a client that reacts to Online at
            // once (Home Assistant polls cmnd/<t>/STATE) could then lose its command. SmartLamp says Online
            // only once it listens. The empty POWER stays before the subscriptions, so the device does
            // not receive its own iobroker publish.
            _publisher.Publish(TopicSet.Cmnd, "POWER", string.Empty, false);
            Subscribe(_topics.CmndSubscription);
            for (int g = 0; g < DeviceSettings.GroupTopicCount; g++)
            {
                Subscribe(_topics.GroupSubscriptionAt(g));
            }

            Subscribe(_topics.FallbackSubscription);
            SubscribeClients();
            _publisher.Subscribed = true;
            _publisher.Publish(TopicSet.Tele, "LWT", LwtOnline, true);
            if (_staleLwt != null)
            {
                if (_staleLwt != _topics.TeleLwt)
                {
                    _publisher.PublishTopic(_staleLwt, string.Empty, true);
                }

                _staleLwt = null;
            }

            bool first = !_firstConnectDone;
            _firstConnectDone = true;
            MqttSessionConnectedHandler h = Connected;
            if (h != null)
            {
                h(first);
            }
        }

        /// <inheritdoc />
        public void OnMqttConnectFailed(int reasonCode)
        {
            if (EndAttempt())
            {
                ScheduleRetry(reasonCode);
            }
        }

        /// <summary>
        /// A broker that accepts TCP and never answers (or a link that never reports): the attempt is
        /// abandoned (the link reports nothing more for it) and retried with the usual backoff.
        /// </summary>
        private void OnConnectTimeout()
        {
            if (!EndAttempt())
            {
                return;
            }

            _log.Write("MQT", "No answer from the broker in " + (ConnectTimeoutMs / 1000).ToString() + " s, connect abandoned", null, null);
            _link.Disconnect();
            ScheduleRetry(ConnectTimeoutRc);
        }

        /// <inheritdoc />
        public void OnMqttDisconnected()
        {
            if (!_connected)
            {
                return;
            }

            _connected = false;
            _publisher.Subscribed = false;
            RaiseDisconnected();
            ScheduleRetry(ConnectionLostRc);
        }

        // Ends the attempt under way; false when there is none (the report is of an attempt already given up).
        private bool EndAttempt()
        {
            if (!_connecting)
            {
                return false;
            }

            _connecting = false;
            _connectTimer.Stop();
            return true;
        }

        private void RaiseDisconnected()
        {
            MqttSessionDisconnectedHandler h = Disconnected;
            if (h == null)
            {
                return;
            }

            try
            {
                h();
            }
            catch (System.Exception e)
            {
                _log.Write("MQT", "Disconnected handler failed: ", e.Message, null);
            }
        }

        private void ConnectIfPossible()
        {
            if (!_started || _connected || _connecting || !_network.IsUp || _settings.MqttHost == null || _settings.MqttHost.Length == 0)
            {
                return;
            }

            _options.Host = _settings.MqttHost;
            _options.Port = _settings.MqttPort;
            _options.ClientId = _settings.MqttClient;
            _options.User = _settings.MqttUser != null && _settings.MqttUser.Length > 0 ? _settings.MqttUser : null;
            _options.Password = _settings.MqttPassword != null && _settings.MqttPassword.Length > 0 ? _settings.MqttPassword : null;
            _options.WillTopic = _topics.TeleLwt;
            _options.WillPayload = LwtOffline;
            _options.WillRetain = true;
            _options.KeepAliveSeconds = _settings.MqttKeepAlive;
            _options.CleanSession = true;
            _options.Tls = _settings.MqttTls;
            _options.CaFile = _settings.MqttCaFile;

            _connecting = true;
            _log.Write("MQT", "Attempting connection...", null, null);
            _connectTimer.Start(ConnectTimeoutMs, 0);
            _link.Connect(_options);
        }

        private void ScheduleRetry(int reasonCode)
        {
            int retry = _settings.MqttRetry > 0 ? _settings.MqttRetry : 10;
            int wait = retry * _multiplier;
            if (wait < MaxRetrySeconds)
            {
                _multiplier++;
            }

            LastRetrySeconds = wait;
            _log.Write("MQT", "Connect failed to " + _settings.MqttHost + ":" + _settings.MqttPort.ToString(), ", rc " + reasonCode.ToString(), ". Retry in " + wait.ToString() + " sec");
            if (_started && _network.IsUp)
            {
                _retryTimer.Start(wait * 1000L, 0);
            }
        }

        private void OnRetryTimer()
        {
            ConnectIfPossible();
        }

        private void Drop()
        {
            bool wasActive = _connected || _connecting;
            bool wasConnected = _connected;
            _connected = false;
            _connecting = false;
            _connectTimer.Stop();
            _publisher.Subscribed = false;
            if (wasActive)
            {
                _link.Disconnect();
            }

            if (wasConnected)
            {
                RaiseDisconnected();
            }
        }
    }
}
