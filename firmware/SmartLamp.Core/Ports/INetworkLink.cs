namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// The IP link (Wi-Fi station on the device, always-up or scriptable in the simulator). The core
    /// only starts MQTT while the link is up. When to join and how long to wait after a failure is the
    /// core's (Network/WifiRejoin); the link makes one attempt per <see cref="Join"/>.
    /// </summary>
    public interface INetworkLink
    {
        /// <summary>Sets the listener for link changes.</summary>
        void Attach(INetworkLinkListener listener);

        /// <summary>Hands over the credentials of slot 1 and slot 2 for the next <see cref="Join"/>. Returns at once.</summary>
        void Configure(string ssid1, string password1, string ssid2, string password2);

        /// <summary>
        /// One join attempt with the credentials of <paramref name="slot"/> (1 or 2; without an SSID the
        /// network stored on the device). Returns at once; the outcome is OnNetworkUp or OnNetworkJoinFailed.
        /// A join still running is cut short.
        /// </summary>
        void Join(int slot);

        /// <summary>Leaves the network (reported as OnNetworkDown if it was up). Returns at once.</summary>
        void Leave();

        /// <summary>True while the device has an IP address.</summary>
        bool IsUp { get; }

        /// <summary>Station MAC, 12 upper-case hex digits without separators.</summary>
        string Mac { get; }

        /// <summary>Current IPv4 address, "0.0.0.0" when down.</summary>
        string IpAddress { get; }

        /// <summary>SSID of the joined network ("" when down).</summary>
        string Ssid { get; }

        /// <summary>BSSID as "AA:BB:CC:DD:EE:FF" ("" when unknown).</summary>
        string Bssid { get; }

        /// <summary>Wi-Fi channel, 0 when unknown.</summary>
        int Channel { get; }

        /// <summary>Signal in dBm (e.g. -55), 0 when unknown.</summary>
        int SignalDbm { get; }

        /// <summary>Active slot: 1 or 2 (Tasmota's "AP").</summary>
        int ActiveSlot { get; }
    }

    /// <summary>Receives link changes. Called on adapter threads.</summary>
    public interface INetworkLinkListener
    {
        /// <summary>The link got an address.</summary>
        void OnNetworkUp();

        /// <summary>The link lost its address.</summary>
        void OnNetworkDown();

        /// <summary>The attempt started by Join ended without an address.</summary>
        void OnNetworkJoinFailed();
    }
}
