using System;
using System.Collections;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulation
{
    /// <summary>
    /// Virtual time for tests and the simulator's deterministic mode. Time moves only in
    /// <see cref="Advance"/>; due timers fire in order of due time (then creation order), each
    /// seeing <see cref="NowMs"/> equal to its own due time. Callbacks run on the caller's thread.
    /// </summary>
    public sealed class VirtualClock : IClock
    {
        private readonly ArrayList _timers = new ArrayList();
        private readonly DateTime _epoch;
        private long _now;

        /// <summary>Starts at 0 ms with wall time 2026-01-01T00:00:00Z.</summary>
        public VirtualClock()
            : this(new DateTime(2026, 1, 1, 0, 0, 0))
        {
        }

        /// <summary>Starts at 0 ms with wall time <paramref name="epochUtc"/>.</summary>
        public VirtualClock(DateTime epochUtc)
        {
            _epoch = epochUtc;
        }

        /// <inheritdoc />
        public long NowMs
        {
            get { return _now; }
        }

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return _epoch.AddTicks(_now * TimeSpan.TicksPerMillisecond); }
        }

        /// <summary>Number of timers that will still fire.</summary>
        public int RunningTimers
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _timers.Count; i++)
                {
                    if (((VirtualTimer)_timers[i]).IsRunning)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <inheritdoc />
        public ITimer CreateTimer(TimerTick tick)
        {
            VirtualTimer t = new VirtualTimer(this, tick);
            _timers.Add(t);
            return t;
        }

        /// <summary>Moves time forward by <paramref name="ms"/>, firing every timer that falls due.</summary>
        public void Advance(long ms)
        {
            if (ms < 0)
            {
                throw new ArgumentOutOfRangeException("ms");
            }

            long target = _now + ms;
            while (true)
            {
                VirtualTimer next = null;
                for (int i = 0; i < _timers.Count; i++)
                {
                    VirtualTimer t = (VirtualTimer)_timers[i];
                    if (t.IsRunning && t.DueAt <= target && (next == null || t.DueAt < next.DueAt))
                    {
                        next = t;
                    }
                }

                if (next == null)
                {
                    break;
                }

                if (next.DueAt > _now)
                {
                    _now = next.DueAt;
                }

                next.Fire();
            }

            _now = target;
        }

        private sealed class VirtualTimer : ITimer
        {
            private readonly VirtualClock _clock;
            private readonly TimerTick _tick;

            public VirtualTimer(VirtualClock clock, TimerTick tick)
            {
                _clock = clock;
                _tick = tick;
            }

            public long DueAt { get; private set; }

            public long Period { get; private set; }

            public bool IsRunning { get; private set; }

            public void Start(long dueMs, long periodMs)
            {
                if (dueMs < 0 || periodMs < 0)
                {
                    throw new ArgumentOutOfRangeException("dueMs");
                }

                DueAt = _clock._now + dueMs;
                Period = periodMs;
                IsRunning = true;
            }

            public void Stop()
            {
                IsRunning = false;
            }

            public void Fire()
            {
                if (Period > 0)
                {
                    DueAt = DueAt + Period;
                }
                else
                {
                    IsRunning = false;
                }

                _tick();
            }
        }
    }
}
