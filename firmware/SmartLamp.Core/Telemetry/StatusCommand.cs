using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Telemetry
{
    /// <summary>
    /// Tasmota's Status command (support_command.ino CmndStatus). Answers are published with
    /// <see cref="ICommandOutput.Stat"/> on stat/&lt;t&gt;/STATUS&lt;n&gt;, never on RESULT:
    /// <list type="bullet">
    /// <item>"Status" (no or non-numeric payload): stat/&lt;t&gt;/STATUS only;</item>
    /// <item>"Status 0": STATUS, STATUS1 ... STATUS7, STATUS10, STATUS11 as separate messages;</item>
    /// <item>"Status0": one combined stat/&lt;t&gt;/STATUS0 {"Status":{..},"StatusPRM":{..},...};</item>
    /// <item>"Status n": stat/&lt;t&gt;/STATUS&lt;n&gt;;</item>
    /// <item>9 (energy margins), 12 (crash dump), 13 (shutters), anything above 13 or negative:
    ///   {"Command":"Error"} on RESULT, as Tasmota does for a status the device does not have.</item>
    /// </list>
    /// Every object lists Tasmota's keys in Tasmota's order, but only those this device has a real
    /// value for (see the README's "Status" table): no module number, friendly names, LED, sleep,
    /// log levels, flash or gateway fields, and never a password.
    /// </summary>
    public sealed class StatusCommand
    {
        /// <summary>Largest status number Tasmota knows (MAX_STATUS).</summary>
        public const int MaxStatus = 13;

        private const int AllSeparate = 0;
        private const int OnlyMain = -99;

        private readonly DeviceSettings _settings;
        private readonly ICommandOutput _output;
        private readonly TopicSet _topics;
        private readonly StateReport _state;
        private readonly RelayDriver _relays;
        private readonly MqttSession _session;
        private readonly INetworkLink _network;
        private readonly ISystemControl _system;
        private readonly IClock _clock;
        private readonly string _version;
        private CommandResponse _json;

        /// <summary>Writes the sensor keys of Status 8/10 after "Time" (switch states); null = only the time.</summary>
        public SensorWriter Sensors { get; set; }

        /// <summary>Creates the command.</summary>
        public StatusCommand(DeviceSettings settings, ICommandOutput output, TopicSet topics, StateReport state, RelayDriver relays, MqttSession session, INetworkLink network, ISystemControl system, IClock clock, string version)
        {
            _settings = settings;
            _output = output;
            _topics = topics;
            _state = state;
            _relays = relays;
            _session = session;
            _network = network;
            _system = system;
            _clock = clock;
            _version = version == null ? string.Empty : version;
        }

        /// <summary>Writes the StatusTIM keys (set by the app from the time service); null = UTC only.</summary>
        public ResponseWriter TimeStatus;

        /// <summary>True for the status numbers this device answers (0..8, 10, 11).</summary>
        public static bool Exists(int n)
        {
            return n >= 0 && n <= 11 && n != 9;
        }

        private static readonly string[] CommandNames = new string[] { "STATUS" };

        /// <summary>Registers STATUS.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, Cmnd);
        }

        private void Cmnd(CommandRequest request, CommandResponse response)
        {
            if (_json == null)
            {
                _json = new CommandResponse(); // on first use: most devices never get a Status command
            }

            if (request.HasIndex && request.Index == 0)
            {
                _json.Clear();
                for (int n = 0; n <= 11; n++)
                {
                    if (n != 8 && n != 9)
                    {
                        WriteSection(n);
                    }
                }

                _output.Stat(request, "STATUS0", _json.ToJson(), _settings.StatusRetain);
                response.Suppress();
                return;
            }

            int payload = OnlyMain;
            int parsed;
            if (!request.IsQuery && TextFormat.TryParseInt(request.Payload, out parsed))
            {
                payload = parsed;
            }

            if (payload == OnlyMain)
            {
                Publish(request, 0);
            }
            else if (payload == AllSeparate)
            {
                for (int n = 0; n <= 11; n++)
                {
                    if (n != 8 && n != 9)
                    {
                        Publish(request, n);
                    }
                }
            }
            else if (Exists(payload))
            {
                Publish(request, payload);
            }
            else
            {
                return; // response left empty: {"Command":"Error"}
            }

            response.Suppress();
        }

        private void Publish(CommandRequest request, int n)
        {
            _json.Clear();
            WriteSection(n);
            _output.Stat(request, SubtopicOf(n), _json.ToJson(), _settings.StatusRetain);
        }

        private static string SubtopicOf(int n)
        {
            switch (n)
            {
                case 0: return "STATUS";
                case 1: return "STATUS1";
                case 2: return "STATUS2";
                case 3: return "STATUS3";
                case 4: return "STATUS4";
                case 5: return "STATUS5";
                case 6: return "STATUS6";
                case 7: return "STATUS7";
                case 8: return "STATUS8";
                case 10: return "STATUS10";
                default: return "STATUS11";
            }
        }

        private void WriteSection(int n)
        {
            DeviceSettings s = _settings;
            CommandResponse r = _json;
            switch (n)
            {
                case 0:
                    r.BeginObject("Status");
                    r.Add("DeviceName", s.DeviceName);
                    r.BeginArray("FriendlyName");
                    for (int i = 0; i < _relays.Count && i < DeviceSettings.FriendlyNameCount; i++)
                    {
                        r.Item(s.FriendlyName[i]);
                    }

                    r.End();
                    r.Add("Topic", s.Topic);
                    r.Add("ButtonTopic", s.ButtonTopic);
                    r.Add("Power", PowerBits(_relays.PowerMask, _relays.Count));
                    r.Add("PowerLock", PowerBits(s.PowerLock, _relays.Count));
                    r.Add("PowerOnState", s.PowerOnState);
                    r.Add("LedState", s.LedState);
                    r.Add("LedMask", Hex4(s.LedMask));
                    r.Add("SaveData", s.SaveData);
                    r.Add("SaveState", s.SaveState ? 1 : 0);
                    r.Add("SwitchTopic", s.SwitchTopic);
                    r.BeginArray("SwitchMode");
                    for (int i = 0; i < DeviceSettings.SwitchCount; i++)
                    {
                        r.Item(s.SwitchMode[i]);
                    }

                    r.End();
                    r.Add("ButtonRetain", s.ButtonRetain ? 1 : 0);
                    r.Add("SwitchRetain", s.SwitchRetain ? 1 : 0);
                    r.Add("SensorRetain", s.SensorRetain ? 1 : 0);
                    r.Add("PowerRetain", s.PowerRetain ? 1 : 0);
                    r.Add("InfoRetain", s.InfoRetain ? 1 : 0);
                    r.Add("StateRetain", s.StateRetain ? 1 : 0);
                    r.Add("StatusRetain", s.StatusRetain ? 1 : 0);
                    break;
                case 1:
                    r.BeginObject("StatusPRM");
                    r.Add("GroupTopic", s.GroupTopic);
                    r.Add("RestartReason", _system.RestartReason);
                    r.Add("Uptime", TextFormat.Duration(_state.UptimeSeconds));
                    r.Add("StartupUTC", TextFormat.IsoTime(_clock.UtcNow.AddTicks(-_clock.NowMs * System.TimeSpan.TicksPerMillisecond)));
                    r.Add("BootCount", s.BootCount);
                    r.Add("SaveCount", s.SaveCount);
                    if (s.LoadReport != null)
                    {
                        r.Add("SettingsLoad", s.LoadReport);
                    }

                    break;
                case 2:
                    r.BeginObject("StatusFWR");
                    r.Add("Version", _version);
                    break;
                case 3:
                    r.BeginObject("StatusLOG");
                    r.BeginArray("SSId");
                    r.Item(SsidAt(s, 0));
                    r.Item(SsidAt(s, 1));
                    r.End();
                    r.Add("TelePeriod", s.TelePeriod);
                    break;
                case 4:
                    r.BeginObject("StatusMEM");
                    _state.WriteHeap(r);
                    break;
                case 5:
                    r.BeginObject("StatusNET");
                    r.Add("Hostname", _topics.Hostname);
                    r.Add("IPAddress", _network.IpAddress);
                    r.Add("Mac", TextFormat.MacWithColons(_network.Mac));
                    break;
                case 6:
                    r.BeginObject("StatusMQT");
                    r.Add("MqttHost", s.MqttHost);
                    r.Add("MqttPort", s.MqttPort);
                    r.Add("MqttClientMask", s.MqttClient);
                    r.Add("MqttClient", s.MqttClient);
                    r.Add("MqttUser", s.MqttUser);
                    r.Add("MqttCount", _session.ConnectCount);
                    r.Add("MAX_PACKET_SIZE", TopicSet.MaxMessageBytes);
                    r.Add("KEEPALIVE", s.MqttKeepAlive);
                    break;
                case 7:
                    r.BeginObject("StatusTIM");
                    if (TimeStatus != null)
                    {
                        TimeStatus(r);
                    }
                    else
                    {
                        r.Add("UTC", TextFormat.IsoTime(_clock.UtcNow));
                    }

                    break;
                case 8:
                case 10:
                    r.BeginObject("StatusSNS");
                    r.Add("Time", _state.TimeText());
                    if (Sensors != null)
                    {
                        Sensors(r); // "Switch1":"ON", ...
                    }
                    break;
                default:
                    r.BeginObject("StatusSTS");
                    _state.Write(r);
                    break;
            }

            r.End();
        }

        /// <summary>
        /// Tasmota 14's "Power" of Status: one '0'/'1' per relay, the highest relay first, so relays 2 and
        /// 4 of four on read "1010" (the last character is relay 1).
        /// </summary>
        public static string PowerBits(int mask, int count)
        {
            if (count < 1)
            {
                count = 1;
            }

            char[] c = new char[count];
            for (int i = 0; i < count; i++)
            {
                c[count - 1 - i] = (mask & (1 << i)) != 0 ? '1' : '0';
            }

            return new string(c);
        }

        private static string SsidAt(DeviceSettings s, int i)
        {
            return s.Ssid != null && s.Ssid.Length > i && s.Ssid[i] != null ? s.Ssid[i] : string.Empty;
        }
    
        /// <summary>Four upper-case hex digits ("FFFF"), as Tasmota's Status shows LedMask.</summary>
        private static string Hex4(int value)
        {
            char[] hex = new char[4];
            for (int i = 0; i < 4; i++)
            {
                int nibble = (value >> (12 - (4 * i))) & 0xF;
                hex[i] = (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
            }

            return new string(hex);
        }
    }
}
