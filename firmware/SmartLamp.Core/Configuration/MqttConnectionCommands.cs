using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Configuration
{
    /// <summary>The MQTT identity settings with their own guards: MqttClient and Topic (the plain ones, MqttHost, MqttPort, MqttUser, MqttPassword, FullTopic, Prefix1-3, MqttRetry, MqttKeepAlive and MqttRetainedCmnd, come from their schema lines, see SchemaCommands).</summary>
    public sealed partial class ConfigCommands
    {
        private void CmndMqttClient(CommandRequest req, CommandResponse resp)
        {
            string v;
            if (!TryIdentity(req, "MqttClient", DeviceSettings.DefaultMqttClient(_service.Mac), _s.Topic, "Topic", out v))
            {
                return;
            }

            if (v != null)
            {
                _service.Set(ref _s.MqttClient, v, SettingsChange.Mqtt | SettingsChange.Topics);
            }

            resp.Add("MqttClient", _s.MqttClient);
        }

        private void CmndTopic(CommandRequest req, CommandResponse resp)
        {
            string v;
            if (!TryIdentity(req, "Topic", DeviceSettings.DefaultTopic(_service.Mac), _s.MqttClient, "MqttClient", out v))
            {
                return;
            }

            if (v != null)
            {
                if (v == _s.GroupTopic)
                {
                    // Else every group command would also be a command to this device alone, and a
                    // "GroupTopic x" sent to the group would rename it.
                    Log("Topic must differ from GroupTopic", null);
                    return;
                }

                _service.Set(ref _s.Topic, v, SettingsChange.Topics);
            }

            resp.Add("Topic", _s.Topic);
        }

        /// <summary>
        /// Reads the new MqttClient or Topic of <paramref name="req"/> into <paramref name="v"/> (null: a
        /// query); false when the command is refused: bad text, or the value of <paramref name="otherKey"/>
        /// (<paramref name="other"/>), which the two identities must differ from.
        /// </summary>
        private bool TryIdentity(CommandRequest req, string key, string fallback, string other, string otherKey, out string v)
        {
            if (!SchemaCommands.TryText(PayloadUnlessFromGroup(req, key), fallback, SchemaCommands.ReplaceMqtt, 1, DeviceSettings.MaxTopicLength, out v))
            {
                return false;
            }

            if (v != null && v == other)
            {
                Log(key, " must differ from " + otherKey);
                return false;
            }

            return true;
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
