using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The simulated setup access point: no radio, just its state; the portal is the device's HTTP port
/// (so <see cref="Address"/> is "127.0.0.1:&lt;http port&gt;" for the captive portal's redirect).
/// </summary>
public sealed class SimAccessPoint : IAccessPoint
{
    private readonly Action<string> _say;

    /// <summary>Creates it; <paramref name="say"/> prints simulator lines.</summary>
    public SimAccessPoint(string address, Action<string> say)
    {
        Address = address;
        _say = say;
    }

    /// <inheritdoc />
    public string Address { get; }

    /// <summary>True while open.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>Its SSID while open.</summary>
    public string Ssid { get; private set; } = string.Empty;

    /// <summary>True when it was opened with a WPA2 password.</summary>
    public bool Secured { get; private set; }

    /// <inheritdoc />
    public void Open(string ssid, string password)
    {
        IsOpen = true;
        Ssid = ssid;
        Secured = !string.IsNullOrEmpty(password);
        _say("access point " + ssid + (Secured ? " (WPA2)" : " (open)") + " up; setup portal on http://" + Address + "/");
    }

    /// <inheritdoc />
    public void Close()
    {
        if (IsOpen)
        {
            IsOpen = false;
            _say("access point " + Ssid + " closed");
            Ssid = string.Empty;
        }
    }
}
