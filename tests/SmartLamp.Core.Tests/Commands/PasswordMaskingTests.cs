using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Tests.Commands
{
    [TestClass]
    public class PasswordMaskingTests
    {
        private const string MqttSecret = "mqtt-s3cret";
        private const string WifiSecret = "wifi-s3cret";
        private const string WifiSecret2 = "second-s3cret";

        [TestMethod]
        public void Setting_And_Querying_Passwords_Answers_Asterisks()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttPassword", MqttSecret);
            Assert.AreEqual("RESULT {\"MqttPassword\":\"****\"}", r.Last());
            Assert.AreEqual(MqttSecret, r.S.MqttPassword);
            r.Mqtt("MqttPassword", "");
            Assert.AreEqual("RESULT {\"MqttPassword\":\"****\"}", r.Last());
            r.Mqtt("Password1", WifiSecret);
            Assert.AreEqual("RESULT {\"Password1\":\"****\"}", r.Last());
            Assert.AreEqual(WifiSecret, r.S.WifiPassword[0]);
            r.Mqtt("Password4", WifiSecret2);
            Assert.AreEqual("RESULT {\"Password2\":\"****\"}", r.Last());
            Assert.AreEqual(WifiSecret2, r.S.WifiPassword[1]);
            r.Mqtt("Password", "");
            Assert.AreEqual("RESULT {\"Password1\":\"****\"}", r.Last());
            r.Mqtt("Password5", "x");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
        }

        [TestMethod]
        public void Wifi_Password_Needs_More_Than_Four_Characters_Or_A_Shortcut()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Password1", "abcd");
            Assert.AreEqual("RESULT {\"Password1\":\"****\"}", r.Last());
            Assert.AreEqual("", r.S.WifiPassword[0]);
            Assert.AreEqual(0, r.ChangeEvents);
            r.Mqtt("Password1", "abcde");
            Assert.AreEqual("abcde", r.S.WifiPassword[0]);
            Assert.AreEqual(1, r.ChangeEvents);
            Assert.AreEqual(SettingsChange.Wifi, r.ChangeFlags);
            r.Mqtt("Password1", "0");
            Assert.AreEqual("", r.S.WifiPassword[0]);
        }

        [TestMethod]
        public void Passwords_Never_Appear_In_Any_Output_Or_Log_Line()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("MqttPassword", MqttSecret);
            r.Mqtt("mqttpassword2", MqttSecret);
            r.Line("Password1 " + WifiSecret);
            r.Line("cmnd/x/Password2 " + WifiSecret2);
            r.Mqtt(CommandSource.Group, "Password1", WifiSecret);
            r.Mqtt(CommandSource.Fallback, "Password3", WifiSecret);
            r.Mqtt("Password1", WifiSecret + "\u0001");
            r.Mqtt("MqttPassword", MqttSecret + "\u0001");
            r.Mqtt("MqttPassword", MqttSecret + new string('x', 80));

            // through Backlog, including an overflowing one whose extra commands are dropped
            string cmds = "MqttPassword " + MqttSecret + ";Password1 " + WifiSecret;
            for (int i = 0; i < 35; i++)
            {
                cmds += ";Password2 " + WifiSecret2;
            }

            r.Mqtt("Backlog", cmds);
            r.Clock.Advance(20000);

            // every query form
            r.Mqtt("MqttPassword", "");
            r.Mqtt("Password1", "?");
            r.Mqtt("Password2", "");
            r.Mqtt("SSId", "");
            r.Mqtt("MqttUser", "");

            // unknown/garbage commands carrying the secret in their payload
            r.Mqtt("Foo", MqttSecret);
            r.Line("Bogus " + WifiSecret);

            Assert.IsTrue(r.Output.Count > 40);
            Assert.IsFalse(r.Output.Contains(MqttSecret));
            Assert.IsFalse(r.Output.Contains(WifiSecret));
            Assert.IsFalse(r.Output.Contains(WifiSecret2));
            Assert.IsFalse(r.Output.Contains("s3cret"));
            for (int i = 0; i < r.Log.Count; i++)
            {
                Assert.IsTrue(r.Log.LineAt(i).IndexOf("s3cret") < 0, r.Log.LineAt(i));
            }

            Assert.AreEqual(MqttSecret, r.S.MqttPassword);
            Assert.AreEqual(WifiSecret2, r.S.WifiPassword[1]);
        }
    }
}
