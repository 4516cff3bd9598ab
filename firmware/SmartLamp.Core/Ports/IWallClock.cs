namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Wall-clock time (UTC) and its source. Separate from <see cref="IClock"/> (monotonic time, which never
    /// jumps): wall time is unknown after boot until SNTP answers or someone sets it, and it can step
    /// forwards or backwards at every sync. The device adapter wraps nanoFramework's SNTP client and the
    /// system clock, the simulator the host clock (with an offset its console can move), tests a virtual one.
    /// </summary>
    public interface IWallClock
    {
        /// <summary>True once the time was synchronised or set; false while it is still the boot default.</summary>
        bool IsValid { get; }

        /// <summary>Current UTC time (meaningless while <see cref="IsValid"/> is false).</summary>
        System.DateTime UtcNow { get; }

        /// <summary>Counts successful synchronisations and manual sets (the core polls it to raise Time#Set).</summary>
        int SyncCount { get; }

        /// <summary>Uses these SNTP servers ("" = unused slot) and (re)starts synchronising; all empty stops SNTP.</summary>
        void UseServers(string server1, string server2, string server3);

        /// <summary>Sets the time by hand (Tasmota's "Time &lt;epoch&gt;"): SNTP stops until <see cref="UseServers"/> is called again.</summary>
        void SetUtc(System.DateTime utc);
    }
}
