namespace SmartLamp.Core.App
{
    /// <summary>Firmware identity reported in INFO1 and Status 2.</summary>
    public static class FirmwareInfo
    {
        /// <summary>Version string in Tasmota's "&lt;version&gt;(&lt;image&gt;)" shape, e.g. "9.4.0(tasmota)".</summary>
        public const string Version = "0.1.0(smartlamp)";
    }
}
