using System;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
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
    public sealed class ConfigCommands
    {
        private SetOptionHandler[] _optionHandlers = new SetOptionHandler[0];

        /// <summary>Most commands one Backlog queue holds (Tasmota's MAX_BACKLOG).</summary>
        public const int MaxBacklog = BacklogQueue.MaxBacklog;

        /// <summary>Delay between Backlog commands (Tasmota's SetOption34 default).</summary>
        public const int BacklogDelayMs = BacklogQueue.SpacingMs;

        /// <summary>Delay between the Restart/Reset answer and the restart, so the answer goes out first.</summary>
        public const int RestartDelayMs = 500;

        /// <summary>What password commands answer instead of the password.</summary>
        public const string Asterisks = "****";

        private const int SanitizeNone = 0;
        private const int SanitizeReplace = 1;
        private const int SanitizeDelete = 2;

        private readonly CommandDispatcher _dispatcher;
        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly PowerController _power;
        private readonly ISystemControl _system;
        private readonly ILog _log;
        private readonly BacklogQueue _backlog;
        private readonly ITimer _restartTimer;
        private bool _resetPending;

        private ConfigCommands(CommandDispatcher d, SettingsService s, PowerController power, IClock clock, ISystemControl system, ILog log)
        {
            _dispatcher = d;
            _service = s;
            _s = s.Current;
            _power = power;
            _system = system;
            _log = log;
            _backlog = new BacklogQueue(d, clock, log);
            _restartTimer = clock.CreateTimer(OnRestartTimer);
        }

        /// <summary>
        /// Registers the configuration commands on <paramref name="d"/>. Defaults that depend on the MAC
        /// come from <see cref="SettingsService.Mac"/>. <paramref name="power"/> may be null (no relays).
        /// </summary>
        public static ConfigCommands Register(CommandDispatcher d, SettingsService s, PowerController power, IClock clock, ISystemControl system, ILog log)
        {
            if (d == null)
            {
                throw new ArgumentNullException("d");
            }

            if (s == null)
            {
                throw new ArgumentNullException("s");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (system == null)
            {
                throw new ArgumentNullException("system");
            }

            ConfigCommands c = new ConfigCommands(d, s, power, clock, system, log);
            d.Register("MQTTHOST", c.CmndMqttHost);
            d.Register("MQTTPORT", c.CmndMqttPort);
            d.Register("MQTTUSER", c.CmndMqttUser);
            d.Register("MQTTPASSWORD", c.CmndMqttPassword);
            d.Register("MQTTCLIENT", c.CmndMqttClient);
            d.Register("TOPIC", c.CmndTopic);
            d.Register("FULLTOPIC", c.CmndFullTopic);
            d.Register("PREFIX", c.CmndPrefix);
            d.Register("MQTTRETRY", c.CmndMqttRetry);
            d.Register("MQTTKEEPALIVE", c.CmndMqttKeepAlive);
            d.Register("SSID", c.CmndSsid);
            d.Register("PASSWORD", c.CmndPassword);
            d.Register("SETOPTION", c.CmndSetOption);
            d.Register("SO", c.CmndSetOption);
            d.Register("MQTTRETAINEDCMND", c.CmndMqttRetainedCmnd);
            d.Register("BACKLOG", c.CmndBacklog);
            c._backlog.Register(d);
            d.Register("RESTART", c.CmndRestart);
            d.Register("RESET", c.CmndReset);
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

        /// <summary>Tasmota's MakeValidMqtt: '+', '#' and ' ' become '_' (<paramref name="delete"/> false) or are removed (true).</summary>
        public static string MakeValidMqtt(string value, bool delete)
        {
            if (value == null)
            {
                return string.Empty;
            }

            int bad = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '+' || c == '#' || c == ' ')
                {
                    bad++;
                }
            }

            if (bad == 0)
            {
                return value;
            }

            char[] chars = new char[delete ? value.Length - bad : value.Length];
            int n = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '+' || c == '#' || c == ' ')
                {
                    if (!delete)
                    {
                        chars[n++] = '_';
                    }
                }
                else
                {
                    chars[n++] = c;
                }
            }

            return new string(chars, 0, n);
        }

        private void CmndMqttHost(CommandRequest req, CommandResponse resp)
        {
            if (!UpdateText(ref _s.MqttHost, req.Payload, string.Empty, true, 0, DeviceSettings.MaxHostLength, SanitizeNone, SettingsChange.Mqtt))
            {
                return;
            }

            resp.Add("MqttHost", _s.MqttHost);
        }

        private void CmndMqttPort(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 0 && v < 65536)
            {
                v = v == 1 ? DeviceSettings.DefaultMqttPort : v;
                if (v != _s.MqttPort)
                {
                    _s.MqttPort = v;
                    _service.Changed(SettingsChange.Mqtt);
                }
            }

            resp.Add("MqttPort", _s.MqttPort);
        }

        private void CmndMqttUser(CommandRequest req, CommandResponse resp)
        {
            if (!UpdateText(ref _s.MqttUser, req.Payload, string.Empty, true, 0, DeviceSettings.MaxSecretLength, SanitizeNone, SettingsChange.Mqtt))
            {
                return;
            }

            resp.Add("MqttUser", _s.MqttUser);
        }

        private void CmndMqttPassword(CommandRequest req, CommandResponse resp)
        {
            if (!UpdateText(ref _s.MqttPassword, req.Payload, string.Empty, true, 0, DeviceSettings.MaxSecretLength, SanitizeNone, SettingsChange.Mqtt))
            {
                return;
            }

            resp.Add("MqttPassword", Asterisks);
        }

        private void CmndMqttClient(CommandRequest req, CommandResponse resp)
        {
            string v;
            if (!TryNewText(PayloadUnlessFromGroup(req, "MqttClient"), DeviceSettings.DefaultMqttClient(_service.Mac), false, 1, DeviceSettings.MaxTopicLength, SanitizeReplace, out v))
            {
                return;
            }

            if (v != null)
            {
                if (v == _s.Topic)
                {
                    Log("MqttClient must differ from Topic", null);
                    return;
                }

                if (v != _s.MqttClient)
                {
                    _s.MqttClient = v;
                    _service.Changed(SettingsChange.Mqtt | SettingsChange.Topics);
                }
            }

            resp.Add("MqttClient", _s.MqttClient);
        }

        private void CmndTopic(CommandRequest req, CommandResponse resp)
        {
            string v;
            if (!TryNewText(PayloadUnlessFromGroup(req, "Topic"), DeviceSettings.DefaultTopic(_service.Mac), false, 1, DeviceSettings.MaxTopicLength, SanitizeReplace, out v))
            {
                return;
            }

            if (v != null)
            {
                if (v == _s.MqttClient)
                {
                    Log("Topic must differ from MqttClient", null);
                    return;
                }

                if (v == _s.GroupTopic)
                {
                    // Else every group command would also be a command to this device alone, and a
                    // "GroupTopic x" sent to the group would rename it.
                    Log("Topic must differ from GroupTopic", null);
                    return;
                }

                if (v != _s.Topic)
                {
                    _s.Topic = v;
                    _service.Changed(SettingsChange.Topics);
                }
            }

            resp.Add("Topic", _s.Topic);
        }

        private void CmndFullTopic(CommandRequest req, CommandResponse resp)
        {
            if (!UpdateText(ref _s.FullTopic, req.Payload, DeviceSettings.DefaultFullTopic, false, 1, DeviceSettings.MaxFullTopicLength, SanitizeDelete, SettingsChange.Topics))
            {
                return;
            }

            resp.Add("FullTopic", _s.FullTopic);
        }

        private void CmndPrefix(CommandRequest req, CommandResponse resp)
        {
            if (req.Index < 1 || req.Index > 3)
            {
                return;
            }

            if (!req.HasIndex)
            {
                for (int i = 0; i < 3; i++)
                {
                    resp.AddIndexed("Prefix", i + 1, _s.Prefix[i]);
                }

                return;
            }

            int k = req.Index - 1;
            if (!UpdateText(ref _s.Prefix[k], req.Payload, DeviceSettings.DefaultPrefix(k), false, 1, DeviceSettings.MaxPrefixLength, SanitizeReplace, SettingsChange.Topics))
            {
                return;
            }

            resp.AddIndexed("Prefix", req.Index, _s.Prefix[k]);
        }

        private void CmndMqttRetry(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (SettingsRules.CheckValue(_s, "MqttRetry", v) == null && v != _s.MqttRetry)
            {
                _s.MqttRetry = v;
                _service.Changed(0);
            }

            resp.Add("MqttRetry", _s.MqttRetry);
        }

        private void CmndMqttKeepAlive(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (SettingsRules.CheckValue(_s, "MqttKeepAlive", v) == null && v != _s.MqttKeepAlive)
            {
                _s.MqttKeepAlive = v;
                _service.Changed(0);
            }

            resp.Add("MqttKeepAlive", _s.MqttKeepAlive);
        }

        private void CmndSsid(CommandRequest req, CommandResponse resp)
        {
            if (req.Index < 1 || req.Index > 2)
            {
                return;
            }

            if (!req.HasIndex)
            {
                resp.AddIndexed("SSId", 1, _s.Ssid[0]).AddIndexed("SSId", 2, _s.Ssid[1]);
                return;
            }

            int k = req.Index - 1;
            if (!UpdateText(ref _s.Ssid[k], req.Payload, string.Empty, true, 0, DeviceSettings.MaxTopicLength, SanitizeNone, SettingsChange.Wifi))
            {
                return;
            }

            resp.AddIndexed("SSId", req.Index, _s.Ssid[k]);
        }

        private void CmndPassword(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index < 1 || index > 4)
            {
                return;
            }

            if (index > 2)
            {
                index -= 2; // Password3/4: the web UI's names for slots 1/2
            }

            string p = req.Payload;
            if (p.Length > 4 || CommandValue.IsChar(p, '0') || CommandValue.IsChar(p, '1'))
            {
                if (!UpdateText(ref _s.WifiPassword[index - 1], p, string.Empty, true, 0, DeviceSettings.MaxSecretLength, SanitizeNone, SettingsChange.Wifi))
                {
                    return;
                }
            }

            resp.AddIndexed("Password", index, Asterisks);
        }

        /// <summary>
        /// Lets a capability own more SetOptions: <paramref name="handler"/> is asked first for every
        /// SetOption&lt;n&gt; and returns true when it answered (buttons: 1, 13, 32, 73; LED: 31).
        /// </summary>
        public void AddSetOptions(SetOptionHandler handler)
        {
            SetOptionHandler[] grown = (SetOptionHandler[])ArraySlots.Nulls(new SetOptionHandler[_optionHandlers.Length + 1]);
            Array.Copy(_optionHandlers, grown, _optionHandlers.Length);
            grown[_optionHandlers.Length] = handler;
            _optionHandlers = grown;
        }

        private void CmndSetOption(CommandRequest req, CommandResponse resp)
        {
            for (int i = 0; i < _optionHandlers.Length; i++)
            {
                if (req.HasIndex && _optionHandlers[i](req, resp))
                {
                    return;
                }
            }

            int index = req.Index;
            if (!req.HasIndex || (index != 0 && index != 4 && index != 26))
            {
                return; // options SmartLamp does not have: {"Command":"Error"}
            }

            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // Tasmota: only 0/1 for flag options
            }

            bool current = index == 0 ? _s.SaveState : (index == 4 ? _s.ResultOnCommandTopic : _s.IndexSingleRelay);
            if (v >= 0 && (v == 1) != current)
            {
                bool on = v == 1;
                if (index == 0)
                {
                    _s.SaveState = on;
                    if (on && _power != null)
                    {
                        _s.SavedPower = _power.PowerState;
                    }
                }
                else if (index == 4)
                {
                    _s.ResultOnCommandTopic = on;
                }
                else
                {
                    _s.IndexSingleRelay = on;
                }

                current = on;
                _service.Changed(0);
            }

            resp.AddIndexed("SetOption", index, StateText(current));
        }

        private void CmndMqttRetainedCmnd(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if ((v == 0 || v == 1) && (v == 1) != _s.AcceptRetainedCommands)
            {
                _s.AcceptRetainedCommands = v == 1;
                _service.Changed(0);
            }

            resp.Add("MqttRetainedCmnd", StateText(_s.AcceptRetainedCommands));
        }

        private void CmndBacklog(CommandRequest req, CommandResponse resp)
        {
            string data = req.Payload;
            if (data.Length == 0)
            {
                resp.Add("Backlog", _backlog.Clear() ? "Aborted" : "Empty");
                return;
            }

            // Backlog0 and Backlog2 run without spacing (Tasmota: even index).
            bool noDelay = req.HasIndex && (req.Index & 1) == 0;
            int dropped = 0;
            int pos = 0;
            while (pos < data.Length)
            {
                int end = CommandValue.BacklogItemEnd(data, pos);

                string item = StripBacklogWord(CommandDispatcher.TrimPayload(data.Substring(pos, end - pos)));
                pos = end + 1;
                if (item.Length == 0 || CommandValue.StartsWithIgnoreCase(item, 0, "RESET"))
                {
                    continue; // Reset is silently dropped inside Backlog, as in Tasmota
                }

                if (!_backlog.Add(item, noDelay))
                {
                    dropped++;
                }
            }

            if (dropped > 0)
            {
                // Never log the dropped text: it may hold a password.
                Log("Backlog full, dropped ", dropped.ToString() + " command(s)");
            }

            _backlog.RunNow();
            resp.Suppress(); // Backlog itself answers nothing
        }

        private void CmndRestart(CommandRequest req, CommandResponse resp)
        {
            if (CommandValue.Parse(req.Payload) == 1)
            {
                _resetPending = false;
                _restartTimer.Start(RestartDelayMs, 0);
                resp.Add("Restart", "Restarting");
                return;
            }

            resp.Add("Restart", "1 to restart");
        }

        private void CmndReset(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v == 1)
            {
                _resetPending = true;
                _restartTimer.Start(RestartDelayMs, 0);
                resp.Add("Reset", "Reset and Restarting");
                return;
            }

            if (v == 99)
            {
                _s.BootCount = 0;
                _service.Changed(0);
                resp.Add("Reset", "Done");
                return;
            }

            resp.Add("Reset", "1 to reset");
        }

        private void OnRestartTimer()
        {
            try
            {
                ClearBacklog();
                if (_resetPending)
                {
                    _resetPending = false;
                    _service.ResetToDefaults();
                    Log("Reset to defaults", null);
                }

                _service.SaveNow();
            }
            catch (Exception ex)
            {
                Log("Save before restart failed: ", ex.Message);
            }

            try
            {
                _system.Restart();
            }
            catch (Exception ex)
            {
                Log("Restart failed: ", ex.Message);
            }
        }

        private void ClearBacklog()
        {
            _backlog.Clear();
        }

        /// <summary>Drops leading "Backlog"/"BacklogN" words from a queued command (Tasmota skips them too).</summary>
        private static string StripBacklogWord(string item)
        {
            while (CommandValue.StartsWithIgnoreCase(item, 0, "BACKLOG"))
            {
                int p = 7;
                while (p < item.Length && item[p] >= '0' && item[p] <= '9')
                {
                    p++;
                }

                if (p < item.Length && !CommandValue.IsSpace(item[p]))
                {
                    break; // "BacklogX..." is some other word
                }

                item = CommandDispatcher.TrimPayload(item.Substring(p));
            }

            return item;
        }

        /// <summary>
        /// The payload, or "" (a query) when it would change a device's identity through the group topic:
        /// one message there must not rename every device of the group (Tasmota's grpflg check).
        /// </summary>
        private string PayloadUnlessFromGroup(CommandRequest req, string setting)
        {
            if (req.Source == CommandSource.Group && req.Payload.Length > 0)
            {
                Log(setting, " change through the group topic ignored");
                return string.Empty;
            }

            return req.Payload;
        }

        /// <summary>
        /// The value a text command asks for: <paramref name="value"/> null for a query, "" when "0"
        /// clears (<paramref name="zeroClears"/>), <paramref name="defaultValue"/> for "1", else the
        /// sanitised payload. False (= answer Error) when it has control characters or its length is
        /// outside the limits.
        /// </summary>
        private static bool TryNewText(string payload, string defaultValue, bool zeroClears, int minLength, int maxLength, int sanitize, out string value)
        {
            value = null;
            if (payload.Length == 0)
            {
                return true;
            }

            if (zeroClears && CommandValue.IsChar(payload, '0'))
            {
                value = string.Empty;
                return minLength == 0;
            }

            if (CommandValue.IsChar(payload, '1'))
            {
                value = defaultValue;
                return true;
            }

            string v = sanitize == SanitizeNone ? payload : MakeValidMqtt(payload, sanitize == SanitizeDelete);
            if (v.Length < minLength || v.Length == 0 || !SettingsCodec.IsCleanText(v, maxLength))
            {
                return false;
            }

            value = v;
            return true;
        }

        private bool UpdateText(ref string field, string payload, string defaultValue, bool zeroClears, int minLength, int maxLength, int sanitize, int changeFlags)
        {
            string v;
            if (!TryNewText(payload, defaultValue, zeroClears, minLength, maxLength, sanitize, out v))
            {
                return false;
            }

            if (v != null && v != field)
            {
                field = v;
                _service.Changed(changeFlags);
            }

            return true;
        }

        private string StateText(bool on)
        {
            return _s.StateText[on ? 1 : 0];
        }

        private void Log(string a, string b)
        {
            if (_log == null)
            {
                return;
            }

            try
            {
                _log.Write("CMD", a, b, null);
            }
            catch (Exception)
            {
                // ignore
            }
        }
    }
}
