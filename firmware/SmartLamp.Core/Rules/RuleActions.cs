using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>Running a rule's DO part: its commands one by one, the part from the first Delay handed to the Backlog queue.</summary>
    public sealed partial class RulesEngine
    {
        private void Perform(string text, int triggerStart, int triggerEnd, int commandStart, int commandEnd, string value)
        {
            string commands = text.Substring(commandStart, commandEnd - commandStart);
            bool hasValue = commands.IndexOf('%') >= 0;
            string trigger = text.Substring(triggerStart, triggerEnd - triggerStart);
            string shown = hasValue ? _variables.Substitute(commands, value) : commands;
            Log(trigger, " performs '", SmartLamp.Core.Console.SecretMask.Inline(shown) + "'");

            int p = BacklogWordEnd(commands, 0);
            bool noDelay = p >= 0 && IsBacklogZero(commands);
            if (RuleIf.StartsWithIf(commands, p < 0 ? 0 : p))
            {
                // IF ... ENDIF: the chosen commands run as a Backlog (Tasmota implies one), still unsubstituted.
                string error;
                commands = _if.Resolve(p < 0 ? commands : commands.Substring(p), value, out error);
                if (commands == null)
                {
                    Log(trigger, ": ", error);
                    return;
                }

                p = 0;
                hasValue = commands.IndexOf('%') >= 0;
            }
            else if (p < 0)
            {
                Execute(shown);
                return;
            }

            int run = 0;
            int start;
            int end;
            while (NextItem(commands, ref p, out start, out end))
            {
                if (start >= end)
                {
                    continue; // empty, or Reset (never from a Backlog, as in Tasmota)
                }

                if (run == MaxBacklog)
                {
                    Log("Backlog in a rule holds more than ", MaxBacklog.ToString(), " commands, the rest is dropped");
                    return;
                }

                run++;

                if (_backlog != null && IsDelay(commands, start))
                {
                    // A Delay must really wait: it and the rest go to the Backlog queue, as Tasmota runs a
                    // rule's Backlog. What ran before it stays in this event's chain.
                    HandOver(commands, start, value, hasValue, noDelay, MaxBacklog - run + 1);
                    return;
                }

                // %value% is put in per command, after the split: a ';' in a received value cannot add commands.
                string one = commands.Substring(start, end - start);
                Execute(hasValue ? _variables.Substitute(one, value) : one);
            }
        }

        /// <summary>True when the command at <paramref name="start"/> is "Delay" (followed by a space or the end).</summary>
        private static bool IsDelay(string s, int start)
        {
            if (!CommandValue.StartsWithIgnoreCase(s, start, "DELAY"))
            {
                return false;
            }

            int p = start + 5;
            return p >= s.Length || s[p] == ' ' || s[p] == ';';
        }

        /// <summary>Queues the commands from <paramref name="p"/> on (at most <paramref name="room"/>) in the Backlog queue.</summary>
        private void HandOver(string commands, int p, string value, bool hasValue, bool noDelay, int room)
        {
            int dropped = 0;
            int start;
            int end;
            while (NextItem(commands, ref p, out start, out end))
            {
                if (start >= end)
                {
                    continue;
                }

                string one = CommandDispatcher.TrimPayload(commands.Substring(start, end - start));
                if (room <= 0 || !_backlog.Add(hasValue ? _variables.Substitute(one, value) : one, noDelay))
                {
                    dropped++;
                    continue;
                }

                room--;
            }

            if (dropped > 0)
            {
                Log("Backlog in a rule is full, dropped ", dropped.ToString(), " command(s)");
            }

            _backlog.RunNow();
        }

        /// <summary>
        /// The next command of a Backlog list at <paramref name="p"/>: [start, end) without nested Backlog words
        /// and leading spaces (start == end for an empty item or a Reset, which a Backlog never runs, as in
        /// Tasmota); <paramref name="p"/> moves past it. False at the end of the text.
        /// </summary>
        private static bool NextItem(string commands, ref int p, out int start, out int end)
        {
            if (p >= commands.Length)
            {
                start = p;
                end = p;
                return false;
            }

            end = CommandValue.BacklogItemEnd(commands, p);
            start = p;
            p = end + 1;
            int inner = BacklogWordEnd(commands, start);
            while (inner >= 0 && inner < end)
            {
                start = inner;
                inner = BacklogWordEnd(commands, start);
            }

            while (start < end && commands[start] == ' ')
            {
                start++;
            }

            if (start < end && CommandValue.StartsWithIgnoreCase(commands, start, "RESET"))
            {
                start = end;
            }

            return true;
        }

        private void Execute(string line)
        {
            if (_depth > 0 && !ChainedActionAllowed())
            {
                return;
            }

            try
            {
                _dispatcher.ExecuteLine(CommandSource.Internal, line);
            }
            catch (Exception e)
            {
                Log("Command failed: ", e.Message, null);
            }
        }

        /// <summary>True when the commands start with "Backlog0" or "Backlog2" (no spacing).</summary>
        private static bool IsBacklogZero(string s)
        {
            int p = 0;
            while (p < s.Length && s[p] == ' ')
            {
                p++;
            }

            p += 7;
            return p < s.Length && (s[p] == '0' || s[p] == '2') && (p + 1 == s.Length || s[p + 1] == ' ');
        }

        /// <summary>Index after a leading "Backlog"/"BacklogN" word (and its spaces) at <paramref name="from"/>, or -1.</summary>
        private static int BacklogWordEnd(string s, int from)
        {
            while (from < s.Length && s[from] == ' ')
            {
                from++;
            }

            if (!CommandValue.StartsWithIgnoreCase(s, from, "BACKLOG"))
            {
                return -1;
            }

            int p = from + 7;
            while (p < s.Length && s[p] >= '0' && s[p] <= '9')
            {
                p++;
            }

            if (p < s.Length && s[p] != ' ')
            {
                return -1; // "BacklogX" is some other word
            }

            while (p < s.Length && s[p] == ' ')
            {
                p++;
            }

            return p;
        }
    }
}
