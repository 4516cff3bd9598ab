using nanoFramework.TestFramework;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Hardening
{
    /// <summary>Connect timeout, Topic/GroupTopic collisions and the old LWT topic after a Topic change.</summary>
    [TestClass]
    public class SessionTests
    {
        private const string T = DeviceFixture.T;

        [TestMethod]
        public void A_Broker_That_Never_Answers_Is_Given_Up_After_10_s_And_Retried_With_Backoff()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();
            Assert.AreEqual(1, f.Mqtt.ConnectAttempts);

            f.Clock.Advance(MqttSession.ConnectTimeoutMs);
            Assert.IsTrue(f.Log.Contains("MQT: No answer from the broker in 10 s, connect abandoned"));
            Assert.IsTrue(f.Log.Contains("rc -4. Retry in 10 sec"));
            Assert.AreEqual(1, f.Mqtt.Disconnects, "the attempt is abandoned at the link");

            f.Clock.Advance(10000);
            Assert.AreEqual(2, f.Mqtt.ConnectAttempts);
            f.Clock.Advance(MqttSession.ConnectTimeoutMs);
            Assert.IsTrue(f.Log.Contains("rc -4. Retry in 20 sec"), "the wait grows");
            f.Clock.Advance(20000);
            Assert.AreEqual(3, f.Mqtt.ConnectAttempts);

            // A late CONNACK for an abandoned attempt is dropped; the pending one connects normally.
            f.Mqtt.AcceptConnect();
            Assert.IsTrue(f.App.Session.IsConnected);
        }

        [TestMethod]
        public void Topic_Equal_To_GroupTopic_Is_Refused_Both_Ways()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(0);
            f.Command("Topic", "tasmotas");
            f.Clock.Advance(0);
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.AreEqual(T, f.App.Settings.Topic);
            Assert.IsTrue(f.Log.Contains("CMD: Topic must differ from GroupTopic"));

            f.Command("GroupTopic", T);
            f.Clock.Advance(0);
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.AreEqual("tasmotas", f.App.Settings.GroupTopic);
        }

        [TestMethod]
        public void After_A_Topic_Change_The_Old_Lwt_Is_Cleared_Again_From_The_New_Session()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(0);
            f.Command("Topic", "hall");
            f.Clock.Advance(0);
            f.Mqtt.ClearPublished();

            // The old session's will may fire after the first clear: the new session clears it once more.
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(0);
            FakeMqttMessageCheck(f, "tele/" + T + "/LWT");
            Assert.AreEqual("Online", f.LastPayload("tele/hall/LWT"));

            // Only once: a later reconnect leaves the old topic alone.
            f.Mqtt.DropConnection();
            f.Mqtt.ClearPublished();
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            Assert.AreEqual(0, f.Mqtt.CountOn("tele/" + T + "/LWT"));
        }

        private static void FakeMqttMessageCheck(DeviceFixture f, string oldLwt)
        {
            Assert.AreEqual(1, f.Mqtt.CountOn(oldLwt));
            Assert.AreEqual(string.Empty, f.Mqtt.Last(oldLwt).Payload);
            Assert.IsTrue(f.Mqtt.Last(oldLwt).Retain);
        }
    }
}
