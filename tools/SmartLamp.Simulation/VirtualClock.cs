using System;
using SmartLamp.Core.Loop;

namespace SmartLamp.Simulation
{
    /// <summary>
    /// The core's event loop on virtual time, for tests and the simulator's deterministic mode. Time moves
    /// only in <see cref="Advance"/>; due timeouts run in order of due time (then creation order), each
    /// seeing <see cref="NowMs"/> equal to its own due time, and the inbox is run before and after each
    /// one. Everything runs on the caller's thread (posts from other threads wait for the next Advance).
    /// </summary>
    public sealed class VirtualClock : EventLoop
    {
        private readonly DateTime _epoch;
        private long _now;

        /// <summary>Starts at 0 ms with wall time 2026-01-01T00:00:00Z.</summary>
        public VirtualClock()
            : this(new DateTime(2026, 1, 1, 0, 0, 0))
        {
        }

        /// <summary>Starts at 0 ms with wall time <paramref name="epochUtc"/>.</summary>
        public VirtualClock(DateTime epochUtc)
            : base(null)
        {
            _epoch = epochUtc;
        }

        /// <summary>
        /// Milliseconds that pass on every read of <see cref="NowMs"/> (0, the default, freezes time between
        /// <see cref="Advance"/> calls). A busy real clock moves while a handler runs; this shows code that
        /// reads the time twice where it means one instant.
        /// </summary>
        public int MsPerRead { get; set; }

        /// <inheritdoc />
        public override long NowMs
        {
            get
            {
                _now += MsPerRead;
                return _now;
            }
        }

        /// <inheritdoc />
        protected override DateTime PortUtcNow
        {
            get { return _epoch.AddTicks(_now * TimeSpan.TicksPerMillisecond); }
        }

        /// <summary>Moves time forward by <paramref name="ms"/>, running the inbox and every timeout that falls due.</summary>
        public void Advance(long ms)
        {
            if (ms < 0)
            {
                throw new ArgumentOutOfRangeException("ms");
            }

            long target = _now + ms;
            RunInbox();
            while (true)
            {
                long due = NextDueAt;
                if (due > target)
                {
                    break;
                }

                if (due > _now)
                {
                    _now = due;
                }

                RunOneDue(_now);
                RunInbox();
            }

            _now = target;
        }
    }
}
