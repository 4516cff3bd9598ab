using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Configuration
{
    /// <summary>The MQTT connection settings: MqttHost, MqttPort, MqttUser, MqttPassword, MqttClient, Topic, FullTopic, Prefix1-3, MqttRetainedCmnd (MqttRetry and MqttKeepAlive come from their schema lines, see SchemaCommands).</summary>
    public sealed partial class ConfigCommands
    {
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
    }
}
