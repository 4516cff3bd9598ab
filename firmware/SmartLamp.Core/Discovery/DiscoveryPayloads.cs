using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Discovery
{
    /// <summary>
    /// The discovery payloads, built for each announce from what the settings, the topics and the network
    /// say at that moment, and dropped after the publish: announces are rare (after a connect, a discovery
    /// command, Home Assistant's "online"), so the device keeps neither the payloads nor their description.
    /// </summary>
    public sealed partial class DiscoveryService
    {
        /// <summary>Room of the writer one announce uses (the config of an 8-relay board fits; it grows if not).</summary>
        private const int WriterChars = 1024;

        /// <summary>Everything the messages say now: topics, names, StateText, options, IP address and the board.</summary>
        private DeviceDescription Describe()
        {
            DeviceSettings s = _settings.Current;
            DeviceDescription d = new DeviceDescription();
            d.RelayCount = _relayCount;
            d.ButtonCount = Slots(_board.Buttons.Length);
            d.SwitchCount = Slots(_board.Switches.Length);
            d.Model = _board.Name == null ? string.Empty : _board.Name;
            d.Version = _version == null ? string.Empty : _version;
            d.Mac = _mac;
            d.IpAddress = _network.IpAddress == null ? string.Empty : _network.IpAddress;
            d.Hostname = _topics.Hostname;
            d.Topic = s.Topic;
            d.DeviceName = s.DeviceName;
            for (int i = 0; i < DeviceDescription.Slots && i < s.FriendlyName.Length; i++)
            {
                d.FriendlyNames[i] = s.FriendlyName[i];
            }

            d.RelaysAsLights = SetOptionFlags.Get(s, 30);
            d.FullTopic = _topics.FullTopic;
            for (int i = 0; i < 3; i++)
            {
                d.Prefix[i] = TopicSet.PrefixOf(s, i);
            }

            for (int i = 0; i < 4; i++)
            {
                d.StateText[i] = s.StateText[i];
            }

            for (int i = 0; i < d.RelayCount; i++)
            {
                d.PowerKeys[i] = _power.PowerKey(i);
            }

            d.ResultOnCommandTopic = s.ResultOnCommandTopic;
            d.MqttButtons = s.MqttButtons;
            d.ButtonSingle = s.ButtonSingle;
            d.MqttSwitches = SetOptionFlags.Get(s, 114);
            for (int i = 0; i < DeviceDescription.Slots && i < s.SwitchMode.Length; i++)
            {
                d.SwitchModes[i] = s.SwitchMode[i];
            }

            d.CmndBase = _topics.CmndBase;
            d.StatBase = _topics.StatBase;
            d.TeleBase = _topics.TeleBase;
            return d;
        }

        /// <summary>A board's count of relays or inputs, at most <see cref="DeviceDescription.Slots"/>.</summary>
        private static int Slots(int count)
        {
            return count > DeviceDescription.Slots ? DeviceDescription.Slots : count;
        }

        /// <summary>A writer for one announce (dropped with it).</summary>
        private static CommandResponse Writer()
        {
            return new CommandResponse(WriterChars);
        }
    }
}
