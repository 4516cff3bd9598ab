using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The simulator's wall clock: the host's UTC clock (valid from the start, standing in for SNTP), plus an
/// offset that `sim clock &lt;time&gt;` and the Time command set; `sim clock real` goes back to the host
/// time. One per simulated device, kept across warm restarts like a real RTC. Thread-safe.
/// </summary>
public sealed class HostWallClock : IWallClock
{
    private readonly object _gate = new();
    private long _offsetTicks;
    private int _syncs = 1;

    /// <summary>The SNTP servers the core asked for last ("a,b,c"); the simulator never contacts them.</summary>
    public string Servers { get; private set; } = string.Empty;

    /// <inheritdoc />
    public bool IsValid => true;

    /// <inheritdoc />
    public DateTime UtcNow
    {
        get
        {
            lock (_gate)
            {
                return DateTime.UtcNow.AddTicks(_offsetTicks);
            }
        }
    }

    /// <inheritdoc />
    public int SyncCount
    {
        get
        {
            lock (_gate)
            {
                return _syncs;
            }
        }
    }

    /// <summary>True while the clock runs at an offset from the host's.</summary>
    public bool Simulated
    {
        get
        {
            lock (_gate)
            {
                return _offsetTicks != 0;
            }
        }
    }

    /// <summary>Moves the clock so it reads <paramref name="utc"/> now (counts as a sync: Time#Set).</summary>
    public void MoveTo(DateTime utc)
    {
        lock (_gate)
        {
            _offsetTicks = utc.Ticks - DateTime.UtcNow.Ticks;
            _syncs++;
        }
    }

    /// <summary>Back to the host's time (a sync).</summary>
    public void UseHostTime()
    {
        lock (_gate)
        {
            _offsetTicks = 0;
            _syncs++;
        }
    }

    /// <inheritdoc />
    public void UseServers(string server1, string server2, string server3)
    {
        Servers = server1 + "," + server2 + "," + server3;
    }

    /// <inheritdoc />
    public void SetUtc(DateTime utc) => MoveTo(utc);
}
