using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Tests.Commands
{
    /// <summary>Commands made from a settings schema line: range, answer, save and change flags come from the line and the registration.</summary>
    [TestClass]
    public class SchemaCommandsTests
    {
        [TestMethod]
        public void A_Schema_Command_Stores_In_Range_Saves_And_Raises_Its_Flags()
        {
            CommandRig r = CommandRig.Create(1);
            r.Config.PlainSettings.Add(r.Dispatcher, "SwitchDebounce", SettingsChange.Mqtt);
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
            r.Config.PlainSettings.Add(r.Dispatcher, "SwitchDebounce", SettingsChange.Mqtt);
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
            Assert.ThrowsException(typeof(System.ArgumentException), () => r.Config.PlainSettings.Add(r.Dispatcher, "MqttHost", 0));
            Assert.ThrowsException(typeof(System.ArgumentException), () => r.Config.PlainSettings.Add(r.Dispatcher, "NoSuchSetting", 0));
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
