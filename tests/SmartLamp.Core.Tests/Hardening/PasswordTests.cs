using nanoFramework.TestFramework;
using SmartLamp.Core.Console;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Hardening
{
    /// <summary>A password never shows: whatever separator the dispatcher accepts, inside a rule, in a Rule answer or log.</summary>
    [TestClass]
    public class PasswordTests
    {
        private const string T = DeviceFixture.T;

        private static string[] Separators()
        {
            return new string[] { " ", "\t", ((char)0x0B).ToString(), ((char)0x0C).ToString(), ((char)0x01).ToString(), "=", ":", ",", ((char)0xA0).ToString(), "  \t " };
        }

        [TestMethod]
        public void Every_Separator_The_Dispatcher_Accepts_Is_Masked_On_The_Console()
        {
            string[] seps = Separators();
            for (int i = 0; i < seps.Length; i++)
            {
                DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, DeviceFixture.Host);
                f.App.Start();
                f.Serial.Type("MqttPassword" + seps[i] + "hunter22");
                f.Serial.Type("Backlog0 Power on; Password1" + seps[i] + "secret99");
                f.Clock.Advance(10);

                Assert.IsTrue(f.App.Settings.MqttPassword.IndexOf("hunter22") >= 0, "the command ran (case " + i.ToString() + ")");
                Assert.IsFalse(f.Serial.OutputContains("hunter22"), "console leaks with separator case " + i.ToString());
                Assert.IsFalse(f.Serial.OutputContains("secret99"), "console leaks in a Backlog, case " + i.ToString());
                Assert.IsFalse(f.Log.Contains("hunter22"), "log leaks, case " + i.ToString());
            }
        }

        [TestMethod]
        public void A_Rule_Holding_A_Password_Is_Answered_And_Logged_Masked()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(0);
            f.Command("Rule1", "ON Event#SETPW DO MqttPassword hunter22 ENDON ON Event#X DO Backlog Password1 secret99; Power on ENDON");
            f.Clock.Advance(0);
            string answer = f.LastPayload("stat/" + T + "/RESULT");
            Assert.IsTrue(answer.IndexOf("\"Rules\":\"ON Event#SETPW DO MqttPassword **** ENDON ON Event#X DO Backlog Password1 ****; Power on ENDON\"") >= 0, answer);

            f.Command("Rule1", "1");
            f.Command("Event", "SETPW");
            f.Command("Event", "X");
            f.Clock.Advance(0);
            Assert.AreEqual("hunter22", f.App.Settings.MqttPassword, "the rule still works");
            Assert.IsTrue(f.App.Relays.IsOn(0));
            for (int i = 0; i < f.Mqtt.PublishedCount; i++)
            {
                Assert.IsTrue(f.Mqtt.PublishedAt(i).Payload.IndexOf("hunter22") < 0, f.Mqtt.PublishedAt(i).ToString());
                Assert.IsTrue(f.Mqtt.PublishedAt(i).Payload.IndexOf("secret99") < 0, f.Mqtt.PublishedAt(i).ToString());
            }

            Assert.IsFalse(f.Log.Contains("hunter22"));
            Assert.IsFalse(f.Log.Contains("secret99"));
            Assert.IsTrue(f.Log.Contains("Power on"), "the rest of the rule stays readable in the log");
        }

        [TestMethod]
        public void Inline_Masks_Only_Password_Values()
        {
            Assert.AreEqual("ON System#Boot DO MqttPassword **** ENDON", SecretMask.Inline("ON System#Boot DO MqttPassword secret ENDON"));
            Assert.AreEqual("ON A DO Backlog Power on; MqttPassword ****; Power off BREAK", SecretMask.Inline("ON A DO Backlog Power on; MqttPassword=a b; Power off BREAK"));
            Assert.AreEqual("Rule1 ON A DO password1 ****", SecretMask.CommandLine("Rule1 ON A DO password1 x endon2"));
            string plain = "ON A DO Power on ENDON";
            Assert.IsTrue(object.ReferenceEquals(plain, SecretMask.Inline(plain)));
        }
    }
}
