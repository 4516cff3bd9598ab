using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Settings
{
    /// <summary>Loads and saves <see cref="DeviceSettings"/> (skeleton).</summary>
    public sealed class SettingsService
    {
        private readonly DeviceSettings _current;

        /// <summary>Creates the service with default settings.</summary>
        public SettingsService(ISettingsStore store, IClock clock, ILog log, string mac)
        {
            _current = DeviceSettings.CreateDefaults(mac);
        }

        /// <summary>Raised after <see cref="Changed"/>.</summary>
        public event SettingsChangedHandler SettingsChanged;

        /// <summary>The live settings (always the same instance).</summary>
        public DeviceSettings Current
        {
            get { return _current; }
        }

        /// <summary>Loads from the store.</summary>
        public void Load()
        {
        }

        /// <summary>Reports a change.</summary>
        public void Changed(int changeFlags)
        {
            SettingsChangedHandler h = SettingsChanged;
            if (h != null)
            {
                h(changeFlags);
            }
        }

        /// <summary>Saves now.</summary>
        public void SaveNow()
        {
        }
    }
}
