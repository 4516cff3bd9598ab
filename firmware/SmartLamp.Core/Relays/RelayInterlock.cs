using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Interlock: at most one relay of a group on; switching one on first switches the others of its
    /// group off and switches it on <see cref="InterlockDelayMs"/> later, so the pins never show two
    /// relays of a group on. Command: Interlock (0/1, or groups "1,2 3,4").
    /// </summary>
    public sealed partial class PowerController
    {
        /// <summary>Break-before-make gap of Interlock in ms (Tasmota's delay(50)).</summary>
        public const int InterlockDelayMs = 50;

        private ITimer _interlockTimer;
        private int _pendingOn;
        private bool _interlocking;

        /// <summary>Bit i set while relay i waits for its interlock delay before switching on.</summary>
        public int PendingOnMask
        {
            get { return _pendingOn; }
        }

        /// <summary>
        /// Before switching relay i on: with Interlock on and another relay of i's group
        /// on, switches those off (announcing each with <paramref name="reason"/>) and schedules relay i to switch on after
        /// <see cref="InterlockDelayMs"/>. Returns true when the switch-on was deferred.
        /// </summary>
        private bool DeferForInterlock(int relayIndex0, int logicalPower, RelayChangeReason reason)
        {
            if (!_settings.Interlock || _interlocking)
            {
                return false;
            }

            int bit = 1 << relayIndex0;
            int group = GroupOf(bit);
            int others = group & logicalPower & ~bit;
            if (others == 0)
            {
                return false;
            }

            _interlocking = true;
            try
            {
                for (int j = 0; j < _count; j++)
                {
                    if ((others & (1 << j)) != 0)
                    {
                        SetPower(j, CommandValue.Off, reason);
                    }
                }
            }
            finally
            {
                _interlocking = false;
            }

            _pendingOn |= bit;
            if (_interlockTimer == null)
            {
                _interlockTimer = _clock.Timeout("Interlock", OnInterlockTimer);
            }

            _interlockTimer.Start(InterlockDelayMs, 0);
            return true;
        }

        /// <summary>For every relay state the bank drives: a group with more than one relay on is switched off as a whole (Tasmota's SetDevicePower).</summary>
        private int Enforce(int logicalPower)
        {
            if (!_settings.Interlock)
            {
                return logicalPower;
            }

            int[] groups = _settings.InterlockGroups;
            for (int g = 0; g < groups.Length; g++)
            {
                int on = logicalPower & groups[g];
                if (on != 0 && (on & (on - 1)) != 0)
                {
                    logicalPower &= ~groups[g];
                }
            }

            return logicalPower;
        }

        private int GroupOf(int bit)
        {
            int[] groups = _settings.InterlockGroups;
            for (int g = 0; g < groups.Length; g++)
            {
                if ((groups[g] & bit) != 0)
                {
                    return groups[g];
                }
            }

            return 0;
        }

        private void OnInterlockTimer()
        {
            try
            {
                int pending = _pendingOn;
                _pendingOn = 0;
                for (int i = 0; i < _count; i++)
                {
                    if ((pending & (1 << i)) != 0)
                    {
                        SetPower(i, CommandValue.On, RelayChangeReason.Rule);
                    }
                }
            }
            catch (Exception ex)
            {
                LogError("Interlock failed: ", ex.Message);
            }
        }

        private void CmndInterlock(CommandRequest req, CommandResponse resp)
        {
            if (_count < 2)
            {
                _service.Set(ref _settings.Interlock, false, 0);

                resp.Add("Interlock", StateText(false));
                return;
            }

            string p = req.Payload;
            if (!req.IsQuery)
            {
                if (p.IndexOf(',') >= 0)
                {
                    ParseGroups(p);
                }
                else
                {
                    int v = CommandValue.Parse(p);
                    if (v >= 0)
                    {
                        bool on = (v & 1) != 0;
                        _service.Set(ref _settings.Interlock, on, 0);

                        if (on)
                        {
                            EnforceNow();
                        }
                    }
                }
            }

            resp.Add("Interlock", StateText(_settings.Interlock));
            resp.Add("Groups", GroupsText());
        }

        /// <summary>"1,2 3,4": groups separated by spaces, relays by commas; unknown or repeated relays are skipped, groups of fewer than 2 relays dropped.</summary>
        private void ParseGroups(string text)
        {
            int[] groups = new int[_settings.InterlockGroups.Length];

            int used = 0;
            int group = 0;
            int number = -1;
            bool inGroup = false;
            for (int i = 0; i <= text.Length && group < groups.Length; i++)
            {
                char c = i < text.Length ? text[i] : ' ';
                if (c >= '0' && c <= '9')
                {
                    number = (number < 0 ? 0 : number * 10) + (c - '0');
                    if (number > 1000)
                    {
                        number = 1000;
                    }

                    inGroup = true;
                    continue;
                }

                if (number > 0 && number <= _count && (used & (1 << (number - 1))) == 0)
                {
                    used |= 1 << (number - 1);
                    groups[group] |= 1 << (number - 1);
                }

                number = -1;
                if (c == ' ' && inGroup)
                {
                    group++;
                    inGroup = false;
                }
                else if (c != ' ')
                {
                    inGroup = true;
                }
            }

            for (int g = 0; g < groups.Length; g++)
            {
                int m = groups[g];
                _service.Set(ref _settings.InterlockGroups[g], m != 0 && (m & (m - 1)) == 0 ? 0 : m, 0);
            }
        }

        private string GroupsText()
        {
            int[] groups = _settings.InterlockGroups;
            TextBuffer text = new TextBuffer(24);
            bool any = false;
            for (int g = 0; g < groups.Length; g++)
            {
                int m = groups[g] & ((1 << _count) - 1);
                if (groups[g] == 0)
                {
                    continue;
                }

                if (any)
                {
                    text.Append(' ');
                }

                any = true;
                bool first = true;
                for (int j = 0; j < _count; j++)
                {
                    if ((m & (1 << j)) != 0)
                    {
                        if (!first)
                        {
                            text.Append(',');
                        }

                        text.AppendNumber(j + 1);
                        first = false;
                    }
                }
            }

            if (!any)
            {
                for (int j = 1; j <= _count; j++)
                {
                    if (j > 1)
                    {
                        text.Append(',');
                    }

                    text.AppendNumber(j);
                }
            }

            return text.ToString();
        }
    }
}
