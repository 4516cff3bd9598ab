using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Switches
{
    /// <summary>The switch commands: SwitchMode&lt;n&gt;, SwitchTopic and SwitchDebounce.</summary>
    public sealed partial class SwitchInputs
    {
        private void CmndSwitchMode(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index; // 1 without digits (CommandDispatcher)
            if (index < 1 || index > DeviceSettings.SwitchCount)
            {
                return; // {"Command":"Error"}
            }

            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= DeviceSettings.MaxSwitchMode && v != Settings.SwitchMode[index - 1])
            {
                if (index - 1 < DueAt.Length)
                {
                    DueAt[index - 1] = None; // a pending hold belongs to the old mode
                }

                Service.Set(ref Settings.SwitchMode[index - 1], v, SettingsChange.Discovery);
            }

            resp.Add("SwitchMode" + index.ToString(), Settings.SwitchMode[index - 1]);
        }

        private void CmndSwitchTopic(CommandRequest req, CommandResponse resp)
        {
            TopicCommand(req, resp, "SwitchTopic", ref Settings.SwitchTopic);
        }

        private void CmndSwitchDebounce(CommandRequest req, CommandResponse resp)
        {
            DebounceCommand(req, resp, "SwitchDebounce", ref Settings.SwitchDebounce);
        }
    }
}
