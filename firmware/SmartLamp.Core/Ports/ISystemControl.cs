namespace SmartLamp.Core.Ports
{
    /// <summary>Platform services: restart, heap, why the device started.</summary>
    public interface ISystemControl
    {
        /// <summary>Restarts the firmware (device: reboot; simulator: warm restart of the core). Does not return on the device.</summary>
        void Restart();

        /// <summary>Free managed heap in bytes (0 when unknown).</summary>
        int FreeHeapBytes { get; }

        /// <summary>True when this start is a cold power-on (not a warm restart).</summary>
        bool IsColdBoot { get; }

        /// <summary>Human-readable restart reason, e.g. "Power On", "Software/System restart".</summary>
        string RestartReason { get; }
    }
}
