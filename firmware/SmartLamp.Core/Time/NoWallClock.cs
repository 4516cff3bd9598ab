using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Time
{
    /// <summary>The wall clock of a device without one (ports that leave <c>Wall</c> null): never valid until set by hand with "Time &lt;epoch&gt;", then running on the monotonic clock.</summary>
    public sealed class NoWallClock : IWallClock
    {
        private readonly IClock _clock;
        private long _baseTicks;
        private long _baseMs;
        private bool _valid;
        private int _syncs;

        /// <summary>Creates it on <paramref name="clock"/>.</summary>
        public NoWallClock(IClock clock)
        {
            _clock = clock;
        }

        /// <inheritdoc />
        public bool IsValid
        {
            get { return _valid; }
        }

        /// <inheritdoc />
        public System.DateTime UtcNow
        {
            get { return _valid ? new System.DateTime(_baseTicks + ((_clock.NowMs - _baseMs) * System.TimeSpan.TicksPerMillisecond)) : _clock.UtcNow; }
        }

        /// <inheritdoc />
        public int SyncCount
        {
            get { return _syncs; }
        }

        /// <inheritdoc />
        public void UseServers(string server1, string server2, string server3)
        {
        }

        /// <inheritdoc />
        public void SetUtc(System.DateTime utc)
        {
            _baseTicks = utc.Ticks;
            _baseMs = _clock.NowMs;
            _valid = true;
            _syncs++;
        }
    }
}
