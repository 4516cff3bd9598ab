using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Telemetry;

namespace SmartLamp.Core.Tests.Telemetry
{
    [TestClass]
    public class TelemetryTests
    {
        private const string T = DeviceFixture.T;
        private const string StateTopic = "tele/" + T + "/STATE";

        [TestMethod]
        public void State_Comes_Five_Seconds_After_Connect_Then_Every_300_Seconds()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());

            f.Clock.Advance(4999);
            Assert.AreEqual(0, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(1, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(299999);
            Assert.AreEqual(1, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(2, f.Mqtt.CountOn(StateTopic));
            Assert.Contains("\"Uptime\":\"0T00:05:05\",\"UptimeSec\":305,", f.LastPayload(StateTopic));
            f.Clock.Advance(300000);
            Assert.AreEqual(3, f.Mqtt.CountOn(StateTopic));
        }

        [TestMethod]
        public void TelePeriod_Is_Clamped_Answers_And_Publishes_State_Right_After_The_Answer()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(1000);
            f.Mqtt.ClearPublished();

            f.Command("TelePeriod", "5");
            Assert.AreEqual("stat/" + T + "/RESULT = {\"TelePeriod\":10}\n", f.Mqtt.Transcript());
            Assert.AreEqual(10, f.App.Settings.TelePeriod);
            f.Clock.Advance(0);
            Assert.AreEqual(2, f.Mqtt.PublishedCount);
            Assert.AreEqual(StateTopic, f.Mqtt.PublishedAt(1).Topic);

            f.Clock.Advance(9999);
            Assert.AreEqual(1, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(2, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(10000);
            Assert.AreEqual(3, f.Mqtt.CountOn(StateTopic));

            f.Command("TelePeriod", "1");
            Assert.AreEqual("{\"TelePeriod\":300}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("TelePeriod", "3601");
            Assert.AreEqual("{\"TelePeriod\":300}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("TelePeriod", "abc");
            Assert.AreEqual("{\"TelePeriod\":300}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("TelePeriod", "3600");
            Assert.AreEqual("{\"TelePeriod\":3600}", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void Bare_TelePeriod_Answers_The_Period_And_Publishes_State_Now()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(60000);
            f.Mqtt.ClearPublished();

            f.Command("TelePeriod", string.Empty);
            f.Clock.Advance(0);

            Assert.AreEqual(2, f.Mqtt.PublishedCount);
            Assert.AreEqual("stat/" + T + "/RESULT = {\"TelePeriod\":300}", f.Mqtt.PublishedAt(0).ToString());
            Assert.AreEqual(StateTopic, f.Mqtt.PublishedAt(1).Topic);
            f.Clock.Advance(299999);
            Assert.AreEqual(1, f.Mqtt.CountOn(StateTopic));
            f.Clock.Advance(1);
            Assert.AreEqual(2, f.Mqtt.CountOn(StateTopic));
        }

        [TestMethod]
        public void TelePeriod_Zero_Stops_State_Also_On_Reconnect()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("TelePeriod", "0");
            Assert.AreEqual("{\"TelePeriod\":0}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Clock.Advance(3600000);
            Assert.AreEqual(0, f.Mqtt.CountOn(StateTopic));

            f.Mqtt.DropConnection();
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(3600000);
            Assert.AreEqual(0, f.Mqtt.CountOn(StateTopic));
        }

        [TestMethod]
        public void State_Command_Answers_The_State_Json_On_Result()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Command("Power1", "ON");
            f.Clock.Advance(3000);
            f.Mqtt.ClearPublished();

            f.Command("State", string.Empty);

            Assert.AreEqual(1, f.Mqtt.PublishedCount);
            Assert.AreEqual(
                "stat/" + T + "/RESULT = {\"Time\":\"2026-01-01T00:00:03\",\"Uptime\":\"0T00:00:03\",\"UptimeSec\":3,\"Heap\":78,\"MqttCount\":1,\"POWER1\":\"ON\",\"POWER2\":\"OFF\","
                + "\"Wifi\":{\"AP\":1,\"SSId\":\"SimNet\",\"BSSId\":\"02:00:00:00:00:01\",\"Channel\":6,\"RSSI\":90,\"Signal\":-55,\"LinkCount\":1,\"Downtime\":\"0T00:00:00\"},"
                + "\"Hostname\":\"" + T + "-6089\",\"IPAddress\":\"127.0.0.1\"}",
                f.Mqtt.PublishedAt(0).ToString());
        }

        [TestMethod]
        public void State_Omits_Wifi_While_Down_And_Heap_When_Unknown()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, string.Empty);
            f.System.FreeHeapBytes = 0;
            f.App.Start();

            f.App.ExecuteCommand("State");

            Assert.IsTrue(f.Log.Contains("RSL: RESULT = {\"Time\":\"2026-01-01T00:00:00\",\"Uptime\":\"0T00:00:00\",\"UptimeSec\":0,\"MqttCount\":0,\"POWER\":\"OFF\",\"Hostname\":\"smartlamp_E0B7C9-6089\",\"IPAddress\":\"0.0.0.0\"}"));
        }

        [TestMethod]
        public void Wifi_Block_Counts_Links_And_Downtime()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.App.Start();
            f.Clock.Advance(7000);
            f.Network.Up();
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(100000);
            f.Network.Down();
            f.Clock.Advance(30000);
            f.Network.Up();
            f.Mqtt.AcceptConnect();
            f.Mqtt.ClearPublished();

            f.Command("State", string.Empty);

            Assert.Contains("\"LinkCount\":2,\"Downtime\":\"0T00:00:37\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.Contains("\"MqttCount\":2,", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void Formats_Match_Tasmota()
        {
            Assert.AreEqual("0T00:00:09", TextFormat.Duration(9));
            Assert.AreEqual("1T01:01:01", TextFormat.Duration(90061));
            Assert.AreEqual("123T23:59:59", TextFormat.Duration((123L * 86400) + 86399));
            Assert.AreEqual("2026-03-04T05:06:07", TextFormat.IsoTime(new System.DateTime(2026, 3, 4, 5, 6, 7)));
            Assert.AreEqual("AA:BB:CC:E0:B7:C9", TextFormat.MacWithColons("aabbcce0b7c9"));
            Assert.AreEqual(0, TextFormat.RssiQuality(-100));
            Assert.AreEqual(0, TextFormat.RssiQuality(-120));
            Assert.AreEqual(2, TextFormat.RssiQuality(-99));
            Assert.AreEqual(50, TextFormat.RssiQuality(-75));
            Assert.AreEqual(100, TextFormat.RssiQuality(-50));
            Assert.AreEqual(100, TextFormat.RssiQuality(-30));
        }

        [TestMethod]
        public void Integer_Parsing_Accepts_Only_Plain_Numbers()
        {
            int v;
            Assert.IsTrue(TextFormat.TryParseInt(" 42 ", out v));
            Assert.AreEqual(42, v);
            Assert.IsTrue(TextFormat.TryParseInt("-7", out v));
            Assert.AreEqual(-7, v);
            Assert.IsFalse(TextFormat.TryParseInt("4x", out v));
            Assert.IsFalse(TextFormat.TryParseInt(string.Empty, out v));
            Assert.IsFalse(TextFormat.TryParseInt("-", out v));
            Assert.IsFalse(TextFormat.TryParseInt("9999999999", out v));
            Assert.IsFalse(TextFormat.TryParseInt(null, out v));
        }
    }
}
