using SmartLamp.Core.Text;
namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Every setting the firmware keeps, as plain fields with Tasmota's defaults. Names follow the
    /// Tasmota command that sets them. Placeholders "%06X" are resolved with the MAC by
    /// <see cref="ApplyDefaults"/>; nothing here talks to storage.
    /// </summary>
    public sealed partial class DeviceSettings
    {
        /// <summary>Number of StateText entries.</summary>
        public const int StateTextCount = 4;

        /// <summary>Default FullTopic.</summary>
        public const string DefaultFullTopic = "%prefix%/%topic%/";

        /// <summary>Default GroupTopic (Tasmota's, so a mixed fleet's group commands reach SmartLamps too).</summary>
        public const string DefaultGroupTopic = "tasmotas";

        /// <summary>Default MqttCaFile (a file name on I:\).</summary>
        public const string DefaultMqttCaFile = "mqtt_ca.pem";

        /// <summary>Default MqttWatchdog in minutes.</summary>
        public const int DefaultMqttWatchdog = 15;

        /// <summary>Highest MqttWatchdog in minutes (one day).</summary>
        public const int MaxMqttWatchdog = 1440;

        /// <summary>Longest MqttCaFile (the settings live below the MQTT assembly, so the limit is here).</summary>
        public const int MaxMqttCaFileLength = 32;

        /// <summary>Default MQTT port.</summary>
        public const int DefaultMqttPort = 1883;

        /// <summary>Longest MqttHost.</summary>
        public const int MaxHostLength = 128;

        /// <summary>Longest MqttUser / MqttPassword / Wi-Fi password.</summary>
        public const int MaxSecretLength = 64;

        /// <summary>Longest Topic / GroupTopic / MqttClient / SSId (Tasmota's classic 32).</summary>
        public const int MaxTopicLength = 32;

        /// <summary>Longest FullTopic (Tasmota: 100).</summary>
        public const int MaxFullTopicLength = 100;

        /// <summary>Longest Prefix1-3 (Tasmota: 10).</summary>
        public const int MaxPrefixLength = 10;

        /// <summary>Longest StateText1-4.</summary>
        public const int MaxStateTextLength = 32;

        /// <summary>Lowest MqttRetry (seconds).</summary>
        public const int MinMqttRetry = 10;

        /// <summary>Highest MqttRetry (seconds).</summary>
        public const int MaxMqttRetry = 32000;

        /// <summary>Highest PowerOnState.</summary>
        public const int MaxPowerOnState = 5;

        /// <summary>Number of PulseTime slots (Tasmota's MAX_PULSETIMERS on ESP32: one per relay, up to 8).</summary>
        public const int PulseTimerCount = 8;

        /// <summary>Number of Interlock groups (Tasmota's MAX_INTERLOCKS).</summary>
        public const int InterlockGroupCount = 4;

        /// <summary>Number of rule sets (Rule1..Rule3).</summary>
        public const int RuleSetCount = 3;

        /// <summary>Mem1..16 (Tasmota's MAX_RULE_MEMS); Var1..16 are the same count, not stored.</summary>
        public const int RuleMemCount = 16;

        /// <summary>Longest Var/Mem value kept (longer values are cut).</summary>
        public const int MaxRuleVarLength = 64;

        /// <summary>Longest rule set text (Tasmota: 511 characters uncompressed).</summary>
        public const int MaxRuleLength = 511;

        /// <summary>Number of FriendlyName slots (Tasmota's MAX_FRIENDLYNAMES).</summary>
        public const int FriendlyNameCount = 8;

        /// <summary>Number of group topics (Tasmota's MAX_GROUP_TOPICS): GroupTopic1 (the field GroupTopic) and GroupTopic2..4.</summary>
        public const int GroupTopicCount = 4;

        /// <summary>Longest DeviceName / FriendlyName (Tasmota's 32-character text slots).</summary>
        public const int MaxNameLength = 32;

        /// <summary>Default FriendlyName1 and DeviceName (Tasmota's FRIENDLY_NAME is "Tasmota").</summary>
        public const string DefaultFriendlyName = "SmartLamp";

        /// <summary>Default Hostname pattern (Tasmota's WIFI_HOSTNAME): Topic, '-', the chip id's last four digits.</summary>
        public const string DefaultHostname = "%s-%04d";

        /// <summary>Highest SwitchMode (Tasmota's MAX_SWITCH_OPTION - 1).</summary>
        public const int MaxSwitchMode = 16;

        /// <summary>Number of switch inputs (Tasmota's MAX_SWITCHES_SET for SwitchMode).</summary>
        public const int SwitchCount = 8;

        /// <summary>Most Subscribe entries kept.</summary>
        public const int MaxSubscriptions = 8;

        /// <summary>Longest Subscribe entry "EVENT,filter,key" (32 + 1 + 100 + 1 + 64 characters).</summary>
        public const int MaxSubscriptionLength = 198;

        /// <summary>Highest SaveData (seconds between saves; Tasmota: 3600).</summary>
        public const int MaxSaveData = 3600;

        /// <summary>
        /// Version of the stored settings format (the "Version" key of the JSON file). 1 was the
        /// Key=Value text of SmartLamp before the journaled store; it is still read once (migration).
        /// </summary>
        public const int FormatVersion = 2;

        /// <summary>MQTT broker host; "" keeps MQTT idle (Tasmota default).</summary>
        public string MqttHost;

        /// <summary>MQTT broker port.</summary>
        public int MqttPort;

        /// <summary>MQTT user ("" = none).</summary>
        public string MqttUser;

        /// <summary>MQTT password ("" = none). Never echoed.</summary>
        public string MqttPassword;

        /// <summary>MQTT client id (default DVES_&lt;MAC6&gt;).</summary>
        public string MqttClient;

        /// <summary>Device topic (default smartlamp_&lt;MAC6&gt;).</summary>
        public string Topic;

        /// <summary>Group topic (default tasmotas).</summary>
        public string GroupTopic;

        /// <summary>Full topic pattern (default %prefix%/%topic%/).</summary>
        public string FullTopic;

        /// <summary>Prefix1..3 at indexes 0..2: cmnd, stat, tele.</summary>
        public string[] Prefix;

        /// <summary>Base reconnect delay in seconds (MqttRetry, 10..32000, default 10).</summary>
        public int MqttRetry;

        /// <summary>MQTT keep-alive in seconds (default 30).</summary>
        public int MqttKeepAlive;

        /// <summary>MqttTls: connect to the broker over TLS (Tasmota: SetOption103). Default 0.</summary>
        public bool MqttTls;

        /// <summary>MqttCaFile: CA certificate (PEM) on I:\ for TLS; "" = the CA stored in the device configuration. Default mqtt_ca.pem.</summary>
        public string MqttCaFile;

        /// <summary>MqttWatchdog: minutes of MQTT outage before the first recovery (0 = off, 1..1440, default 15).</summary>
        public int MqttWatchdog;

        /// <summary>Telemetry period in seconds (0 = off, 10..3600, default 300).</summary>
        public int TelePeriod;

        /// <summary>WebServer: 0 off, 1 user (main page and /cm only), 2 admin (every page). Default 2.</summary>
        public int WebServer;

        /// <summary>WebPassword for user "admin" ("" = no password). Never shown back.</summary>
        public string WebPassword;

        /// <summary>WifiConfig: 0 never open the setup access point, 2 Wi-Fi manager (default), 4 retry, 5 wait, 6 serial, 7 manager (reset only).</summary>
        public int WifiConfig;

        /// <summary>WPA2 password of the setup access point ("" = open), set at flash time.</summary>
        public string ApPassword;

        /// <summary>Wi-Fi SSIDs, slots 1 and 2 at indexes 0 and 1.</summary>
        public string[] Ssid;

        /// <summary>Wi-Fi passwords, slots 1 and 2. Never echoed.</summary>
        public string[] WifiPassword;

        /// <summary>SetOption0: save the power state (default 1).</summary>
        public bool SaveState;

        /// <summary>SetOption4: answer on stat/&lt;t&gt;/&lt;COMMAND&gt; instead of RESULT (default 0).</summary>
        public bool ResultOnCommandTopic;

        /// <summary>SetOption26: use POWER1 even on a single relay (default 0).</summary>
        public bool IndexSingleRelay;

        /// <summary>PowerRetain: retain stat/&lt;t&gt;/POWER (default 0).</summary>
        public bool PowerRetain;

        /// <summary>
        /// SmartLamp improvement over Tasmota: execute retained messages found on cmnd topics (default
        /// false: they are logged and ignored, which ends the "ghost switching" Tasmota users suffer).
        /// </summary>
        public bool AcceptRetainedCommands;

        /// <summary>SetOption19 (also DiscoverOff 1 / Discover 0): no Tasmota discovery; empty retained discovery messages remove the device from Home Assistant (default false).</summary>
        public bool DiscoveryOff;

        /// <summary>HassDiscovery: publish Home Assistant native MQTT discovery (homeassistant/switch/...) (default false).</summary>
        public bool HassDiscovery;

        /// <summary>StateText1..4 at indexes 0..3: OFF, ON, TOGGLE, HOLD.</summary>
        public string[] StateText;

        /// <summary>PowerOnState 0..5 (default 3 = last saved state).</summary>
        public int PowerOnState;

        /// <summary>Power state saved for restarts (bit i = relay i).</summary>
        public int SavedPower;

        /// <summary>BlinkTime in 0.1 s (2..3600, default 10).</summary>
        public int BlinkTime;

        /// <summary>BlinkCount (0 = many, default 10).</summary>
        public int BlinkCount;

        /// <summary>ButtonDebounce in ms (40..1000, default 50).</summary>
        public int ButtonDebounce;

        /// <summary>ButtonTopic: "0" (default) = local only; otherwise presses publish cmnd/&lt;ButtonTopic&gt;/POWER&lt;n&gt;.</summary>
        public string ButtonTopic;

        /// <summary>SetOption1: restrict buttons to single..penta press and hold (no 40 s Reset 1). Default 0.</summary>
        public bool ButtonRestrict;

        /// <summary>SetOption13: act at once on a press, no multi-press. Default 0.</summary>
        public bool ButtonSingle;

        /// <summary>SetOption32: hold time in 0.1 s (1..250, default 40 = 4 s); 10x this is the Reset 1 hold.</summary>
        public int HoldTime;

        /// <summary>SetOption73: detach buttons from relays and publish {"Button1":{"Action":"SINGLE"}}. Default 0.</summary>
        public bool MqttButtons;

        /// <summary>LedState 0..8 (default 1: the LED shows the power state).</summary>
        public int LedState;

        /// <summary>LedMask: relays whose power lights the status LED (default 0xFFFF).</summary>
        public int LedMask;

        /// <summary>SetOption31: no link LED blinking for Wi-Fi/MQTT problems. Default 0.</summary>
        public bool NoLinkBlink;

        /// <summary>PulseTime1..8 at indexes 0..7 (0 = off, 1..111 = 0.1 s steps, 112..64900 = value - 100 s).</summary>
        public int[] PulseTime;

        /// <summary>Interlock: at most one relay of a group on. Default 0.</summary>
        public bool Interlock;

        /// <summary>Interlock groups, a relay bitmask each (bit i = Power&lt;i+1&gt;); 0 = unused slot. Default: group 1 = every relay (0xFF).</summary>
        public int[] InterlockGroups;

        /// <summary>Rule1..3 texts at indexes 0..2 ("" = empty), as the Rule command stored them.</summary>
        public string[] Rules;

        /// <summary>Mem1..16 at indexes 0..15 ("" = empty): rule values that survive a restart.</summary>
        public string[] Mems;

        /// <summary>CalcRes: decimals of Add/Sub/Mult/Scale results (0..7, Tasmota's default 1).</summary>
        public int CalcRes;

        /// <summary>Rule sets switched on (bit i = Rule i+1; command Rule&lt;x&gt; 0/1/2).</summary>
        public int RulesEnabled;

        /// <summary>Rule sets that fire once until their trigger stops matching (bit i; Rule&lt;x&gt; 4/5/6).</summary>
        public int RulesOnce;

        /// <summary>Rule sets flagged StopOnError (bit i; Rule&lt;x&gt; 8/9/10; stored and reported only).</summary>
        public int RulesStopOnError;

        /// <summary>
        /// Subscribe entries in the order they were made, at most <see cref="MaxSubscriptions"/>, each
        /// "EVENT,topicfilter" or "EVENT,topicfilter,key" (event, filter and key never contain ',').
        /// </summary>
        public string[] Subscriptions;

        /// <summary>SaveData: at most one settings write per this many seconds (1..3600, default 1); 0 = only on Restart 1 / SaveData.</summary>
        public int SaveData;

        /// <summary>
        /// Not stored: what went wrong when the settings were loaded at boot (both copies unreadable,
        /// values replaced by defaults, migrated from v1), or null when the load was clean or the flash
        /// was empty. Shown as "SettingsLoad" in INFO3 and Status 1.
        /// </summary>
        public string LoadReport;

        /// <summary>Time: NtpServer1..3 (index 0..2); "" = slot unused.</summary>
        public string[] NtpServer;

        /// <summary>Time: Timezone as answered ("+01:00", "-03:30") or "99" (TimeStd/TimeDst rules).</summary>
        public string Timezone;

        /// <summary>Time: TimeStd rule "Hemisphere,Week,Month,Day,Hour,Offset".</summary>
        public string TimeStd;

        /// <summary>Time: TimeDst rule "Hemisphere,Week,Month,Day,Hour,Offset".</summary>
        public string TimeDst;

        /// <summary>Timers: Latitude in degrees as answered ("48.858360"), north positive.</summary>
        public string Latitude;

        /// <summary>Timers: Longitude in degrees as answered ("2.294330"), east positive.</summary>
        public string Longitude;

        /// <summary>Timers: "Timers 1" (all timers on); off by default as in Tasmota.</summary>
        public bool TimersEnabled;

        /// <summary>Timers: Timer1..16 packed (see Timers/TimerEntry.cs).</summary>
        public int[] TimerData;

        /// <summary>Timers: local minute number (Unix minutes + zone offset) of the last minute a timer fired; guards a reboot in that minute.</summary>
        public int TimerLast;

        /// <summary>Boots counted since the settings were created.</summary>
        public int BootCount;

        /// <summary>Times the settings were written (not a stored key: the store's sequence number "Seq").</summary>
        public int SaveCount;

        /// <summary>DeviceName: the device's name in Home Assistant and Status (default = FriendlyName1).</summary>
        public string DeviceName;

        /// <summary>FriendlyName1..8 at indexes 0..7: the names of the relays (default SmartLamp, SmartLamp2, ...).</summary>
        public string[] FriendlyName;

        /// <summary>Hostname: "%s-%04d" (default: Topic-chip id) or a fixed name without '.'.</summary>
        public string Hostname;

        /// <summary>GroupTopic2..4 at indexes 0..2 ("" = none); GroupTopic1 is <see cref="GroupTopic"/>.</summary>
        public string[] MoreGroupTopics;

        /// <summary>ButtonRetain: retain the ButtonTopic messages (default 0).</summary>
        public bool ButtonRetain;

        /// <summary>SwitchRetain: retain the SwitchTopic messages (default 0).</summary>
        public bool SwitchRetain;

        /// <summary>SensorRetain: retain tele/&lt;t&gt;/SENSOR (default 0).</summary>
        public bool SensorRetain;

        /// <summary>StateRetain: retain tele/&lt;t&gt;/STATE (default 0).</summary>
        public bool StateRetain;

        /// <summary>InfoRetain: retain tele/&lt;t&gt;/INFO1..3 (default 0).</summary>
        public bool InfoRetain;

        /// <summary>StatusRetain: retain stat/&lt;t&gt;/STATUS&lt;n&gt; (default 0).</summary>
        public bool StatusRetain;

        /// <summary>
        /// Every on/off SetOption no capability keeps in its own field, 16 per word: word i bit j is
        /// flag number 16*i+j, where SetOption0..31 are flags 0..31 and SetOption50..177 are flags 32..159
        /// (see Commands/SetOptionStore). Stored so a Tasmota configuration survives a restart.
        /// </summary>
        public int[] SetOptionBits;

        /// <summary>SetOption32..49 (Tasmota's parameter bytes) at indexes 0..17, 0..255 each (SetOption32 itself lives in <see cref="HoldTime"/>).</summary>
        public int[] SetOptionParams;

        /// <summary>SwitchMode1..8 at indexes 0..7 (0..16, default 0 = toggle).</summary>
        public int[] SwitchMode;

        /// <summary>SwitchTopic: "0" (default) = local only; otherwise switches publish cmnd/&lt;SwitchTopic&gt;/POWER&lt;n&gt;.</summary>
        public string SwitchTopic;

        /// <summary>SwitchDebounce in ms (40..1000, default 50).</summary>
        public int SwitchDebounce;

        /// <summary>PowerLock: relays whose state no command changes (bit i = Power&lt;i+1&gt;; default 0).</summary>
        public int PowerLock;
    }
}
