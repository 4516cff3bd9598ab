using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Configuration
{
    /// <summary>The Wi-Fi credentials: SSId1/2 and Password1/2 (never echoed).</summary>
    public sealed partial class ConfigCommands
    {
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
    }
}
