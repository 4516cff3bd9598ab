using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Telemetry
{
    /// <summary>TelePeriod 2..9 all become 10 s; INFO1 leaves out GroupTopic when the device has none.</summary>
    [TestClass]
    public class TelemetryLimitsTests
    {
        private const string T = DeviceFixture.T;
        private const string StateTopic = "tele/" + T + "/STATE";

        [TestMethod]
        public void TelePeriod_2_To_9_Become_10_And_10_And_11_Stay()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());

            f.Command("TelePeriod", "2");
            Assert.AreEqual("{\"TelePeriod\":10}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("TelePeriod", "300");
            f.Command("TelePeriod", "9");
            Assert.AreEqual("{\"TelePeriod\":10}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.AreEqual(10, f.App.Settings.TelePeriod);
            f.Command("TelePeriod", "11");
            Assert.AreEqual("{\"TelePeriod\":11}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("TelePeriod", "10");
            Assert.AreEqual("{\"TelePeriod\":10}", f.LastPayload("stat/" + T + "/RESULT"));

            // and the schedule follows: STATE every 10 s
            f.Clock.Advance(0);
            f.Mqtt.ClearPublished();
            f.Clock.Advance(9999);
            Assert.AreEqual(0, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(1, f.Mqtt.CountOn(StateTopic));
        }

        [TestMethod]
        public void Info1_Has_No_GroupTopic_When_The_GroupTopic_Is_Empty()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            SettingsService seed = new SettingsService(f.Store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            seed.Current.MqttHost = DeviceFixture.Host;
            seed.Current.GroupTopic = string.Empty;
            seed.SaveNow();
            f.App = new DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();

            Assert.AreEqual(
                "{\"Info1\":{\"Module\":\"test-1relay\",\"Version\":\"" + FirmwareInfo.Version + "\",\"FallbackTopic\":\"cmnd/" + DeviceFixture.Client + "_fb/\"}}",
                f.LastPayload("tele/" + T + "/INFO1"));
            Assert.IsFalse(f.Mqtt.IsSubscribed("cmnd/tasmotas/#"));
            Assert.AreEqual(2, f.Mqtt.Subscriptions.Length);
        }
    }
}
