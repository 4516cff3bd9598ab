namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Monotonic time: the clock port is time only. Every delay in the core is a named timeout of the
    /// event loop (SmartLamp.Core.Loop.EventLoop), which reads its time here, so tests drive virtual time
    /// (SmartLamp.Simulation.VirtualClock).
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since boot; never goes backwards.</summary>
        long NowMs { get; }

        /// <summary>Wall-clock time (UTC). Before time is known this is the epoch of the clock's start.</summary>
        System.DateTime UtcNow { get; }
    }
}
