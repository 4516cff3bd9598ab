using System.Collections;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// Clock decorator that makes every timer callback run under the device's lock and inside a
    /// try/catch that logs ("APP: Timer failed: ..."): exceptions on timer threads are swallowed
    /// silently by nanoFramework otherwise. A tick that was already waiting for the lock when its
    /// timer was stopped is dropped. <see cref="StopAll"/> stops every timer ever created (shutdown).
    /// </summary>
    internal sealed class SyncClock : IClock
    {
        private readonly IClock _inner;
        private readonly object _sync;
        private readonly ILog _log;
        private readonly ArrayList _timers = new ArrayList();

        public SyncClock(IClock inner, object sync, ILog log)
        {
            _inner = inner;
            _sync = sync;
            _log = log;
        }

        public long NowMs
        {
            get { return _inner.NowMs; }
        }

        public System.DateTime UtcNow
        {
            get { return Wall != null && Wall.IsValid ? Wall.UtcNow : _inner.UtcNow; }
        }

        /// <summary>When set and valid, the wall clock <see cref="UtcNow"/> reports (logs, StartupUTC, discovery) instead of the inner clock's.</summary>
        public IWallClock Wall;

        public ITimer CreateTimer(TimerTick tick)
        {
            SyncTimer t = new SyncTimer(this, tick);
            lock (_sync)
            {
                _timers.Add(t);
            }

            return t;
        }

        /// <summary>Stops every timer created through this clock.</summary>
        public void StopAll()
        {
            lock (_sync)
            {
                for (int i = 0; i < _timers.Count; i++)
                {
                    ((SyncTimer)_timers[i]).Stop();
                }
            }
        }

        private sealed class SyncTimer : ITimer
        {
            // A tick arriving this much before its due time belongs to an earlier arming.
            private const long EarlyToleranceMs = 20;

            private readonly SyncClock _owner;
            private readonly TimerTick _tick;
            private readonly ITimer _inner;
            private bool _armed;
            private long _period;
            private long _dueAt;

            public SyncTimer(SyncClock owner, TimerTick tick)
            {
                _owner = owner;
                _tick = tick;
                _inner = owner._inner.CreateTimer(Fire);
            }

            public bool IsRunning
            {
                get { return _armed; }
            }

            public void Start(long dueMs, long periodMs)
            {
                lock (_owner._sync)
                {
                    _armed = true;
                    _period = periodMs;
                    _dueAt = _owner._inner.NowMs + dueMs;
                    _inner.Start(dueMs, periodMs);
                }
            }

            public void Stop()
            {
                lock (_owner._sync)
                {
                    _armed = false;
                    _inner.Stop();
                }
            }

            private void Fire()
            {
                lock (_owner._sync)
                {
                    long now = _owner._inner.NowMs;
                    if (!_armed || now + EarlyToleranceMs < _dueAt)
                    {
                        return;
                    }

                    if (_period > 0)
                    {
                        // From the schedule, not from this (possibly late) tick, so a late tick never
                        // makes the next one look early.
                        _dueAt += _period;
                    }
                    else
                    {
                        _armed = false;
                    }

                    try
                    {
                        _tick();
                    }
                    catch (System.Exception e)
                    {
                        _owner._log.Write("APP", "Timer failed: ", e.GetType().Name, ": " + e.Message);
                    }
                }
            }
        }
    }
}
