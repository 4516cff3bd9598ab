using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Rules
{
    [TestClass]
    public class SubscribeTests
    {
        private const string T = DeviceFixture.T;
        private const string Result = "stat/" + T + "/RESULT";

        /// <summary>A connected one-relay device with nothing recorded yet.</summary>
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

        [TestMethod]
        public void Subscribe_Adds_Slash_Hash_Subscribes_At_Once_And_Answers_Like_Tasmota()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "alarm, stat/phone");

            Assert.AreEqual("{\"Subscribe\":\"ALARM,stat/phone/#\"}", f.LastPayload(Result));
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/phone/#"));
            Assert.AreEqual("ALARM,stat/phone/#", f.App.Settings.Subscriptions[0]);
        }

        [TestMethod]
        public void Subscribe2_Takes_The_Topic_As_It_Is_And_A_Trailing_Slash_Gets_Only_A_Hash()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe2", "A, stat/phone");
            Assert.AreEqual("{\"Subscribe\":\"A,stat/phone\"}", f.LastPayload(Result));
            Send(f, "Subscribe", "B, tele/x/");
            Assert.AreEqual("{\"Subscribe\":\"B,tele/x/#\"}", f.LastPayload(Result));
            Send(f, "Subscribe", "C, tele/y/#, DS18B20.Temperature");
            Assert.AreEqual("{\"Subscribe\":\"C,tele/y/#,DS18B20.Temperature\"}", f.LastPayload(Result));
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/phone"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("tele/x/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("tele/y/#"));
        }

        [TestMethod]
        public void Subscribe_Lists_And_Says_Empty()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", string.Empty);
            Assert.AreEqual("{\"Subscribe\":\"Empty\"}", f.LastPayload(Result));

            Send(f, "Subscribe", "ALARM, stat/phone");
            Send(f, "Subscribe", "TEMP, tele/x/SENSOR, DS18B20.Temperature");
            Send(f, "Subscribe", string.Empty);
            Assert.AreEqual("{\"Subscribe\":\"ALARM,stat/phone/#; TEMP,tele/x/SENSOR/#,DS18B20.Temperature\"}", f.LastPayload(Result));
        }

        [TestMethod]
        public void The_Listing_Shows_Each_Entry_As_Its_Subscribe_Answered_So_Subscribe2_Stays_Distinct()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "ALARM, stat/phone");
            string answered = f.LastPayload(Result);
            Send(f, "Subscribe", string.Empty);
            Assert.AreEqual(answered, f.LastPayload(Result));
            Assert.AreEqual("{\"Subscribe\":\"ALARM,stat/phone/#\"}", answered);

            Send(f, "Subscribe2", "EXACT, stat/phone");
            Send(f, "Subscribe", "ANY, tele/x/#");
            Send(f, "Subscribe", string.Empty);
            Assert.AreEqual("{\"Subscribe\":\"ALARM,stat/phone/#; EXACT,stat/phone; ANY,tele/x/#\"}", f.LastPayload(Result));
        }

        [TestMethod]
        public void A_Message_On_The_Topic_Raises_The_Event_With_The_Payload_As_Value()
        {
            DeviceFixture f = Lamp();
            Send(f, "Rule1", "ON Event#ALARM=ringing DO Power1 ON ENDON");
            Send(f, "Rule1", "1");
            Send(f, "Subscribe", "ALARM, stat/phone");
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("stat/phone", "snoozed", false);
            f.Clock.Advance(0);
            Assert.IsFalse(f.App.Relays.IsOn(0));

            f.Mqtt.Deliver("stat/phone/alarm", " Ringing ", false);
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual("stat/" + T + "/RESULT = {\"POWER\":\"ON\"}\nstat/" + T + "/POWER = ON\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Empty_Messages_And_Other_Topics_Raise_Nothing()
        {
            DeviceFixture f = Lamp();
            Send(f, "Rule1", "ON Event#ALARM DO Power1 ON ENDON");
            Send(f, "Rule1", "1");
            Send(f, "Subscribe", "ALARM, stat/phone");

            f.Mqtt.Deliver("stat/phone", string.Empty, false);
            f.Mqtt.Deliver("stat/phones", "x", false);
            f.Mqtt.Deliver("stat", "x", false);
            f.Clock.Advance(0);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Key_Takes_One_Json_Member_One_Level_Deep()
        {
            DeviceFixture f = Lamp();
            Send(f, "Rule1", "ON Event#TEMP<18 DO Power1 ON ENDON ON Event#TEMP>=18 DO Power1 OFF ENDON");
            Send(f, "Rule1", "1");
            Send(f, "Subscribe", "TEMP, tele/x/SENSOR, DS18B20.Temperature");

            f.Mqtt.Deliver("tele/x/SENSOR", "{\"Time\":\"2026-01-01T00:00:00\",\"DS18B20\":{\"Id\":\"01\",\"Temperature\":17.5}}", false);
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0));

            f.Mqtt.Deliver("tele/x/SENSOR", "{\"ds18b20\":{\"temperature\":18}}", false);
            f.Clock.Advance(0);
            Assert.IsFalse(f.App.Relays.IsOn(0), "keys compare without case");

            f.Command("Power1", "ON");
            f.Mqtt.Deliver("tele/x/SENSOR", "{\"Other\":1}", false);
            f.Mqtt.Deliver("tele/x/SENSOR", "not json", false);
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0), "no member, no event");
        }

        [TestMethod]
        public void Subscriptions_Come_Back_On_Every_Reconnect()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "ALARM, stat/phone");
            f.Mqtt.DropConnection();
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();

            string[] subs = f.Mqtt.Subscriptions;
            Assert.AreEqual("stat/phone/#", subs[subs.Length - 1]);
        }

        [TestMethod]
        public void Unsubscribe_One_Or_All()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "ALARM, stat/phone");
            Send(f, "Subscribe", "OTHER, stat/phone");
            Send(f, "Subscribe", "TEMP, tele/x/SENSOR");

            Send(f, "Unsubscribe", "alarm");
            Assert.AreEqual("{\"Unsubscribe\":\"ALARM\"}", f.LastPayload(Result));
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/phone/#"), "OTHER still needs the filter");

            Send(f, "Unsubscribe", "ALARM");
            Assert.AreEqual("{\"Command\":\"Error\",\"Unsubscribe\":\"no subscription named ALARM\"}", f.LastPayload(Result));

            Send(f, "Unsubscribe", string.Empty);
            Assert.AreEqual("{\"Unsubscribe\":\"Done\"}", f.LastPayload(Result));
            Assert.IsFalse(f.Mqtt.IsSubscribed("stat/phone/#"));
            Assert.IsFalse(f.Mqtt.IsSubscribed("tele/x/SENSOR/#"));
            Assert.AreEqual(0, f.App.Rules.Subscriptions.Count);
        }

        [TestMethod]
        public void Subscribing_A_Name_Again_Replaces_It()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "ALARM, stat/phone");
            Send(f, "Subscribe", "ALARM, stat/tablet");
            Assert.IsFalse(f.Mqtt.IsSubscribed("stat/phone/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/tablet/#"));
            Assert.AreEqual(1, f.App.Rules.Subscriptions.Count);
        }

        [TestMethod]
        public void Bad_Subscribe_Input_Is_Refused_And_Never_Reaches_The_Broker()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "ALARM");
            Assert.AreEqual("{\"Command\":\"Error\",\"Subscribe\":\"use Subscribe <event>, <topic>[, <key>]\"}", f.LastPayload(Result));
            Send(f, "Subscribe", "A, stat/+x/y");
            Assert.AreEqual("{\"Command\":\"Error\",\"Subscribe\":\"topic 'stat/+x/y' is not a valid MQTT topic filter (at most 100 characters)\"}", f.LastPayload(Result));
            Send(f, "Subscribe", "A, stat/#/y");
            Assert.IsTrue(f.LastPayload(Result).IndexOf("not a valid MQTT topic filter") > 0);
            Send(f, "Subscribe", "A#B, stat/phone");
            Assert.AreEqual("{\"Command\":\"Error\",\"Subscribe\":\"event name 'A#B' may hold only letters, digits, '_', '-' and '.'\"}", f.LastPayload(Result));
            Assert.AreEqual(3, f.Mqtt.Subscriptions.Length, "only the device's own three filters");
        }

        [TestMethod]
        public void At_Most_Eight_Subscriptions()
        {
            DeviceFixture f = Lamp();
            for (int i = 0; i < 8; i++)
            {
                Send(f, "Subscribe", "E" + i.ToString() + ", t/" + i.ToString());
            }

            Send(f, "Subscribe", "E9, t/9");
            Assert.AreEqual("{\"Command\":\"Error\",\"Subscribe\":\"all 8 subscriptions are in use\"}", f.LastPayload(Result));
            Send(f, "Subscribe", "E3, t/three");
            Assert.AreEqual("{\"Subscribe\":\"E3,t/three/#\"}", f.LastPayload(Result));
        }

        [TestMethod]
        public void The_Tasmota_Idiom_Subscribe_On_Mqtt_Connected_Works()
        {
            DeviceFixture f = Lamp();
            Send(f, "Rule1", "ON Mqtt#Connected DO Subscribe ALARM, stat/phone ENDON ON Event#ALARM DO Power1 ON ENDON");
            Send(f, "Rule1", "1");
            f.Mqtt.DropConnection();
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(0);
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/phone/#"));

            f.Mqtt.Deliver("stat/phone", "ring", false);
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void The_Tasmota_Idiom_Takes_Effect_At_Once_When_The_Lamp_Is_Already_Connected()
        {
            DeviceFixture f = Lamp();
            Send(f, "Rule1", "ON Mqtt#Connected DO Subscribe ALARM, stat/phone ENDON ON Event#ALARM DO Power1 ON ENDON");
            Assert.IsFalse(f.Mqtt.IsSubscribed("stat/phone/#"), "a set that is off does nothing");
            f.Mqtt.ClearPublished();
            f.Command("Rule1", "1");
            Assert.IsTrue(f.LastPayload(Result).StartsWith("{\"Rule1\":{\"State\":\"ON\""), "the Rule1 answer comes first");
            f.Clock.Advance(0);
            Assert.IsTrue(f.Mqtt.IsSubscribed("stat/phone/#"), "subscribed without waiting for a reconnect");
            Assert.AreEqual("{\"Subscribe\":\"ALARM,stat/phone/#\"}", f.LastPayload(Result));

            f.Mqtt.Deliver("stat/phone", "ring", false);
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Only_The_Switched_On_Or_Rewritten_Set_Runs_Its_Mqtt_Connected_Rules_And_Only_Once()
        {
            DeviceFixture f = Lamp();
            Send(f, "Rule2", "ON Mqtt#Connected DO Power1 TOGGLE ENDON");
            Send(f, "Rule2", "1");
            Assert.IsTrue(f.App.Relays.IsOn(0), "Rule2 switched on while connected");

            Send(f, "Rule2", "1");
            Send(f, "Rule2", "ON Mqtt#Connected DO Power1 TOGGLE ENDON");
            Assert.IsTrue(f.App.Relays.IsOn(0), "switching on again or storing the same text runs nothing");

            Send(f, "Rule1", "ON Mqtt#Connected DO Power1 TOGGLE ENDON");
            Send(f, "Rule1", "1");
            Assert.IsFalse(f.App.Relays.IsOn(0), "Rule1's toggle ran once, Rule2's did not run again");

            Send(f, "Rule1", "ON Mqtt#Connected DO Power1 TOGGLE ENDON ON Event#X DO Power1 OFF ENDON");
            Assert.IsTrue(f.App.Relays.IsOn(0), "a rewritten set that is on runs again");

            Send(f, "Rule1", "0");
            Send(f, "Rule2", "0");
            Send(f, "Rule2", "ON Mqtt#Connected DO Power1 OFF ENDON");
            Assert.IsTrue(f.App.Relays.IsOn(0), "rewriting a set that is off runs nothing");
            Send(f, "Rule0", "1");
            Assert.IsFalse(f.App.Relays.IsOn(0), "Rule0 1 ran the sets in order: Rule1 toggled, then Rule2 switched off");
        }

        [TestMethod]
        public void A_Set_Switched_On_While_Disconnected_Waits_For_The_Connect()
        {
            DeviceFixture f = Lamp();
            f.Mqtt.DropConnection();
            f.Clock.Advance(0);
            Send(f, "Rule1", "ON Mqtt#Connected DO Power1 TOGGLE ENDON");
            Send(f, "Rule1", "1");
            f.Clock.Advance(100);
            Assert.IsFalse(f.App.Relays.IsOn(0), "nothing runs while the session is down");

            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0), "once, at the connect");
        }

        [TestMethod]
        public void A_Loop_Through_The_Broker_Is_Cut_And_Later_Messages_Work_Again()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "P, stat/" + T + "/POWER");
            Send(f, "Rule1", "ON Event#P DO Power1 TOGGLE ENDON");
            Send(f, "Rule1", "1");
            f.Command("Power1", "ON");

            // The broker hands every stat/<t>/POWER back to the device a moment later.
            int toggles = 0;
            for (int i = 0; i < 30; i++)
            {
                int before = f.Mqtt.CountOn("stat/" + T + "/POWER");
                f.Mqtt.Deliver("stat/" + T + "/POWER", f.LastPayload("stat/" + T + "/POWER"), false);
                f.Clock.Advance(20);
                if (f.Mqtt.CountOn("stat/" + T + "/POWER") > before)
                {
                    toggles++;
                }
            }

            // The relay budget of rules ends this loop before its depth does.
            Assert.AreEqual(SmartLamp.Core.Rules.RulesEngine.MaxRuleSwitchesPerSecond, toggles);
            Assert.IsTrue(f.Log.Contains("RUL: Relay 1 switched 4 times within 1 s by rules"));

            f.Clock.Advance(SmartLamp.Core.Rules.RulesEngine.ChainWindowMs);
            bool was = f.App.Relays.IsOn(0);
            f.Mqtt.Deliver("stat/" + T + "/POWER", "ON", false);
            f.Clock.Advance(0);
            Assert.AreNotEqual(was, f.App.Relays.IsOn(0), "after a quiet second the rule runs again");
        }

        [TestMethod]
        public void Topic_Filter_Matching_Follows_Mqtt()
        {
            Assert.IsTrue(SmartLamp.Core.Rules.MqttSubscriptions.Matches("stat/phone/#", "stat/phone"));
            Assert.IsTrue(SmartLamp.Core.Rules.MqttSubscriptions.Matches("stat/phone/#", "stat/phone/a/b"));
            Assert.IsFalse(SmartLamp.Core.Rules.MqttSubscriptions.Matches("stat/phone/#", "stat/phones"));
            Assert.IsTrue(SmartLamp.Core.Rules.MqttSubscriptions.Matches("stat/+/POWER", "stat/lamp/POWER"));
            Assert.IsFalse(SmartLamp.Core.Rules.MqttSubscriptions.Matches("stat/+/POWER", "stat/lamp/x/POWER"));
            Assert.IsTrue(SmartLamp.Core.Rules.MqttSubscriptions.Matches("#", "a/b"));
            Assert.IsFalse(SmartLamp.Core.Rules.MqttSubscriptions.Matches("a/b", "a"));
            Assert.IsFalse(SmartLamp.Core.Rules.MqttSubscriptions.Matches("a", "a/b"));
            Assert.IsTrue(SmartLamp.Core.Rules.MqttSubscriptions.Matches("stat/phone", "stat/phone"));
        }
    }
}
