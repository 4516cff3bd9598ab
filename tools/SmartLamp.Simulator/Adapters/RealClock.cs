using System.Diagnostics;
using SmartLamp.Core.Ports;
using ITimer = SmartLamp.Core.Ports.ITimer;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// Real-time <see cref="IClock"/>: <see cref="NowMs"/> counts from the clock's creation (one clock per
/// device boot, so it reads as uptime), timers are <see cref="System.Threading.Timer"/>s on the thread
/// pool. A timer callback that throws is caught and reported through <see cref="TickFailed"/> so one
/// bad callback never takes the whole simulator down. <see cref="Dispose"/> stops every timer made by
/// this clock (used when a simulated device shuts down or restarts).
/// </summary>
public sealed class RealClock : IClock, IDisposable
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly object _gate = new();
    private readonly List<RealTimer> _timers = new();
    private bool _disposed;
    private int _immediatePending;

    /// <summary>Called when a timer callback throws (the exception is swallowed after this).</summary>
    public event Action<Exception> TickFailed;

    /// <inheritdoc />
    public long NowMs => _stopwatch.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;

    /// <summary>Timers created so far that will still tick.</summary>
    public int RunningTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.IsRunning);
            }
        }
    }

    /// <summary>
    /// Waits until every one-shot timer started with a due time of 0 ms (work the core deferred to
    /// "right after this call") has run or was stopped; false on timeout. Must not be called while
    /// holding a lock those callbacks need.
    /// </summary>
    public bool WaitForImmediateTimers(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (Volatile.Read(ref _immediatePending) > 0)
        {
            if (sw.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <inheritdoc />
    public ITimer CreateTimer(TimerTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        var timer = new RealTimer(this, tick);
        lock (_gate)
        {
            if (!_disposed)
            {
                _timers.Add(timer);
            }
        }

        return timer;
    }

    /// <summary>Stops every timer of this clock; later Start calls are ignored.</summary>
    public void Dispose()
    {
        RealTimer[] all;
        lock (_gate)
        {
            _disposed = true;
            all = _timers.ToArray();
            _timers.Clear();
        }

        foreach (RealTimer t in all)
        {
            t.Kill();
        }
    }

    private bool IsDisposed
    {
        get
        {
            lock (_gate)
            {
                return _disposed;
            }
        }
    }

    private void ReportFailure(Exception e)
    {
        try
        {
            TickFailed?.Invoke(e);
        }
        catch
        {
            // a failing reporter must not crash a thread-pool thread
        }
    }

    private sealed class RealTimer : ITimer
    {
        private readonly RealClock _clock;
        private readonly TimerTick _tick;
        private readonly object _gate = new();
        private Timer _timer;
        private int _generation;
        private bool _running;
        private bool _periodic;
        private bool _dead;
        private bool _immediate;

        public RealTimer(RealClock clock, TimerTick tick)
        {
            _clock = clock;
            _tick = tick;
        }

        public bool IsRunning
        {
            get
            {
                lock (_gate)
                {
                    return _running;
                }
            }
        }

        public void Start(long dueMs, long periodMs)
        {
            if (dueMs < 0 || periodMs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(dueMs));
            }

            if (_clock.IsDisposed)
            {
                return;
            }

            lock (_gate)
            {
                if (_dead)
                {
                    return;
                }

                _generation++;
                _running = true;
                _periodic = periodMs > 0;
                SetImmediate(dueMs == 0 && periodMs == 0);
                _timer?.Dispose();
                _timer = new Timer(Fire, _generation, dueMs, periodMs > 0 ? periodMs : Timeout.Infinite);
            }
        }

        public void Stop()
        {
            lock (_gate)
            {
                _generation++;
                _running = false;
                SetImmediate(false);
                _timer?.Dispose();
                _timer = null;
            }
        }

        public void Kill()
        {
            lock (_gate)
            {
                _dead = true;
            }

            Stop();
        }

        private void Fire(object state)
        {
            bool immediate;
            lock (_gate)
            {
                if ((int)state != _generation || !_running)
                {
                    return;
                }

                if (!_periodic)
                {
                    _running = false;
                }

                immediate = _immediate;
                _immediate = false;
            }

            try
            {
                _tick();
            }
            catch (Exception e)
            {
                _clock.ReportFailure(e);
            }
            finally
            {
                if (immediate)
                {
                    Interlocked.Decrement(ref _clock._immediatePending);
                }
            }
        }

        // Caller holds _gate.
        private void SetImmediate(bool value)
        {
            if (value == _immediate)
            {
                return;
            }

            _immediate = value;
            if (value)
            {
                Interlocked.Increment(ref _clock._immediatePending);
            }
            else
            {
                Interlocked.Decrement(ref _clock._immediatePending);
            }
        }
    }
}
