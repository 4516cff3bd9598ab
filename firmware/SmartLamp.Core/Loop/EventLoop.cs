using System.Collections;
using System.Threading;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Loop
{
    /// <summary>
    /// The one thread that runs the core. Adapters <see cref="Post"/> events to its inbox from any thread;
    /// features arm named timeouts (<see cref="Timeout"/>) kept in one list of due times. The loop runs
    /// the inbox, then every timeout that is due (earliest first, ties in creation order), and sleeps on
    /// one wait handle until the next due time or the next post. Every handler and tick runs inside one
    /// try/catch that logs "APP: &lt;name&gt; failed: ..." and goes on.
    /// <para>
    /// The inbox lock is the only lock of the core; it is held to enqueue or dequeue one event, never while
    /// a handler runs. Posting allocates nothing: the inbox is a ring of reused slots (it grows, rarely,
    /// when a burst overflows it, up to <see cref="MaxSlots"/>; beyond that events are dropped and counted).
    /// </para>
    /// <para>
    /// A post made on the loop's own thread while no handler runs (a test, the boot before <see cref="Run"/>)
    /// is handled at once; a post made from a handler waits for that handler to end. Time comes from the
    /// clock port; <see cref="Run"/> (device, simulator) waits in real time, tests move virtual time
    /// (SmartLamp.Simulation.VirtualClock derives from this class).
    /// </para>
    /// </summary>
    public class EventLoop : IClock
    {
        /// <summary>Most events the inbox holds.</summary>
        public const int MaxSlots = 256;

        private const int LongestWaitMs = 60000;

        private readonly IClock _time;
        private readonly LoopInbox _inbox = new LoopInbox();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ArrayList _timeouts = new ArrayList();
        private readonly LoopEvent _current = new LoopEvent();
        private Thread _owner;
        private bool _busy;
        private bool _stopping;
        private ILog _log;
        private IWallClock _wall;

        /// <summary>A loop on the clock port <paramref name="time"/> (may be null for a subclass that is its own time source).</summary>
        public EventLoop(IClock time)
        {
            _time = time;
            _owner = Thread.CurrentThread;
        }

        /// <summary>Milliseconds since boot (from the clock port).</summary>
        public virtual long NowMs
        {
            get { return _time.NowMs; }
        }

        /// <summary>The wall clock's time once it is valid (<see cref="UseWallClock"/>), else the clock port's.</summary>
        public System.DateTime UtcNow
        {
            get { return _wall != null && _wall.IsValid ? _wall.UtcNow : PortUtcNow; }
        }

        /// <summary>Events dropped because the inbox was full.</summary>
        public int Dropped
        {
            get { return _inbox.Dropped; }
        }

        /// <summary>True on the thread that runs the loop.</summary>
        public bool IsLoopThread
        {
            get { return Thread.CurrentThread == _owner; }
        }

        /// <summary>The clock port's own UTC time.</summary>
        protected virtual System.DateTime PortUtcNow
        {
            get { return _time.UtcNow; }
        }

        /// <summary>Where failures of handlers and ticks are logged (the app's log; set once by the app that owns the loop).</summary>
        public void ReportTo(ILog log)
        {
            _log = log;
        }

        /// <summary>Makes <see cref="UtcNow"/> follow <paramref name="wall"/> once it is valid (logs, StartupUTC, %timestamp%).</summary>
        public void UseWallClock(IWallClock wall)
        {
            _wall = wall;
        }

        /// <summary>A stopped timeout named <paramref name="name"/> (used in "APP: name failed") that runs <paramref name="tick"/> on the loop.</summary>
        public ITimer Timeout(string name, TimerTick tick)
        {
            Require.NotNull(tick, "tick");

            LoopTimeout t = new LoopTimeout(this, name, tick);
            _timeouts.Add(t);
            return t;
        }

        /// <summary>Number of armed timeouts.</summary>
        public int RunningTimers
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _timeouts.Count; i++)
                {
                    if (((LoopTimeout)_timeouts[i]).Armed)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        /// <summary>
        /// Queues <paramref name="handler"/> with its values for the loop's thread; safe from any thread.
        /// False when the inbox is full (the event is dropped and counted).
        /// </summary>
        public bool Post(string name, LoopHandler handler, int number, string text, string text2, object item)
        {
            if (!_inbox.Add(name, handler, number, text, text2, item))
            {
                return false;
            }

            if (!_busy && IsLoopThread)
            {
                RunInbox();
            }
            else
            {
                Wake();
            }

            return true;
        }

        /// <summary>Handles every queued event (also those posted meanwhile). On the loop's thread only.</summary>
        public void RunInbox()
        {
            if (_busy)
            {
                return;
            }

            while (_inbox.Take(_current))
            {
                Dispatch(null);
            }
        }

        /// <summary>Due time of the earliest armed timeout, or long.MaxValue.</summary>
        public long NextDueAt
        {
            get
            {
                LoopTimeout t = Earliest(long.MaxValue);
                return t == null ? long.MaxValue : t.DueAt;
            }
        }

        /// <summary>Runs the earliest timeout due at or before <paramref name="now"/>; false when none is. On the loop's thread only.</summary>
        public bool RunOneDue(long now)
        {
            LoopTimeout t = Earliest(now);
            if (t == null)
            {
                return false;
            }

            if (t.Period > 0)
            {
                // From the schedule, so ticks keep their rhythm; after a stall, one tick now rather than a burst.
                t.DueAt += t.Period;
                if (t.DueAt <= now)
                {
                    t.DueAt = now + t.Period;
                }
            }
            else
            {
                t.Armed = false;
            }

            Dispatch(t);
            return true;
        }

        /// <summary>
        /// Runs the loop on the calling thread until <see cref="Stop"/>: inbox, due timeouts, then sleep
        /// until the next due time or post. The device's Main calls it and never returns.
        /// </summary>
        public void Run()
        {
            _owner = Thread.CurrentThread;
            while (!_stopping)
            {
                RunDue();
                long wait = NextDueAt - NowMs;
                if (!_stopping && wait > 0 && !HasPosts)
                {
                    _wake.WaitOne(wait > LongestWaitMs ? LongestWaitMs : (int)wait, false);
                }
            }
        }

        /// <summary>
        /// For a host that runs many loops on a few threads (the simulator's fleet), instead of
        /// <see cref="Run"/>: runs the inbox and the due timeouts on the calling thread, which owns the loop
        /// only meanwhile, and returns the next due time. The host calls it again when <see cref="Wake"/>
        /// says there is a post, or at that time; never on two threads at once.
        /// </summary>
        public long RunSlice()
        {
            _owner = Thread.CurrentThread;
            RunDue();
            _owner = null;
            return _stopping ? long.MaxValue : NextDueAt;
        }

        /// <summary>True once <see cref="Stop"/> was called.</summary>
        public bool Stopping
        {
            get { return _stopping; }
        }

        /// <summary>Tells the thread that runs the loop that there is a post or a stop (a host of many loops overrides it).</summary>
        protected virtual void Wake()
        {
            _wake.Set();
        }

        /// <summary>Ends <see cref="Run"/> after the handler that runs now; safe from any thread.</summary>
        public void Stop()
        {
            _stopping = true;
            Wake();
        }

        /// <summary>Disarms every timeout (shutdown).</summary>
        public void StopAllTimeouts()
        {
            for (int i = 0; i < _timeouts.Count; i++)
            {
                ((LoopTimeout)_timeouts[i]).Armed = false;
            }
        }

        private void RunDue()
        {
            RunInbox();
            long now = NowMs;
            while (!_stopping && RunOneDue(now))
            {
                RunInbox();
            }
        }

        private bool HasPosts
        {
            get { return !_inbox.IsEmpty; }
        }

        private LoopTimeout Earliest(long limit)
        {
            LoopTimeout next = null;
            for (int i = 0; i < _timeouts.Count; i++)
            {
                LoopTimeout t = (LoopTimeout)_timeouts[i];
                if (t.Armed && t.DueAt <= limit && (next == null || t.DueAt < next.DueAt))
                {
                    next = t;
                }
            }

            return next;
        }

        // The one try/catch of the core: a timeout's tick (t != null) or the taken inbox event.
        private void Dispatch(LoopTimeout t)
        {
            bool outer = _busy;
            _busy = true;
            string name = t != null ? t.Name : _current.Name;
            try
            {
                if (t != null)
                {
                    t.Tick();
                }
                else
                {
                    _current.Handler(_current);
                }
            }
            catch (System.Exception e)
            {
                if (_log == null)
                {
                    throw;
                }

                _log.Write("APP", name + " failed: ", e.GetType().Name, ": " + e.Message);
            }
            finally
            {
                _busy = outer;
            }
        }
    }
}
