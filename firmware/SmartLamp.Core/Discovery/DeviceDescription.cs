using SmartLamp.Core.Text;
namespace SmartLamp.Core.Discovery
{
    /// <summary>
    /// Everything the discovery messages say about the device, gathered once per settings change by
    /// <see cref="DiscoveryService"/> so the payload writers need no other object. Plain fields.
    /// </summary>
    public sealed class DeviceDescription
    {
        /// <summary>Most relays (and inputs) a board profile can have: the length of the rl/swc/swn/btn/fn arrays.</summary>
        public const int Slots = 8;

        /// <summary>MAC, 12 upper-case hex digits without separators (Tasmota's NetworkUniqueId).</summary>
        public string Mac = string.Empty;

        /// <summary>IP address ("0.0.0.0" style text; "" when unknown).</summary>
        public string IpAddress = string.Empty;

        /// <summary>Host name (smartlamp_XXXXXX-nnnn).</summary>
        public string Hostname = string.Empty;

        /// <summary>Topic (%topic%).</summary>
        public string Topic = string.Empty;

        /// <summary>FullTopic pattern as configured, e.g. "%prefix%/%topic%/".</summary>
        public string FullTopic = string.Empty;

        /// <summary>Prefix1..3 (cmnd, stat, tele) as in effect.</summary>
        public string[] Prefix = ArraySlots.Strings(3);

        /// <summary>StateText1..4 (OFF, ON, TOGGLE, HOLD).</summary>
        public string[] StateText = ArraySlots.Strings(4);

        /// <summary>Relays of the board (1..8).</summary>
        public int RelayCount;

        /// <summary>Push buttons of the board (0..8).</summary>
        public int ButtonCount;

        /// <summary>Switch inputs of the board (0..8).</summary>
        public int SwitchCount;

        /// <summary>SetOption114: switches are detached and announced (swc = SwitchMode, swn = name).</summary>
        public bool MqttSwitches;

        /// <summary>SwitchMode1..8.</summary>
        public int[] SwitchModes = new int[Slots];

        /// <summary>SetOption73: buttons are detached and send {"Button&lt;n&gt;":{"Action":...}} (hatasmota triggers).</summary>
        public bool MqttButtons;

        /// <summary>SetOption13: buttons act at once, single press only.</summary>
        public bool ButtonSingle;

        /// <summary>Per relay, the key and stat subtopic the device reports its state with: "POWER" or "POWER&lt;n&gt;".</summary>
        public string[] PowerKeys = ArraySlots.Strings(Slots);

        /// <summary>Board profile name (Tasmota's module name, "md").</summary>
        public string Model = string.Empty;

        /// <summary>Firmware version as Status 2 reports it, e.g. "0.1.0(smartlamp)".</summary>
        public string Version = string.Empty;

        /// <summary>SetOption4 (answers on stat/&lt;t&gt;/&lt;COMMAND&gt; instead of RESULT).</summary>
        public bool ResultOnCommandTopic;

        /// <summary>Expanded command topic base, e.g. "cmnd/lamp/".</summary>
        public string CmndBase = string.Empty;

        /// <summary>Expanded stat topic base, e.g. "stat/lamp/".</summary>
        public string StatBase = string.Empty;

        /// <summary>Expanded tele topic base, e.g. "tele/lamp/".</summary>
        public string TeleBase = string.Empty;

        /// <summary>DeviceName ("dn", the Home Assistant device name).</summary>
        public string DeviceName = string.Empty;

        /// <summary>FriendlyName1..8 ("fn", the relay entity names).</summary>
        public string[] FriendlyNames = new string[] { string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty };

        /// <summary>SetOption30: relays are announced as lights.</summary>
        public bool RelaysAsLights;

        /// <summary>FriendlyName of relay <paramref name="index0"/>.</summary>
        public string FriendlyName(int index0)
        {
            return FriendlyNames[index0];
        }

        /// <summary>The version without the "(image)" suffix: "0.1.0(smartlamp)" gives "0.1.0" (Tasmota's "sw" is its bare version).</summary>
        public string BareVersion()
        {
            int p = Version.IndexOf('(');
            return p > 0 ? Version.Substring(0, p) : Version;
        }

        /// <summary>The MAC as "aa:bb:cc:dd:ee:ff" (lower case, as Home Assistant stores connections).</summary>
        public string MacColonsLower()
        {
            if (Mac.Length != 12)
            {
                return Mac.ToLower();
            }

            char[] c = new char[17];
            int n = 0;
            for (int i = 0; i < 12; i++)
            {
                if (i > 0 && (i & 1) == 0)
                {
                    c[n++] = ':';
                }

                char h = Mac[i];
                c[n++] = h >= 'A' && h <= 'F' ? (char)(h + 32) : h;
            }

            return new string(c);
        }

        /// <summary>Twelve upper-case hex digits from a MAC written with or without separators; "" when it has not 12 digits.</summary>
        public static string NormalizeMac(string mac)
        {
            if (mac == null)
            {
                return string.Empty;
            }

            char[] c = new char[12];
            int n = 0;
            for (int i = 0; i < mac.Length; i++)
            {
                char h = mac[i];
                if (h >= 'a' && h <= 'f')
                {
                    h = (char)(h - 32);
                }

                if ((h >= '0' && h <= '9') || (h >= 'A' && h <= 'F'))
                {
                    if (n == 12)
                    {
                        return string.Empty;
                    }

                    c[n++] = h;
                }
            }

            return n == 12 ? new string(c) : string.Empty;
        }
    }
}
