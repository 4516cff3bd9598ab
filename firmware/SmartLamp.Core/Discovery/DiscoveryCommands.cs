using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Discovery
{
    /// <summary>The discovery commands: Discover, DiscoverOff (= SetOption19), DiscoverButton (= SetOption73) and HassDiscovery.</summary>
    public sealed partial class DiscoveryService
    {
        /// <summary>SetOption19 for ConfigCommands.AddSetOptions: same as DiscoverOff, answered as {"SetOption19":"ON"}.</summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            if (req.Index != 19)
            {
                return false;
            }

            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return true; // {"Command":"Error"}
            }

            if (v >= 0)
            {
                SetDiscoveryOff(v == 1);
            }

            resp.AddIndexed("SetOption", 19, _power.StateText(_settings.Current.DiscoveryOff));
            return true;
        }

        private void CmndDiscover(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= 0)
            {
                SetDiscoveryOff((v & 1) == 0);
                Rediscover();
            }

            resp.Add("Discover", _power.StateText(!_settings.Current.DiscoveryOff));
        }

        private void CmndDiscoverOff(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // {"Command":"Error"}, as SetOption19 2
            }

            if (v >= 0)
            {
                SetDiscoveryOff(v == 1);
                Rediscover();
            }

            resp.Add("DiscoverOff", _power.StateText(_settings.Current.DiscoveryOff));
        }

        /// <summary>Tasmota's DiscoverButton = SetOption73: buttons send their actions over MQTT and are announced as triggers.</summary>
        private void CmndDiscoverButton(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings.Current;
            if (v >= 0)
            {
                _settings.Set(ref s.MqttButtons, v == 1, SettingsChange.Discovery);

                Rediscover();
            }

            resp.Add("DiscoverButton", _power.StateText(s.MqttButtons));
        }

        private void CmndHassDiscovery(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v > 1)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings.Current;
            if (v >= 0 && (v == 1) != s.HassDiscovery)
            {
                if (v == 0)
                {
                    _nativeClearPending = true;
                }

                _settings.Set(ref s.HassDiscovery, v == 1, SettingsChange.Discovery);
            }

            if (v >= 0)
            {
                Rediscover();
            }

            resp.Add("HassDiscovery", _power.StateText(s.HassDiscovery));
        }

        private void SetDiscoveryOff(bool off)
        {
            DeviceSettings s = _settings.Current;
            _settings.Set(ref s.DiscoveryOff, off, SettingsChange.Discovery);
        }
    }
}
