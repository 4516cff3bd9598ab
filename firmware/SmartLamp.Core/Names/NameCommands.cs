using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Names
{
    /// <summary>
    /// Tasmota's naming commands (support_command.ino CmndDevicename, CmndFriendlyname, mqtt CmndHostname):
    /// <list type="bullet">
    /// <item><c>DeviceName &lt;text&gt;</c>: <c>1</c> = FriendlyName1, <c>"</c> = empty; answers <c>{"DeviceName":"..."}</c>.</item>
    /// <item><c>FriendlyName&lt;x&gt; &lt;text&gt;</c> (x 1..8, alias FN): <c>1</c> = default (SmartLamp, SmartLamp2, ...),
    ///   <c>"</c> = empty; answers <c>{"FriendlyName1":"..."}</c>; <c>FriendlyName</c> with no index and no
    ///   payload lists all eight.</item>
    /// <item><c>Hostname &lt;name&gt;</c>: <c>1</c> = default <c>%s-%04d</c> (Topic-chip id); a name holding '.' is
    ///   replaced by the default (Tasmota); answers <c>{"Hostname":"..."}</c> with the stored text.</item>
    /// </list>
    /// Through the group topic DeviceName and Hostname change nothing (Tasmota's grpflg). Text over 32
    /// characters or with control characters answers {"Command":"Error"} and changes nothing.
    /// The names are used by Status, INFO2 and both Home Assistant discoveries (SettingsChange.Discovery);
    /// a Hostname change rebuilds the topics (%hostname%) instead of restarting.
    /// </summary>
    public sealed class NameCommands
    {
        private readonly SettingsService _service;

        private NameCommands(SettingsService service)
        {
            _service = service;
        }

        private static readonly string[] CommandNames = new string[] { "DEVICENAME", "FRIENDLYNAME", "FN", "HOSTNAME" };

        /// <summary>Registers DEVICENAME, FRIENDLYNAME, FN and HOSTNAME.</summary>
        public static NameCommands Register(CommandDispatcher d, SettingsService service)
        {
            Require.NotNull(d, "d");
            Require.NotNull(service, "service");

            NameCommands c = new NameCommands(service);
            d.Register(CommandNames, c.OnCommand);
            return c;
        }

        /// <summary>The host name in use: the Hostname setting, or for a pattern holding '%' Topic + "-" + <paramref name="chipDigits"/>.</summary>
        public static string Effective(DeviceSettings s, string chipDigits)
        {
            string h = s.Hostname;
            if (h == null || h.Length == 0 || h.IndexOf('%') >= 0)
            {
                return s.Topic + "-" + chipDigits;
            }

            return h;
        }

        private void CmndDeviceName(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.IsQuery && req.Source != CommandSource.Group)
            {
                string v = NewName(req.Payload, s.FriendlyName[0]);
                if (v == null)
                {
                    return;
                }

                _service.Set(ref s.DeviceName, v, SettingsChange.Discovery);
            }

            resp.Add("DeviceName", s.DeviceName);
        }

        private void CmndFriendlyName(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.HasIndex && req.IsQuery)
            {
                for (int i = 0; i < DeviceSettings.FriendlyNameCount; i++)
                {
                    resp.AddIndexed("FriendlyName", i + 1, s.FriendlyName[i]);
                }

                return;
            }

            int k = req.Index - 1;
            if (k < 0 || k >= DeviceSettings.FriendlyNameCount)
            {
                return; // {"Command":"Error"}
            }

            if (!req.IsQuery)
            {
                string v = NewName(req.Payload, DeviceSettings.DefaultFriendlyNameAt(k));
                if (v == null)
                {
                    return;
                }

                _service.Set(ref s.FriendlyName[k], v, SettingsChange.Discovery);
            }

            resp.AddIndexed("FriendlyName", k + 1, s.FriendlyName[k]);
        }

        private void CmndHostname(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.IsQuery && req.Source != CommandSource.Group)
            {
                string v = req.Payload == "1" ? DeviceSettings.DefaultHostname : req.Payload;
                if (v.IndexOf('.') >= 0)
                {
                    v = DeviceSettings.DefaultHostname;
                }

                if (SettingsRules.CheckText("Hostname", v, 1, DeviceSettings.MaxTopicLength) != null)
                {
                    return;
                }

                _service.Set(ref s.Hostname, v, SettingsChange.Topics | SettingsChange.Discovery);
            }

            resp.Add("Hostname", s.Hostname);
        }

        /// <summary>The new name for a payload: "" for '"', <paramref name="defaultValue"/> for "1", else the payload; null when invalid.</summary>
        private static string NewName(string payload, string defaultValue)
        {
            string v = payload;
            if (v.Length > 0 && v[0] == '"')
            {
                v = string.Empty;
            }
            else if (v == "1")
            {
                v = defaultValue;
            }

            return SettingsRules.CheckText("Name", v, 0, DeviceSettings.MaxNameLength) == null ? v : null;
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndDeviceName(req, resp); break;
                case 1: // FRIENDLYNAME
                case 2: CmndFriendlyName(req, resp); break; // FN
                case 3: CmndHostname(req, resp); break;
            }
        }
    }
}
