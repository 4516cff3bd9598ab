using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using SmartLamp.Core.Settings;
using nanoFramework.TestFramework;

namespace SmartLamp.Core.Tests.Commands
{
    [TestClass]
    public class ConfigCommandsTests
    {
        private const string NoMoreGroups = ",\"GroupTopic2\":\"\",\"GroupTopic3\":\"\",\"GroupTopic4\":\"\"}";
        private const string Error = "RESULT {\"Command\":\"Error\"}";

        [TestMethod]
        public void MqttHost_Sets_Queries_Clears_And_Asks_For_A_Reconnect()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttHost", "broker.lan");
            Assert.AreEqual("RESULT {\"MqttHost\":\"broker.lan\"}", r.Last());
            Assert.AreEqual("broker.lan", r.S.MqttHost);
            Assert.AreEqual(SettingsChange.Mqtt, r.ChangeFlags);
            Assert.AreEqual(1, r.ChangeEvents);

            r.Mqtt("mqtthost", "?");
            Assert.AreEqual("RESULT {\"MqttHost\":\"broker.lan\"}", r.Last());
            r.Mqtt("MqttHost", "broker.lan");
            Assert.AreEqual(1, r.ChangeEvents); // same value: no reconnect
            r.Mqtt("MqttHost", "0");
            Assert.AreEqual("RESULT {\"MqttHost\":\"\"}", r.Last());
            Assert.AreEqual(2, r.ChangeEvents);
            r.Mqtt("MqttHost", "a\u0007b");
            Assert.AreEqual(Error, r.Last());
            Assert.AreEqual("", r.S.MqttHost);
        }

        [TestMethod]
        public void Config_Changes_Are_Saved_A_Second_Later()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttHost", "broker.lan");
            r.Mqtt("MqttPort", "1884");
            r.Mqtt("MqttUser", "bob");
            int saves = r.Store.Saves;
            r.Clock.Advance(1000);
            Assert.AreEqual(saves + 1, r.Store.Saves);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"MqttPort\":1884,") > 0);
        }

        [TestMethod]
        public void MqttPort_Range_And_One_Means_Default()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttPort", "8883");
            Assert.AreEqual("RESULT {\"MqttPort\":8883}", r.Last());
            r.Mqtt("MqttPort", "65536");
            Assert.AreEqual("RESULT {\"MqttPort\":8883}", r.Last());
            r.Mqtt("MqttPort", "0");
            Assert.AreEqual("RESULT {\"MqttPort\":8883}", r.Last());
            r.Mqtt("MqttPort", "1");
            Assert.AreEqual("RESULT {\"MqttPort\":1883}", r.Last());
            r.Mqtt("MqttPort", "65535");
            Assert.AreEqual("RESULT {\"MqttPort\":65535}", r.Last());
        }

        [TestMethod]
        public void MqttUser_Zero_Clears_One_Is_Default()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttUser", "bob");
            Assert.AreEqual("RESULT {\"MqttUser\":\"bob\"}", r.Last());
            r.Mqtt("MqttUser", "1");
            Assert.AreEqual("RESULT {\"MqttUser\":\"\"}", r.Last());
            r.Mqtt("MqttUser", "bob");
            r.Mqtt("MqttUser", "0");
            Assert.AreEqual("RESULT {\"MqttUser\":\"\"}", r.Last());
        }

        [TestMethod]
        public void MqttClient_Defaults_To_Dves_Mac6_And_Must_Differ_From_Topic()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttClient", "");
            Assert.AreEqual("RESULT {\"MqttClient\":\"DVES_D3E4F5\"}", r.Last());
            r.Mqtt("MqttClient", "lamp client");
            Assert.AreEqual("RESULT {\"MqttClient\":\"lamp_client\"}", r.Last());
            Assert.AreEqual(SettingsChange.Mqtt | SettingsChange.Topics, r.ChangeFlags);
            r.Mqtt("MqttClient", "smartlamp_D3E4F5");
            Assert.AreEqual(Error, r.Last());
            Assert.IsTrue(r.Log.Contains("CMD: MqttClient must differ from Topic"));
            r.Mqtt("MqttClient", "1");
            Assert.AreEqual("RESULT {\"MqttClient\":\"DVES_D3E4F5\"}", r.Last());
        }

        [TestMethod]
        public void Topic_Is_Sanitised_Like_MakeValidMqtt_And_Asks_For_New_Topics()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Topic", "living room+lamp#1");
            Assert.AreEqual("RESULT {\"Topic\":\"living_room_lamp_1\"}", r.Last());
            Assert.AreEqual("living_room_lamp_1", r.S.Topic);
            Assert.AreEqual(SettingsChange.Topics, r.ChangeFlags);
            r.Mqtt("Topic", "1");
            Assert.AreEqual("RESULT {\"Topic\":\"smartlamp_D3E4F5\"}", r.Last());
        }

        [TestMethod]
        public void Topic_Equal_To_MqttClient_Is_Refused()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Topic", "DVES_D3E4F5");
            Assert.AreEqual(Error, r.Last());
            Assert.AreEqual("smartlamp_D3E4F5", r.S.Topic);
            Assert.AreEqual(0, r.ChangeEvents);
            r.Mqtt("Topic", "way_too_long_topic_name_over_32_chars");
            Assert.AreEqual(Error, r.Last());
        }

        [TestMethod]
        public void Topic_GroupTopic_And_MqttClient_From_The_Group_Topic_Change_Nothing_And_Answer_The_Current_Value()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt(CommandSource.Group, "Topic", "stolen");
            Assert.AreEqual("RESULT {\"Topic\":\"smartlamp_D3E4F5\"}", r.Last());
            Assert.IsTrue(r.Log.Contains("CMD: Topic change through the group topic ignored"));
            r.Mqtt(CommandSource.Group, "GroupTopic", "other");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\"" + NoMoreGroups, r.Last());
            Assert.IsTrue(r.Log.Contains("CMD: GroupTopic change through the group topic ignored"));
            r.Mqtt(CommandSource.Group, "MqttClient", "other");
            Assert.AreEqual("RESULT {\"MqttClient\":\"DVES_D3E4F5\"}", r.Last());
            Assert.IsTrue(r.Log.Contains("CMD: MqttClient change through the group topic ignored"));
            Assert.AreEqual("smartlamp_D3E4F5", r.S.Topic);
            Assert.AreEqual("tasmotas", r.S.GroupTopic);
            Assert.AreEqual("DVES_D3E4F5", r.S.MqttClient);
            Assert.AreEqual(0, r.ChangeEvents);

            // the shortcuts 0 and 1 (defaults) are changes too
            r.Mqtt("Topic", "mylamp");
            r.Mqtt("GroupTopic", "lights");
            r.Mqtt("MqttClient", "myclient");
            int events = r.ChangeEvents;
            r.Mqtt(CommandSource.Group, "Topic", "1");
            Assert.AreEqual("RESULT {\"Topic\":\"mylamp\"}", r.Last());
            r.Mqtt(CommandSource.Group, "GroupTopic", "0");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"lights\"" + NoMoreGroups, r.Last());
            r.Mqtt(CommandSource.Group, "MqttClient", "1");
            Assert.AreEqual("RESULT {\"MqttClient\":\"myclient\"}", r.Last());
            Assert.AreEqual(events, r.ChangeEvents);

            // a query through the group topic is harmless and answered
            r.Mqtt(CommandSource.Group, "Topic", "");
            Assert.AreEqual("RESULT {\"Topic\":\"mylamp\"}", r.Last());
            // other settings still work from the group (as in Tasmota)
            r.Mqtt(CommandSource.Group, "FullTopic", "%prefix%/%topic%/");
            Assert.AreEqual("RESULT {\"FullTopic\":\"%prefix%/%topic%/\"}", r.Last());
        }

        [TestMethod]
        public void GroupTopic_Is_Sanitised_Refused_When_Equal_To_Topic_And_Zero_Restores_Default()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("GroupTopic", "");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\"" + NoMoreGroups, r.Last());
            r.Mqtt("GroupTopic1", "all lights");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"all_lights\"" + NoMoreGroups, r.Last());
            Assert.AreEqual(SettingsChange.Topics, r.ChangeFlags);
            r.Mqtt("GroupTopic", "smartlamp_D3E4F5");
            Assert.AreEqual(Error, r.Last());
            Assert.AreEqual("all_lights", r.S.GroupTopic);
            Assert.IsTrue(r.Log.Contains("CMD: GroupTopic must differ from Topic"));
            r.Mqtt("GroupTopic", "0");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\"" + NoMoreGroups, r.Last());
            r.Mqtt("GroupTopic5", "x");
            Assert.AreEqual(Error, r.Last());
            r.Mqtt("GroupTopic0", "x");
            Assert.AreEqual(Error, r.Last());
        }

        [TestMethod]
        public void GroupTopic2_To_4_Are_Stored_Packed_Without_Duplicates_And_Listed_Together()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("GroupTopic3", "kitchen");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\",\"GroupTopic2\":\"kitchen\",\"GroupTopic3\":\"\",\"GroupTopic4\":\"\"}", r.Last());
            Assert.AreEqual(1, r.ChangeEvents);
            r.Mqtt("GroupTopic4", "tasmotas");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\",\"GroupTopic2\":\"kitchen\",\"GroupTopic3\":\"\",\"GroupTopic4\":\"\"}", r.Last());
            Assert.AreEqual(1, r.ChangeEvents); // nothing changed: no reconnect
            r.Mqtt("GroupTopic3", "all+floor");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\",\"GroupTopic2\":\"kitchen\",\"GroupTopic3\":\"all_floor\",\"GroupTopic4\":\"\"}", r.Last());
            r.Mqtt("GroupTopic1", "0");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"kitchen\",\"GroupTopic2\":\"all_floor\",\"GroupTopic3\":\"\",\"GroupTopic4\":\"\"}", r.Last());
            Assert.AreEqual(3, r.ChangeEvents); // three fields moved, the listeners heard it once
            Assert.AreEqual(SettingsChange.Topics, r.ChangeFlags);
            Assert.AreEqual("all_floor", r.S.MoreGroupTopics[0]);
            r.Mqtt("GroupTopic2", "0");
            r.Mqtt("GroupTopic1", "0");
            Assert.AreEqual("RESULT {\"GroupTopic1\":\"tasmotas\"" + NoMoreGroups, r.Last());
            r.Mqtt("GroupTopic2", "way_too_long_group_topic_over_32_chars");
            Assert.AreEqual(Error, r.Last());
        }

        [TestMethod]
        public void FullTopic_Deletes_Wildcards_And_Spaces_And_One_Is_Default()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("FullTopic", "home/ %prefix%/+%topic%#/");
            Assert.AreEqual("RESULT {\"FullTopic\":\"home/%prefix%/%topic%/\"}", r.Last());
            Assert.AreEqual(SettingsChange.Topics, r.ChangeFlags);
            r.Mqtt("FullTopic", "%topic%/");
            Assert.AreEqual("RESULT {\"FullTopic\":\"%topic%/\"}", r.Last());
            r.Mqtt("FullTopic", "1");
            Assert.AreEqual("RESULT {\"FullTopic\":\"%prefix%/%topic%/\"}", r.Last());
            r.Mqtt("FullTopic", "+ #");
            Assert.AreEqual(Error, r.Last());
        }

        [TestMethod]
        public void Prefix_Lists_All_Three_And_Sets_One()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Prefix", "");
            Assert.AreEqual("RESULT {\"Prefix1\":\"cmnd\",\"Prefix2\":\"stat\",\"Prefix3\":\"tele\"}", r.Last());
            r.Mqtt("Prefix2", "my stat");
            Assert.AreEqual("RESULT {\"Prefix2\":\"my_stat\"}", r.Last());
            Assert.AreEqual(SettingsChange.Topics, r.ChangeFlags);
            r.Mqtt("Prefix2", "1");
            Assert.AreEqual("RESULT {\"Prefix2\":\"stat\"}", r.Last());
            r.Mqtt("Prefix3", "");
            Assert.AreEqual("RESULT {\"Prefix3\":\"tele\"}", r.Last());
            r.Mqtt("Prefix4", "x");
            Assert.AreEqual(Error, r.Last());
            r.Mqtt("Prefix0", "x");
            Assert.AreEqual(Error, r.Last());
            r.Mqtt("Prefix1", "elevenchars");
            Assert.AreEqual(Error, r.Last());
        }

        [TestMethod]
        public void MqttRetry_And_KeepAlive_Keep_Their_Ranges_Without_Reconnecting()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttRetry", "9");
            Assert.AreEqual("RESULT {\"MqttRetry\":10}", r.Last());
            r.Mqtt("MqttRetry", "32000");
            Assert.AreEqual("RESULT {\"MqttRetry\":32000}", r.Last());
            r.Mqtt("MqttRetry", "32001");
            Assert.AreEqual("RESULT {\"MqttRetry\":32000}", r.Last());
            r.Mqtt("MqttKeepAlive", "0");
            Assert.AreEqual("RESULT {\"MqttKeepAlive\":30}", r.Last());
            r.Mqtt("MqttKeepAlive", "100");
            Assert.AreEqual("RESULT {\"MqttKeepAlive\":100}", r.Last());
            r.Mqtt("MqttKeepAlive", "101");
            Assert.AreEqual("RESULT {\"MqttKeepAlive\":100}", r.Last());
            Assert.AreEqual(0, r.ChangeEvents);
            int saves = r.Store.Saves;
            r.Clock.Advance(1000);
            Assert.AreEqual(saves + 1, r.Store.Saves);
        }

        [TestMethod]
        public void SSId_Lists_Both_Sets_One_And_Asks_For_A_Wifi_Rejoin()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SSId1", "Home Net");
            Assert.AreEqual("RESULT {\"SSId1\":\"Home Net\"}", r.Last());
            Assert.AreEqual(SettingsChange.Wifi, r.ChangeFlags);
            r.Mqtt("SSId", "");
            Assert.AreEqual("RESULT {\"SSId1\":\"Home Net\",\"SSId2\":\"\"}", r.Last());
            r.Mqtt("SSId1", "0");
            Assert.AreEqual("RESULT {\"SSId1\":\"\"}", r.Last());
            r.Mqtt("SSId3", "x");
            Assert.AreEqual(Error, r.Last());
        }

        [TestMethod]
        public void SetOption_0_4_26_Answer_With_StateText_Other_Options_Are_Errors()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SetOption4", "1");
            Assert.AreEqual("RESULT {\"SetOption4\":\"ON\"}", r.Last());
            Assert.IsTrue(r.S.ResultOnCommandTopic);
            r.Mqtt("SO4", "");
            Assert.AreEqual("RESULT {\"SetOption4\":\"ON\"}", r.Last());
            r.Mqtt("SetOption4", "off");
            Assert.AreEqual("RESULT {\"SetOption4\":\"OFF\"}", r.Last());
            r.Mqtt("SetOption4", "2");
            Assert.AreEqual(Error, r.Last());
            r.Mqtt("SetOption0", "");
            Assert.AreEqual("RESULT {\"SetOption0\":\"ON\"}", r.Last());
            r.Mqtt("SetOption26", "on");
            Assert.AreEqual("RESULT {\"SetOption26\":\"ON\"}", r.Last());
            r.Mqtt("SetOption5", "1");
            Assert.AreEqual(Error, r.Last());
            r.Mqtt("SetOption", "1");
            Assert.AreEqual(Error, r.Last());

            r.Mqtt("StateText2", "An");
            r.Mqtt("SetOption26", "");
            Assert.AreEqual("RESULT {\"SetOption26\":\"An\"}", r.Last());
        }

        [TestMethod]
        public void SetOption0_On_Takes_The_Current_Power_State()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SetOption0", "0");
            r.Mqtt("Power", "on");
            Assert.AreEqual(0, r.S.SavedPower);
            r.Mqtt("SetOption0", "1");
            Assert.AreEqual(1, r.S.SavedPower);
        }

        [TestMethod]
        public void MqttRetainedCmnd_Switches_AcceptRetainedCommands()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttRetainedCmnd", "");
            Assert.AreEqual("RESULT {\"MqttRetainedCmnd\":\"OFF\"}", r.Last());
            r.Mqtt("MqttRetainedCmnd", "1");
            Assert.AreEqual("RESULT {\"MqttRetainedCmnd\":\"ON\"}", r.Last());
            Assert.IsTrue(r.S.AcceptRetainedCommands);
            r.Mqtt("MqttRetainedCmnd", "7");
            Assert.AreEqual(Error, r.Last(), "on/off values above 1 are refused, as SetOptions are");
            Assert.IsTrue(r.S.AcceptRetainedCommands);
            r.Mqtt("MqttRetainedCmnd", "maybe");
            Assert.AreEqual("RESULT {\"MqttRetainedCmnd\":\"ON\"}", r.Last(), "text that is no number is a query");
            r.Mqtt("MqttRetainedCmnd", "false");
            Assert.IsFalse(r.S.AcceptRetainedCommands);
        }

        [TestMethod]
        public void Restart_1_Answers_Saves_And_Restarts_After_The_Answer()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttHost", "broker");
            int saves = r.Store.Saves;
            r.Mqtt("Restart", "1");
            Assert.AreEqual("RESULT {\"Restart\":\"Restarting\"}", r.Last());
            Assert.AreEqual(0, r.System.Restarts);
            r.Clock.Advance(ConfigCommands.RestartDelayMs);
            Assert.AreEqual(1, r.System.Restarts);
            Assert.AreEqual(saves + 1, r.Store.Saves);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"MqttHost\":\"broker\",") > 0);
        }

        [TestMethod]
        public void Restart_With_Another_Value_Only_Explains()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Restart", "");
            Assert.AreEqual("RESULT {\"Restart\":\"1 to restart\"}", r.Last());
            r.Mqtt("Restart", "2");
            Assert.AreEqual("RESULT {\"Restart\":\"1 to restart\"}", r.Last());
            r.Clock.Advance(5000);
            Assert.AreEqual(0, r.System.Restarts);
        }

        [TestMethod]
        public void Reset_1_Restores_Every_Default_Saves_And_Restarts()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttHost", "broker");
            r.Mqtt("Topic", "den");
            r.Mqtt("Password1", "wifisecret");
            r.Mqtt("Reset", "1");
            Assert.AreEqual("RESULT {\"Reset\":\"Reset and Restarting\"}", r.Last());
            Assert.AreEqual("den", r.S.Topic);
            r.Clock.Advance(ConfigCommands.RestartDelayMs);
            Assert.AreEqual(1, r.System.Restarts);
            Assert.AreEqual("", r.S.MqttHost);
            Assert.AreEqual("smartlamp_D3E4F5", r.S.Topic);
            Assert.AreEqual("", r.S.WifiPassword[0]);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"Topic\":\"smartlamp_D3E4F5\",") > 0);
            Assert.IsTrue(r.Store.Get(SettingsJournal.NameA).IndexOf("wifisecret") < 0, "copy A");
            Assert.IsTrue(r.Store.Get(SettingsJournal.NameB).IndexOf("wifisecret") < 0, "copy B: the older copy is overwritten too");
        }

        [TestMethod]
        public void Reset_With_Another_Value_Only_Explains()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Reset", "");
            Assert.AreEqual("RESULT {\"Reset\":\"1 to reset\"}", r.Last());
            r.Mqtt("Reset", "2");
            Assert.AreEqual("RESULT {\"Reset\":\"1 to reset\"}", r.Last());
            r.Clock.Advance(5000);
            Assert.AreEqual(0, r.System.Restarts);
        }

        [TestMethod]
        public void MakeValidMqtt_Replaces_Or_Deletes()
        {
            Assert.AreEqual("a_b_c_", ConfigCommands.MakeValidMqtt("a+b#c ", false));
            Assert.AreEqual("abc", ConfigCommands.MakeValidMqtt("a+b#c ", true));
            string clean = "clean/topic";
            Assert.IsTrue(object.ReferenceEquals(clean, ConfigCommands.MakeValidMqtt(clean, false)));
        }
    }
}
