using SmartLamp.Core.Ports;

namespace SmartLamp.Core.App
{
    /// <summary>The ports one device runs on. Filled by Program.cs on the device, by the simulator on the host, by tests with doubles.</summary>
    public sealed class DevicePorts
    {
        /// <summary>Pins.</summary>
        public IGpio Gpio;

        /// <summary>Time and timers.</summary>
        public IClock Clock;

        /// <summary>Wall-clock time and SNTP (may be null: the time is then unknown until "Time &lt;epoch&gt;").</summary>
        public IWallClock Wall;

        /// <summary>MQTT connection.</summary>
        public IMqttLink Mqtt;

        /// <summary>IP link (Wi-Fi).</summary>
        public INetworkLink Network;

        /// <summary>Settings storage.</summary>
        public ISettingsStore Storage;

        /// <summary>Serial console (may be null).</summary>
        public ISerialLine Serial;

        /// <summary>Log output.</summary>
        public ILog Log;

        /// <summary>Restart, heap, reset reason.</summary>
        public ISystemControl System;

        /// <summary>HTTP server for the web pages and /cm (may be null: no web).</summary>
        public IHttpServer Http;

        /// <summary>Wi-Fi setup access point (may be null: no setup portal).</summary>
        public IAccessPoint AccessPoint;
    }
}
