using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>The Rule1..3/Rule0 and Event commands: rule text, the On/Once/StopOnError flags and their answers.</summary>
    public sealed partial class RulesEngine
    {
        private void CmndEvent(CommandRequest req, CommandResponse resp)
        {
            string data = req.Payload;
            if (data.Length > 0)
            {
                int eq = data.IndexOf('=');
                int nameEnd = eq < 0 ? data.Length : eq;
                string name = data.Substring(0, nameEnd).Trim();
                string value = eq < 0 ? string.Empty : data.Substring(eq + 1).Trim();
                if (name.Length == 0)
                {
                    return; // {"Command":"Error"}
                }

                RaiseEvent(name, value);
            }

            resp.Add("Event", "Done");
        }

        private void CmndRule(CommandRequest req, CommandResponse resp)
        {
            int index = req.HasIndex ? req.Index : 1;
            string data = req.Payload;
            if (index == 0)
            {
                RuleZero(req, data, resp);
                return;
            }

            if (index < 1 || index > DeviceSettings.RuleSetCount)
            {
                return; // {"Command":"Error"}
            }

            int set = index - 1;
            if (data.Length > 0)
            {
                int enabledBefore = _s.RulesEnabled;
                string textBefore = RuleText(set);
                int v = CommandValue.Parse(data);
                if (v >= 0 && v <= 10)
                {
                    SetFlag(set, v);
                }
                else
                {
                    string error = SetText(set, data);
                    if (error != null)
                    {
                        resp.Add("Command", "Error").Add(RuleKey(set), error);
                        return;
                    }
                }

                _onceState[set] = 0;
                ConnectedNowIfChanged(set, enabledBefore, textBefore);
            }

            WriteStatus(set, resp);
        }

        /// <summary>Rule0: the same flag change or clear for every set, then one answer per set (Tasmota publishes three).</summary>
        private void RuleZero(CommandRequest req, string data, CommandResponse resp)
        {
            int v = data.Length > 0 ? CommandValue.Parse(data) : CommandValue.None;
            int enabledBefore = _s.RulesEnabled;
            for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
            {
                if (v >= 0 && v <= 10)
                {
                    SetFlag(set, v);
                    _onceState[set] = 0;
                    ConnectedNowIfChanged(set, enabledBefore, RuleText(set));
                }
                else if (data.Length > 0 && data[0] == '"')
                {
                    SetText(set, data);
                    _onceState[set] = 0;
                }
            }

            if (_scratch == null)
            {
                _scratch = new CommandResponse();
            }

            for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
            {
                _scratch.Clear();
                WriteStatus(set, _scratch);
                if (_output != null)
                {
                    _output.CommandResult(req, _scratch.ToJson());
                }
            }

            resp.Suppress();
        }

        private void SetFlag(int set, int v)
        {
            int bit = 1 << set;
            switch (v)
            {
                case 0:
                case 1:
                case 2:
                    _service.Set(ref _s.RulesEnabled, Apply(_s.RulesEnabled, bit, v), 0);
                    break;
                case 4:
                case 5:
                case 6:
                    _service.Set(ref _s.RulesOnce, Apply(_s.RulesOnce, bit, v - 4), 0);
                    break;
                case 8:
                case 9:
                case 10:
                    _service.Set(ref _s.RulesStopOnError, Apply(_s.RulesStopOnError, bit, v - 8), 0);
                    break;
                default:
                    return; // 3 and 7 change nothing (Tasmota)
            }
        }

        /// <summary>0 clears, 1 sets, 2 toggles <paramref name="bit"/>.</summary>
        private static int Apply(int flags, int bit, int action)
        {
            if (action == 0)
            {
                return flags & ~bit;
            }

            if (action == 1)
            {
                return flags | bit;
            }

            return flags ^ bit;
        }

        /// <summary>Stores a new text for the set ('"' clears, a leading '+' appends); null, or what is wrong (the set is kept).</summary>
        private string SetText(int set, string data)
        {
            string text;
            if (data[0] == '"')
            {
                text = string.Empty;
            }
            else if (data[0] == '+')
            {
                // Tasmota turns the '+' into a space and appends.
                string current = RuleText(set);
                string added = data.Substring(1);
                if (current.Length + 1 + added.Length > DeviceSettings.MaxRuleLength)
                {
                    return TooLong(current.Length + 1 + added.Length);
                }

                text = current + " " + added;
            }
            else
            {
                text = data;
            }

            if (text.Length > DeviceSettings.MaxRuleLength)
            {
                return TooLong(text.Length);
            }

            text = SpacesForLineBreaks(text);
            if (text == null)
            {
                return "control characters are not allowed";
            }

            text = text.Trim();
            if (!Chars.IsMqttText(text))
            {
                return "control characters, non-characters and lone surrogates are not allowed";
            }

            string error = RuleScanner.Validate(text);
            if (error != null)
            {
                return error;
            }

            _service.Set(ref _s.Rules[set], text, 0);
            return null;
        }

        private static string TooLong(int length)
        {
            return "too long: " + length.ToString() + " characters, at most " + DeviceSettings.MaxRuleLength.ToString();
        }

        /// <summary>Tabs and line breaks become spaces (a pasted multi-line rule works); null when other control characters remain.</summary>
        private static string SpacesForLineBreaks(string text)
        {
            char[] chars = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= ' ' && c != '\u007F')
                {
                    continue;
                }

                if (c != '\t' && c != '\r' && c != '\n')
                {
                    return null;
                }

                if (chars == null)
                {
                    chars = text.ToCharArray();
                }

                chars[i] = ' ';
            }

            return chars == null ? text : new string(chars);
        }

        private void WriteStatus(int set, CommandResponse resp)
        {
            string text = RuleText(set);
            resp.BeginObject(RuleKey(set))
                .Add("State", OnOff((_s.RulesEnabled & (1 << set)) != 0))
                .Add("Once", OnOff((_s.RulesOnce & (1 << set)) != 0))
                .Add("StopOnError", OnOff((_s.RulesStopOnError & (1 << set)) != 0))
                .Add("Length", text.Length)
                .Add("Free", DeviceSettings.MaxRuleLength - text.Length)
                .Add("Rules", SmartLamp.Core.Console.SecretMask.Inline(text))
                .End();
        }

        private string OnOff(bool on)
        {
            string[] texts = _s.StateText;
            int i = on ? 1 : 0;
            if (texts != null && texts.Length > i && texts[i] != null && texts[i].Length > 0)
            {
                return texts[i];
            }

            return on ? "ON" : "OFF";
        }

        private static string RuleKey(int set)
        {
            return set == 0 ? "Rule1" : (set == 1 ? "Rule2" : "Rule3");
        }
    }
}
