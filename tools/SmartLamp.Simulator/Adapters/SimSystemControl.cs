using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// <see cref="ISystemControl"/> of a simulated device. <see cref="Restart"/> does not restart
/// anything itself (the core expects it not to return on the device); it raises
/// <see cref="RestartRequested"/> and the owning <c>SimulatedDevice</c> performs a warm restart on
/// another thread: Shutdown of the old core, a new core on the same pins and flash, IsColdBoot=false.
/// </summary>
public sealed class SimSystemControl : ISystemControl
{
    /// <summary>Creates the control for one boot.</summary>
    public SimSystemControl(bool coldBoot, Action restartRequested)
    {
        IsColdBoot = coldBoot;
        RestartRequested = restartRequested;
    }

    /// <summary>What <see cref="Restart"/> calls.</summary>
    public Action RestartRequested { get; }

    /// <summary>Restart requests made by the core on this boot.</summary>
    public int Restarts { get; private set; }

    /// <summary>
    /// The simulator does not model the device's managed heap, so it reports 0 ("unknown", as the
    /// port allows) rather than a made-up figure.
    /// </summary>
    public int FreeHeapBytes => 0;

    /// <inheritdoc />
    public bool IsColdBoot { get; }

    /// <inheritdoc />
    public string RestartReason => IsColdBoot ? "Power On" : "Software/System restart";

    /// <inheritdoc />
    public void Restart()
    {
        Restarts++;
        RestartRequested?.Invoke();
    }
}
