using SmartLamp.Core.Commands;
using SmartLamp.Core.Relays;

namespace SmartLamp.Core.Buttons
{
    /// <summary>What button presses do: toggle a relay, raise Button&lt;n&gt;#State, publish an action or a ButtonTopic command, run Reset 1.</summary>
    public sealed partial class ButtonInputs
    {
        /// <summary>Runs the action of <paramref name="count"/> presses.</summary>
        private void Act(Button b, int count)
        {
            if (Settings.MqttButtons)
            {
                if (count >= 1 && count <= 5)
                {
                    Raise(b.Index, count + 9);
                    PublishAction(b.Index, ActionName(count));
                }

                return;
            }

            if (count == 1)
            {
                if (Raise(b.Index, StateToggle))
                {
                    return;
                }

                if (SendKey(b.Index, StateToggle))
                {
                    return;
                }

                Power.SetPower(b.Relay, CommandValue.Toggle, RelayChangeReason.Button);
                return;
            }

            if (count <= 5)
            {
                Raise(b.Index, count + 9);
                if (b.Index == 0 && count <= RelayCount && count <= MaxRelayButton1)
                {
                    Power.SetPower(count - 1, CommandValue.Toggle, RelayChangeReason.Button);
                }

                return;
            }

            if (!Settings.ButtonRestrict)
            {
                Log("Button" + (b.Index + 1).ToString(), " pressed 6 times: WifiConfig 2 is not implemented", null);
            }
        }

        private static string ActionName(int count)
        {
            switch (count)
            {
                case 1:
                    return "SINGLE";
                case 2:
                    return "DOUBLE";
                case 3:
                    return "TRIPLE";
                case 4:
                    return "QUAD";
                default:
                    return "PENTA";
            }
        }

        /// <summary>Publishes {"Button&lt;n&gt;":{"Action":"..."}} (RESULT, or stat/&lt;t&gt;/BUTTON&lt;n&gt; with SetOption4).</summary>
        private void PublishAction(int index, string action)
        {
            PublishAction("Button" + (index + 1).ToString(), index, action);
        }

        /// <summary>Tasmota's SendKey for ButtonTopic: publishes cmnd/&lt;ButtonTopic&gt;/POWER&lt;n&gt; and returns true when a ButtonTopic is active.</summary>
        private bool SendKey(int index, int state)
        {
            string bt = Settings.ButtonTopic;
            if (!TopicActive(bt))
            {
                return false;
            }

            int device = index < RelayCount ? index : 0;
            string payload;
            if (state == StateToggle && (bt == Settings.Topic || bt == Settings.GroupTopic))
            {
                payload = ToggledText(device);
            }
            else
            {
                payload = Settings.StateText[state == StateHold ? 3 : 2];
            }

            PublishKey(bt, Power.PowerKey(device), payload, false);
            return true;
        }

        private void Execute(string line)
        {
            if (_dispatcher != null)
            {
                _dispatcher.ExecuteLine(CommandSource.Internal, line);
            }
        }
    }
}
