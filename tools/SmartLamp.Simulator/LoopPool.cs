using System.Collections.Concurrent;
using System.Diagnostics;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator;

/// <summary>
/// Runs the simulator's device loops on a few threads instead of one thread per device: a post to a
/// loop nobody runs is run at once by the posting thread (an MQTT receive, a console line, a web
/// request), a post to a loop that runs asks for one more turn, and one timer thread hands a loop to
/// a pool thread when its next timeout is due. A turn (<see cref="EventLoop.RunSlice"/>) runs the inbox
/// and the due timeouts and returns; one loop never runs on two threads at once, so each device still
/// has one thread of control, as on the hardware.
/// </summary>
public sealed class LoopPool : IDisposable
{
    private readonly BlockingCollection<PooledLoop> _ready = new(new ConcurrentQueue<PooledLoop>());
    private readonly PriorityQueue<PooledLoop, long> _due = new();
    private readonly object _dueLock = new();
    private readonly AutoResetEvent _dueChanged = new(false);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Thread[] _workers;
    private readonly Thread _timer;
    private volatile bool _disposed;

    /// <summary>Worker threads of a pool made with no count: two per core, at least four.</summary>
    public static int DefaultThreads => Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>A pool of <paramref name="threads"/> worker threads (0: <see cref="DefaultThreads"/>).</summary>
    public LoopPool(int threads = 0)
    {
        if (threads <= 0)
        {
            threads = DefaultThreads;
        }

        _workers = new Thread[threads];
        for (int i = 0; i < threads; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = "fleet loop " + i };
            _workers[i].Start();
        }

        _timer = new Thread(WatchDueTimes) { IsBackground = true, Name = "fleet timeouts" };
        _timer.Start();
    }

    /// <summary>A loop for one device, run by this pool once <see cref="PooledLoop.Release"/> hands it over.</summary>
    public PooledLoop NewLoop(IClock time) => new(time, this);

    /// <summary>Stops the threads (the loops are stopped by their devices first).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _ready.CompleteAdding();
        _dueChanged.Set();
        foreach (Thread t in _workers)
        {
            t.Join(TimeSpan.FromSeconds(5));
        }

        _timer.Join(TimeSpan.FromSeconds(5));
    }

    internal void Enqueue(PooledLoop loop)
    {
        if (!_ready.IsAddingCompleted)
        {
            try
            {
                _ready.Add(loop);
            }
            catch (InvalidOperationException)
            {
                // the pool is shutting down
            }
        }
    }

    internal void ScheduleIn(PooledLoop loop, long delayMs)
    {
        long at = _clock.ElapsedMilliseconds + Math.Max(0, delayMs);
        lock (_dueLock)
        {
            if (loop.WakeAt != long.MinValue && loop.WakeAt <= at)
            {
                return; // an earlier turn is asked for already; that turn asks again
            }

            bool first = !_due.TryPeek(out _, out long head) || at < head;
            loop.WakeAt = at;
            _due.Enqueue(loop, at);
            if (first)
            {
                _dueChanged.Set();
            }
        }
    }

    private void Work()
    {
        foreach (PooledLoop loop in _ready.GetConsumingEnumerable())
        {
            loop.RunTurn();
        }
    }

    private void WatchDueTimes()
    {
        while (!_disposed)
        {
            int wait = Timeout.Infinite;
            lock (_dueLock)
            {
                long now = _clock.ElapsedMilliseconds;
                while (_due.TryPeek(out PooledLoop loop, out long at) && at <= now)
                {
                    _due.Dequeue();
                    if (loop.WakeAt == at)
                    {
                        loop.WakeAt = long.MinValue;
                        loop.AskForTurn();
                    }
                }

                if (_due.TryPeek(out _, out long next))
                {
                    wait = (int)Math.Min(next - now, 60_000);
                }
            }

            _dueChanged.WaitOne(wait);
        }
    }
}

/// <summary>
/// A device's event loop run by a <see cref="LoopPool"/>: a post asks the pool for a turn instead of
/// waking a thread of its own.
/// </summary>
public sealed class PooledLoop : EventLoop
{
    private const int Idle = 0;
    private const int Queued = 1;
    private const int Running = 2;
    private const int RunningAskedAgain = 3;

    private readonly LoopPool _pool;
    private int _state = Running; // the creating thread owns it until Release
    private volatile bool _released;

    internal PooledLoop(IClock time, LoopPool pool)
        : base(time)
    {
        _pool = pool;
    }

    /// <summary>The pool's time this loop's next due timeout asked to run at (guarded by the pool).</summary>
    internal long WakeAt = long.MinValue;

    /// <summary>
    /// Hands the loop over to the pool once the device has booted on the creating thread: runs what is
    /// due on this thread one last time, then the pool runs it.
    /// </summary>
    public void Release()
    {
        long due = RunSlice();
        _released = true;
        FinishTurn(due);
    }

    /// <summary>Waits (up to <paramref name="timeout"/>) until no turn of this stopped loop runs.</summary>
    public bool WaitStopped(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (Volatile.Read(ref _state) != Idle && !IsLoopThread)
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
    protected override void Wake()
    {
        if (!_released)
        {
            Volatile.Write(ref _state, RunningAskedAgain); // the creating thread still runs it; Release looks again
        }
        else if (Interlocked.CompareExchange(ref _state, Running, Idle) == Idle)
        {
            // Nobody runs the loop: the posting thread (an MQTT receive, a console line) takes the turn
            // itself, as a device's loop wakes at once, instead of handing it to a pool thread.
            FinishTurn(Stopping ? long.MaxValue : RunSlice());
        }
        else
        {
            AskForTurn();
        }
    }

    internal void AskForTurn()
    {
        while (true)
        {
            int s = Volatile.Read(ref _state);
            if (s == Queued || s == RunningAskedAgain)
            {
                return;
            }

            int next = s == Idle ? Queued : RunningAskedAgain;
            if (Interlocked.CompareExchange(ref _state, next, s) == s)
            {
                if (next == Queued)
                {
                    _pool.Enqueue(this);
                }

                return;
            }
        }
    }

    internal void RunTurn()
    {
        Volatile.Write(ref _state, Running);
        long due = Stopping ? long.MaxValue : RunSlice();
        FinishTurn(due);
    }

    private void FinishTurn(long due)
    {
        if (due != long.MaxValue)
        {
            _pool.ScheduleIn(this, due - NowMs);
        }

        if (Interlocked.CompareExchange(ref _state, Idle, Running) != Running)
        {
            // a post came during the turn
            Volatile.Write(ref _state, Queued);
            _pool.Enqueue(this);
        }
    }
}
