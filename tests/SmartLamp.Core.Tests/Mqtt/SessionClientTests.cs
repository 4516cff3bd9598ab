using System.Collections;
using nanoFramework.TestFramework;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Mqtt
{
    [TestClass]
    public class SessionClientTests
    {
        private const string T = DeviceFixture.T;

        [TestMethod]
        public void Client_Subscribes_On_Every_Connect_After_Command_Topics()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            RecordingClient c = new RecordingClient("stat/phone/#");
            f.App.Session.AddClient(c);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();

            string[] subs = f.Mqtt.Subscriptions;
            Assert.AreEqual(4, subs.Length);
            Assert.AreEqual("cmnd/" + T + "/#", subs[0]);
            Assert.AreEqual("stat/phone/#", subs[3]);
            Assert.AreEqual(1, c.Subscribings);

            f.Mqtt.DropConnection();
            Assert.AreEqual(1, c.Disconnects);
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();
            Assert.AreEqual(2, c.Subscribings);
        }

        [TestMethod]
        public void Foreign_Messages_Reach_Every_Client_And_Commands_Do_Not()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            RecordingClient first = new RecordingClient("stat/phone/#");
            RecordingClient second = new RecordingClient("stat/#");
            f.App.Session.AddClient(first);
            f.App.Session.AddClient(second);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();

            f.Mqtt.Deliver("stat/phone/ALARM", "ring", true);
            f.Mqtt.Deliver("cmnd/" + T + "/POWER", "ON", false);

            Assert.AreEqual(1, first.Messages.Count);
            Assert.AreEqual("stat/phone/ALARM=ring retained", (string)first.Messages[0]);
            Assert.AreEqual(1, second.Messages.Count, "the first client does not hide the message from the next");
            Assert.AreEqual("stat/phone/ALARM=ring retained", (string)second.Messages[0]);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Throwing_Client_Is_Logged_And_The_Next_One_Still_Asked()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            RecordingClient bad = new RecordingClient(null);
            bad.Throw = true;
            RecordingClient good = new RecordingClient("x/#");
            f.App.Session.AddClient(bad);
            f.App.Session.AddClient(good);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();
            f.Mqtt.Deliver("x/y", "1", false);

            Assert.IsTrue(f.Mqtt.IsSubscribed("x/#"));
            Assert.AreEqual(1, good.Messages.Count);
            Assert.IsTrue(f.Log.Contains("MQT: Subscribing failed: boom"));
            Assert.IsTrue(f.Log.Contains("MQT: Message on x/y failed: boom"));
        }

        private sealed class RecordingClient : IMqttSessionClient
        {
            private readonly string _filter;

            public RecordingClient(string filter)
            {
                _filter = filter;
                Messages = new ArrayList();
            }

            public bool Throw;
            public int Subscribings;
            public int Disconnects;
            public ArrayList Messages;

            public void OnSubscribing(MqttSession session)
            {
                if (Subscribings == 0)
                {
                    session.Disconnected += OnDisconnected;
                }

                Subscribings++;
                if (Throw)
                {
                    throw new System.Exception("boom");
                }

                session.Subscribe(_filter);
            }

            public bool Holds(string topicFilter)
            {
                return topicFilter == _filter;
            }

            public void OnForeignMessage(string topic, string payload, bool retained)
            {
                if (Throw)
                {
                    throw new System.Exception("boom");
                }

                Messages.Add(topic + "=" + payload + (retained ? " retained" : string.Empty));
            }

            private void OnDisconnected()
            {
                Disconnects++;
            }
        }
    }
}
