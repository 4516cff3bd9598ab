using nanoFramework.TestFramework;
using SmartLamp.Core.Ports;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>
    /// The MQTT link contract written on <see cref="IMqttLink"/>, checked on the test double the core tests
    /// rely on: one result per Connect, publishes refused while not connected, state after Disconnect.
    /// </summary>
    [TestClass]
    public class FakeMqttLinkContractTests
    {
        private sealed class Recorder : IMqttLinkListener
        {
            public int Connected;
            public int Failed;
            public int Disconnected;
            public int Messages;

            public void OnMqttConnected()
            {
                Connected++;
            }

            public void OnMqttConnectFailed(int reasonCode)
            {
                Failed++;
            }

            public void OnMqttDisconnected()
            {
                Disconnected++;
            }

            public void OnMqttMessage(string topic, string payload, bool retained)
            {
                Messages++;
            }
        }

        private static FakeMqttLink NewLink(Recorder recorder)
        {
            FakeMqttLink link = new FakeMqttLink();
            link.Attach(recorder);
            MqttConnectOptions o = new MqttConnectOptions();
            o.Host = "127.0.0.1";
            o.Port = 1883;
            o.ClientId = "contract";
            link.Connect(o);
            return link;
        }

        [TestMethod]
        public void An_Accepted_Connect_Reports_Exactly_One_Connected()
        {
            Recorder r = new Recorder();
            FakeMqttLink link = NewLink(r);
            link.AcceptConnect();
            Assert.AreEqual(1, r.Connected);
            Assert.AreEqual(0, r.Failed);
            Assert.IsTrue(link.IsConnected);
            Assert.IsFalse(link.ConnectPending);
        }

        [TestMethod]
        public void A_Refused_Connect_Reports_Exactly_One_Failure_And_Stays_Disconnected()
        {
            Recorder r = new Recorder();
            FakeMqttLink link = NewLink(r);
            link.RefuseConnect(5);
            Assert.AreEqual(0, r.Connected);
            Assert.AreEqual(1, r.Failed);
            Assert.IsFalse(link.IsConnected);
            Assert.IsFalse(link.ConnectPending);
        }

        [TestMethod]
        public void Publish_Before_The_Connect_Result_Is_Refused()
        {
            Recorder r = new Recorder();
            FakeMqttLink link = NewLink(r);
            Assert.IsFalse(link.Publish("t/a", "x", false, false));
            Assert.AreEqual(0, link.PublishedCount);
        }

        [TestMethod]
        public void Publish_While_Connected_Is_Accepted()
        {
            Recorder r = new Recorder();
            FakeMqttLink link = NewLink(r);
            link.AcceptConnect();
            Assert.IsTrue(link.Publish("t/a", "x", false, false));
            Assert.AreEqual(1, link.PublishedCount);
        }

        [TestMethod]
        public void After_Disconnect_The_Link_Is_Down_Publish_Is_Refused_And_No_Callback_Ran()
        {
            Recorder r = new Recorder();
            FakeMqttLink link = NewLink(r);
            link.AcceptConnect();
            link.Subscribe("cmnd/lamp/#");
            link.Disconnect();
            Assert.IsFalse(link.IsConnected);
            Assert.IsFalse(link.Publish("t/a", "x", false, false));
            Assert.AreEqual(0, link.Subscriptions.Length);
            Assert.AreEqual(0, r.Disconnected);
            Assert.AreEqual(1, link.Disconnects);
        }

        [TestMethod]
        public void A_Dropped_Session_Reports_Disconnected_Once_And_Refuses_Publish()
        {
            Recorder r = new Recorder();
            FakeMqttLink link = NewLink(r);
            link.AcceptConnect();
            link.DropConnection();
            Assert.AreEqual(1, r.Disconnected);
            Assert.IsFalse(link.IsConnected);
            Assert.IsFalse(link.Publish("t/a", "x", false, false));
        }
    }
}
