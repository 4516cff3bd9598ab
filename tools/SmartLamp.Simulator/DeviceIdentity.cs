using System.Security.Cryptography;
using System.Text;

namespace SmartLamp.Simulator;

/// <summary>
/// Stable identities for simulated devices. A MAC is derived from a seed (the topic) with SHA-256,
/// so the same topic gets the same MAC, client id (DVES_&lt;last 6 MAC digits&gt;) and default flash
/// folder every run. The first octet has the "locally administered" bit set and the multicast bit
/// clear (02, 06, 0A, ...), so it can never collide with a real vendor MAC.
/// </summary>
public static class DeviceIdentity
{
    /// <summary>The seed used for a single device started without --topic.</summary>
    public const string DefaultSeed = "smartlamp";

    /// <summary>The base topic of a fleet started without --topic.</summary>
    public const string DefaultFleetTopic = "smartlamp";

    /// <summary>The MAC (12 upper-case hex digits) for <paramref name="seed"/>.</summary>
    public static string MacFor(string seed)
    {
        byte[] h = SHA256.HashData(Encoding.UTF8.GetBytes(seed ?? string.Empty));
        var mac = new byte[6];
        Array.Copy(h, mac, 6);
        mac[0] = (byte)((mac[0] & 0xFC) | 0x02);
        return Convert.ToHexString(mac);
    }

    /// <summary>
    /// The MAC of fleet device <paramref name="index"/> (1-based) of a fleet with base topic
    /// <paramref name="baseTopic"/>: the first three octets come from the base topic's hash, the last
    /// three are the hash's value plus the index, so the devices of one fleet have distinct last-6
    /// digits (and therefore distinct default client ids and topics) for up to 16 million devices.
    /// </summary>
    public static string FleetMac(string baseTopic, int index)
    {
        byte[] h = SHA256.HashData(Encoding.UTF8.GetBytes((baseTopic ?? string.Empty) + "/fleet"));
        int low = ((h[3] << 16) | (h[4] << 8) | h[5]) + index;
        var mac = new byte[6];
        mac[0] = (byte)((h[0] & 0xFC) | 0x02);
        mac[1] = h[1];
        mac[2] = h[2];
        mac[3] = (byte)((low >> 16) & 0xFF);
        mac[4] = (byte)((low >> 8) & 0xFF);
        mac[5] = (byte)(low & 0xFF);
        return Convert.ToHexString(mac);
    }

    /// <summary>The firmware's default topic for <paramref name="mac"/> (smartlamp_&lt;last 6 digits&gt;).</summary>
    public static string DefaultTopic(string mac)
    {
        return "smartlamp_" + mac.Substring(mac.Length - 6).ToUpperInvariant();
    }

    /// <summary>The firmware's default MQTT client id for <paramref name="mac"/> (DVES_&lt;last 6 digits&gt;).</summary>
    public static string DefaultClientId(string mac)
    {
        return "DVES_" + mac.Substring(mac.Length - 6).ToUpperInvariant();
    }

    /// <summary>
    /// The default flash folder of a device with <paramref name="topic"/>:
    /// &lt;LocalApplicationData&gt;/SmartLamp/&lt;topic&gt; (e.g. ~/.local/share/SmartLamp/lamp on Linux).
    /// </summary>
    public static string DefaultFlashDirectory(string topic)
    {
        string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetTempPath();
        }

        return Path.Combine(root, "SmartLamp", topic);
    }
}
