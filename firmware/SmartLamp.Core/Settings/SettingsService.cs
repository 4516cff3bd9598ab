using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Owns the live <see cref="DeviceSettings"/> and keeps them in the <see cref="ISettingsStore"/>
    /// through a <see cref="SettingsJournal"/> (two alternating JSON copies with sequence number and
    /// CRC-32). <see cref="Current"/> is ONE instance for the whole run: <see cref="Load"/> and
    /// <see cref="ResetToDefaults"/> fill it in place, so everybody may keep the reference.
    /// Every write of a field goes through a <c>Set</c> (or <see cref="SetState"/>): it stores the value
    /// and, when it changed, raises <see cref="SettingsChanged"/> and marks the settings for saving.
    /// Writes follow Tasmota's SaveData: the first change starts a timer of SaveData
    /// seconds (default 1) and every change inside that time rides along in the same write, so there
    /// is at most one write per SaveData seconds; SaveData 0 writes only on <see cref="SaveNow"/>
    /// (Restart 1, Reset 1, the SaveData command, a clean shutdown). A write whose settings equal the
    /// stored ones is skipped (no flash wear for ON-then-OFF within the period). A failed write is
    /// logged with its reason and retried on a timer (<see cref="RetryFirstMs"/>, doubling up to
    /// <see cref="RetryMaxMs"/>) and on every change, until it succeeds; text that cannot be encoded
    /// (a lone surrogate) is repaired to U+FFFD before the write, so it can never block saving.
    /// </summary>
    public sealed class SettingsService
    {
        /// <summary>Delay between the first change and the write with the default SaveData 1.</summary>
        public const int SaveDelayMs = 1000;

        /// <summary>First wait before a failed save is tried again.</summary>
        public const int RetryFirstMs = 10000;

        /// <summary>Longest wait between tries of a failed save.</summary>
        public const int RetryMaxMs = 300000;

        private int _retryMs;

        private readonly SettingsJournal _journal;
        private readonly ILog _log;
        private readonly string _mac;
        private readonly DeviceSettings _current;
        private readonly ITimer _saveTimer;
        private int _bodyRoom = 1024; // characters the next body's writer starts with: the last body's length + a margin
        private bool _dirty;
        private bool _overwriteBoth;
        private int _writes;

        /// <summary>Creates the service with default settings for <paramref name="mac"/> (12 hex digits); call <see cref="Load"/> at boot.</summary>
        public SettingsService(ISettingsStore store, EventLoop clock, ILog log, string mac)
        {
            Require.NotNull(store, "store");
            Require.NotNull(clock, "clock");

            _journal = new SettingsJournal(store);
            _log = log;
            _mac = mac;
            _current = DeviceSettings.CreateDefaults(mac);
            _saveTimer = clock.Timeout("Settings save", OnSaveTimer);
        }

        /// <summary>Raised by a <c>Set</c> that changed a value, with its flags (see <see cref="SettingsChange"/>).</summary>
        public event SettingsChangedHandler SettingsChanged;

        /// <summary>The live settings (always the same instance).</summary>
        public DeviceSettings Current
        {
            get { return _current; }
        }

        /// <summary>The MAC the defaults are derived from.</summary>
        public string Mac
        {
            get { return _mac; }
        }

        /// <summary>True while a change waits to be written.</summary>
        public bool SavePending
        {
            get { return _dirty; }
        }

        /// <summary>Settings writes this service made since it was created (for wear tests and benchmarks).</summary>
        public int Writes
        {
            get { return _writes; }
        }

        /// <summary>
        /// Reads the newest valid copy into <see cref="Current"/>, counts the boot and schedules a save.
        /// Never throws. Anything that went wrong (no valid copy, values replaced by defaults, migrated
        /// from v1) is logged as one "CFG: ..." line and kept in <see cref="DeviceSettings.LoadReport"/>;
        /// an empty flash only logs "CFG: No stored settings, use defaults".
        /// </summary>
        public void Load()
        {
            TextBuffer report = new TextBuffer(64);
            int result;
            try
            {
                result = _journal.Load(_current, _mac, report);
            }
            catch (Exception ex)
            {
                _current.ApplyDefaults(_mac);
                report.Append("load failed: ").Append(ex.Message);
                result = SettingsJournal.Unreadable;
            }

            _current.SaveCount = _journal.Seq;
            _current.LoadReport = null;
            if (result == SettingsJournal.Empty)
            {
                Log("No stored settings, use defaults", null, null);
            }
            else if (result == SettingsJournal.Unreadable)
            {
                _current.LoadReport = "Defaults, no valid copy: " + report.ToString();
                Log("Settings unreadable, use defaults: ", report.ToString(), null);
            }
            else if (report.Length > 0)
            {
                _current.LoadReport = "Loaded " + _journal.Newest + ": " + report.ToString();
                Log(_current.LoadReport, null, null);
            }

            _current.BootCount++;
            MarkDirty();
        }

        /// <summary>
        /// After a field of <see cref="Current"/> changed (only the setters below call it): raises
        /// <see cref="SettingsChanged"/> with <paramref name="changeFlags"/> (0 = only persist) and
        /// schedules one coalesced save.
        /// </summary>
        private void Changed(int changeFlags)
        {
            MarkDirty();
            if (changeFlags == 0)
            {
                return;
            }

            SettingsChangedHandler h = SettingsChanged;
            if (h != null)
            {
                try
                {
                    h(changeFlags);
                }
                catch (Exception ex)
                {
                    Log("Settings change handler failed: ", ex.Message, null);
                }
            }
        }

        /// <summary>
        /// The one way a command changes a setting: stores <paramref name="value"/> in
        /// <paramref name="field"/> (a field of <see cref="Current"/>) when it differs and then raises
        /// <paramref name="changeFlags"/> to <see cref="SettingsChanged"/> and schedules the save, so the store and the flag
        /// cannot be separated. True when the value changed.
        /// </summary>
        public bool Set(ref int field, int value, int changeFlags)
        {
            if (field == value)
            {
                return false;
            }

            field = value;
            return Raise(changeFlags);
        }

        /// <summary>As <see cref="Set(ref int, int, int)"/> for a text setting.</summary>
        public bool Set(ref string field, string value, int changeFlags)
        {
            return Set(ref field, value, changeFlags, false);
        }

        /// <summary>
        /// As <see cref="Set(ref string, string, int)"/> for the last of several fields that form one
        /// setting (the group topics): the earlier ones are stored with flags 0 and
        /// <paramref name="othersChanged"/> tells whether any of them changed, so the listeners hear
        /// <paramref name="changeFlags"/> once when any field of the group changed. True when any did.
        /// </summary>
        public bool Set(ref string field, string value, int changeFlags, bool othersChanged)
        {
            bool differs = field != value;
            field = value;
            return (differs || othersChanged) && Raise(changeFlags);
        }

        /// <summary>As <see cref="Set(ref int, int, int)"/> for a list setting replaced as a whole (the subscriptions); a new array always counts as a change.</summary>
        public bool Set(ref string[] field, string[] value, int changeFlags)
        {
            bool differs = field != value;
            field = value;
            return differs && Raise(changeFlags);
        }

        /// <summary>
        /// As <see cref="Set(ref int, int, int)"/> for runtime state kept with the settings (the saved
        /// relay state, a timer's last run), which the device itself changes rather than a command.
        /// </summary>
        public bool SetState(ref int field, int value, int changeFlags)
        {
            return Set(ref field, value, changeFlags);
        }

        /// <summary>As <see cref="Set(ref int, int, int)"/> for an on/off setting.</summary>
        public bool Set(ref bool field, bool value, int changeFlags)
        {
            bool was = field;
            field = value; // stored before the listeners run
            return was != value && Raise(changeFlags);
        }

        private bool Raise(int changeFlags)
        {
            Changed(changeFlags);
            return true;
        }

        /// <summary>Writes now (Restart 1, Reset 1, SaveData) and cancels a pending delayed write. True when the store holds the current settings.</summary>
        public bool SaveNow()
        {
            _saveTimer.Stop();
            return Write();
        }

        /// <summary>
        /// Puts every setting back to its default, counters included (Reset 1). Raises nothing; call
        /// <see cref="SaveNow"/> next, which then writes BOTH copies, so no old password survives in
        /// the older copy.
        /// </summary>
        public void ResetToDefaults()
        {
            _current.ApplyDefaults(_mac);
            _current.SaveCount = _journal.Seq;
            _dirty = true;
            _overwriteBoth = true;
        }

        /// <summary>Re-arms the save timer after SaveData changed (a running period keeps its end).</summary>
        public void SaveDataChanged()
        {
            if (_current.SaveData == 0)
            {
                _saveTimer.Stop();
            }
            else if (_dirty && !_saveTimer.IsRunning)
            {
                _saveTimer.Start(_current.SaveData * 1000, 0);
            }
        }

        private void MarkDirty()
        {
            _dirty = true;
            int period = _current.SaveData;
            if (period > 0 && !_saveTimer.IsRunning)
            {
                _saveTimer.Start(period > DeviceSettings.MaxSaveData ? DeviceSettings.MaxSaveData * 1000 : period * 1000, 0);
            }
        }

        private void OnSaveTimer()
        {
            try
            {
                Write();
            }
            catch (Exception ex)
            {
                Log("Save failed: ", ex.Message, null);
            }
        }

        /// <summary>Why the last save failed, or null after a successful one.</summary>
        public string SaveProblem { get; private set; }

        private bool Failed()
        {
            _retryMs = _retryMs == 0 ? RetryFirstMs : (_retryMs >= RetryMaxMs / 2 ? RetryMaxMs : _retryMs * 2);
            string why = _journal.LastProblem;
            SaveProblem = why == null ? "unknown" : why;
            Log("Save failed (", SaveProblem, "), retry in " + (_retryMs / 1000).ToString() + " s");
            _saveTimer.Stop();
            _saveTimer.Start(_retryMs, 0);
            return false;
        }

        private bool Write()
        {
            // The writer lives for this save only (saves are coalesced, at most one per SaveDelayMs): a
            // buffer kept between saves would hold the body's size twice over on the heap for good.
            string body = Chars.RepairSurrogates(SettingsCodec.EncodeBody(_current, new CommandResponse(_bodyRoom)));
            _bodyRoom = body.Length + 64;
            if (_overwriteBoth)
            {
                // Reset: first the older copy, then (below) the other one, so both hold the defaults.
                if (!_journal.Save(body))
                {
                    return Failed();
                }

                _writes++;
                _overwriteBoth = false;
            }
            else if (_journal.IsStored(body))
            {
                _dirty = false;
                return true;
            }

            if (!_journal.Save(body))
            {
                return Failed();
            }

            _writes++;
            _current.SaveCount = _journal.Seq;
            _dirty = false;
            _retryMs = 0;
            SaveProblem = null;
            return true;
        }

        private void Log(string a, string b, string c)
        {
            SafeLog.Write(_log, "CFG", a, b, c);
        }
    }
}
