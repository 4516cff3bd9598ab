using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Discovery
{
    /// <summary>The discovery payloads, built once per change of what they say and kept.</summary>
    public sealed partial class DiscoveryService
    {
        private readonly DeviceDescription _d = new DeviceDescription();
        private readonly string[] _builtTexts = ArraySlots.Strings(4);
        private string _config;
        private string[] _native;
        private string _builtIp;
        private int _builtTopics = -1;
        private int _builds;
        private bool _builtSo4;
        private bool _builtSo26;
        private bool _builtSo73;
        private bool _builtSo13;

        /// <summary>How often the payloads were built (for tests: once per settings change, not per publish).</summary>
        public int Builds
        {
            get { return _builds; }
        }

        /// <summary>The Tasmota discovery config payload as it stands now (built when needed).</summary>
        public string ConfigPayload()
        {
            EnsureBuilt();
            return _config;
        }

        /// <summary>The native discovery config of relay <paramref name="index0"/> as it stands now.</summary>
        public string NativePayload(int index0)
        {
            EnsureBuilt();
            return _native[index0];
        }

        /// <summary>
        /// Rebuilds the payloads when an input changed since the last build: the topics (TopicSet.Version
        /// counts their rebuilds), StateText1-4 (compared by reference: a change stores a new string),
        /// SetOption4, SetOption26 or the IP address. Comparing allocates nothing.
        /// </summary>
        private void EnsureBuilt()
        {
            DeviceSettings s = _settings.Current;
            string ip = _network.IpAddress == null ? string.Empty : _network.IpAddress;
            if (_config != null && _builtTopics == _topics.Version && ip == _builtIp && s.ResultOnCommandTopic == _builtSo4
                && s.IndexSingleRelay == _builtSo26 && s.MqttButtons == _builtSo73 && s.ButtonSingle == _builtSo13 && SameTexts(s.StateText))
            {
                return;
            }

            Describe(ip);
            CommandResponse json = new CommandResponse(1024); // for this build only: the payloads are kept, the writer is not
            string config = TasmotaDiscovery.Config(json, _d);
            string[] native = ArraySlots.Strings(_d.RelayCount);
            bool nativeChanged = _native == null;
            for (int i = 0; i < native.Length; i++)
            {
                native[i] = HassDiscovery.Config(json, _d, i);
                if (_native != null && native[i] != _native[i])
                {
                    nativeChanged = true;
                }
            }

            _config = config;
            _native = native;
            _nativeChanged |= nativeChanged;
            _builtIp = ip;
            _builtTopics = _topics.Version;
            _builtSo4 = s.ResultOnCommandTopic;
            _builtSo26 = s.IndexSingleRelay;
            _builtSo73 = s.MqttButtons;
            _builtSo13 = s.ButtonSingle;
            for (int i = 0; i < 4; i++)
            {
                _builtTexts[i] = s.StateText[i];
            }

            _builds++;
        }

        private bool SameTexts(string[] texts)
        {
            for (int i = 0; i < 4; i++)
            {
                if (!object.ReferenceEquals(texts[i], _builtTexts[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private void Describe(string ip)
        {
            DeviceSettings s = _settings.Current;
            _d.IpAddress = ip;
            _d.Hostname = _topics.Hostname;
            _d.Topic = s.Topic;
            _d.DeviceName = s.DeviceName;
            for (int i = 0; i < DeviceDescription.Slots && i < s.FriendlyName.Length; i++)
            {
                _d.FriendlyNames[i] = s.FriendlyName[i];
            }

            _d.RelaysAsLights = SetOptionFlags.Get(s, 30);
            _d.FullTopic = _topics.FullTopic;
            for (int i = 0; i < 3; i++)
            {
                _d.Prefix[i] = TopicSet.PrefixOf(s, i);
            }

            for (int i = 0; i < 4; i++)
            {
                _d.StateText[i] = s.StateText[i];
            }

            for (int i = 0; i < _d.RelayCount; i++)
            {
                _d.PowerKeys[i] = _power.PowerKey(i);
            }

            _d.ResultOnCommandTopic = s.ResultOnCommandTopic;
            _d.MqttButtons = s.MqttButtons;
            _d.ButtonSingle = s.ButtonSingle;
            _d.MqttSwitches = SetOptionFlags.Get(s, 114);
            for (int i = 0; i < DeviceDescription.Slots && i < s.SwitchMode.Length; i++)
            {
                _d.SwitchModes[i] = s.SwitchMode[i];
            }
            _d.CmndBase = _topics.CmndBase;
            _d.StatBase = _topics.StatBase;
            _d.TeleBase = _topics.TeleBase;
        }
    }
}
