using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Tests.Commands
{
    /// <summary>Commands made from a settings schema line: range, answer, save and change flags come from the line and the registration.</summary>
    [TestClass]
    public class SchemaCommandsTests
    {
        /// <summary>Commands of the rig's settings beside the registered ones (add, then register).</summary>
        private static SchemaCommands Extra(CommandRig r)
        {
            return new SchemaCommands(r.Settings);
        }

        [TestMethod]
        public void A_Schema_Command_Stores_In_Range_Saves_And_Raises_Its_Flags()
        {
            CommandRig r = CommandRig.Create(1);
            SchemaCommands extra = Extra(r);
            extra.Add("SwitchDebounce", SettingsChange.Mqtt);
            extra.Register(r.Dispatcher);
            r.ChangeFlags = 0;
            r.ChangeEvents = 0;

            r.Mqtt("SWITCHDEBOUNCE", "120");

            Assert.AreEqual("RESULT {\"SwitchDebounce\":120}", r.Last());
            Assert.AreEqual(120, r.S.SwitchDebounce);
            Assert.AreEqual(SettingsChange.Mqtt, r.ChangeFlags, "the registration's flags are raised by the handler itself");
            Assert.AreEqual(1, r.ChangeEvents);
            Assert.IsTrue(r.Settings.SavePending, "a change is always stored");
        }

        [TestMethod]
        public void Out_Of_Range_Text_And_Queries_Change_Nothing_And_Answer_The_Value()
        {
            CommandRig r = CommandRig.Create(1);
            SchemaCommands extra = Extra(r);
            extra.Add("SwitchDebounce", SettingsChange.Mqtt);
            extra.Register(r.Dispatcher);
            int before = r.S.SwitchDebounce;
            r.ChangeEvents = 0;

            r.Mqtt("SwitchDebounce", "39"); // the schema line's range is 40..1000
            Assert.AreEqual("RESULT {\"SwitchDebounce\":" + before.ToString() + "}", r.Last());
            r.Mqtt("SwitchDebounce", "1001");
            r.Mqtt("SwitchDebounce", "fast");
            r.Mqtt("SwitchDebounce", string.Empty);
            Assert.AreEqual("RESULT {\"SwitchDebounce\":" + before.ToString() + "}", r.Last());
            Assert.AreEqual(before, r.S.SwitchDebounce);
            Assert.AreEqual(0, r.ChangeEvents);

            r.Mqtt("SwitchDebounce", "1000");
            Assert.AreEqual(1000, r.S.SwitchDebounce, "the top of the range is accepted");
        }

        [TestMethod]
        public void A_Key_Without_A_Number_Line_Is_Refused_At_Registration()
        {
            CommandRig r = CommandRig.Create(1);
            Assert.ThrowsException(typeof(System.ArgumentException), () => Extra(r).Add("MqttHost", 0));
            Assert.ThrowsException(typeof(System.ArgumentException), () => Extra(r).Add("NoSuchSetting", 0));
        }

        [TestMethod]
        public void A_Text_Schema_Command_Stores_Once_Raises_Its_Flags_And_Refuses_Bad_Text()
        {
            CommandRig r = CommandRig.Create(1);
            r.ChangeFlags = 0;
            r.ChangeEvents = 0;

            r.Mqtt("MqttHost", "broker.lan");
            Assert.AreEqual("RESULT {\"MqttHost\":\"broker.lan\"}", r.Last());
            Assert.AreEqual(SettingsChange.Mqtt, r.ChangeFlags, "MqttHost's registration raises Mqtt (reconnect)");
            Assert.AreEqual(1, r.ChangeEvents);
            Assert.IsTrue(r.Settings.SavePending);

            r.Mqtt("MqttHost", "broker.lan");
            Assert.AreEqual(1, r.ChangeEvents, "the same value again is no change");
            r.Mqtt("MqttHost", "bad\u0001host");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            Assert.AreEqual("broker.lan", r.S.MqttHost);
            r.Mqtt("MqttHost", "0");
            Assert.AreEqual("RESULT {\"MqttHost\":\"\"}", r.Last(), "ZeroClears: 0 empties the host");
            Assert.AreEqual(2, r.ChangeEvents);
        }

        [TestMethod]
        public void Indexed_Text_Lines_Set_One_List_All_And_Refuse_Other_Indexes()
        {
            CommandRig r = CommandRig.Create(1);
            r.ChangeFlags = 0;
            r.Mqtt("Prefix2", "my stat");
            Assert.AreEqual("RESULT {\"Prefix2\":\"my_stat\"}", r.Last(), "MakeValidMqtt replaces the space");
            Assert.AreEqual(SettingsChange.Topics, r.ChangeFlags);
            r.Mqtt("Prefix", string.Empty);
            Assert.AreEqual("RESULT {\"Prefix1\":\"cmnd\",\"Prefix2\":\"my_stat\",\"Prefix3\":\"tele\"}", r.Last());
            r.Mqtt("Prefix2", "1");
            Assert.AreEqual("RESULT {\"Prefix2\":\"stat\"}", r.Last(), "1 restores the default of that line");
            r.Mqtt("Prefix4", "x");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
        }

        [TestMethod]
        public void A_Secret_Text_Is_Stored_But_Answered_With_Asterisks()
        {
            CommandRig r = CommandRig.Create(1);
            r.ChangeFlags = 0;
            r.Mqtt("MqttPassword", "s3cret!");
            Assert.AreEqual("RESULT {\"MqttPassword\":\"****\"}", r.Last());
            Assert.AreEqual("s3cret!", r.S.MqttPassword);
            Assert.AreEqual(SettingsChange.Mqtt, r.ChangeFlags);
        }

        [TestMethod]
        public void A_Number_Registered_With_OneIsDefault_Takes_The_Default_For_1()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttPort", "8883");
            r.ChangeFlags = 0;
            r.Mqtt("MqttPort", "1");
            Assert.AreEqual("RESULT {\"MqttPort\":1883}", r.Last());
            Assert.AreEqual(SettingsChange.Mqtt, r.ChangeFlags, "MqttPort's registration raises Mqtt");
        }

        [TestMethod]
        public void A_Flag_Schema_Command_Answers_StateText_Raises_Its_Flags_And_Refuses_2()
        {
            CommandRig r = CommandRig.Create(1);
            SchemaCommands extra = Extra(r);
            // A bool setting registered as a schema flag here; on the device SensorRetain is one of the retain
            // commands, which answer 2 with their state as Tasmota's do.
            extra.AddFlag("SensorRetain", SettingsChange.Discovery);
            extra.Register(r.Dispatcher);
            r.ChangeFlags = 0;
            r.ChangeEvents = 0;

            r.Mqtt("SensorRetain", "on");
            Assert.AreEqual("RESULT {\"SensorRetain\":\"ON\"}", r.Last());
            Assert.IsTrue(r.S.SensorRetain);
            Assert.AreEqual(SettingsChange.Discovery, r.ChangeFlags, "the registration's flags are raised by the handler itself");
            Assert.AreEqual(1, r.ChangeEvents);

            r.Mqtt("SensorRetain", "2");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            r.Mqtt("SensorRetain", "maybe");
            Assert.AreEqual("RESULT {\"SensorRetain\":\"ON\"}", r.Last(), "text that is no number is a query, as in Tasmota");
            Assert.AreEqual(1, r.ChangeEvents);
        }

        [TestMethod]
        public void Each_Kind_Refuses_A_Line_Of_Another_Kind()
        {
            CommandRig r = CommandRig.Create(1);
            Assert.ThrowsException(typeof(System.ArgumentException), () => Extra(r).AddText("MqttPort", 0, 0));
            Assert.ThrowsException(typeof(System.ArgumentException), () => Extra(r).AddFlag("MqttHost", 0));
            Assert.ThrowsException(typeof(System.ArgumentException), () => Extra(r).AddTexts("Prefix", 4, 0, 0));
        }

        [TestMethod]
        public void MqttRetry_And_MqttKeepAlive_Come_From_Their_Schema_Lines()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttKeepAlive", "45");
            Assert.AreEqual("RESULT {\"MqttKeepAlive\":45}", r.Last());
            r.Mqtt("MqttKeepAlive", "101"); // schema range 1..100
            Assert.AreEqual("RESULT {\"MqttKeepAlive\":45}", r.Last());
            r.Mqtt("mqttretry", "9"); // schema range 10..32000
            Assert.AreEqual("RESULT {\"MqttRetry\":" + r.S.MqttRetry.ToString() + "}", r.Last());
            Assert.IsTrue(r.S.MqttRetry >= 10);
        }
    }
}
