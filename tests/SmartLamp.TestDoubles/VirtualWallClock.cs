using SmartLamp.Simulation;
using System;
using SmartLamp.Core.Ports;

namespace SmartLamp.TestDoubles
{
    /// <summary>
    /// Wall clock for tests: not valid until <see cref="Sync"/> (what an SNTP answer does) or SetUtc; then it
    /// runs with the <see cref="VirtualClock"/> it was made on, so Advance moves both. <see cref="Sync"/>
    /// can step it to any time, forwards or backwards.
    /// </summary>
    public sealed class VirtualWallClock : IWallClock
    {
        private readonly VirtualClock _clock;
        private long _baseTicks;
        private long _baseMs;
        private bool _valid;
        private int _syncs;

        /// <summary>Creates it on <paramref name="clock"/> (not valid yet).</summary>
        public VirtualWallClock(VirtualClock clock)
        {
            _clock = clock;
            Servers = string.Empty;
        }

        /// <summary>The servers last passed to UseServers, "a,b,c".</summary>
        public string Servers { get; private set; }

        /// <summary>True after SetUtc until the next UseServers.</summary>
        public bool Manual { get; private set; }

        /// <inheritdoc />
        public bool IsValid
        {
            get { return _valid; }
        }

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return _valid ? new DateTime(_baseTicks + ((_clock.NowMs - _baseMs) * TimeSpan.TicksPerMillisecond)) : _clock.UtcNow; }
        }

        /// <inheritdoc />
        public int SyncCount
        {
            get { return _syncs; }
        }

        /// <summary>An SNTP answer: the time becomes <paramref name="utc"/> (valid from now on).</summary>
        public void Sync(DateTime utc)
        {
            _baseTicks = utc.Ticks;
            _baseMs = _clock.NowMs;
            _valid = true;
            _syncs++;
        }

        /// <inheritdoc />
        public void UseServers(string server1, string server2, string server3)
        {
            Servers = server1 + "," + server2 + "," + server3;
            Manual = false;
        }

        /// <inheritdoc />
        public void SetUtc(DateTime utc)
        {
            Sync(utc);
            Manual = true;
        }
    }
}
