using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Telemetry
{
    /// <summary>
    /// Tasmota's Wifi.LinkCount and Wifi.Downtime (WifiSetState): each link-up counts once and adds the
    /// time since the last link-down (or since boot, for the first one) to the downtime.
    /// </summary>
    public sealed class WifiStats
    {
        private readonly IClock _clock;
        private long _lastDownMs;
        private long _downtimeMs;
        private bool _up;

        /// <summary>Creates the counters; the link is considered down since boot (clock time 0).</summary>
        public WifiStats(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Times the link came up since boot.</summary>
        public int LinkCount { get; private set; }

        /// <summary>Seconds the link was down before its last link-up, summed since boot.</summary>
        public long DowntimeSeconds
        {
            get { return _downtimeMs / 1000; }
        }

        /// <summary>Call when the link came up.</summary>
        public void OnUp()
        {
            if (_up)
            {
                return;
            }

            _up = true;
            LinkCount++;
            _downtimeMs += _clock.NowMs - _lastDownMs;
        }

        /// <summary>Call when the link went down.</summary>
        public void OnDown()
        {
            if (!_up)
            {
                return;
            }

            _up = false;
            _lastDownMs = _clock.NowMs;
        }
    }
}
