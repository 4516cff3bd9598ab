namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// THE list of stored settings: key, field and allowed range, one line each. Keys are the Tasmota
    /// command that sets the value wherever one exists (so a settings file reads as a Backlog), and
    /// the order here is the order in the file. To add a setting see Settings/README.md ("How to add
    /// a setting"): a field with its default in <see cref="DeviceSettings"/> and one line here.
    /// </summary>
    public static class SettingsSchema
    {
        /// <summary>Calls <paramref name="v"/> once per stored setting of <paramref name="s"/>.</summary>
        public static void Visit(DeviceSettings s, SettingsVisitor v)
        {
            v.Text("MqttHost", ref s.MqttHost, 0, DeviceSettings.MaxHostLength);
            v.Int("MqttPort", ref s.MqttPort, 1, 65535);
            v.Text("MqttUser", ref s.MqttUser, 0, DeviceSettings.MaxSecretLength);
            v.Text("MqttPassword", ref s.MqttPassword, 0, DeviceSettings.MaxSecretLength);
            v.Text("MqttClient", ref s.MqttClient, 1, DeviceSettings.MaxTopicLength);
            v.Text("Topic", ref s.Topic, 1, DeviceSettings.MaxTopicLength);
            v.Text("GroupTopic", ref s.GroupTopic, 0, DeviceSettings.MaxTopicLength);
            v.Text("FullTopic", ref s.FullTopic, 1, DeviceSettings.MaxFullTopicLength);
            v.Text("Prefix1", ref s.Prefix[0], 1, DeviceSettings.MaxPrefixLength);
            v.Text("Prefix2", ref s.Prefix[1], 1, DeviceSettings.MaxPrefixLength);
            v.Text("Prefix3", ref s.Prefix[2], 1, DeviceSettings.MaxPrefixLength);
            v.Int("MqttRetry", ref s.MqttRetry, DeviceSettings.MinMqttRetry, DeviceSettings.MaxMqttRetry);
            v.Int("MqttKeepAlive", ref s.MqttKeepAlive, 1, 100);
            v.IntOrZero("TelePeriod", ref s.TelePeriod, 10, 3600);
            v.Text("SSId1", ref s.Ssid[0], 0, DeviceSettings.MaxTopicLength);
            v.Text("Password1", ref s.WifiPassword[0], 0, DeviceSettings.MaxSecretLength);
            v.Text("SSId2", ref s.Ssid[1], 0, DeviceSettings.MaxTopicLength);
            v.Text("Password2", ref s.WifiPassword[1], 0, DeviceSettings.MaxSecretLength);
            v.Flag("SetOption0", ref s.SaveState);
            v.Flag("SetOption4", ref s.ResultOnCommandTopic);
            v.Flag("SetOption26", ref s.IndexSingleRelay);
            v.Flag("PowerRetain", ref s.PowerRetain);
            v.Flag("MqttRetainedCmnd", ref s.AcceptRetainedCommands);
            v.Text("StateText1", ref s.StateText[0], 1, DeviceSettings.MaxStateTextLength);
            v.Text("StateText2", ref s.StateText[1], 1, DeviceSettings.MaxStateTextLength);
            v.Text("StateText3", ref s.StateText[2], 1, DeviceSettings.MaxStateTextLength);
            v.Text("StateText4", ref s.StateText[3], 1, DeviceSettings.MaxStateTextLength);
            v.Int("PowerOnState", ref s.PowerOnState, 0, DeviceSettings.MaxPowerOnState);
            v.Int("SaveData", ref s.SaveData, 0, DeviceSettings.MaxSaveData);
            v.Int("BlinkTime", ref s.BlinkTime, 2, 3600);
            v.Int("BlinkCount", ref s.BlinkCount, 0, 32000);
            v.Flag("SetOption19", ref s.DiscoveryOff);
            v.Flag("HassDiscovery", ref s.HassDiscovery);
            v.Flag("MqttTls", ref s.MqttTls);
            v.Text("MqttCaFile", ref s.MqttCaFile, 0, DeviceSettings.MaxMqttCaFileLength);
            v.Int("MqttWatchdog", ref s.MqttWatchdog, 0, DeviceSettings.MaxMqttWatchdog);
            v.Int("WebServer", ref s.WebServer, 0, 2);
            v.Text("WebPassword", ref s.WebPassword, 0, DeviceSettings.MaxSecretLength);
            v.Int("WifiConfig", ref s.WifiConfig, 0, 7);
            v.Text("ApPassword", ref s.ApPassword, 0, DeviceSettings.MaxSecretLength);

            v.Text("Rule1", ref s.Rules[0], 0, DeviceSettings.MaxRuleLength);
            v.Text("Rule2", ref s.Rules[1], 0, DeviceSettings.MaxRuleLength);
            v.Text("Rule3", ref s.Rules[2], 0, DeviceSettings.MaxRuleLength);
            v.Int("RulesEnabled", ref s.RulesEnabled, 0, 7);
            v.Int("RulesOnce", ref s.RulesOnce, 0, 7);
            v.Int("RulesStopOnError", ref s.RulesStopOnError, 0, 7);
            v.TextList("Subscriptions", ref s.Subscriptions, DeviceSettings.MaxSubscriptions, DeviceSettings.MaxSubscriptionLength);

            v.Int("ButtonDebounce", ref s.ButtonDebounce, 40, 1000);
            v.Text("ButtonTopic", ref s.ButtonTopic, 0, DeviceSettings.MaxTopicLength);
            v.Flag("SetOption1", ref s.ButtonRestrict);
            v.Flag("SetOption13", ref s.ButtonSingle);
            v.Flag("SetOption31", ref s.NoLinkBlink);
            v.Int("SetOption32", ref s.HoldTime, 1, 250);
            v.Flag("SetOption73", ref s.MqttButtons);
            v.Int("LedState", ref s.LedState, 0, 8);
            v.Int("LedMask", ref s.LedMask, 0, 0xFFFF);
            v.Int("PulseTime1", ref s.PulseTime[0], 0, 65535);
            v.Int("PulseTime2", ref s.PulseTime[1], 0, 65535);
            v.Int("PulseTime3", ref s.PulseTime[2], 0, 65535);
            v.Int("PulseTime4", ref s.PulseTime[3], 0, 65535);
            v.Int("PulseTime5", ref s.PulseTime[4], 0, 65535);
            v.Int("PulseTime6", ref s.PulseTime[5], 0, 65535);
            v.Int("PulseTime7", ref s.PulseTime[6], 0, 65535);
            v.Int("PulseTime8", ref s.PulseTime[7], 0, 65535);
            v.Flag("Interlock", ref s.Interlock);
            v.IntArray("InterlockGroups", s.InterlockGroups, 0, 255); // relay bit masks; "Interlock 1,2 3,4" sets them

            // Time and Timers (Time/, Timers/): the texts are stored as their commands answer them.
            v.Text("NtpServer1", ref s.NtpServer[0], 0, DeviceSettings.MaxHostLength);
            v.Text("NtpServer2", ref s.NtpServer[1], 0, DeviceSettings.MaxHostLength);
            v.Text("NtpServer3", ref s.NtpServer[2], 0, DeviceSettings.MaxHostLength);
            v.Text("Timezone", ref s.Timezone, 2, 6);
            v.Text("TimeStd", ref s.TimeStd, 11, 40);
            v.Text("TimeDst", ref s.TimeDst, 11, 40);
            v.Text("Latitude", ref s.Latitude, 1, 12);
            v.Text("Longitude", ref s.Longitude, 1, 12);
            v.Flag("Timers", ref s.TimersEnabled);
            v.IntArray("TimerData", s.TimerData, int.MinValue, int.MaxValue);
            v.Int("TimerLast", ref s.TimerLast, 0, int.MaxValue);
            v.Text("Mem1", ref s.Mems[0], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem2", ref s.Mems[1], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem3", ref s.Mems[2], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem4", ref s.Mems[3], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem5", ref s.Mems[4], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem6", ref s.Mems[5], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem7", ref s.Mems[6], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem8", ref s.Mems[7], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem9", ref s.Mems[8], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem10", ref s.Mems[9], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem11", ref s.Mems[10], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem12", ref s.Mems[11], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem13", ref s.Mems[12], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem14", ref s.Mems[13], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem15", ref s.Mems[14], 0, DeviceSettings.MaxRuleVarLength);
            v.Text("Mem16", ref s.Mems[15], 0, DeviceSettings.MaxRuleVarLength);
            v.Int("CalcRes", ref s.CalcRes, 0, 7);
            v.Text("DeviceName", ref s.DeviceName, 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName1", ref s.FriendlyName[0], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName2", ref s.FriendlyName[1], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName3", ref s.FriendlyName[2], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName4", ref s.FriendlyName[3], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName5", ref s.FriendlyName[4], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName6", ref s.FriendlyName[5], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName7", ref s.FriendlyName[6], 0, DeviceSettings.MaxNameLength);
            v.Text("FriendlyName8", ref s.FriendlyName[7], 0, DeviceSettings.MaxNameLength);
            v.Text("Hostname", ref s.Hostname, 1, DeviceSettings.MaxTopicLength);
            v.Text("GroupTopic2", ref s.MoreGroupTopics[0], 0, DeviceSettings.MaxTopicLength);
            v.Text("GroupTopic3", ref s.MoreGroupTopics[1], 0, DeviceSettings.MaxTopicLength);
            v.Text("GroupTopic4", ref s.MoreGroupTopics[2], 0, DeviceSettings.MaxTopicLength);
            v.Flag("ButtonRetain", ref s.ButtonRetain);
            v.Flag("SwitchRetain", ref s.SwitchRetain);
            v.Flag("SensorRetain", ref s.SensorRetain);
            v.Flag("StateRetain", ref s.StateRetain);
            v.Flag("InfoRetain", ref s.InfoRetain);
            v.Flag("StatusRetain", ref s.StatusRetain);
            v.IntArray("SetOptionBits", s.SetOptionBits, 0, 0xFFFF); // 16 on/off SetOptions per word, see SetOptionFlags
            v.IntArray("SetOptionParams", s.SetOptionParams, 0, 255); // SetOption32..49
            v.IntArray("SwitchMode", s.SwitchMode, 0, DeviceSettings.MaxSwitchMode);
            v.Text("SwitchTopic", ref s.SwitchTopic, 0, DeviceSettings.MaxTopicLength);
            v.Int("SwitchDebounce", ref s.SwitchDebounce, 40, 1000);
            v.Int("PowerLock", ref s.PowerLock, 0, 255);

            // Not commands: the saved relay state (bit i = relay i+1; "Power 3" would mean TOGGLE) and the boot counter.
            v.Int("SavedPower", ref s.SavedPower, 0, 255);
            v.Int("BootCount", ref s.BootCount, 0, int.MaxValue);
        }
    }
}
