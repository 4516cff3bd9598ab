using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Configuration
{
    /// <summary>
    /// Tasmota's configuration commands over the shared dispatcher: MqttHost, MqttPort, MqttUser,
    /// MqttPassword, MqttClient, Topic, GroupTopic, FullTopic, Prefix1-3, MqttRetry, MqttKeepAlive,
    /// SSId1/2, Password1/2, SetOption0/4/26 (alias SO), MqttRetainedCmnd (SmartLamp option: execute
    /// retained cmnd messages), Backlog/Backlog0, Restart 1 and Reset 1.
    /// Topic/GroupTopic/MqttClient sent with a value through the group topic change nothing (logged)
    /// and answer the current value, as Tasmota's grpflg check does for Topic and MqttClient.
    /// Differences from Tasmota, on purpose: passwords are never echoed ("****" on set and query);
    /// GroupTopic is guarded like Topic (Tasmota lets the group topic rename itself on every device);
    /// text values with control characters or over the length limit answer {"Command":"Error"};
    /// changes reconnect (SettingsChange flags) instead of restarting.
    /// </summary>
    public sealed partial class ConfigCommands
    {
        private SetOptionHandler[] _optionHandlers = new SetOptionHandler[0];

        /// <summary>Most commands one Backlog queue holds (Tasmota's MAX_BACKLOG).</summary>
        public const int MaxBacklog = BacklogQueue.MaxBacklog;

        /// <summary>Delay between Backlog commands (Tasmota's SetOption34 default).</summary>
        public const int BacklogDelayMs = BacklogQueue.SpacingMs;

        /// <summary>Delay between the Restart/Reset answer and the restart, so the answer goes out first.</summary>
        public const int RestartDelayMs = 500;

        /// <summary>What password commands answer instead of the password.</summary>
        public const string Asterisks = SchemaCommands.Asterisks;

        private readonly CommandDispatcher _dispatcher;
        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly PowerController _power;
        private readonly ISystemControl _system;
        private readonly ILog _log;
        private readonly BacklogQueue _backlog;
        private readonly ITimer _restartTimer;
        private bool _resetPending;

        private ConfigCommands(CommandDispatcher d, SettingsService s, PowerController power, EventLoop clock, ISystemControl system, ILog log)
        {
            _dispatcher = d;
            _service = s;
            _s = s.Current;
            _power = power;
            _system = system;
            _log = log;
            _backlog = new BacklogQueue(d, clock, log);
            _restartTimer = clock.Timeout("Restart", OnRestartTimer);
        }

        /// <summary>The commands made from settings schema lines (MqttHost, MqttPort, MqttUser, MqttPassword, FullTopic, Prefix1-3, MqttRetry, MqttKeepAlive, SSId1/2, MqttRetainedCmnd); registered with the other configuration commands (a later Add throws).</summary>
        public SchemaCommands PlainSettings { get; private set; }

        private static readonly string[] CommandNames = new string[] { "MQTTCLIENT", "TOPIC", "PASSWORD", "SETOPTION", "SO", "BACKLOG", "RESTART", "RESET" };

        /// <summary>
        /// Registers the configuration commands on <paramref name="d"/>. Defaults that depend on the MAC
        /// come from <see cref="SettingsService.Mac"/>. <paramref name="power"/> may be null (no relays).
        /// </summary>
        public static ConfigCommands Register(CommandDispatcher d, SettingsService s, PowerController power, EventLoop clock, ISystemControl system, ILog log)
        {
            Require.NotNull(d, "d");
            Require.NotNull(s, "s");
            Require.NotNull(clock, "clock");
            Require.NotNull(system, "system");

            ConfigCommands c = new ConfigCommands(d, s, power, clock, system, log);

            SchemaCommands plain = new SchemaCommands(s);
            c.PlainSettings = plain;
            plain.AddText("MqttHost", SettingsChange.Mqtt, SchemaCommands.ZeroClears);
            plain.Add("MqttPort", SettingsChange.Mqtt, SchemaCommands.OneIsDefault);
            plain.AddText("MqttUser", SettingsChange.Mqtt, SchemaCommands.ZeroClears);
            plain.AddText("MqttPassword", SettingsChange.Mqtt, SchemaCommands.ZeroClears | SchemaCommands.Secret);
            d.Register(CommandNames, c.OnCommand);
            plain.AddText("FullTopic", SettingsChange.Topics, SchemaCommands.DeleteMqtt);
            plain.AddTexts("Prefix", 3, SettingsChange.Topics, SchemaCommands.ReplaceMqtt);
            plain.Add("MqttRetry", 0);
            plain.Add("MqttKeepAlive", 0);
            plain.AddTexts("SSId", 2, SettingsChange.Wifi, SchemaCommands.ZeroClears);
            plain.AddFlag("MqttRetainedCmnd", 0);
            plain.Register(d);
            c._backlog.Register(d);
            return c;
        }

        /// <summary>Commands waiting in the Backlog queue.</summary>
        public int BacklogCount
        {
            get { return _backlog.Count; }
        }

        /// <summary>The Backlog queue (rules hand the commands after a Delay to it).</summary>
        public BacklogQueue Backlog
        {
            get { return _backlog; }
        }

        /// <summary>Tasmota's MakeValidMqtt (<see cref="Chars.MakeValidMqtt"/>).</summary>
        public static string MakeValidMqtt(string value, bool delete)
        {
            return Chars.MakeValidMqtt(value, delete);
        }

        private bool UpdateText(ref string field, string payload, string defaultValue, int options, int minLength, int maxLength, int changeFlags)
        {
            string v;
            if (!SchemaCommands.TryText(payload, defaultValue, options, minLength, maxLength, out v))
            {
                return false;
            }

            if (v != null)
            {
                _service.Set(ref field, v, changeFlags);
            }

            return true;
        }

        private void Log(string a, string b)
        {
            SafeLog.Write(_log, "CMD", a, b, null);
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndMqttClient(req, resp); break;
                case 1: CmndTopic(req, resp); break;
                case 2: CmndPassword(req, resp); break;
                case 3: // SETOPTION
                case 4: CmndSetOption(req, resp); break; // SO
                case 5: CmndBacklog(req, resp); break;
                case 6: CmndRestart(req, resp); break;
                case 7: CmndReset(req, resp); break;
            }
        }
    }
}
