using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Buttons
{
    /// <summary>The button commands: ButtonDebounce, ButtonTopic and SetOption1/13/32/73.</summary>
    public sealed partial class ButtonInputs
    {
        /// <summary>
        /// SetOption1 (restrict: no 40 s Reset 1), SetOption13 (immediate press), SetOption32 (hold time,
        /// 1..250 x 0.1 s), SetOption73 (detached buttons); for ConfigCommands.AddSetOptions.
        /// </summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index != 1 && index != 13 && index != 32 && index != 73)
            {
                return false;
            }

            if (index == 32)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v >= 0)
                {
                    if (v < 1 || v > 250)
                    {
                        return true; // {"Command":"Error"}
                    }

                    Service.Set(ref Settings.HoldTime, v, 0);
                }

                resp.Add("SetOption32", Settings.HoldTime);
                return true;
            }

            int state = OnOff.Read(req.Payload);
            if (state == OnOff.Refused)
            {
                return true; // {"Command":"Error"}
            }

            bool current = index == 1 ? Settings.ButtonRestrict : (index == 13 ? Settings.ButtonSingle : Settings.MqttButtons);
            if (state != OnOff.Query)
            {
                current = state == OnOff.On;
                switch (index)
                {
                    case 1:
                        Service.Set(ref Settings.ButtonRestrict, current, 0);
                        break;
                    case 13:
                        Service.Set(ref Settings.ButtonSingle, current, 0);
                        break;
                    default:
                        Service.Set(ref Settings.MqttButtons, current, 0);
                        break;
                }
            }

            resp.AddIndexed("SetOption", index, Power.StateText(current));
            return true;
        }

        private void CmndButtonDebounce(CommandRequest req, CommandResponse resp)
        {
            DebounceCommand(req, resp, "ButtonDebounce", ref Settings.ButtonDebounce);
        }

        private void CmndButtonTopic(CommandRequest req, CommandResponse resp)
        {
            TopicCommand(req, resp, "ButtonTopic", ref Settings.ButtonTopic);
        }
    }
}
