using System;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Owns the live <see cref="DeviceSettings"/> and moves them to and from an
    /// <see cref="ISettingsStore"/> as <see cref="SettingsCodec"/> text.
    /// <see cref="Current"/> is ONE instance for the whole run: <see cref="Load"/> and
    /// <see cref="ResetToDefaults"/> fill it in place, so everybody may keep the reference.
    /// Writes are coalesced: the first <see cref="Changed"/> starts a 1 s timer and every change
    /// inside that second rides along in the same write. A write whose content equals the last
    /// stored content is skipped (no flash wear for ON-then-OFF within a second). A failed write is
    /// logged and retried on the next change (or <see cref="SaveNow"/>).
    /// </summary>
    public sealed class SettingsService
    {
        /// <summary>Delay between the first change and the write.</summary>
        public const int SaveDelayMs = 1000;

        private readonly ISettingsStore _store;
        private readonly ILog _log;
        private readonly string _mac;
        private readonly DeviceSettings _current;
        private readonly ITimer _saveTimer;
        private string _lastStored;
        private bool _dirty;

        /// <summary>Creates the service with default settings for <paramref name="mac"/> (12 hex digits); call <see cref="Load"/> at boot.</summary>
        public SettingsService(ISettingsStore store, IClock clock, ILog log, string mac)
        {
            if (store == null)
            {
                throw new ArgumentNullException("store");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _store = store;
            _log = log;
            _mac = mac;
            _current = DeviceSettings.CreateDefaults(mac);
            _saveTimer = clock.CreateTimer(OnSaveTimer);
        }

        /// <summary>Raised by <see cref="Changed"/> with its flags (see <see cref="SettingsChange"/>).</summary>
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

        /// <summary>
        /// Reads the stored settings into <see cref="Current"/> (missing, corrupt or garbage text gives
        /// defaults and a "CFG: ..." log line; never throws), counts the boot and schedules a save.
        /// </summary>
        public void Load()
        {
            string text = null;
            try
            {
                text = _store.Load();
            }
            catch (Exception ex)
            {
                Log("Settings read failed: ", ex.Message, null);
                text = null;
            }

            int result = SettingsCodec.Decode(text, _current, _mac, _log);
            _lastStored = result == SettingsCodec.Corrupt ? null : text;
            _current.BootCount++;
            MarkDirty();
        }

        /// <summary>
        /// Commands call this after changing <see cref="Current"/>: raises <see cref="SettingsChanged"/>
        /// with <paramref name="changeFlags"/> (0 = only persist) and schedules one coalesced save.
        /// </summary>
        public void Changed(int changeFlags)
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

        /// <summary>Writes now (Restart 1, Reset 1) and cancels a pending delayed write. True when the store holds the current settings.</summary>
        public bool SaveNow()
        {
            _saveTimer.Stop();
            return Write();
        }

        /// <summary>Puts every setting back to its default, counters included (Reset 1). Raises nothing; call <see cref="SaveNow"/> next.</summary>
        public void ResetToDefaults()
        {
            _current.ApplyDefaults(_mac);
            _dirty = true;
        }

        private void MarkDirty()
        {
            _dirty = true;
            if (!_saveTimer.IsRunning)
            {
                _saveTimer.Start(SaveDelayMs, 0);
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

        private bool Write()
        {
            // One encoding per save: SaveCount is counted up first and ignored when comparing with what
            // is stored, so an unchanged state (ON then OFF within the second) is not written again.
            _current.SaveCount++;
            string text = SettingsCodec.Encode(_current);
            if (_lastStored != null && SettingsCodec.SameIgnoringSaveCount(text, _lastStored))
            {
                _current.SaveCount--;
                _dirty = false;
                return true;
            }

            bool ok;
            try
            {
                ok = _store.Save(text);
            }
            catch (Exception ex)
            {
                Log("Save failed: ", ex.Message, null);
                ok = false;
            }

            if (!ok)
            {
                _current.SaveCount--;
                Log("Save failed, retry on next change", null, null);
                return false;
            }

            _lastStored = text;
            _dirty = false;
            return true;
        }

        private void Log(string a, string b, string c)
        {
            if (_log == null)
            {
                return;
            }

            try
            {
                _log.Write("CFG", a, b, c);
            }
            catch (Exception)
            {
                // never let logging break saving
            }
        }
    }
}
