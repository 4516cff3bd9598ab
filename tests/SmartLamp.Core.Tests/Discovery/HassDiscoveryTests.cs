using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Json;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Discovery
{
    [TestClass]
    public class HassDiscoveryTests
    {
        private const string T = DiscoveryRig.T;
        private const string Switch1 = "homeassistant/switch/AABBCCE0B7C9_RL_1/config";
        private const string Switch2 = "homeassistant/switch/AABBCCE0B7C9_RL_2/config";
        private const string Light1 = "homeassistant/light/AABBCCE0B7C9_RL_1/config";
        private const string Light2 = "homeassistant/light/AABBCCE0B7C9_RL_2/config";

        [TestMethod]
        public void Native_Discovery_Is_Off_By_Default()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Clock.Advance(60000);
            Assert.AreEqual(0, DiscoveryRig.CountStartingWith(f.Mqtt, "homeassistant/"));
            Assert.IsFalse(f.Mqtt.IsSubscribed("homeassistant/status"));
            Assert.IsFalse(f.App.Settings.HassDiscovery);
        }

        [TestMethod]
        public void HassDiscovery_1_Publishes_One_Retained_Switch_Per_Relay()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("HassDiscovery", "1");
            Assert.AreEqual("{\"HassDiscovery\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("homeassistant/status"));
            f.Clock.Advance(1000);

            FakeMqttMessage one = f.Mqtt.Last(Switch1);
            FakeMqttMessage two = f.Mqtt.Last(Switch2);
            Assert.IsNotNull(one);
            Assert.IsNotNull(two);
            Assert.IsTrue(one.Retain);
            Assert.IsTrue(two.Retain);
            Assert.IsNull(DiscoverySchema.CheckHassSwitch(one.Topic, one.Payload, DiscoveryRig.Mac));
            Assert.IsNull(DiscoverySchema.CheckHassSwitch(two.Topic, two.Payload, DiscoveryRig.Mac));
            Assert.AreEqual(4, DiscoveryRig.CountStartingWith(f.Mqtt, "homeassistant/")); // 2 switches, 2 emptied lights
            Assert.AreEqual(string.Empty, f.LastPayload(Light1));
            Assert.AreEqual(string.Empty, f.LastPayload(Light2));

            JsonNode c = JsonReader.Parse(two.Payload);
            Assert.AreEqual("SmartLamp2", c.Get("name").StringValue); // FriendlyName2
            Assert.AreEqual("AABBCCE0B7C9_RL_2", c.Get("unique_id").StringValue);
            Assert.AreEqual("cmnd/" + T + "/POWER2", c.Get("command_topic").StringValue);
            Assert.AreEqual("stat/" + T + "/POWER2", c.Get("state_topic").StringValue);
            Assert.AreEqual("ON", c.Get("payload_on").StringValue);
            Assert.AreEqual("OFF", c.Get("payload_off").StringValue);
            Assert.AreEqual("ON", c.Get("state_on").StringValue);
            Assert.AreEqual("OFF", c.Get("state_off").StringValue);
            Assert.AreEqual("tele/" + T + "/LWT", c.Get("availability_topic").StringValue);
            Assert.AreEqual("Online", c.Get("payload_available").StringValue);
            Assert.AreEqual("Offline", c.Get("payload_not_available").StringValue);
            JsonNode d = c.Get("device");
            Assert.AreEqual("AABBCCE0B7C9", d.Get("identifiers")[0].StringValue);
            Assert.AreEqual("aa:bb:cc:e0:b7:c9", d.Get("connections")[0][1].StringValue);
            Assert.AreEqual("SmartLamp", d.Get("name").StringValue); // DeviceName
            Assert.AreEqual("SmartLamp", d.Get("manufacturer").StringValue);
            Assert.AreEqual("test-2relay", d.Get("model").StringValue);
            Assert.AreEqual(FirmwareInfo.Version, d.Get("sw_version").StringValue);

            // The new entities get their state a moment later.
            f.Mqtt.ClearPublished();
            f.Clock.Advance(1000);
            Assert.AreEqual("OFF", f.LastPayload("stat/" + T + "/POWER1"));
            Assert.AreEqual("OFF", f.LastPayload("stat/" + T + "/POWER2"));
        }

        [TestMethod]
        public void One_Relay_Reads_The_Plain_POWER_Topic_And_Follows_SetOption26()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(1000);
            JsonNode c = JsonReader.Parse(f.LastPayload(Switch1));
            Assert.IsTrue(c.Get("name").IsNull); // the entity takes the device's name
            Assert.AreEqual("cmnd/" + T + "/POWER1", c.Get("command_topic").StringValue);
            Assert.AreEqual("stat/" + T + "/POWER", c.Get("state_topic").StringValue);
            Assert.AreEqual(0, f.Mqtt.CountOn(Switch2));

            f.Command("SetOption26", "1");
            f.Command("HassDiscovery", "1"); // re-announce now rather than at the next connect
            f.Clock.Advance(1000);
            c = JsonReader.Parse(f.LastPayload(Switch1));
            Assert.AreEqual("stat/" + T + "/POWER1", c.Get("state_topic").StringValue);
        }

        [TestMethod]
        public void Home_Assistant_Online_Gets_The_Configs_Again()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(5000);
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("homeassistant/status", "offline", false);
            Assert.AreEqual(0, DiscoveryRig.CountStartingWith(f.Mqtt, "homeassistant/"));
            f.Mqtt.Deliver("homeassistant/status", "online", false);
            Assert.AreEqual(1, f.Mqtt.CountOn(Switch1));
            Assert.AreEqual(1, f.Mqtt.CountOn(Switch2));
            f.Clock.Advance(1000);
            Assert.AreEqual("OFF", f.LastPayload("stat/" + T + "/POWER2"));
        }

        [TestMethod]
        public void Home_Assistant_Online_Gets_Configs_Built_From_The_Settings_Of_That_Moment()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(5000);
            string before = f.LastPayload(Switch2);
            f.Mqtt.Deliver("homeassistant/status", "online", false);
            Assert.AreEqual(before, f.LastPayload(Switch2)); // nothing changed: the same bytes again

            f.Command("Backlog0", "StateText2 AN; FriendlyName2 Reading"); // no discovery command
            f.Clock.Advance(5000);
            f.Mqtt.Deliver("homeassistant/status", "online", false);
            JsonNode c = JsonReader.Parse(f.LastPayload(Switch2));
            Assert.AreEqual("AN", c.Get("state_on").StringValue);
            Assert.AreEqual("Reading", c.Get("name").StringValue);
            Assert.AreEqual("stat/" + T + "/POWER2", c.Get("state_topic").StringValue);
        }

        [TestMethod]
        public void HassDiscovery_0_Removes_The_Entities_And_Stops_Listening()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(1000);
            f.Command("HassDiscovery", "0");
            Assert.AreEqual("{\"HassDiscovery\":\"OFF\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsFalse(f.Mqtt.IsSubscribed("homeassistant/status"));
            f.Clock.Advance(1000);
            FakeMqttMessage one = f.Mqtt.Last(Switch1);
            FakeMqttMessage two = f.Mqtt.Last(Switch2);
            Assert.AreEqual(string.Empty, one.Payload);
            Assert.IsTrue(one.Retain);
            Assert.AreEqual(string.Empty, two.Payload);
            Assert.IsTrue(two.Retain);

            f.Mqtt.ClearPublished();
            f.Mqtt.DropConnection();
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(20000);
            Assert.AreEqual(0, DiscoveryRig.CountStartingWith(f.Mqtt, "homeassistant/"));
            Assert.IsFalse(f.App.Settings.HassDiscovery);
        }

        [TestMethod]
        public void HassDiscovery_Survives_A_Reboot()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(3000);
            DeviceFixture g = DiscoveryRig.Reboot(f, DeviceFixture.OneRelayBoard());
            Assert.IsTrue(g.Mqtt.IsSubscribed("homeassistant/status"));
            Assert.AreEqual(0, g.Mqtt.CountOn(Switch1));
            g.Clock.Advance(10000);
            Assert.IsNull(DiscoverySchema.CheckHassSwitch(Switch1, g.LastPayload(Switch1), DiscoveryRig.Mac));
        }

        [TestMethod]
        public void The_Switch_Works_Through_Its_Own_Topics()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(2000);
            JsonNode c = JsonReader.Parse(f.LastPayload(Switch2));

            f.Mqtt.Deliver(c.Get("command_topic").StringValue, c.Get("payload_on").StringValue, false);
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(c.Get("state_on").StringValue, f.LastPayload(c.Get("state_topic").StringValue));
            f.Mqtt.Deliver(c.Get("command_topic").StringValue, c.Get("payload_off").StringValue, false);
            Assert.IsFalse(f.App.Relays.IsOn(1));
            Assert.AreEqual(c.Get("state_off").StringValue, f.LastPayload(c.Get("state_topic").StringValue));
        }

        [TestMethod]
        public void Schema_Check_Rejects_A_Wrong_Switch_Config()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(1000);
            string good = f.LastPayload(Switch1);
            Assert.IsNull(DiscoverySchema.CheckHassSwitch(Switch1, good, DiscoveryRig.Mac));
            Assert.AreEqual("command_topic: required key missing", DiscoverySchema.CheckHassSwitch(Switch1, DiscoveryRig.Swap(good, "\"command_topic\"", "\"cmd\""), DiscoveryRig.Mac));
            Assert.IsNotNull(DiscoverySchema.CheckHassSwitch("homeassistant/switch/other/config", good, DiscoveryRig.Mac));
            Assert.IsNotNull(DiscoverySchema.CheckHassSwitch(Switch1, good, "AABBCCE0B7C0"));
            Assert.AreEqual("device.model: required key missing", DiscoverySchema.CheckHassSwitch(Switch1, DiscoveryRig.Swap(good, "\"model\"", "\"mdl\""), DiscoveryRig.Mac));
        }

        [TestMethod]
        public void SetOption30_Announces_Lights_At_Once_And_Empties_The_Switches()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(1000);
            f.Mqtt.ClearPublished();

            f.Command("SetOption30", "1"); // no HassDiscovery command: the option alone re-announces
            f.Clock.Advance(1000);
            FakeMqttMessage light = f.Mqtt.Last(Light2);
            Assert.IsNotNull(light);
            Assert.IsTrue(light.Retain);
            JsonNode c = JsonReader.Parse(light.Payload);
            Assert.AreEqual("SmartLamp2", c.Get("name").StringValue);
            Assert.AreEqual("AABBCCE0B7C9_RL_2", c.Get("unique_id").StringValue);
            Assert.AreEqual("cmnd/" + T + "/POWER2", c.Get("command_topic").StringValue);
            Assert.AreEqual("stat/" + T + "/POWER2", c.Get("state_topic").StringValue);
            Assert.AreEqual("ON", c.Get("payload_on").StringValue);
            Assert.AreEqual("OFF", c.Get("payload_off").StringValue);
            Assert.IsFalse(c.Has("state_on")); // not a key of the light schema
            Assert.AreEqual("tele/" + T + "/LWT", c.Get("availability_topic").StringValue);
            Assert.AreEqual("Online", c.Get("payload_available").StringValue);
            Assert.AreEqual("Offline", c.Get("payload_not_available").StringValue);
            Assert.AreEqual("AABBCCE0B7C9", c.Get("device").Get("identifiers")[0].StringValue);
            Assert.IsNotNull(f.Mqtt.Last(Light1));
            Assert.AreNotEqual(string.Empty, f.LastPayload(Light1));
            FakeMqttMessage sw = f.Mqtt.Last(Switch1);
            Assert.AreEqual(string.Empty, sw.Payload);
            Assert.IsTrue(sw.Retain);
            Assert.AreEqual(string.Empty, f.LastPayload(Switch2));

            // And back: switches again, lights emptied.
            f.Mqtt.ClearPublished();
            f.Command("SetOption30", "0");
            f.Clock.Advance(1000);
            Assert.IsNull(DiscoverySchema.CheckHassSwitch(Switch1, f.LastPayload(Switch1), DiscoveryRig.Mac));
            Assert.IsNull(DiscoverySchema.CheckHassSwitch(Switch2, f.LastPayload(Switch2), DiscoveryRig.Mac));
            FakeMqttMessage gone = f.Mqtt.Last(Light1);
            Assert.AreEqual(string.Empty, gone.Payload);
            Assert.IsTrue(gone.Retain);
            Assert.AreEqual(string.Empty, f.LastPayload(Light2));
        }

        [TestMethod]
        public void The_Light_Works_Through_Its_Own_Topics_With_Custom_StateText()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            f.Command("StateText1", "AUS");
            f.Command("StateText2", "AN");
            f.Command("SetOption30", "1");
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(2000);
            JsonNode c = JsonReader.Parse(f.LastPayload(Light2));
            Assert.AreEqual("AN", c.Get("payload_on").StringValue);

            // The light schema compares the state with payload_on/off and commands with them.
            f.Mqtt.Deliver(c.Get("command_topic").StringValue, c.Get("payload_on").StringValue, false);
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.AreEqual(c.Get("payload_on").StringValue, f.LastPayload(c.Get("state_topic").StringValue));
            f.Mqtt.Deliver(c.Get("command_topic").StringValue, c.Get("payload_off").StringValue, false);
            Assert.IsFalse(f.App.Relays.IsOn(1));
            Assert.AreEqual(c.Get("payload_off").StringValue, f.LastPayload(c.Get("state_topic").StringValue));
        }

        [TestMethod]
        public void SetOption30_Survives_A_Reboot_And_HassDiscovery_0_Removes_The_Lights()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("SetOption30", "1");
            f.Command("HassDiscovery", "1");
            f.Clock.Advance(3000);
            DeviceFixture g = DiscoveryRig.Reboot(f, DeviceFixture.OneRelayBoard());
            g.Clock.Advance(10000);
            Assert.AreEqual("cmnd/" + T + "/POWER1", JsonReader.Parse(g.LastPayload(Light1)).Get("command_topic").StringValue);
            Assert.AreEqual(string.Empty, g.LastPayload(Switch1));

            g.Mqtt.ClearPublished();
            g.Command("HassDiscovery", "0");
            g.Clock.Advance(1000);
            FakeMqttMessage gone = g.Mqtt.Last(Light1);
            Assert.AreEqual(string.Empty, gone.Payload);
            Assert.IsTrue(gone.Retain);
        }
    }
}
