using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// <c>GroupTopic&lt;x&gt;</c>, x 1..4 (<c>GroupTopic</c> = GroupTopic1), as Tasmota's CmndGroupTopic:
    /// '+', '#' and ' ' become '_'; <c>0</c> clears the slot, <c>1</c> (or the MqttClient) sets the default
    /// "tasmotas"; afterwards duplicates are dropped and the list is packed from GroupTopic1, and an empty
    /// list gets the default back in GroupTopic1. Every form answers the whole list,
    /// <c>{"GroupTopic1":"tasmotas","GroupTopic2":"","GroupTopic3":"","GroupTopic4":""}</c>; an index
    /// outside 1..4 answers {"Command":"Error"}. Each non-empty group topic is subscribed as
    /// cmnd/&lt;group&gt;/# (when FullTopic holds %topic%) and commands there act as on the own topic.
    /// SmartLamp differences: a value through a group topic is ignored (a group message must not rename
    /// the group on every device; Tasmota accepts it), a value equal to the Topic or over 32 characters
    /// answers {"Command":"Error"}, and the change re-subscribes instead of restarting.
    /// </summary>
    public sealed class GroupTopicCommand
    {
        private readonly SettingsService _service;
        private readonly ILog _log;

        private GroupTopicCommand(SettingsService service, ILog log)
        {
            _service = service;
            _log = log;
        }

        private static readonly string[] CommandNames = new string[] { "GROUPTOPIC" };

        /// <summary>Registers GROUPTOPIC.</summary>
        public static GroupTopicCommand Register(CommandDispatcher d, SettingsService service, ILog log)
        {
            GroupTopicCommand c = new GroupTopicCommand(service, log);
            d.Register(CommandNames, c.Cmnd);
            return c;
        }

        private void Cmnd(CommandRequest req, CommandResponse resp)
        {
            int k = req.Index - 1;
            if (k < 0 || k >= DeviceSettings.GroupTopicCount)
            {
                return;
            }

            DeviceSettings s = _service.Current;
            if (!req.IsQuery)
            {
                if (req.Source == CommandSource.Group)
                {
                    Log("GroupTopic change through the group topic ignored");
                }
                else if (!Apply(s, k, req.Payload))
                {
                    return;
                }
            }

            resp.AddIndexed("GroupTopic", 1, s.GroupTopic);
            for (int i = 0; i < DeviceSettings.GroupTopicCount - 1; i++)
            {
                resp.AddIndexed("GroupTopic", i + 2, s.MoreGroupTopics[i]);
            }
        }

        private bool Apply(DeviceSettings s, int k, string payload)
        {
            string v = ConfigCommands.MakeValidMqtt(payload, false);
            if (v == "0")
            {
                v = string.Empty;
            }
            else if (v == "1" || v == s.MqttClient)
            {
                v = DeviceSettings.DefaultGroupTopic;
            }

            if (!SettingsCodec.IsCleanText(v, DeviceSettings.MaxTopicLength))
            {
                return false;
            }

            if (v.Length > 0 && v == s.Topic)
            {
                Log("GroupTopic must differ from Topic");
                return false;
            }

            string[] all = new string[] { s.GroupTopic, s.MoreGroupTopics[0], s.MoreGroupTopics[1], s.MoreGroupTopics[2] };
            all[k] = v;

            // Drop duplicates and empty slots, pack from GroupTopic1, keep at least the default.
            string[] packed = new string[] { string.Empty, string.Empty, string.Empty, string.Empty };
            int n = 0;
            for (int i = 0; i < all.Length; i++)
            {
                string g = all[i] == null ? string.Empty : all[i];
                bool seen = g.Length == 0;
                for (int j = 0; j < n && !seen; j++)
                {
                    seen = packed[j] == g;
                }

                if (!seen)
                {
                    packed[n++] = g;
                }
            }

            if (n == 0)
            {
                packed[0] = DeviceSettings.DefaultGroupTopic;
            }

            bool more = false;
            for (int i = 1; i < packed.Length; i++)
            {
                more |= _service.Set(ref s.MoreGroupTopics[i - 1], packed[i], 0);
            }

            _service.Set(ref s.GroupTopic, packed[0], SettingsChange.Topics, more);

            return true;
        }

        private void Log(string text)
        {
            if (_log != null)
            {
                _log.Write("CMD", text, null, null);
            }
        }
    }
}
