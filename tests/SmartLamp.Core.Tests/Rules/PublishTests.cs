using nanoFramework.TestFramework;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Rules
{
    /// <summary>Publish / Publish2, from the console and from rules.</summary>
    [TestClass]
    public class PublishTests
    {
        private sealed class NoListener : IMqttLinkListener
        {
            public void OnMqttConnected()
            {
            }

            public void OnMqttConnectFailed(int reasonCode)
            {
            }

            public void OnMqttDisconnected()
            {
            }

            public void OnMqttMessage(string topic, string payload, bool retained)
            {
            }
        }

        private static FakeMqttLink Wire(RulesRig g)
        {
            FakeMqttLink link = new FakeMqttLink();
            link.Attach(new NoListener());
            TopicSet topics = new TopicSet("A0B1C2D3E4F5");
            topics.Rebuild(g.R.S);
            MqttPublisher publisher = new MqttPublisher(link, topics, g.R.S, g.R.Clock, g.R.Log);
            link.Connect(new MqttConnectOptions());
            link.AcceptConnect();
            publisher.Register(g.R.Dispatcher);
            return link;
        }

        [TestMethod]
        public void Publish_Sends_The_Rest_Of_The_Line_And_Answers_Nothing()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            FakeMqttLink link = Wire(g);
            g.Line("Publish home/hall/light on and off");
            Assert.AreEqual(1, link.PublishedCount);
            Assert.AreEqual("home/hall/light", link.PublishedAt(0).Topic);
            Assert.AreEqual("on and off", link.PublishedAt(0).Payload);
            Assert.IsFalse(link.PublishedAt(0).Retain);
            Assert.AreEqual(0, g.R.Output.Count);
        }

        [TestMethod]
        public void Publish2_Retains_And_A_Topic_Alone_Sends_An_Empty_Payload()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            FakeMqttLink link = Wire(g);
            g.Line("Publish2 home/state");
            Assert.AreEqual(1, link.PublishedCount);
            Assert.AreEqual("", link.PublishedAt(0).Payload);
            Assert.IsTrue(link.PublishedAt(0).Retain);
        }

        [TestMethod]
        public void Hash_In_The_Topic_Stands_For_A_Space()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            FakeMqttLink link = Wire(g);
            g.Line("Publish cmnd/theo#arends/power 2");
            Assert.AreEqual("cmnd/theo arends/power", link.PublishedAt(0).Topic);
        }

        [TestMethod]
        public void Bad_Topics_Answer_Error_And_Send_Nothing()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            FakeMqttLink link = Wire(g);
            string longTopic = "t";
            while (longTopic.Length <= MqttPublisher.MaxTopicLength)
            {
                longTopic = longTopic + "/abcdefghi";
            }

            string[] bad = new string[] { "Publish", "Publish home/+/x on", "Publish2 " + longTopic + " x" };
            for (int i = 0; i < bad.Length; i++)
            {
                g.R.Output.Clear();
                g.Line(bad[i]);
                Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last(), bad[i]);
            }

            Assert.AreEqual(0, link.PublishedCount);
            Assert.IsNotNull(MqttPublisher.TopicProblem("a" + (char)10 + "b"));
            Assert.IsNull(MqttPublisher.TopicProblem("a/b c/d"));
        }

        [TestMethod]
        public void A_Rule_Publishes_With_Value_And_Variables()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#Alarm DO Backlog Var1 seen; Publish2 lamp/alarm %value% %var1% ENDON", true);
            FakeMqttLink link = Wire(g);
            g.Line("Event Alarm=07:30");
            Assert.AreEqual(1, link.PublishedCount);
            Assert.AreEqual("lamp/alarm", link.PublishedAt(0).Topic);
            Assert.AreEqual("07:30 seen", link.PublishedAt(0).Payload);
            Assert.IsTrue(link.PublishedAt(0).Retain);
        }

        [TestMethod]
        public void A_Value_With_A_Semicolon_Stays_In_The_Payload()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#Fwd DO Backlog Publish out/x %value% ENDON", true);
            FakeMqttLink link = Wire(g);
            g.Line("Event Fwd=a;Power on");
            Assert.AreEqual("a;Power on", link.PublishedAt(0).Payload);
            Assert.AreEqual(0, g.R.Relays.PowerMask);
        }
    }
}
