using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>Tasmota's defaults, resolved with the MAC (topic, client id, state texts, friendly names).</summary>
    public sealed partial class DeviceSettings
    {
        /// <summary>Creates settings with every field at its default for the device with this MAC (12 hex digits).</summary>
        public static DeviceSettings CreateDefaults(string mac)
        {
            DeviceSettings s = new DeviceSettings();
            s.ApplyDefaults(mac);
            return s;
        }

        /// <summary>Last six hex digits of a 12-digit MAC, upper case ("%06X" in Tasmota's defaults).</summary>
        public static string Mac6(string mac)
        {
            if (mac == null || mac.Length < 6)
            {
                return "000000";
            }

            return mac.Substring(mac.Length - 6).ToUpper();
        }

        /// <summary>Default MqttClient for this MAC: DVES_&lt;MAC6&gt;.</summary>
        public static string DefaultMqttClient(string mac)
        {
            return "DVES_" + Mac6(mac);
        }

        /// <summary>Default Topic for this MAC: smartlamp_&lt;MAC6&gt;.</summary>
        public static string DefaultTopic(string mac)
        {
            return "smartlamp_" + Mac6(mac);
        }

        /// <summary>Default Prefix1..3 (index 0..2): cmnd, stat, tele.</summary>
        public static string DefaultPrefix(int index0)
        {
            return index0 == 0 ? "cmnd" : (index0 == 1 ? "stat" : "tele");
        }

        /// <summary>Default StateText1..4 (index 0..3): OFF, ON, TOGGLE, HOLD.</summary>
        public static string DefaultStateText(int index0)
        {
            switch (index0)
            {
                case 0:
                    return "OFF";
                case 1:
                    return "ON";
                case 2:
                    return "TOGGLE";
                default:
                    return "HOLD";
            }
        }

        /// <summary>Default FriendlyName&lt;index0+1&gt;: "SmartLamp", then "SmartLamp2".."SmartLamp8" (Tasmota: "Tasmota", "Tasmota2", ...).</summary>
        public static string DefaultFriendlyNameAt(int index0)
        {
            return index0 == 0 ? DefaultFriendlyName : DefaultFriendlyName + (index0 + 1).ToString();
        }

        /// <summary>Resets every field to its default. The arrays are refilled in place once they exist.</summary>
        public void ApplyDefaults(string mac)
        {
            string id = Mac6(mac);
            MqttHost = string.Empty;
            MqttPort = DefaultMqttPort;
            MqttUser = string.Empty;
            MqttPassword = string.Empty;
            MqttClient = "DVES_" + id;
            Topic = "smartlamp_" + id;
            GroupTopic = DefaultGroupTopic;
            FullTopic = DefaultFullTopic;
            Prefix = Fill(Prefix, 3);
            for (int i = 0; i < 3; i++)
            {
                Prefix[i] = DefaultPrefix(i);
            }

            MqttRetry = 10;
            MqttKeepAlive = 30;
            MqttTls = false;
            MqttCaFile = DefaultMqttCaFile;
            MqttWatchdog = DefaultMqttWatchdog;
            TelePeriod = 300;
            WebServer = 2;
            WebPassword = string.Empty;
            WifiConfig = 2;
            ApPassword = string.Empty;
            Ssid = Fill(Ssid, 2);
            WifiPassword = Fill(WifiPassword, 2);
            SaveState = true;
            ResultOnCommandTopic = false;
            IndexSingleRelay = false;
            PowerRetain = false;
            AcceptRetainedCommands = false;
            DiscoveryOff = false;
            HassDiscovery = false;
            StateText = Fill(StateText, StateTextCount);
            for (int i = 0; i < StateTextCount; i++)
            {
                StateText[i] = DefaultStateText(i);
            }

            PowerOnState = 3;
            SavedPower = 0;
            Rules = Fill(Rules, RuleSetCount);
            RulesEnabled = 0;
            RulesOnce = 0;
            RulesStopOnError = 0;
            Mems = Fill(Mems, RuleMemCount);
            CalcRes = 1;
            Subscriptions = new string[0];
            BlinkTime = 10;
            BlinkCount = 10;
            ButtonDebounce = 50;
            ButtonTopic = "0";
            ButtonRestrict = false;
            ButtonSingle = false;
            HoldTime = 40;
            MqttButtons = false;
            LedState = 1;
            LedMask = 0xFFFF;
            NoLinkBlink = false;
            PulseTime = Zero(PulseTime, PulseTimerCount);
            Interlock = false;
            InterlockGroups = Zero(InterlockGroups, InterlockGroupCount);
            InterlockGroups[0] = 0xFF; // Tasmota's default: every relay in one group
            SaveData = 1;
            NtpServer = Fill(NtpServer, 3);
            NtpServer[0] = "2.pool.ntp.org";
            NtpServer[1] = "2.europe.pool.ntp.org";
            NtpServer[2] = "2.nl.pool.ntp.org";
            Timezone = "99";
            TimeStd = "0,0,10,1,3,60";
            TimeDst = "0,0,3,1,2,120";
            Latitude = "48.858360";
            Longitude = "2.294330";
            TimersEnabled = false;
            TimerData = Zero(TimerData, 16);
            TimerLast = 0;
            DeviceName = DefaultFriendlyName;
            FriendlyName = Fill(FriendlyName, FriendlyNameCount);
            for (int i = 0; i < FriendlyNameCount; i++)
            {
                FriendlyName[i] = DefaultFriendlyNameAt(i);
            }

            Hostname = DefaultHostname;
            MoreGroupTopics = Fill(MoreGroupTopics, GroupTopicCount - 1);
            ButtonRetain = false;
            SwitchRetain = false;
            SensorRetain = false;
            StateRetain = false;
            InfoRetain = false;
            StatusRetain = false;
            SetOptionBits = Zero(SetOptionBits, 10);
            SetOptionParams = Zero(SetOptionParams, 18);
            SetOptionParams[2] = 200; // SetOption34: Backlog delay in ms
            SetOptionParams[4] = 1; // SetOption36: boot loop detection
            SetOptionFlags.Set(this, 57, true); // Tasmota's default: rescan Wi-Fi every 44 minutes
            SwitchMode = Zero(SwitchMode, SwitchCount);
            SwitchTopic = "0";
            SwitchDebounce = 50;
            PowerLock = 0;
            BootCount = 0;
            SaveCount = 0;
        }

        /// <summary><paramref name="values"/> (or a new array when it has the wrong size) with every slot 0.</summary>
        private static int[] Zero(int[] values, int count)
        {
            if (values == null || values.Length != count)
            {
                values = new int[count];
            }

            for (int i = 0; i < count; i++)
            {
                values[i] = 0;
            }

            return values;
        }

        /// <summary><paramref name="values"/> (or a new array when it has the wrong size) with every slot "".</summary>
        private static string[] Fill(string[] values, int count)
        {
            if (values == null || values.Length != count)
            {
                values = ArraySlots.Strings(count);
            }

            for (int i = 0; i < count; i++)
            {
                values[i] = string.Empty;
            }

            return values;
        }
    }
}
