using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Telemetry
{
    /// <summary>Appends sensor keys to the open SENSOR object; true when it wrote any.</summary>
    public delegate bool SensorWriter(CommandResponse r);

    /// <summary>
    /// Periodic telemetry and the connect-time reports:
    /// <list type="bullet">
    /// <item>On the first MQTT connect after boot: tele/&lt;t&gt;/INFO1, INFO2, INFO3 (Tasmota's
    ///   initial_connection_state). INFO2 carries Hostname and IPAddress only: there is no web server,
    ///   so Tasmota's WebServerMode is left out.</item>
    /// <item>On every connect (SmartLamp improvement: Tasmota does this only on the first): the power
    ///   state of every relay, and tele/&lt;t&gt;/STATE 5 s later, then every TelePeriod seconds.</item>
    /// <item>Commands: State (STATE JSON on RESULT) and TelePeriod (0 = off, 1 = default 300,
    ///   2..9 = 10, max 3600; any TelePeriod command answers {"TelePeriod":n} and publishes STATE right
    ///   after, as Tasmota restarts its tele counter there).</item>
    /// </list>
    /// The period timer keeps running while MQTT is down, so STATE then appears in the log as
    /// "RSL: STATE = ...", as on Tasmota. TelePeriod 0 disables STATE entirely (also at connect).
    /// </summary>
    public sealed class TelemetryService
    {
        /// <summary>Delay of the first STATE after a connect (Tasmota: tele_period = TelePeriod - 5).</summary>
        public const int FirstStateDelayMs = 5000;

        /// <summary>Default TelePeriod in seconds.</summary>
        public const int DefaultTelePeriod = 300;

        private readonly SettingsService _settings;
        private readonly MqttPublisher _publisher;
        private readonly TopicSet _topics;
        private readonly StateReport _state;
        private readonly PowerController _power;
        private readonly INetworkLink _network;
        private readonly ISystemControl _system;
        private readonly string _module;
        private readonly string _version;
        private readonly ITimer _timer;
        private readonly IClock _clock;
        private readonly CommandResponse _json = new CommandResponse();
        private bool _scheduled;

        /// <summary>Creates the service; <paramref name="module"/> is the board name, <paramref name="version"/> the firmware version string.</summary>
        public TelemetryService(SettingsService settings, MqttPublisher publisher, TopicSet topics, StateReport state, PowerController power, INetworkLink network, ISystemControl system, EventLoop clock, string module, string version)
        {
            _settings = settings;
            _publisher = publisher;
            _topics = topics;
            _state = state;
            _power = power;
            _network = network;
            _system = system;
            _module = module == null ? string.Empty : module;
            _version = version == null ? string.Empty : version;
            _clock = clock;
            _timer = clock.Timeout("TelePeriod", OnTimer);
        }

        private static readonly string[] CommandNames = new string[] { "STATE", "TELEPERIOD" };

        /// <summary>Registers STATE and TELEPERIOD.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
        }

        /// <summary>Session is up: INFO1-3 on the first connect, the power state, STATE in 5 s then every TelePeriod.</summary>
        public void OnMqttConnected(bool firstSinceBoot)
        {
            if (firstSinceBoot)
            {
                PublishInfo();
            }

            _power.PublishAllPowerStates();
            _scheduled = true;
            Schedule(FirstStateDelayMs);
        }

        /// <summary>Applies a TelePeriod change to a running schedule (e.g. after Reset).</summary>
        public void OnSettingsChanged(int changeFlags)
        {
            if ((changeFlags & SettingsChange.TelePeriod) != 0 && _scheduled)
            {
                Schedule(PeriodMs());
            }
        }

        /// <summary>Publishes tele/&lt;t&gt;/STATE now.</summary>
        public void PublishState()
        {
            PublishStateOnly();
            PublishSensor();
        }

        /// <summary>Stops the period timer.</summary>
        public void Stop()
        {
            _timer.Stop();
            _scheduled = false;
        }

        private void PublishInfo()
        {
            DeviceSettings s = _settings.Current;
            _json.Clear();
            _json.BeginObject("Info1");
            _json.Add("Module", _module);
            _json.Add("Version", _version);
            _json.Add("FallbackTopic", _topics.FallbackCmndBase);
            if (_topics.GroupCmndBase != null)
            {
                _json.Add("GroupTopic", _topics.GroupCmndBase);
            }

            _publisher.Publish(TopicSet.Tele, "INFO1", _json.ToJson(), s.InfoRetain);

            _json.Clear();
            _json.BeginObject("Info2");
            _json.Add("Hostname", _topics.Hostname);
            _json.Add("IPAddress", _network.IpAddress);
            _publisher.Publish(TopicSet.Tele, "INFO2", _json.ToJson(), s.InfoRetain);

            _json.Clear();
            _json.BeginObject("Info3");
            _json.Add("RestartReason", _system.RestartReason);
            _json.Add("BootCount", s.BootCount);
            if (s.LoadReport != null)
            {
                _json.Add("SettingsLoad", s.LoadReport);
            }

            _publisher.Publish(TopicSet.Tele, "INFO3", _json.ToJson(), s.InfoRetain);
        }

        /// <summary>
        /// Writes the SENSOR keys after "Time" (e.g. "Switch1":"ON") and returns true when there are any;
        /// null = no sensors (tele/&lt;t&gt;/SENSOR is then never published, as in Tasmota).
        /// </summary>
        public SensorWriter Sensors { get; set; }

        /// <summary>Publishes tele/&lt;t&gt;/SENSOR {"Time":..,...} when a sensor source has data (retained with SensorRetain).</summary>
        public void PublishSensor()
        {
            SensorWriter w = Sensors;
            if (w == null)
            {
                return;
            }

            _json.Clear();
            _json.Add("Time", _state.TimeText()); // local time, as STATE
            if (w(_json))
            {
                _publisher.Publish(TopicSet.Tele, "SENSOR", _json.ToJson(), _settings.Current.SensorRetain);
            }
        }

        /// <summary>SetOption59: tele/&lt;t&gt;/STATE after every power change (Home Assistant's hass_tele_on_power).</summary>
        public void OnPowerChanged(RelayChangeReason reason, int changedMask, int powerMask, RelayReport report)
        {
            if (report == RelayReport.Switched && SetOptionFlags.Get(_settings.Current, 59))
            {
                PublishStateOnly();
            }
        }

        private void PublishStateOnly()
        {
            _json.Clear();
            _state.Write(_json);
            _publisher.Publish(TopicSet.Tele, "STATE", _json.ToJson(), _settings.Current.StateRetain);
        }

        private void CmndState(CommandRequest request, CommandResponse response)
        {
            _state.Write(response);
            if (SetOptionFlags.Get(_settings.Current, 59))
            {
                PublishStateOnly();
            }
        }

        private void CmndTelePeriod(CommandRequest request, CommandResponse response)
        {
            DeviceSettings s = _settings.Current;
            int value;
            if (!request.IsQuery && TextFormat.TryParseInt(request.Payload, out value) && value >= 0 && value <= 3600)
            {
                if (value == 1)
                {
                    value = DefaultTelePeriod;
                }
                else if (value > 0 && value < 10)
                {
                    value = 10;
                }

                _settings.Set(ref s.TelePeriod, value, SettingsChange.TelePeriod);
            }

            response.Add("TelePeriod", s.TelePeriod);
            _scheduled = true;
            Schedule(0);
        }

        private long PeriodMs()
        {
            return _settings.Current.TelePeriod * 1000L;
        }

        private void Schedule(long dueMs)
        {
            long period = PeriodMs();
            if (period <= 0)
            {
                _timer.Stop();
                return;
            }

            _timer.Start(dueMs, period);
        }

        private void OnTimer()
        {
            PublishState();
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndState(req, resp); break;
                case 1: CmndTelePeriod(req, resp); break;
            }
        }
    }
}
