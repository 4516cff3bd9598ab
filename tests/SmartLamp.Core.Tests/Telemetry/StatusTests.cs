using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Telemetry
{
    [TestClass]
    public class StatusTests
    {
        private const string T = DeviceFixture.T;
        private const string Stat = "stat/" + T + "/";

        private static DeviceFixture At61Seconds()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(61000);
            f.Mqtt.ClearPublished();
            return f;
        }

        [TestMethod]
        public void Status_Alone_Publishes_Only_STATUS()
        {
            DeviceFixture f = At61Seconds();

            f.Command("Status", string.Empty);

            Assert.AreEqual(
                Stat + "STATUS = {\"Status\":{\"DeviceName\":\"SmartLamp\",\"FriendlyName\":[\"SmartLamp\"],\"Topic\":\"" + T + "\",\"ButtonTopic\":\"0\",\"Power\":\"0\",\"PowerLock\":\"0\",\"PowerOnState\":3,\"LedState\":1,\"LedMask\":\"FFFF\",\"SaveData\":1,\"SaveState\":1,"
                + "\"SwitchTopic\":\"0\",\"SwitchMode\":[0,0,0,0,0,0,0,0],\"ButtonRetain\":0,\"SwitchRetain\":0,\"SensorRetain\":0,\"PowerRetain\":0,\"InfoRetain\":0,\"StateRetain\":0,\"StatusRetain\":0}}\n",
                f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Status_0_Publishes_Every_Section_Separately_In_Tasmota_Order()
        {
            DeviceFixture f = At61Seconds();

            f.Command("Status", "0");

            string[] topics = new string[] { "STATUS", "STATUS1", "STATUS2", "STATUS3", "STATUS4", "STATUS5", "STATUS6", "STATUS7", "STATUS10", "STATUS11" };
            Assert.AreEqual(topics.Length, f.Mqtt.PublishedCount);
            for (int i = 0; i < topics.Length; i++)
            {
                Assert.AreEqual(Stat + topics[i], f.Mqtt.PublishedAt(i).Topic);
                Assert.IsFalse(f.Mqtt.PublishedAt(i).Retain);
            }
        }

        [TestMethod]
        public void Status0_Publishes_One_Combined_Message()
        {
            DeviceFixture f = At61Seconds();

            f.Command("Status0", string.Empty);

            Assert.AreEqual(1, f.Mqtt.PublishedCount);
            Assert.AreEqual(Stat + "STATUS0", f.Mqtt.PublishedAt(0).Topic);
            string json = f.Mqtt.PublishedAt(0).Payload;
            Assert.StartsWith("{\"Status\":{\"DeviceName\":", json);
            Assert.EndsWith("\"IPAddress\":\"127.0.0.1\"}}", json);
            string[] keys = new string[] { "\"Status\":", ",\"StatusPRM\":", ",\"StatusFWR\":", ",\"StatusLOG\":", ",\"StatusMEM\":", ",\"StatusNET\":", ",\"StatusMQT\":", ",\"StatusTIM\":", ",\"StatusSNS\":", ",\"StatusSTS\":" };
            int at = -1;
            for (int i = 0; i < keys.Length; i++)
            {
                int next = json.IndexOf(keys[i]);
                Assert.IsTrue(next > at, keys[i]);
                at = next;
            }
        }

        [TestMethod]
        public void Each_Status_Number_Has_Its_Shape()
        {
            DeviceFixture f = At61Seconds();
            int saveCount = f.App.Settings.SaveCount;

            f.Command("Status", "1");
            f.Command("Status", "2");
            f.Command("Status", "3");
            f.Command("Status", "4");
            f.Command("Status", "5");
            f.Command("Status", "6");
            f.Command("Status", "7");
            f.Command("Status", "8");
            f.Command("Status", "10");

            string expected =
                Stat + "STATUS1 = {\"StatusPRM\":{\"GroupTopic\":\"tasmotas\",\"RestartReason\":\"Power On\",\"Uptime\":\"0T00:01:01\",\"StartupUTC\":\"2026-01-01T00:00:00\",\"BootCount\":1,\"SaveCount\":" + saveCount.ToString() + "}}\n" +
                Stat + "STATUS2 = {\"StatusFWR\":{\"Version\":\"0.1.0(smartlamp)\"}}\n" +
                Stat + "STATUS3 = {\"StatusLOG\":{\"SSId\":[\"\",\"\"],\"TelePeriod\":300}}\n" +
                Stat + "STATUS4 = {\"StatusMEM\":{\"Heap\":78}}\n" +
                Stat + "STATUS5 = {\"StatusNET\":{\"Hostname\":\"smartlamp_E0B7C9-6089\",\"IPAddress\":\"127.0.0.1\",\"Mac\":\"AA:BB:CC:E0:B7:C9\"}}\n" +
                Stat + "STATUS6 = {\"StatusMQT\":{\"MqttHost\":\"broker.local\",\"MqttPort\":1883,\"MqttClientMask\":\"DVES_E0B7C9\",\"MqttClient\":\"DVES_E0B7C9\",\"MqttUser\":\"\",\"MqttCount\":1,\"MAX_PACKET_SIZE\":1200,\"KEEPALIVE\":30}}\n" +
                Stat + "STATUS7 = {\"StatusTIM\":{\"UTC\":\"2026-01-01T00:01:01\",\"Local\":\"2026-01-01T01:01:01\",\"StartDST\":\"2026-03-29T02:00:00\",\"EndDST\":\"2026-10-25T03:00:00\",\"Timezone\":99,\"Sunrise\":\"08:44\",\"Sunset\":\"17:05\"}}\n" +
                Stat + "STATUS8 = {\"StatusSNS\":{\"Time\":\"2026-01-01T00:01:01\"}}\n" +
                Stat + "STATUS10 = {\"StatusSNS\":{\"Time\":\"2026-01-01T00:01:01\"}}\n";
            Assert.AreEqual(expected, f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Status_11_Wraps_The_State_Object()
        {
            DeviceFixture f = At61Seconds();

            f.Command("Status", "11");

            Assert.AreEqual(1, f.Mqtt.PublishedCount);
            Assert.AreEqual(Stat + "STATUS11", f.Mqtt.PublishedAt(0).Topic);
            Assert.StartsWith("{\"StatusSTS\":{\"Time\":\"2026-01-01T00:01:01\",\"Uptime\":\"0T00:01:01\",\"UptimeSec\":61,", f.Mqtt.PublishedAt(0).Payload);
            Assert.EndsWith("\"Downtime\":\"0T00:00:00\"},\"Hostname\":\"" + T + "-6089\",\"IPAddress\":\"127.0.0.1\"}}", f.Mqtt.PublishedAt(0).Payload);
        }

        [TestMethod]
        public void Status_The_Device_Does_Not_Have_Is_An_Error_On_Result()
        {
            DeviceFixture f = At61Seconds();
            string[] numbers = new string[] { "9", "12", "13", "14", "99", "-1" };

            for (int i = 0; i < numbers.Length; i++)
            {
                f.Mqtt.ClearPublished();
                f.Command("Status", numbers[i]);
                Assert.AreEqual(Stat + "RESULT = {\"Command\":\"Error\"}\n", f.Mqtt.Transcript(), numbers[i]);
            }
        }

        [TestMethod]
        public void Status_Through_The_Fallback_Topic_Answers_There()
        {
            DeviceFixture f = At61Seconds();

            f.Mqtt.Deliver("cmnd/DVES_E0B7C9_fb/Status", "2", false);

            Assert.AreEqual("stat/DVES_E0B7C9_fb/STATUS2 = {\"StatusFWR\":{\"Version\":\"0.1.0(smartlamp)\"}}\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Status_Never_Shows_A_Password()
        {
            DeviceFixture f = At61Seconds();
            f.Command("SSId1", "homenet");
            f.Command("Password1", "wifisecret");
            f.Command("MqttUser", "lampuser");
            f.Command("MqttPassword", "mqttsecret");
            f.Clock.Advance(0);
            f.Mqtt.AcceptConnect();
            f.Mqtt.ClearPublished();

            f.Command("Status0", string.Empty);
            f.Command("Status", "0");

            string all = f.Mqtt.Transcript();
            Assert.Contains("\"SSId\":[\"homenet\",\"\"]", all);
            Assert.Contains("\"MqttUser\":\"lampuser\"", all);
            Assert.DoesNotContains("wifisecret", all);
            Assert.DoesNotContains("mqttsecret", all);
        }
    }
}
