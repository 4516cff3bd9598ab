namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Monotonic time and timers. Every delay in the core (debounce, multi-press, PulseTime, Blink,
    /// TelePeriod, reconnect backoff, Backlog spacing, save coalescing) goes through this port, so
    /// tests drive it as virtual time (SmartLamp.Simulation.VirtualClock).
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot; never goes backwards.</summary>
        long NowMs { get; }

        /// <summary>Wall-clock time (UTC). Before time is known this is the epoch of the clock's start.</summary>
        System.DateTime UtcNow { get; }

        /// <summary>Creates a stopped timer that calls <paramref name="tick"/> when it fires.</summary>
        ITimer CreateTimer(TimerTick tick);
    }

    /// <summary>A one-shot or periodic timer created by <see cref="IClock.CreateTimer"/>.</summary>
    public interface ITimer
    {
        /// <summary>(Re)starts the timer: first tick after <paramref name="dueMs"/>, then every <paramref name="periodMs"/> (0 = one shot).</summary>
        void Start(long dueMs, long periodMs);

        /// <summary>Stops the timer; a stopped timer never ticks.</summary>
        void Stop();

        /// <summary>True while the timer will tick again.</summary>
        bool IsRunning { get; }
    }

    /// <summary>Timer callback.</summary>
    public delegate void TimerTick();
}
