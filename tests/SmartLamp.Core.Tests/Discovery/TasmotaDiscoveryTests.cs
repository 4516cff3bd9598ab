using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Json;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Discovery
{
    [TestClass]
    public class TasmotaDiscoveryTests
    {
        private const string T = DiscoveryRig.T;

        [TestMethod]
        public void Config_And_Sensors_Are_Retained_Ten_Seconds_After_The_Connect()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(9999);
            Assert.AreEqual(0, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));

            f.Clock.Advance(1);
            FakeMqttMessage config = f.Mqtt.Last(DiscoveryRig.ConfigTopic);
            FakeMqttMessage sensors = f.Mqtt.Last(DiscoveryRig.SensorsTopic);
            Assert.IsNotNull(config);
            Assert.IsNotNull(sensors);
            Assert.IsTrue(config.Retain);
            Assert.IsTrue(sensors.Retain);
            Assert.AreEqual(1, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            Assert.IsNull(DiscoverySchema.CheckTasmotaConfig(config.Topic, config.Payload));
            Assert.IsNull(DiscoverySchema.CheckTasmotaSensors(sensors.Topic, sensors.Payload));
            Assert.AreEqual("{\"sn\":{\"Time\":\"" + SmartLamp.Core.Telemetry.TextFormat.IsoTime(f.Clock.UtcNow) + "\"},\"ver\":1}", sensors.Payload);
        }

        [TestMethod]
        public void Config_Values_Are_True_To_A_One_Relay_Device()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            JsonNode c = DiscoveryRig.LastConfig(f);

            Assert.AreEqual("AABBCCE0B7C9", c.Get("mac").StringValue);
            Assert.AreEqual("127.0.0.1", c.Get("ip").StringValue);
            Assert.AreEqual("SmartLamp", c.Get("dn").StringValue); // DeviceName, not the topic
            Assert.AreEqual("smartlamp_E0B7C9-6089", c.Get("hn").StringValue);
            Assert.AreEqual("test-1relay", c.Get("md").StringValue);
            Assert.AreEqual(T, c.Get("t").StringValue);
            Assert.AreEqual("%prefix%/%topic%/", c.Get("ft").StringValue);
            Assert.AreEqual("[\"cmnd\",\"stat\",\"tele\"]", DiscoveryRig.ArrayText(c.Get("tp")));
            Assert.AreEqual("[\"OFF\",\"ON\",\"TOGGLE\",\"HOLD\"]", DiscoveryRig.ArrayText(c.Get("state")));
            Assert.AreEqual("[1,0,0,0,0,0,0,0]", DiscoveryRig.ArrayText(c.Get("rl")));
            Assert.AreEqual("[\"SmartLamp\",null,null,null,null,null,null,null]", DiscoveryRig.ArrayText(c.Get("fn")));
            Assert.AreEqual("[-1,-1,-1,-1,-1,-1,-1,-1]", DiscoveryRig.ArrayText(c.Get("swc")));
            Assert.AreEqual("[null,null,null,null,null,null,null,null]", DiscoveryRig.ArrayText(c.Get("swn")));
            Assert.AreEqual("[0,0,0,0,0,0,0,0]", DiscoveryRig.ArrayText(c.Get("btn")));
            Assert.AreEqual("Online", c.Get("onln").StringValue);
            Assert.AreEqual("Offline", c.Get("ofln").StringValue);
            Assert.AreEqual(0L, c.Get("ty").LongValue);
            Assert.AreEqual(0L, c.Get("lk").LongValue);
            Assert.AreEqual(0L, c.Get("lt_st").LongValue);
            Assert.AreEqual(1L, c.Get("ver").LongValue);
            Assert.AreEqual(0L, c.Get("so").Get("4").LongValue);
            Assert.AreEqual(0L, c.Get("so").Get("30").LongValue); // relays are switches, not lights
            string version = FirmwareInfo.Version;
            Assert.AreEqual(version.Substring(0, version.IndexOf('(')), c.Get("sw").StringValue);
        }

        [TestMethod]
        public void Config_Lists_Both_Relays_Of_A_Two_Relay_Board()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            FakeMqttMessage m = f.Mqtt.Last(DiscoveryRig.ConfigTopic);
            Assert.IsNull(DiscoverySchema.CheckTasmotaConfig(m.Topic, m.Payload));
            JsonNode c = JsonReader.Parse(m.Payload);
            Assert.AreEqual("[1,1,0,0,0,0,0,0]", DiscoveryRig.ArrayText(c.Get("rl")));
            Assert.AreEqual("[\"SmartLamp\",\"SmartLamp2\",null,null,null,null,null,null]", DiscoveryRig.ArrayText(c.Get("fn")));
            Assert.AreEqual("test-2relay", c.Get("md").StringValue);
        }

        [TestMethod]
        public void Discovery_Is_Sent_Again_Ten_Seconds_After_Every_Reconnect()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            string first = f.LastPayload(DiscoveryRig.ConfigTopic);
            f.Mqtt.DropConnection();
            f.Clock.Advance(15000); // the retry 10 s after the loss is pending (answered within the 10 s connect timeout)
            Assert.AreEqual(1, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic)); // nothing while down, no timer left over
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(9999);
            Assert.AreEqual(1, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(2, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            Assert.AreEqual(2, f.Mqtt.CountOn(DiscoveryRig.SensorsTopic));
            Assert.AreEqual(first, f.LastPayload(DiscoveryRig.ConfigTopic)); // nothing changed: the same bytes again
        }

        [TestMethod]
        public void SetOption19_Publishes_Empty_Retained_Messages_And_Survives_A_Reboot()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("SetOption19", "1");
            Assert.AreEqual("{\"SetOption19\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Clock.Advance(1000);
            FakeMqttMessage config = f.Mqtt.Last(DiscoveryRig.ConfigTopic);
            FakeMqttMessage sensors = f.Mqtt.Last(DiscoveryRig.SensorsTopic);
            Assert.AreEqual(string.Empty, config.Payload);
            Assert.IsTrue(config.Retain);
            Assert.AreEqual(string.Empty, sensors.Payload);
            Assert.IsTrue(sensors.Retain);

            f.Clock.Advance(2000); // the coalesced settings save
            DeviceFixture g = DiscoveryRig.Reboot(f, DeviceFixture.OneRelayBoard());
            g.Clock.Advance(10000);
            Assert.AreEqual(string.Empty, g.LastPayload(DiscoveryRig.ConfigTopic));
            g.Command("SetOption19", "0");
            g.Clock.Advance(1000);
            Assert.IsNull(DiscoverySchema.CheckTasmotaConfig(DiscoveryRig.ConfigTopic, g.LastPayload(DiscoveryRig.ConfigTopic)));
        }

        [TestMethod]
        public void DiscoverOff_And_Discover_Are_SetOption19_Synonyms()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("DiscoverOff", "1");
            Assert.AreEqual("{\"DiscoverOff\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsTrue(f.App.Settings.DiscoveryOff);
            f.Clock.Advance(1000);
            Assert.AreEqual(string.Empty, f.LastPayload(DiscoveryRig.ConfigTopic));

            f.Command("Discover", "1");
            Assert.AreEqual("{\"Discover\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsFalse(f.App.Settings.DiscoveryOff);
            f.Clock.Advance(1000);
            Assert.AreNotEqual(string.Empty, f.LastPayload(DiscoveryRig.ConfigTopic));

            f.Command("Discover", "0");
            Assert.AreEqual("{\"Discover\":\"OFF\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("SetOption19", string.Empty);
            Assert.AreEqual("{\"SetOption19\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("DiscoverOff", "2");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void A_Changed_Setting_Is_Announced_With_Discover_1_Or_The_Next_Connect()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("Backlog0", "StateText1 AUS; StateText2 AN; SetOption4 1");
            f.Clock.Advance(5000);
            Assert.AreEqual(1, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic)); // as Tasmota: no announce of its own

            f.Command("Discover", "1");
            f.Clock.Advance(999);
            Assert.AreEqual(1, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(2, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            JsonNode c = DiscoveryRig.LastConfig(f);
            Assert.AreEqual("[\"AUS\",\"AN\",\"TOGGLE\",\"HOLD\"]", DiscoveryRig.ArrayText(c.Get("state")));
            Assert.AreEqual(1L, c.Get("so").Get("4").LongValue);
            string changed = f.LastPayload(DiscoveryRig.ConfigTopic);

            f.Command("Power", "ON"); // a saved power state is no discovery change
            f.Clock.Advance(5000);
            f.Mqtt.DropConnection();
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(10000);
            Assert.AreEqual(3, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            Assert.AreEqual(changed, f.LastPayload(DiscoveryRig.ConfigTopic));
        }

        [TestMethod]
        public void Each_Announce_Is_Built_From_What_Is_True_Then_A_New_IP_Address_And_Names_Included()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            string first = f.LastPayload(DiscoveryRig.ConfigTopic);
            f.Command("Discover", "1");
            f.Clock.Advance(1000);
            Assert.AreEqual(2, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic)); // nothing changed: sent again all the same, as Tasmota
            Assert.AreEqual(first, f.LastPayload(DiscoveryRig.ConfigTopic));

            f.Command("Backlog0", "FriendlyName2 Reading; StateText2 AN");
            f.Network.Down();
            f.Clock.Advance(30000);
            f.Network.SimulatedIp = "192.168.7.77"; // a new lease after the Wi-Fi came back
            f.Network.Up();
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(10000);
            Assert.AreEqual(3, f.Mqtt.CountOn(DiscoveryRig.ConfigTopic));
            JsonNode c = DiscoveryRig.LastConfig(f);
            Assert.AreEqual("192.168.7.77", c.Get("ip").StringValue);
            Assert.AreEqual("Reading", c.Get("fn")[1].StringValue);
            Assert.AreEqual("AN", c.Get("state")[1].StringValue);
            Assert.IsNull(DiscoverySchema.CheckTasmotaConfig(DiscoveryRig.ConfigTopic, f.LastPayload(DiscoveryRig.ConfigTopic)));
        }

        [TestMethod]
        public void DiscoverButton_Announces_The_Inputs_As_Button_Triggers()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            Assert.AreEqual("[0,0,0,0,0,0,0,0]", DiscoveryRig.ArrayText(DiscoveryRig.LastConfig(f).Get("btn")));

            f.Command("DiscoverButton", "1");
            Assert.AreEqual("{\"DiscoverButton\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsTrue(f.App.Settings.MqttButtons); // the same flag as SetOption73
            f.Clock.Advance(1000);
            JsonNode c = DiscoveryRig.LastConfig(f);
            Assert.AreEqual("[1,1,0,0,0,0,0,0]", DiscoveryRig.ArrayText(c.Get("btn")));
            Assert.AreEqual(1L, c.Get("so").Get("73").LongValue);
            Assert.AreEqual(0L, c.Get("so").Get("13").LongValue);

            f.Command("Backlog0", "SetOption13 1; SetOption73 0; Discover 1");
            f.Clock.Advance(1000);
            c = DiscoveryRig.LastConfig(f);
            Assert.AreEqual("[0,0,0,0,0,0,0,0]", DiscoveryRig.ArrayText(c.Get("btn")));
            Assert.AreEqual(0L, c.Get("so").Get("73").LongValue);
            Assert.AreEqual(1L, c.Get("so").Get("13").LongValue);
        }

        [TestMethod]
        public void A_New_Topic_Is_Announced_After_The_Reconnect()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("Topic", "lampe");
            f.Clock.Advance(0);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(10000);
            JsonNode c = DiscoveryRig.LastConfig(f);
            Assert.AreEqual("lampe", c.Get("t").StringValue);
            Assert.AreEqual("SmartLamp", c.Get("dn").StringValue); // the name stays: it is DeviceName, not the topic
            Assert.AreEqual("lampe-6089", c.Get("hn").StringValue);
        }

        [TestMethod]
        public void DeviceName_FriendlyName_And_SetOption30_Are_Announced_At_Once()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("DeviceName", "Bedside");
            f.Command("FriendlyName1", "Reading lamp");
            f.Command("SetOption30", "1");
            f.Clock.Advance(10000);
            JsonNode c = DiscoveryRig.LastConfig(f);
            Assert.AreEqual("Bedside", c.Get("dn").StringValue);
            Assert.AreEqual("Reading lamp", c.Get("fn")[0].StringValue);
            Assert.AreEqual(1L, c.Get("so").Get("30").LongValue);
            Assert.IsNull(DiscoverySchema.CheckTasmotaConfig(DiscoveryRig.ConfigTopic, f.LastPayload(DiscoveryRig.ConfigTopic)));
        }

        [TestMethod]
        public void The_Discovery_Settings_Survive_Encode_And_Decode()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(DiscoveryRig.Mac);
            s.DiscoveryOff = true;
            s.HassDiscovery = true;
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(s), 1);
            Assert.IsTrue(file.IndexOf("\"SetOption19\":1") > 0);
            Assert.IsTrue(file.IndexOf("\"HassDiscovery\":1") > 0);

            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNotNull(root);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(DiscoveryRig.Mac);
            Assert.IsFalse(loaded.DiscoveryOff);
            Assert.IsFalse(loaded.HassDiscovery);
            TextBuffer problems = new TextBuffer(32);
            SettingsCodec.Decode(root, loaded, problems);
            Assert.AreEqual(string.Empty, problems.ToString());
            Assert.IsTrue(loaded.DiscoveryOff);
            Assert.IsTrue(loaded.HassDiscovery);
        }

        [TestMethod]
        public void Schema_Check_Rejects_What_Hatasmota_Rejects()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            string good = f.LastPayload(DiscoveryRig.ConfigTopic);
            string topic = DiscoveryRig.ConfigTopic;
            Assert.IsNull(DiscoverySchema.CheckTasmotaConfig(topic, good));

            Assert.AreEqual("lk: required key missing", DiscoverySchema.CheckTasmotaConfig(topic, DiscoveryRig.Swap(good, "\"lk\":0,", string.Empty)));
            Assert.AreEqual("ver: expected an integer 1..1", DiscoverySchema.CheckTasmotaConfig(topic, DiscoveryRig.Swap(good, "\"ver\":1", "\"ver\":2")));
            Assert.AreEqual("so.73: required key missing", DiscoverySchema.CheckTasmotaConfig(topic, DiscoveryRig.Swap(good, "\"73\":0,", string.Empty)));
            Assert.AreEqual("dn: expected a string, got array", DiscoverySchema.CheckTasmotaConfig(topic, DiscoveryRig.Swap(good, "\"dn\":\"SmartLamp\"", "\"dn\":[]")));
            Assert.AreEqual("rl[0]: expected an integer >= 0", DiscoverySchema.CheckTasmotaConfig(topic, DiscoveryRig.Swap(good, "\"rl\":[1,", "\"rl\":[-1,")));
            Assert.AreEqual("MAC mismatch between topic and payload, 'AABBCCE0B7C0' != 'AABBCCE0B7C9'", DiscoverySchema.CheckTasmotaConfig("tasmota/discovery/AABBCCE0B7C0/config", good));
            Assert.IsNotNull(DiscoverySchema.CheckTasmotaConfig("tasmota/discovery/aabbcce0b7c9/config", good));
            Assert.AreEqual("sn: required dict", DiscoverySchema.CheckTasmotaSensors(DiscoveryRig.SensorsTopic, "{\"ver\":1}"));
        }
    }
}
