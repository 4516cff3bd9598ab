using System.Diagnostics;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// Real-time <see cref="IClock"/>: <see cref="NowMs"/> counts from the clock's creation (one clock per
/// device boot, so it reads as uptime). Time only: the core's event loop keeps the timeouts and waits
/// for them on its own thread.
/// </summary>
public sealed class RealClock : IClock
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    /// <inheritdoc />
    public long NowMs => _stopwatch.ElapsedMilliseconds;

    /// <inheritdoc />
    public DateTime UtcNow => DateTime.UtcNow;
}
