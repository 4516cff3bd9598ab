using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Mqtt
{
    /// <summary>
    /// Reconnect backoff built on MqttRetry (not a fixed 10 s), restarted by a settings reconnect, and
    /// PowerRetain retaining only stat/&lt;t&gt;/POWER, never the RESULT answer.
    /// </summary>
    [TestClass]
    public class RetryAndRetainTests
    {
        private const string T = DeviceFixture.T;

        [TestMethod]
        public void Backoff_Steps_Are_Multiples_Of_MqttRetry_Up_To_120_Seconds()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.App.Start();
            f.App.ExecuteCommand("MqttRetry 30");
            f.Network.Up();

            int[] waits = new int[] { 30, 60, 90, 120, 120 };
            for (int i = 0; i < waits.Length; i++)
            {
                Assert.AreEqual(i + 1, f.Mqtt.ConnectAttempts);
                f.Log.Clear();
                f.Mqtt.RefuseConnect(5);
                Assert.IsTrue(f.Log.Contains("MQT: Connect failed to broker.local:1883, rc 5. Retry in " + waits[i].ToString() + " sec"), "step " + i.ToString());
                f.Clock.Advance((waits[i] * 1000L) - 1);
                Assert.AreEqual(i + 1, f.Mqtt.ConnectAttempts, "too early at step " + i.ToString());
                f.Clock.Advance(1);
            }
        }

        [TestMethod]
        public void A_Broker_Change_Starts_The_Backoff_Again_From_MqttRetry()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.RefuseConnect(5);
            f.Clock.Advance(10000);
            f.Mqtt.RefuseConnect(5);
            f.Clock.Advance(20000);
            f.Log.Clear();
            f.Mqtt.RefuseConnect(5);
            Assert.IsTrue(f.Log.Contains("Retry in 30 sec"));

            f.App.ExecuteCommand("MqttHost broker2");
            f.Clock.Advance(0);
            Assert.AreEqual(4, f.Mqtt.ConnectAttempts);
            Assert.AreEqual("broker2", f.Mqtt.LastOptions.Host);
            f.Log.Clear();
            f.Mqtt.RefuseConnect(5);

            Assert.IsTrue(f.Log.Contains("MQT: Connect failed to broker2:1883, rc 5. Retry in 10 sec"));
        }

        [TestMethod]
        public void PowerRetain_Retains_Stat_Power_But_Never_The_Result_Answer()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("PowerRetain", "1");
            f.Mqtt.ClearPublished();

            f.Command("Power", "ON");

            Assert.AreEqual(2, f.Mqtt.PublishedCount);
            FakeMqttMessage result = f.Mqtt.PublishedAt(0);
            FakeMqttMessage power = f.Mqtt.PublishedAt(1);
            Assert.AreEqual("stat/" + T + "/RESULT", result.Topic);
            Assert.AreEqual("{\"POWER\":\"ON\"}", result.Payload);
            Assert.IsFalse(result.Retain, "RESULT must not be retained");
            Assert.AreEqual("stat/" + T + "/POWER", power.Topic);
            Assert.AreEqual("ON", power.Payload);
            Assert.IsTrue(power.Retain);

            f.Command("PowerRetain", string.Empty);
            FakeMqttMessage answer = f.Mqtt.Last("stat/" + T + "/RESULT");
            Assert.AreEqual("{\"PowerRetain\":\"ON\"}", answer.Payload);
            Assert.IsFalse(answer.Retain);
        }
    }
}
