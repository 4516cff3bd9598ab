using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Configuration
{
    /// <summary>The Wi-Fi passwords: Password1/2 (never echoed; SSId1/2 come from their schema lines, see SchemaCommands).</summary>
    public sealed partial class ConfigCommands
    {
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
                if (!UpdateText(ref _s.WifiPassword[index - 1], p, string.Empty, SchemaCommands.ZeroClears, 0, DeviceSettings.MaxSecretLength, SettingsChange.Wifi))
                {
                    return;
                }
            }

            resp.AddIndexed("Password", index, Asterisks);
        }
    }
}
