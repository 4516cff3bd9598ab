using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

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

            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return true; // {"Command":"Error"}
            }

            if (v != OnOff.Query)
            {
                SetDiscoveryOff(v == OnOff.On);
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
            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return; // {"Command":"Error"}, as SetOption19 2
            }

            if (v != OnOff.Query)
            {
                SetDiscoveryOff(v == OnOff.On);
                Rediscover();
            }

            resp.Add("DiscoverOff", _power.StateText(_settings.Current.DiscoveryOff));
        }

        /// <summary>Tasmota's DiscoverButton = SetOption73: buttons send their actions over MQTT and are announced as triggers.</summary>
        private void CmndDiscoverButton(CommandRequest req, CommandResponse resp)
        {
            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings.Current;
            if (v != OnOff.Query)
            {
                _settings.Set(ref s.MqttButtons, v == OnOff.On, SettingsChange.Discovery);

                Rediscover();
            }

            resp.Add("DiscoverButton", _power.StateText(s.MqttButtons));
        }

        private void CmndHassDiscovery(CommandRequest req, CommandResponse resp)
        {
            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return; // {"Command":"Error"}
            }

            DeviceSettings s = _settings.Current;
            if (v != OnOff.Query && (v == OnOff.On) != s.HassDiscovery)
            {
                if (v == OnOff.Off)
                {
                    _nativeClearPending = true;
                }

                _settings.Set(ref s.HassDiscovery, v == OnOff.On, SettingsChange.Discovery);
            }

            if (v != OnOff.Query)
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
