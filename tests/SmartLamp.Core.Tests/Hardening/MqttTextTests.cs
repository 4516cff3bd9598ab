using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Text;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Hardening
{
    /// <summary>
    /// No text that MQTT forbids may reach a topic, client id or payload (the broker would drop the
    /// connection for good), and Subscribe/Unsubscribe never touch the device's own filters.
    /// </summary>
    [TestClass]
    public class MqttTextTests
    {
        private const string T = DeviceFixture.T;
        private const string Result = "stat/" + T + "/RESULT";
        private const string Error = "{\"Command\":\"Error\"}";

        private static DeviceFixture Lamp()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(0);
            f.Mqtt.ClearPublished();
            return f;
        }

        private static void Send(DeviceFixture f, string command, string payload)
        {
            f.Command(command, payload);
            f.Clock.Advance(0);
        }

        /// <summary>
        /// True when this runtime keeps a lone surrogate in a string (desktop .NET). The nanoCLR stores
        /// strings as UTF-8 and turns it into U+FFFD itself, so there the case cannot arise.
        /// </summary>
        private static bool KeepsLoneSurrogates()
        {
            char[] probe = ("x" + (char)0xD800 + "y").ToCharArray();
            return probe.Length == 3 && probe[1] == (char)0xD800;
        }

        /// <summary>Every forbidden code point of the report, as UTF-16 text (lone surrogates only where the runtime can hold them).</summary>
        private static string[] Forbidden()
        {
            if (!KeepsLoneSurrogates())
            {
                return new string[]
                {
                    "x" + (char)0x80 + "y",
                    "x" + (char)0x9F + "y",
                    "x" + (char)0x7F + "y",
                    "x" + (char)0xFDD0 + "y",
                    "x" + (char)0xFFFE + "y",
                    "x" + (char)0xFFFF + "y",
                    "x" + (char)0xD83F + (char)0xDFFF + "y", // U+1FFFF
                    "x" + (char)0xDBFF + (char)0xDFFF + "y", // U+10FFFF
                    "x" + (char)0x01 + "y",
                };
            }

            return new string[]
            {
                "x" + (char)0x80 + "y",
                "x" + (char)0x9F + "y",
                "x" + (char)0x7F + "y",
                "x" + (char)0xFDD0 + "y",
                "x" + (char)0xFFFE + "y",
                "x" + (char)0xFFFF + "y",
                "x" + (char)0xD83F + (char)0xDFFF + "y", // U+1FFFF
                "x" + (char)0xDBFF + (char)0xDFFF + "y", // U+10FFFF
                "x" + (char)0xD800 + "y", // lone high surrogate
                "x" + (char)0xDC00 + "y", // lone low surrogate
                "x" + (char)0x01 + "y",
            };
        }

        [TestMethod]
        public void IsMqttText_Refuses_Controls_NonCharacters_And_Lone_Surrogates_And_Keeps_Real_Text()
        {
            string[] bad = Forbidden();
            for (int i = 0; i < bad.Length; i++)
            {
                Assert.IsFalse(Chars.IsMqttText(bad[i]), "case " + i.ToString());
            }

            Assert.IsTrue(Chars.IsMqttText("lampe"));
            Assert.IsTrue(Chars.IsMqttText("Küche-\u00A0\u20AC"));
            Assert.IsTrue(Chars.IsMqttText("lamp" + (char)0xD83D + (char)0xDCA1)); // U+1F4A1, a real pair
            Assert.IsTrue(Chars.IsMqttText("x" + (char)0xFDF0 + (char)0xFFFD));
        }

        [TestMethod]
        public void RepairSurrogates_Replaces_Only_Lone_Halves()
        {
            if (!KeepsLoneSurrogates())
            {
                return; // the runtime already stores U+FFFD (nanoCLR)
            }

            Assert.AreEqual("a" + Chars.Replacement + "b", Chars.RepairSurrogates("a" + (char)0xD800 + "b"));
            Assert.AreEqual("a" + Chars.Replacement, Chars.RepairSurrogates("a" + (char)0xDBFF));
            Assert.AreEqual(Chars.Replacement + "b", Chars.RepairSurrogates((char)0xDC00 + "b"));
            string pair = "a" + (char)0xD83D + (char)0xDCA1;
            Assert.AreEqual(pair, Chars.RepairSurrogates(pair));
        }

        [TestMethod]
        public void Topic_Settings_With_A_Forbidden_Character_Answer_Error_And_Change_Nothing()
        {
            string[] commands = new string[] { "GroupTopic", "Topic", "MqttClient", "FullTopic", "Prefix1", "Prefix2", "Prefix3", "ButtonTopic", "StateText1", "MqttHost", "MqttUser" };
            string[] bad = Forbidden();
            DeviceFixture f = Lamp();
            string before = SettingsCodec.EncodeBody(f.App.Settings, new SmartLamp.Core.Commands.CommandResponse());
            for (int c = 0; c < commands.Length; c++)
            {
                for (int i = 0; i < bad.Length; i++)
                {
                    f.Mqtt.ClearPublished();
                    string value = commands[c] == "FullTopic" ? "%prefix%/%topic%/" + bad[i] : bad[i];
                    Send(f, commands[c], value);
                    Assert.AreEqual(Error, f.LastPayload(Result), commands[c] + " case " + i.ToString());
                }
            }

            Assert.AreEqual(before, SettingsCodec.EncodeBody(f.App.Settings, new SmartLamp.Core.Commands.CommandResponse()));
            Assert.AreEqual(1, f.Mqtt.ConnectAttempts, "nothing changed, so no reconnect");
        }

        [TestMethod]
        public void A_Real_Supplementary_Character_Is_Still_A_Valid_Topic()
        {
            DeviceFixture f = Lamp();
            string topic = "lamp" + (char)0xD83D + (char)0xDCA1;
            Send(f, "Topic", topic);
            Assert.AreEqual(topic, f.App.Settings.Topic);
        }

        [TestMethod]
        public void Subscribe_And_Rules_Refuse_Forbidden_Characters()
        {
            string[] bad = Forbidden();
            DeviceFixture f = Lamp();
            for (int i = 0; i < bad.Length; i++)
            {
                f.Mqtt.ClearPublished();
                Send(f, "Subscribe", "S, stat/" + bad[i]);
                Assert.IsTrue(f.LastPayload(Result).IndexOf("\"Command\":\"Error\"") >= 0, "Subscribe case " + i.ToString());
                Send(f, "Subscribe", "S, stat/phone, " + bad[i]);
                Assert.IsTrue(f.LastPayload(Result).IndexOf("\"Command\":\"Error\"") >= 0, "Subscribe key case " + i.ToString());
                Send(f, "Rule1", "ON Event#A DO Publish x " + bad[i] + " ENDON");
                Assert.IsTrue(f.LastPayload(Result).IndexOf("\"Command\":\"Error\"") >= 0, "Rule case " + i.ToString());
            }

            Assert.AreEqual(0, f.App.Settings.Subscriptions == null ? 0 : f.App.Settings.Subscriptions.Length);
            Assert.AreEqual(string.Empty, f.App.Settings.Rules[0]);
        }

        [TestMethod]
        public void A_Stored_Forbidden_Topic_Is_Replaced_By_The_Default_At_Boot()
        {
            // A settings file written before the check (or by hand) must not lock the device out at every boot.
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            SettingsService s = new SettingsService(f.Store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            s.Load();
            s.Current.GroupTopic = "x" + (char)0x80 + "y";
            s.Current.Topic = "t" + (char)0xFFFF;
            s.Current.Prefix[0] = "cm+nd"; // a wildcard in a stored topic part (found by the fuzz test)
            s.SaveNow();

            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.Network.Up();
            f.App.Start();
            Assert.AreEqual(DeviceSettings.DefaultGroupTopic, f.App.Settings.GroupTopic);
            Assert.AreEqual(T, f.App.Settings.Topic);
            Assert.AreEqual("cmnd", f.App.Settings.Prefix[0]);
            f.Mqtt.AcceptConnect();
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/" + T + "/#"));
            Assert.IsTrue(Chars.IsMqttText(f.Mqtt.LastOptions.WillTopic));
        }

        [TestMethod]
        public void A_Lone_Surrogate_In_An_Answer_Goes_Out_Repaired()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "S, a/+x" + (char)0xD800); // the Error names the topic it refuses
            Assert.IsTrue(f.Mqtt.PublishedCount > 0);
            for (int i = 0; i < f.Mqtt.PublishedCount; i++)
            {
                Assert.IsTrue(Chars.IsWellFormed(f.Mqtt.PublishedAt(i).Payload));
            }

            Send(f, "Nonsense" + (char)0xDC00, "1");
            for (int i = 0; i < f.Mqtt.PublishedCount; i++)
            {
                Assert.IsTrue(Chars.IsMqttText(f.Mqtt.PublishedAt(i).Topic), f.Mqtt.PublishedAt(i).Topic);
                Assert.IsTrue(Chars.IsWellFormed(f.Mqtt.PublishedAt(i).Payload));
            }

            Assert.IsTrue(f.Mqtt.IsConnected);
        }

        [TestMethod]
        public void Unsubscribe_Never_Removes_The_Devices_Own_Command_Filter()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "S, cmnd/" + T + "/#");
            Send(f, "Unsubscribe", "S");
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/" + T + "/#"));

            Send(f, "Subscribe2", "G, cmnd/tasmotas/#");
            Send(f, "Subscribe2", "F, cmnd/" + DeviceFixture.Client + "_fb/#");
            Send(f, "Unsubscribe", string.Empty);
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/tasmotas/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/" + DeviceFixture.Client + "_fb/#"));

            f.Mqtt.ClearPublished();
            Send(f, "Power", "ON");
            Assert.AreEqual("{\"POWER\":\"ON\"}", f.LastPayload(Result));
        }

        [TestMethod]
        public void Replacing_A_Subscription_Keeps_An_Own_Filter_And_Discovery_Keeps_Its_Status_Topic()
        {
            DeviceFixture f = Lamp();
            Send(f, "SetOption19", "1");
            Send(f, "HassDiscovery", "1");
            Assert.IsTrue(f.Mqtt.IsSubscribed("homeassistant/status"));
            Send(f, "Subscribe2", "H, homeassistant/status");
            Send(f, "Unsubscribe", "H");
            Assert.IsTrue(f.Mqtt.IsSubscribed("homeassistant/status"), "discovery still listens");

            Send(f, "Subscribe", "S, cmnd/" + T + "/#");
            Send(f, "Subscribe", "S, stat/phone");
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/" + T + "/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/phone/#"));
        }
    }
}
