using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>Matching one event against a rule set: which ON ... DO parts it triggers (Once rules and StopOnError included), and whether any rule would take a button press.</summary>
    public sealed partial class RulesEngine
    {
        private void ProcessSet(int set, string name, string key, string value)
        {
            string text = RuleText(set);
            if (text.Length == 0)
            {
                return;
            }

            bool once = (_s.RulesOnce & (1 << set)) != 0;
            bool stopped = false;
            RuleScanner scan = _scanner;
            scan.Reset(text);
            while (scan.Next())
            {
                int m = RuleTrigger.Evaluate(text, scan.TriggerStart, scan.TriggerEnd, name, key, value);
                if (m == RuleTrigger.NotThisEvent)
                {
                    continue;
                }

                bool match = m == RuleTrigger.Match && !stopped;
                if (once && scan.RuleIndex < MaxOnceRules)
                {
                    // Once: fire on the change from "not matching" to "matching" only.
                    int bit = 1 << scan.RuleIndex;
                    if (match)
                    {
                        if ((_onceState[set] & bit) != 0)
                        {
                            match = false;
                        }
                        else
                        {
                            _onceState[set] |= bit;
                        }
                    }
                    else
                    {
                        _onceState[set] &= ~bit;
                    }
                }

                if (!match)
                {
                    continue;
                }

                if (scan.IsBreak)
                {
                    stopped = true;
                }

                int triggerStart = scan.TriggerStart;
                int triggerEnd = scan.TriggerEnd;
                int commandStart = scan.CommandStart;
                int commandEnd = scan.CommandEnd;
                Perform(text, triggerStart, triggerEnd, commandStart, commandEnd, value);
            }
        }

        /// <summary>True when an enabled rule set has a rule whose trigger matches the event (nothing runs).</summary>
        private bool HasRuleFor(string name, string key, string value)
        {
            RuleScanner scan = _probe;
            for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
            {
                if ((_s.RulesEnabled & (1 << set)) == 0)
                {
                    continue;
                }

                string text = RuleText(set);
                scan.Reset(text);
                while (scan.Next())
                {
                    if (RuleTrigger.Evaluate(text, scan.TriggerStart, scan.TriggerEnd, name, key, value) == RuleTrigger.Match)
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
