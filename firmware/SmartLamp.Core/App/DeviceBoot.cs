using SmartLamp.Core.Boards;
using SmartLamp.Core.Watchdog;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// The one boot sequence, shared by the device's Program.cs and the simulator (they only build the
    /// ports): build the device on its ports, hook the connectivity recovery, start it. The caller then
    /// runs <c>app.Loop.Run()</c> on the thread that called this (the device's Main never returns from it).
    /// </summary>
    public static class DeviceBoot
    {
        /// <summary>
        /// Builds and starts the device. A failed start is logged ("APP: Start failed: ..."), the device is
        /// made safe (timeouts stopped, MQTT closed, relays OFF) and the exception rethrown.
        /// </summary>
        public static DeviceApp Start(DevicePorts ports, BoardProfile board, ConnectivityRecoveryHandler recover)
        {
            DeviceApp app = new DeviceApp(ports, board);
            if (recover != null)
            {
                app.Watchdog.Recover += recover;
            }

            try
            {
                app.Start();
            }
            catch (System.Exception)
            {
                app.MakeSafe();
                throw;
            }

            return app;
        }
    }
}
