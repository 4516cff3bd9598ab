// Written against nanoFramework.CoreLibrary 1.17.11, nanoFramework.Runtime.Native 1.7.11.
using System;
using System.Threading;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IClock"/> for the device: monotonic milliseconds from <c>System.Environment.TickCount64</c>
    /// ("milliseconds elapsed since the system started"), wall time from <see cref="DateTime.UtcNow"/>,
    /// timers from <see cref="System.Threading.Timer"/>.
    /// </summary>
    /// <remarks>
    /// Environment.TickCount64 is not in nanoFramework's mscorlib 1.17.11 (checked by compiling a probe
    /// against it); it is declared by nanoFramework.Runtime.Native (System/Environment.cs, an InternalCall),
    /// which this app references and which M2Mqtt 5.1.220 itself uses for its keep-alive timing.
    /// DateTime.UtcNow cannot be the monotonic source: it jumps when SNTP sets the clock.
    /// </remarks>
    public sealed class NanoClock : IClock
    {
        private readonly ILog _log;

        /// <summary>Creates the clock; timer callback failures are reported to <paramref name="log"/> (may be null).</summary>
        public NanoClock(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public long NowMs
        {
            get { return Environment.TickCount64; }
        }

        /// <inheritdoc />
        public DateTime UtcNow
        {
            get { return DateTime.UtcNow; }
        }

        /// <inheritdoc />
        public ITimer CreateTimer(TimerTick tick)
        {
            if (tick == null)
            {
                throw new ArgumentNullException("tick");
            }

            return new NanoTimer(tick, _log);
        }
    }

    /// <summary>
    /// One <see cref="ITimer"/>: every Start creates a fresh System.Threading.Timer whose state object is
    /// a token; a callback whose token is no longer current (timer stopped or restarted meanwhile) is
    /// dropped, so Stop really means "never ticks again" even if the runtime already queued a callback.
    /// </summary>
    internal sealed class NanoTimer : ITimer
    {
        private readonly TimerTick _tick;
        private readonly ILog _log;
        private readonly object _lock = new object();
        private Timer _timer;
        private object _token;
        private bool _periodic;

        internal NanoTimer(TimerTick tick, ILog log)
        {
            _tick = tick;
            _log = log;
        }

        public bool IsRunning
        {
            get
            {
                lock (_lock)
                {
                    return _token != null;
                }
            }
        }

        public void Start(long dueMs, long periodMs)
        {
            int due = Clamp(dueMs);
            int period = periodMs <= 0 ? Timeout.Infinite : Clamp(periodMs);

            lock (_lock)
            {
                DisposeTimer();
                _token = new object();
                _periodic = period != Timeout.Infinite;
                _timer = new Timer(new TimerCallback(OnTimer), _token, due, period);
            }
        }

        public void Stop()
        {
            lock (_lock)
            {
                DisposeTimer();
            }
        }

        // Runs on a runtime timer thread: catch everything (exceptions there vanish silently).
        private void OnTimer(object state)
        {
            try
            {
                lock (_lock)
                {
                    if (state == null || state != _token)
                    {
                        return;
                    }

                    if (!_periodic)
                    {
                        // One shot: not running any more. The spent Timer is disposed by the next
                        // Start/Stop rather than from inside its own callback.
                        _token = null;
                    }
                }

                _tick();
            }
            catch (Exception e)
            {
                if (_log != null)
                {
                    _log.Write("APP", "timer callback failed: ", e.Message, null);
                }
            }
        }

        // Caller holds _lock.
        private void DisposeTimer()
        {
            _token = null;
            if (_timer != null)
            {
                Timer t = _timer;
                _timer = null;
                try
                {
                    t.Dispose();
                }
                catch (Exception)
                {
                    // Disposing a timer never matters enough to break the caller.
                }
            }
        }

        private static int Clamp(long ms)
        {
            if (ms < 0)
            {
                return 0;
            }

            return ms > int.MaxValue ? int.MaxValue : (int)ms;
        }
    }
}
