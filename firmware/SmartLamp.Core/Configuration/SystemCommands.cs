using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Configuration
{
    /// <summary>SetOption, Backlog, Restart and Reset.</summary>
    public sealed partial class ConfigCommands
    {
        /// <summary>
        /// Lets a capability own more SetOptions: <paramref name="handler"/> is asked first for every
        /// SetOption&lt;n&gt; and returns true when it answered (buttons: 1, 13, 32, 73; LED: 31).
        /// </summary>
        public void AddSetOptions(SetOptionHandler handler)
        {
            SetOptionHandler[] grown = (SetOptionHandler[])ArraySlots.Nulls(new SetOptionHandler[_optionHandlers.Length + 1]);
            Array.Copy(_optionHandlers, grown, _optionHandlers.Length);
            grown[_optionHandlers.Length] = handler;
            _optionHandlers = grown;
        }

        private void CmndSetOption(CommandRequest req, CommandResponse resp)
        {
            for (int i = 0; i < _optionHandlers.Length; i++)
            {
                if (req.HasIndex && _optionHandlers[i](req, resp))
                {
                    return;
                }
            }

            int index = req.Index;
            if (!req.HasIndex || (index != 0 && index != 4 && index != 26))
            {
                return; // options SmartLamp does not have: {"Command":"Error"}
            }

            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return; // Tasmota: only 0/1 for flag options
            }

            if (v != OnOff.Query)
            {
                bool on = v == OnOff.On;
                if (index == 0 && on && !_s.SaveState && _power != null)
                {
                    _service.SetState(ref _s.SavedPower, _power.PowerState, 0);
                }

                if (index == 0)
                {
                    _service.Set(ref _s.SaveState, on, 0);
                }
                else if (index == 4)
                {
                    _service.Set(ref _s.ResultOnCommandTopic, on, 0);
                }
                else
                {
                    _service.Set(ref _s.IndexSingleRelay, on, 0);
                }
            }

            bool current = index == 0 ? _s.SaveState : (index == 4 ? _s.ResultOnCommandTopic : _s.IndexSingleRelay);
            resp.AddIndexed("SetOption", index, OnOff.Text(_s.StateText, current));
        }

        private void CmndBacklog(CommandRequest req, CommandResponse resp)
        {
            string data = req.Payload;
            if (data.Length == 0)
            {
                resp.Add("Backlog", _backlog.Clear() ? "Aborted" : "Empty");
                return;
            }

            // Backlog0 and Backlog2 run without spacing (Tasmota: even index).
            bool noDelay = req.HasIndex && (req.Index & 1) == 0;
            int dropped = 0;
            int pos = 0;
            while (pos < data.Length)
            {
                int end = CommandValue.BacklogItemEnd(data, pos);

                string item = StripBacklogWord(CommandDispatcher.TrimPayload(data.Substring(pos, end - pos)));
                pos = end + 1;
                if (item.Length == 0 || CommandValue.StartsWithIgnoreCase(item, 0, "RESET"))
                {
                    continue; // Reset is silently dropped inside Backlog, as in Tasmota
                }

                if (!_backlog.Add(item, noDelay))
                {
                    dropped++;
                }
            }

            if (dropped > 0)
            {
                // Never log the dropped text: it may hold a password.
                Log("Backlog full, dropped ", dropped.ToString() + " command(s)");
            }

            _backlog.RunNow();
            resp.Suppress(); // Backlog itself answers nothing
        }

        private void CmndRestart(CommandRequest req, CommandResponse resp)
        {
            if (CommandValue.Parse(req.Payload) == 1)
            {
                _resetPending = false;
                _restartTimer.Start(RestartDelayMs, 0);
                resp.Add("Restart", "Restarting");
                return;
            }

            resp.Add("Restart", "1 to restart");
        }

        private void CmndReset(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v == 1)
            {
                _resetPending = true;
                _restartTimer.Start(RestartDelayMs, 0);
                resp.Add("Reset", "Reset and Restarting");
                return;
            }

            if (v == 99)
            {
                _service.Set(ref _s.BootCount, 0, 0);
                resp.Add("Reset", "Done");
                return;
            }

            resp.Add("Reset", "1 to reset");
        }

        private void OnRestartTimer()
        {
            try
            {
                ClearBacklog();
                if (_resetPending)
                {
                    _resetPending = false;
                    _service.ResetToDefaults();
                    Log("Reset to defaults", null);
                }

                _service.SaveNow();
            }
            catch (Exception ex)
            {
                Log("Save before restart failed: ", ex.Message);
            }

            try
            {
                _system.Restart();
            }
            catch (Exception ex)
            {
                Log("Restart failed: ", ex.Message);
            }
        }

        private void ClearBacklog()
        {
            _backlog.Clear();
        }

        /// <summary>Drops leading "Backlog"/"BacklogN" words from a queued command (Tasmota skips them too).</summary>
        private static string StripBacklogWord(string item)
        {
            while (CommandValue.StartsWithIgnoreCase(item, 0, "BACKLOG"))
            {
                int p = 7;
                while (p < item.Length && item[p] >= '0' && item[p] <= '9')
                {
                    p++;
                }

                if (p < item.Length && !CommandValue.IsSpace(item[p]))
                {
                    break; // "BacklogX..." is some other word
                }

                item = CommandDispatcher.TrimPayload(item.Substring(p));
            }

            return item;
        }
    }
}
