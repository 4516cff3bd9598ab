using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// SmartLamp's MQTT TLS commands (Tasmota switches TLS with SetOption103 on its TLS builds and pins
    /// the broker with fingerprints; SmartLamp validates the broker against a CA certificate instead):
    /// <list type="bullet">
    /// <item><c>MqttTls 0|1</c>: plain TCP or TLS (TLS 1.2) to the broker; answers {"MqttTls":"ON"}. A change reconnects.
    /// <c>SetOption103 0|1</c> is the same switch under Tasmota's name (answers {"SetOption103":"ON"}).</item>
    /// <item><c>MqttCaFile &lt;name&gt;</c>: the broker's CA certificate, a PEM file on the device's I:\ drive
    /// (deploy it with flash.ps1 -MqttCaCert); <c>1</c> = default "mqtt_ca.pem"; <c>0</c> = none, use the CA
    /// stored in the device configuration (nanoff --networkdeployment). 1..32 characters of
    /// A-Z a-z 0-9 . _ -, no path. Answers {"MqttCaFile":"mqtt_ca.pem"}.</item>
    /// </list>
    /// The port is not changed by MqttTls: set MqttPort 8883 for the usual TLS port.
    /// </summary>
    public sealed class MqttTlsCommands
    {
        /// <summary>Longest MqttCaFile.</summary>
        public const int MaxCaFileLength = DeviceSettings.MaxMqttCaFileLength;

        private readonly SettingsService _service;

        private MqttTlsCommands(SettingsService service)
        {
            _service = service;
        }

        private static readonly string[] CommandNames = new string[] { "MQTTTLS", "MQTTCAFILE" };

        /// <summary>Registers MQTTTLS, MQTTCAFILE and SetOption103 (through <paramref name="config"/>, may be null).</summary>
        public static void Register(CommandDispatcher d, SettingsService service, ConfigCommands config)
        {
            MqttTlsCommands c = new MqttTlsCommands(service);
            d.Register(CommandNames, c.OnCommand);
            if (config != null)
            {
                config.AddSetOptions(c.HandleSetOption);
            }
        }

        /// <summary>SetOption103 (Tasmota's TLS switch): the same as MqttTls.</summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            if (req.Index != 103)
            {
                return false;
            }

            if (SetTls(req))
            {
                DeviceSettings s = _service.Current;
                resp.AddIndexed("SetOption", 103, s.StateText[s.MqttTls ? 1 : 0]);
            }

            return true;
        }

        /// <summary>True when <paramref name="name"/> is a valid MqttCaFile value other than the 0/1 shortcuts ("" is valid: none).</summary>
        public static bool IsValidCaFile(string name)
        {
            if (name == null || name.Length > MaxCaFileLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char ch = name[i];
                bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return name != "." && name != "..";
        }

        private void CmndMqttTls(CommandRequest req, CommandResponse resp)
        {
            if (SetTls(req))
            {
                DeviceSettings s = _service.Current;
                resp.Add("MqttTls", s.StateText[s.MqttTls ? 1 : 0]);
            }
        }

        // Applies 0/1 (a query changes nothing); false for any other value ({"Command":"Error"}).
        private bool SetTls(CommandRequest req)
        {
            DeviceSettings s = _service.Current;
            if (req.IsQuery)
            {
                return true;
            }

            int v = CommandValue.Parse(req.Payload);
            if (v != 0 && v != 1)
            {
                return false;
            }

            _service.Set(ref s.MqttTls, v == 1, SettingsChange.Mqtt);

            return true;
        }

        private void CmndMqttCaFile(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.IsQuery)
            {
                string p = req.Payload;
                string v = p == "1" ? DeviceSettings.DefaultMqttCaFile : (p == "0" ? string.Empty : p);
                if (v.Length == 0 && p != "0")
                {
                    return;
                }

                if (!IsValidCaFile(v))
                {
                    return; // {"Command":"Error"}
                }

                _service.Set(ref s.MqttCaFile, v, s.MqttTls ? SettingsChange.Mqtt : 0);
            }

            resp.Add("MqttCaFile", s.MqttCaFile);
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndMqttTls(req, resp); break;
                case 1: CmndMqttCaFile(req, resp); break;
            }
        }
    }
}
