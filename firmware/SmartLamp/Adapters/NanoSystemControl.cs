// Written against nanoFramework.Runtime.Native 1.7.11, nanoFramework.System.IO.FileSystem 1.1.93.
using System;
using System.IO;
using nanoFramework.Runtime.Native;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ISystemControl"/>: reboot through nanoFramework.Runtime.Native <c>Power.RebootDevice()</c>,
    /// free heap from <c>nanoFramework.Runtime.Native.GC.Run(false)</c>.
    /// </summary>
    /// <remarks>
    /// Reset reason: nanoFramework's managed API exposes no ESP32 reset reason (esp_reset_reason) - only
    /// Sleep.GetWakeupCause for deep-sleep wake-ups - and RAM does not survive the reboot in any way
    /// managed code can use. So a warm restart is marked with a flag file on I: written by
    /// <see cref="Restart"/> and removed at boot. Consequences: a watchdog reset, a crash or a reset
    /// button press reads as "Power On" (cold); a restart whose flag write failed reads as cold too.
    /// </remarks>
    public sealed class NanoSystemControl : ISystemControl
    {
        /// <summary>Flag file marking a restart requested by the firmware.</summary>
        public const string WarmFlagPath = "I:\\smartlamp.warm";

        private readonly bool _coldBoot;
        private readonly ILog _log;

        /// <summary>Reads and clears the warm-restart flag; <paramref name="log"/> may be null.</summary>
        public NanoSystemControl(ILog log)
        {
            _log = log;
            bool warm = false;
            try
            {
                if (File.Exists(WarmFlagPath))
                {
                    warm = true;
                    File.Delete(WarmFlagPath);
                }
            }
            catch (Exception e)
            {
                Log("restart flag check failed: ", e.Message);
            }

            _coldBoot = !warm;
        }

        /// <inheritdoc />
        public int FreeHeapBytes
        {
            get
            {
                try
                {
                    uint free = nanoFramework.Runtime.Native.GC.Run(false);
                    return free > int.MaxValue ? int.MaxValue : (int)free;
                }
                catch (Exception)
                {
                    return 0;
                }
            }
        }

        /// <inheritdoc />
        public bool IsColdBoot
        {
            get { return _coldBoot; }
        }

        /// <inheritdoc />
        public string RestartReason
        {
            get { return _coldBoot ? "Power On" : "Software/System restart"; }
        }

        /// <inheritdoc />
        public void Restart()
        {
            try
            {
                File.WriteAllText(WarmFlagPath, "restart");
            }
            catch (Exception e)
            {
                Log("restart flag write failed: ", e.Message);
            }

            Power.RebootDevice();
        }

        private void Log(string what, string detail)
        {
            if (_log != null)
            {
                _log.Write("APP", what, detail, null);
            }
        }
    }
}
