using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Mqtt
{
    [TestClass]
    public class MqttPublisherTests
    {
        private const string Mac = "AABBCCE0B7C9";

        private sealed class Rig : IMqttLinkListener
        {
            public DeviceSettings Settings;
            public TopicSet Topics;
            public FakeMqttLink Link;
            public RecordingLog Log;
            public VirtualClock Clock;
            public MqttPublisher Publisher;

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

        private static Rig Create(bool connected)
        {
            Rig r = new Rig();
            r.Settings = DeviceSettings.CreateDefaults(Mac);
            r.Topics = new TopicSet(Mac);
            r.Topics.Rebuild(r.Settings);
            r.Link = new FakeMqttLink();
            r.Link.Attach(r);
            r.Log = new RecordingLog();
            r.Clock = new VirtualClock();
            r.Publisher = new MqttPublisher(r.Link, r.Topics, r.Settings, r.Clock, r.Log);
            if (connected)
            {
                r.Link.Connect(new MqttConnectOptions());
                r.Link.AcceptConnect();
            }

            return r;
        }

        private static CommandRequest Request(string name, CommandSource source)
        {
            CommandRequest q = new CommandRequest();
            q.Name = name;
            q.Index = 1;
            q.Payload = string.Empty;
            q.Source = source;
            return q;
        }

        [TestMethod]
        public void While_Disconnected_Nothing_Is_Published_And_The_Console_Shows_RSL_Lines()
        {
            Rig r = Create(false);
            CommandRequest q = Request("POWER", CommandSource.Console);

            r.Publisher.CommandResult(q, "{\"POWER\":\"ON\"}");
            r.Publisher.Stat(q, "POWER", "ON", true);
            bool sent = r.Publisher.Publish(TopicSet.Tele, "STATE", "{}", false);

            Assert.IsFalse(sent);
            Assert.AreEqual(0, r.Link.PublishedCount);
            Assert.AreEqual(3, r.Log.Count);
            Assert.AreEqual("RSL: RESULT = {\"POWER\":\"ON\"}", r.Log.LineAt(0));
            Assert.AreEqual("RSL: POWER = ON", r.Log.LineAt(1));
            Assert.AreEqual("RSL: STATE = {}", r.Log.LineAt(2));
        }

        [TestMethod]
        public void Connected_Publishes_Are_Logged_As_MQT_With_Retained_Marker()
        {
            Rig r = Create(true);
            CommandRequest q = Request("POWER", CommandSource.Mqtt);

            r.Publisher.CommandResult(q, "{\"POWER\":\"ON\"}");
            r.Publisher.Stat(q, "POWER", "ON", true);

            Assert.AreEqual("stat/smartlamp_E0B7C9/RESULT = {\"POWER\":\"ON\"}\nstat/smartlamp_E0B7C9/POWER = ON (retained)\n", r.Link.Transcript());
            Assert.AreEqual("MQT: stat/smartlamp_E0B7C9/RESULT = {\"POWER\":\"ON\"}", r.Log.LineAt(0));
            Assert.AreEqual("MQT: stat/smartlamp_E0B7C9/POWER = ON (retained)", r.Log.LineAt(1));
        }

        [TestMethod]
        public void SetOption4_Answers_On_The_Command_Topic()
        {
            Rig r = Create(true);
            r.Settings.ResultOnCommandTopic = true;

            r.Publisher.CommandResult(Request("POWERONSTATE", CommandSource.Mqtt), "{\"PowerOnState\":3}");
            r.Publisher.CommandResult(Request("POWER", CommandSource.Mqtt), "{\"POWER2\":\"ON\"}");
            r.Publisher.CommandResult(null, "{\"POWER\":\"OFF\"}");
            r.Publisher.CommandResult(Request("COMMAND", CommandSource.Mqtt), "{\"Command\":\"Unknown\"}");

            Assert.AreEqual(
                "stat/smartlamp_E0B7C9/POWERONSTATE = {\"PowerOnState\":3}\n" +
                "stat/smartlamp_E0B7C9/POWER2 = {\"POWER2\":\"ON\"}\n" +
                "stat/smartlamp_E0B7C9/POWER = {\"POWER\":\"OFF\"}\n" +
                "stat/smartlamp_E0B7C9/COMMAND = {\"Command\":\"Unknown\"}\n",
                r.Link.Transcript());
        }

        [TestMethod]
        public void Fallback_Commands_Are_Answered_On_The_Fallback_Stat_Topic()
        {
            Rig r = Create(true);
            CommandRequest q = Request("POWER", CommandSource.Fallback);

            r.Publisher.CommandResult(q, "{\"POWER\":\"ON\"}");
            r.Publisher.Stat(q, "POWER", "ON", false);
            r.Publisher.Stat(q, "STATUS", "{}", false);

            Assert.AreEqual(
                "stat/DVES_E0B7C9_fb/RESULT = {\"POWER\":\"ON\"}\n" +
                "stat/DVES_E0B7C9_fb/POWER = ON\n" +
                "stat/DVES_E0B7C9_fb/STATUS = {}\n",
                r.Link.Transcript());
        }

        [TestMethod]
        public void Group_Commands_Are_Answered_On_The_Own_Topic()
        {
            Rig r = Create(true);

            r.Publisher.CommandResult(Request("POWER", CommandSource.Group), "{\"POWER\":\"ON\"}");

            Assert.AreEqual("stat/smartlamp_E0B7C9/RESULT = {\"POWER\":\"ON\"}\n", r.Link.Transcript());
        }

        [TestMethod]
        public void Publish_On_A_Full_Topic_Logs_The_Last_Level_When_Offline()
        {
            Rig r = Create(false);

            r.Publisher.PublishTopic("tele/old/LWT", string.Empty, true);

            Assert.AreEqual("RSL: LWT = ", r.Log.LineAt(0));
        }

        [TestMethod]
        public void Echo_Guard_Only_Drops_Identical_Own_Publishes_Within_Four_Seconds()
        {
            Rig r = Create(true);
            r.Settings.Prefix[1] = "cmnd";
            r.Topics.Rebuild(r.Settings);
            r.Publisher.Subscribed = true;
            CommandRequest q = Request("POWER", CommandSource.Mqtt);
            Assert.IsFalse(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", "ON"), "nothing published yet");

            r.Publisher.Stat(q, "POWER", "ON", false);
            Assert.IsFalse(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", "OFF"));
            Assert.IsTrue(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", "ON"));
            Assert.IsFalse(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", "ON"));

            r.Publisher.Stat(q, "POWER", "ON", false);
            r.Clock.Advance(4000);
            Assert.IsTrue(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", "ON"), "4 s later is still within the window");

            r.Publisher.Stat(q, "POWER", "ON", false);
            r.Clock.Advance(4001);
            Assert.IsFalse(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", "ON"));
        }

        [TestMethod]
        public void Echo_Guard_Is_Off_While_Prefixes_Differ()
        {
            Rig r = Create(true);
            r.Publisher.Subscribed = true;

            r.Publisher.Publish(TopicSet.Cmnd, "POWER", string.Empty, false);

            Assert.IsFalse(r.Publisher.ConsumeEcho("cmnd/smartlamp_E0B7C9/POWER", string.Empty));
        }
    }
}
