using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Json;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Rules
{
    [TestClass]
    public class RulesPersistenceTests
    {
        private static string RoundTrip(DeviceSettings original, DeviceSettings loaded)
        {
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(original), 1);
            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNotNull(root, "refused: " + error);
            TextBuffer problems = new TextBuffer(32);
            SettingsCodec.Decode(root, loaded, problems);
            return problems.ToString();
        }

        [TestMethod]
        public void Rules_Flags_And_Subscriptions_Survive_Encode_And_Decode()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(DeviceFixture.Mac);
            s.Rules[0] = "ON Event#ALARM=\"x\\y\" DO Power1 ON ENDON";
            s.Rules[2] = "ON System#Boot DO Event b=%value% ENDON";
            s.RulesEnabled = 5;
            s.RulesOnce = 4;
            s.RulesStopOnError = 2;
            s.Subscriptions = new string[] { "ALARM,stat/phone/#", "TEMP,tele/x/SENSOR/#,DS18B20.Temperature" };

            DeviceSettings loaded = DeviceSettings.CreateDefaults(DeviceFixture.Mac);
            Assert.AreEqual(string.Empty, RoundTrip(s, loaded));
            Assert.AreEqual(s.Rules[0], loaded.Rules[0]);
            Assert.AreEqual(string.Empty, loaded.Rules[1]);
            Assert.AreEqual(s.Rules[2], loaded.Rules[2]);
            Assert.AreEqual(5, loaded.RulesEnabled);
            Assert.AreEqual(4, loaded.RulesOnce);
            Assert.AreEqual(2, loaded.RulesStopOnError);
            Assert.AreEqual(2, loaded.Subscriptions.Length);
            Assert.AreEqual("TEMP,tele/x/SENSOR/#,DS18B20.Temperature", loaded.Subscriptions[1]);
        }

        [TestMethod]
        public void Out_Of_Range_Stored_Rule_Values_Keep_Their_Defaults_And_Are_Named()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(DeviceFixture.Mac);
            s.RulesEnabled = 9;
            s.Rules[1] = new string('x', DeviceSettings.MaxRuleLength + 1);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(DeviceFixture.Mac);
            string problems = RoundTrip(s, loaded);

            Assert.IsTrue(problems.IndexOf("RulesEnabled") >= 0, problems);
            Assert.IsTrue(problems.IndexOf("Rule2") >= 0, problems);
            Assert.AreEqual(0, loaded.RulesEnabled);
            Assert.AreEqual(string.Empty, loaded.Rules[1]);
        }

        [TestMethod]
        public void Rules_And_Subscriptions_Persist_Across_A_Warm_Restart()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.App.ExecuteCommand("Subscribe ALARM, stat/phone");
            f.App.ExecuteCommand("Subscribe TEMP, tele/x/SENSOR, DS18B20.Temperature");
            f.App.ExecuteCommand("Rule1 ON Event#ALARM DO Power1 ON ENDON");
            f.App.ExecuteCommand("Rule1 1");
            f.App.ExecuteCommand("Rule1 9");
            f.App.ExecuteCommand("Rule2 ON System#Boot DO Power2 ON ENDON");
            f.App.ExecuteCommand("Rule2 1");
            f.App.ExecuteCommand("Rule2 5");
            f.App.ExecuteCommand("Restart 1");
            f.Clock.Advance(1000);
            Assert.AreEqual(1, f.System.Restarts);
            Assert.IsFalse(f.App.Relays.IsOn(1));

            // The warm restart: a new app on the same flash.
            DeviceFixture g = DeviceFixture.Prepare(false, DeviceFixture.Host);
            g.Ports.Storage = f.Store;
            g.System.IsColdBoot = false;
            g.App = new DeviceApp(g.Ports, DeviceFixture.TwoRelayBoard());
            g.Network.Up();
            g.App.Start();
            g.Mqtt.AcceptConnect();
            g.Clock.Advance(0);

            DeviceSettings s = g.App.Settings;
            Assert.AreEqual("ON Event#ALARM DO Power1 ON ENDON", s.Rules[0]);
            Assert.AreEqual("ON System#Boot DO Power2 ON ENDON", s.Rules[1]);
            Assert.AreEqual(3, s.RulesEnabled);
            Assert.AreEqual(2, s.RulesOnce);
            Assert.AreEqual(1, s.RulesStopOnError);
            Assert.IsTrue(g.App.Relays.IsOn(1), "Rule2 ran on System#Boot");
            Assert.IsTrue(g.Mqtt.IsSubscribed("stat/phone/#"));
            Assert.IsTrue(g.Mqtt.IsSubscribed("tele/x/SENSOR/#"));

            g.Mqtt.Deliver("stat/phone", "ringing", false);
            g.Clock.Advance(0);
            Assert.IsTrue(g.App.Relays.IsOn(0), "the subscription and Rule1 work after the restart");

            g.Mqtt.ClearPublished();
            g.Command("Subscribe", string.Empty);
            Assert.AreEqual("{\"Subscribe\":\"ALARM,stat/phone/#; TEMP,tele/x/SENSOR/#,DS18B20.Temperature\"}", g.LastPayload("stat/" + DeviceFixture.T + "/RESULT"));
        }
    }
}
