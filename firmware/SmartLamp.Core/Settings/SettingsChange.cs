namespace SmartLamp.Core.Settings
{
    /// <summary>Flags telling listeners which group of settings changed (bitwise OR).</summary>
    public static class SettingsChange
    {
        /// <summary>Broker host/port/user/password/client id/keep-alive/retry: reconnect.</summary>
        public const int Mqtt = 1;

        /// <summary>Topic/GroupTopic/FullTopic/Prefix: rebuild topics and reconnect.</summary>
        public const int Topics = 2;

        /// <summary>TelePeriod.</summary>
        public const int TelePeriod = 4;

        /// <summary>SSIDs/passwords: rejoin Wi-Fi.</summary>
        public const int Wifi = 8;

        /// <summary>Saved power state.</summary>
        public const int Power = 16;

        /// <summary>SetOption19 / HassDiscovery: announce (or remove) Home Assistant discovery.</summary>
        public const int Discovery = 32;
    }

    /// <summary>Raised after settings changed.</summary>
    public delegate void SettingsChangedHandler(int changeFlags);
}
