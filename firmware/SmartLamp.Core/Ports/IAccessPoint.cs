namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// The Wi-Fi setup access point (the ESP32's soft AP on the device; a flag in the simulator). While
    /// open, the adapter also answers DNS queries with <see cref="Web.DnsResponder"/> (captive portal)
    /// and the HTTP server serves the portal.
    /// </summary>
    public interface IAccessPoint
    {
        /// <summary>Opens the access point <paramref name="ssid"/> (open when <paramref name="password"/> is "", else WPA2).</summary>
        void Open(string ssid, string password);

        /// <summary>Closes it. Idempotent.</summary>
        void Close();

        /// <summary>The access point's own address ("192.168.4.1" on the ESP32).</summary>
        string Address { get; }
    }
}
