using System;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// Boot-loop protection driven by SetOption36, as in Tasmota: every boot is counted in the small
    /// blob <see cref="BlobName"/> and the count is cleared once the device has run
    /// <see cref="StableMs"/>. SetOption36 0 switches the detection off; 1..200 is Tasmota's boot-loop
    /// offset: Tasmota switches all rules off when the quick boots exceed offset + 2, so the rules go
    /// after SetOption36 + 2 quick restarts in a row (default 1: after 3). Then (a rule
    /// "ON System#Boot DO Restart 1", a crash at start, quick power cycles) every rule set is switched
    /// off before any rule runs, saved and logged, so the device comes up and can be reached to fix the
    /// rule ("Rule1 1" switches it on again). Tasmota's other steps (GPIO and module reset) have no
    /// counterpart here.
    /// </summary>
    public sealed class BootLoopGuard
    {
        /// <summary>Blob that holds the count of boots since the last stable run.</summary>
        public const string BlobName = "bootloop.txt";

        /// <summary>Quick restarts in a row after which the rules go, with the default SetOption36 1.</summary>
        public const int QuickRestarts = 3;

        /// <summary>Quick restarts in a row after which the rules go: SetOption36 + 2, or 0 when SetOption36 0 switches the detection off.</summary>
        public static int QuickRestartsAllowed(DeviceSettings s)
        {
            int offset = SetOptionFlags.GetParam(s, 36);
            return offset <= 0 ? 0 : offset + 2;
        }

        /// <summary>Running this long makes a boot stable (the count is cleared).</summary>
        public const int StableMs = 10000;

        private readonly ISettingsStore _store;
        private readonly SettingsService _settings;
        private readonly ILog _log;
        private readonly ITimer _timer;

        /// <summary>Creates the guard; <see cref="OnBoot"/> does the work.</summary>
        public BootLoopGuard(ISettingsStore store, SettingsService settings, EventLoop clock, ILog log)
        {
            _store = store;
            _settings = settings;
            _log = log;
            _timer = clock.Timeout("Boot loop guard", OnStable);
        }

        /// <summary>Boots since the last stable run, this one included (after <see cref="OnBoot"/>).</summary>
        public int QuickBoots { get; private set; }

        /// <summary>
        /// Call after the settings are loaded and before the rules start: counts this boot and switches
        /// the rules off when the boots came too quickly. Never throws.
        /// </summary>
        public void OnBoot()
        {
            try
            {
                QuickBoots = Parse(_store.Read(BlobName)) + 1;
                _store.Write(BlobName, QuickBoots.ToString());
                int allowed = QuickRestartsAllowed(_settings.Current);
                if (allowed > 0 && QuickBoots > allowed && _settings.Current.RulesEnabled != 0)
                {
                    _settings.Set(ref _settings.Current.RulesEnabled, 0, 0);
                    _settings.SaveNow();
                    Log("Boot loop: ", (QuickBoots - 1).ToString(), " quick restarts in a row, all rules switched off (Rule1 1 switches a set on again)");
                }

                _timer.Start(StableMs, 0);
            }
            catch (Exception e)
            {
                Log("Boot loop check failed: ", e.Message, null);
            }
        }

        private void OnStable()
        {
            try
            {
                QuickBoots = 0;
                _store.Write(BlobName, "0");
            }
            catch (Exception)
            {
                // the next boot counts one more; harmless
            }
        }

        private static int Parse(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 9)
            {
                return 0;
            }

            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return 0;
                }

                n = (n * 10) + (c - '0');
            }

            return n;
        }

        private void Log(string a, string b, string c)
        {
            if (_log != null)
            {
                _log.Write("APP", a, b, c);
            }
        }
    }
}
