using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Discovery
{
    /// <summary>The flow Home Assistant's Tasmota integration drives, with topics taken from the discovery message.</summary>
    [TestClass]
    public class HomeAssistantFlowTests
    {
        [TestMethod]
        public void One_Relay_Is_Polled_Switched_With_Power1_And_Reported()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            HatasmotaModel ha = new HatasmotaModel(f.LastPayload(DiscoveryRig.ConfigTopic));

            FakeMqttMessage lwt = f.Mqtt.Last(ha.WillTopic);
            Assert.AreEqual(ha.Online, lwt.Payload);
            Assert.IsTrue(lwt.Retain);

            f.Mqtt.ClearPublished();
            f.Mqtt.Deliver(ha.PollTopic, string.Empty, false); // on Online: poll STATE
            Assert.AreEqual(ha.StateOff, HatasmotaModel.StatePower(f.LastPayload(ha.ResultTopic), 0));

            f.Mqtt.Deliver(ha.CommandPowerTopic(0), ha.StateOn, false);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual("{\"POWER\":\"ON\"}", f.LastPayload(ha.ResultTopic));
            Assert.AreEqual(ha.StateOn, HatasmotaModel.StatePower(f.LastPayload(ha.ResultTopic), 0));

            f.Clock.Advance(300000); // TelePeriod
            Assert.AreEqual(ha.StateOn, HatasmotaModel.StatePower(f.LastPayload(ha.TeleStateTopic), 0));

            f.Mqtt.Deliver(ha.CommandPowerTopic(0), ha.StateOff, false);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(ha.StateOff, HatasmotaModel.StatePower(f.LastPayload(ha.ResultTopic), 0));
        }

        [TestMethod]
        public void Two_Relays_Are_Switched_And_Reported_Separately()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.TwoRelayBoard());
            HatasmotaModel ha = new HatasmotaModel(f.LastPayload(DiscoveryRig.ConfigTopic));

            f.Mqtt.Deliver(ha.CommandPowerTopic(1), ha.StateOn, false);
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.IsFalse(f.App.Relays.IsOn(0));
            string result = f.LastPayload(ha.ResultTopic);
            Assert.AreEqual(ha.StateOn, HatasmotaModel.StatePower(result, 1));
            Assert.IsNull(HatasmotaModel.StatePower(result, 0));

            f.Mqtt.Deliver(ha.PollTopic, string.Empty, false);
            string state = f.LastPayload(ha.ResultTopic);
            Assert.AreEqual(ha.StateOff, HatasmotaModel.StatePower(state, 0));
            Assert.AreEqual(ha.StateOn, HatasmotaModel.StatePower(state, 1));
        }

        [TestMethod]
        public void A_Custom_FullTopic_Is_Followed_By_The_Topics_Home_Assistant_Builds()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("Backlog0", "FullTopic %topic%/%prefix%/; Prefix3 telemetry");
            f.Clock.Advance(0);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(10000);
            HatasmotaModel ha = new HatasmotaModel(f.LastPayload(DiscoveryRig.ConfigTopic));
            Assert.AreEqual(DiscoveryRig.T + "/cmnd/POWER1", ha.CommandPowerTopic(0));
            Assert.AreEqual(ha.Online, f.LastPayload(ha.WillTopic));

            f.Mqtt.Deliver(ha.CommandPowerTopic(0), ha.StateOn, false);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual(ha.StateOn, HatasmotaModel.StatePower(f.LastPayload(ha.ResultTopic), 0));
        }

        [TestMethod]
        public void Custom_State_Texts_Are_Understood_When_Home_Assistant_Sends_Them()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            f.Command("Backlog0", "StateText1 Aus; StateText2 An; Discover 1");
            f.Clock.Advance(1000);
            HatasmotaModel ha = new HatasmotaModel(f.LastPayload(DiscoveryRig.ConfigTopic));
            Assert.AreEqual("An", ha.StateOn);

            f.Mqtt.Deliver(ha.CommandPowerTopic(0), ha.StateOn, false);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual(ha.StateOn, HatasmotaModel.StatePower(f.LastPayload(ha.ResultTopic), 0));
            f.Mqtt.Deliver(ha.CommandPowerTopic(0), "aus", false);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(ha.StateOff, HatasmotaModel.StatePower(f.LastPayload(ha.ResultTopic), 0));
            f.Mqtt.Deliver(ha.CommandPowerTopic(0), "ON", false); // the fixed words keep working
            Assert.IsTrue(f.App.Relays.IsOn(0));
            f.Mqtt.Deliver(ha.CommandPowerTopic(0), "Ein", false); // anything else only shows the state
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Status_Polls_Answer_Where_The_Status_Sensors_Listen()
        {
            DeviceFixture f = DiscoveryRig.Announced(DeviceFixture.OneRelayBoard());
            HatasmotaModel ha = new HatasmotaModel(f.LastPayload(DiscoveryRig.ConfigTopic));

            f.Mqtt.Deliver(ha.StatusCommandTopic, "11", false);
            string sts = f.LastPayload(ha.StatusTopic(11));
            Assert.IsNotNull(sts);
            Assert.IsNotNull(HatasmotaModel.Path(sts, "StatusSTS", "Wifi", "LinkCount"));
            Assert.IsNotNull(HatasmotaModel.Path(sts, "StatusSTS", "Wifi", "RSSI"));
            Assert.IsNotNull(HatasmotaModel.Path(sts, "StatusSTS", "Wifi", "Signal"));
            Assert.AreEqual(f.Network.Ssid, HatasmotaModel.Path(sts, "StatusSTS", "Wifi", "SSId").StringValue);
            Assert.AreEqual(1L, HatasmotaModel.Path(sts, "StatusSTS", "MqttCount", null).LongValue);
            Assert.IsNotNull(HatasmotaModel.Path(sts, "StatusSTS", "UptimeSec", null));

            f.Mqtt.Deliver(ha.StatusCommandTopic, "1", false);
            Assert.IsNotNull(HatasmotaModel.Path(f.LastPayload(ha.StatusTopic(1)), "StatusPRM", "RestartReason", null));

            f.Mqtt.Deliver(ha.StatusCommandTopic, "2", false);
            Assert.AreEqual(SmartLamp.Core.App.FirmwareInfo.Version, HatasmotaModel.Path(f.LastPayload(ha.StatusTopic(2)), "StatusFWR", "Version", null).StringValue);

            f.Clock.Advance(300000);
            string tele = f.LastPayload(ha.TeleStateTopic);
            Assert.IsNotNull(HatasmotaModel.Path(tele, "Wifi", "LinkCount", null));
            Assert.IsNotNull(HatasmotaModel.Path(tele, "Wifi", "RSSI", null));
            Assert.IsNotNull(HatasmotaModel.Path(tele, "MqttCount", null, null));
        }
    }
}
