using System.Collections;
using nanoFramework.TestFramework;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Mqtt
{
    [TestClass]
    public class MqttSessionTests
    {
        private const string T = DeviceFixture.T;

        private static string StateAt5s()
        {
            return "{\"Time\":\"2026-01-01T00:00:05\",\"Uptime\":\"0T00:00:05\",\"UptimeSec\":5,\"Heap\":78,\"MqttCount\":1,\"POWER\":\"OFF\","
                + "\"Wifi\":{\"AP\":1,\"SSId\":\"SimNet\",\"BSSId\":\"02:00:00:00:00:01\",\"Channel\":6,\"RSSI\":90,\"Signal\":-55,\"LinkCount\":1,\"Downtime\":\"0T00:00:00\"},"
                + "\"Hostname\":\"smartlamp_E0B7C9-6089\",\"IPAddress\":\"127.0.0.1\"}";
        }

        [TestMethod]
        public void First_Connect_Publishes_Tasmota_Sequence_Then_State_After_Five_Seconds()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());

            string expected =
                "cmnd/" + T + "/POWER = \n" +
                "tele/" + T + "/LWT = Online (retained)\n" +
                "tele/" + T + "/INFO1 = {\"Info1\":{\"Module\":\"test-1relay\",\"Version\":\"0.1.0(smartlamp)\",\"FallbackTopic\":\"cmnd/DVES_E0B7C9_fb/\",\"GroupTopic\":\"cmnd/tasmotas/\"}}\n" +
                "tele/" + T + "/INFO2 = {\"Info2\":{\"Hostname\":\"smartlamp_E0B7C9-6089\",\"IPAddress\":\"127.0.0.1\"}}\n" +
                "tele/" + T + "/INFO3 = {\"Info3\":{\"RestartReason\":\"Power On\",\"BootCount\":1}}\n" +
                "stat/" + T + "/RESULT = {\"POWER\":\"OFF\"}\n" +
                "stat/" + T + "/POWER = OFF\n";
            Assert.AreEqual(expected, f.Mqtt.Transcript());

            string[] subs = f.Mqtt.Subscriptions;
            Assert.AreEqual(3, subs.Length);
            Assert.AreEqual("cmnd/" + T + "/#", subs[0]);
            Assert.AreEqual("cmnd/tasmotas/#", subs[1]);
            Assert.AreEqual("cmnd/DVES_E0B7C9_fb/#", subs[2]);

            f.Mqtt.ClearPublished();
            f.Clock.Advance(4999);
            Assert.AreEqual(0, f.Mqtt.PublishedCount);
            f.Clock.Advance(1);
            Assert.AreEqual(1, f.Mqtt.PublishedCount);
            Assert.AreEqual("tele/" + T + "/STATE = " + StateAt5s(), f.Mqtt.PublishedAt(0).ToString());
        }

        [TestMethod]
        public void Connect_Options_Carry_Client_Will_KeepAlive_And_No_Empty_Credentials()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();

            Assert.AreEqual(1, f.Mqtt.ConnectAttempts);
            MqttConnectOptions o = f.Mqtt.LastOptions;
            Assert.AreEqual("broker.local", o.Host);
            Assert.AreEqual(1883, o.Port);
            Assert.AreEqual("DVES_E0B7C9", o.ClientId);
            Assert.IsNull(o.User);
            Assert.IsNull(o.Password);
            Assert.AreEqual("tele/" + T + "/LWT", o.WillTopic);
            Assert.AreEqual("Offline", o.WillPayload);
            Assert.IsTrue(o.WillRetain);
            Assert.AreEqual(30, o.KeepAliveSeconds);
            Assert.IsTrue(o.CleanSession);
            Assert.IsTrue(f.Log.Contains("MQT: Attempting connection..."));
        }

        [TestMethod]
        public void Empty_Power_Comes_Before_The_Subscriptions_And_Online_After_Them()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            OrderLink link = new OrderLink(f.Mqtt);
            f.Ports.Mqtt = link;
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();

            Assert.AreEqual("PUB cmnd/" + T + "/POWER", (string)link.Events[0]);
            Assert.AreEqual("SUB cmnd/" + T + "/#", (string)link.Events[1]);
            Assert.AreEqual("SUB cmnd/tasmotas/#", (string)link.Events[2]);
            Assert.AreEqual("SUB cmnd/DVES_E0B7C9_fb/#", (string)link.Events[3]);
            Assert.AreEqual("PUB tele/" + T + "/LWT", (string)link.Events[4]);
            Assert.AreEqual("PUB tele/" + T + "/INFO1", (string)link.Events[5]);
        }

        [TestMethod]
        public void Command_Sent_In_Reaction_To_Online_Is_Executed()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            OrderLink link = new OrderLink(f.Mqtt);
            link.ReplyToOnline = "cmnd/" + T + "/STATE";
            f.Ports.Mqtt = link;
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();

            // Home Assistant asks for STATE as soon as it sees Online; the broker delivers it only if
            // the device is subscribed by then.
            Assert.IsTrue(link.HeardReply);
            f.Mqtt.ClearPublished();
            f.Mqtt.Deliver(link.ReplyToOnline, string.Empty, false);
            Assert.StartsWith("{\"Time\":\"2026-01-01T00:00:00\",\"Uptime\":\"0T00:00:00\"", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void Backoff_Grows_10_To_120_Seconds_And_Resets_After_Success()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();

            int[] waits = new int[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 120, 120 };
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

            f.Mqtt.AcceptConnect();
            f.Log.Clear();
            f.Mqtt.DropConnection();
            Assert.IsTrue(f.Log.Contains("MQT: Connect failed to broker.local:1883, rc -3. Retry in 10 sec"));
            int attempts = f.Mqtt.ConnectAttempts;
            f.Clock.Advance(10000);
            Assert.AreEqual(attempts + 1, f.Mqtt.ConnectAttempts);
            f.Log.Clear();
            f.Mqtt.RefuseConnect(-2);
            Assert.IsTrue(f.Log.Contains("rc -2. Retry in 20 sec"));
        }

        [TestMethod]
        public void Every_Reconnect_Resubscribes_And_Republishes_Power_And_State_But_Not_Info()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("Power", "ON");
            f.Clock.Advance(6000);
            f.Mqtt.ClearPublished();

            f.Mqtt.DropConnection();
            Assert.AreEqual(0, f.Mqtt.Subscriptions.Length);
            f.Clock.Advance(10000);
            f.Mqtt.AcceptConnect();

            string expected =
                "cmnd/" + T + "/POWER = \n" +
                "tele/" + T + "/LWT = Online (retained)\n" +
                "stat/" + T + "/RESULT = {\"POWER\":\"ON\"}\n" +
                "stat/" + T + "/POWER = ON\n";
            Assert.AreEqual(expected, f.Mqtt.Transcript());
            Assert.AreEqual(3, f.Mqtt.Subscriptions.Length);
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/" + T + "/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/tasmotas/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/DVES_E0B7C9_fb/#"));

            f.Mqtt.ClearPublished();
            f.Clock.Advance(5000);
            Assert.AreEqual(1, f.Mqtt.CountOn("tele/" + T + "/STATE"));
            Assert.Contains("\"MqttCount\":2,\"POWER\":\"ON\"", f.LastPayload("tele/" + T + "/STATE"));
        }

        [TestMethod]
        public void Retained_Command_Is_Ignored_And_Logged_By_Default()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("cmnd/" + T + "/POWER", "ON", true);

            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(0, f.Mqtt.PublishedCount);
            Assert.IsTrue(f.Log.Contains("MQT: ignored retained cmnd/" + T + "/POWER = ON (MqttRetainedCmnd 1 executes retained commands)"));
        }

        [TestMethod]
        public void Ignored_Retained_Password_Command_Is_Logged_Without_The_Password()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());

            f.Mqtt.Deliver("cmnd/" + T + "/MqttPassword", "hunter22", true);

            Assert.IsTrue(f.Log.Contains("MQT: ignored retained cmnd/" + T + "/MqttPassword = **** (MqttRetainedCmnd 1 executes retained commands)"));
            Assert.IsFalse(f.Log.Contains("hunter22"));
            Assert.AreEqual(string.Empty, f.App.Settings.MqttPassword);
        }

        [TestMethod]
        public void Retained_Command_Runs_When_The_Option_Is_On()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.App.ExecuteCommand("MqttRetainedCmnd 1");
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("cmnd/" + T + "/POWER", "ON", true);

            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual("{\"POWER\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void Losing_The_Broker_Never_Changes_A_Relay()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Command("Power1", "ON");
            int trace = f.Gpio.TraceCount;

            f.Mqtt.DropConnection();
            f.Clock.Advance(10000);
            f.Mqtt.RefuseConnect(3);
            f.Clock.Advance(20000);
            f.Mqtt.RefuseConnect(-2);
            f.Network.Down();
            f.Clock.Advance(600000);
            f.Network.Up();
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(600000);

            Assert.AreEqual(trace, f.Gpio.TraceCount);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.IsFalse(f.App.Relays.IsOn(1));
        }

        [TestMethod]
        public void Network_Down_Stops_Attempts_And_Network_Up_Connects_At_Once()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.App.Start();
            f.Clock.Advance(300000);
            Assert.AreEqual(0, f.Mqtt.ConnectAttempts);

            f.Network.Up();
            Assert.AreEqual(1, f.Mqtt.ConnectAttempts);
            f.Mqtt.RefuseConnect(-2);
            f.Network.Down();
            f.Clock.Advance(600000);
            Assert.AreEqual(1, f.Mqtt.ConnectAttempts);

            f.Network.Up();
            Assert.AreEqual(2, f.Mqtt.ConnectAttempts);
            f.Mqtt.AcceptConnect();
            f.Network.Down();
            Assert.AreEqual(1, f.Mqtt.Disconnects);
            f.Clock.Advance(600000);
            Assert.AreEqual(2, f.Mqtt.ConnectAttempts);
        }

        [TestMethod]
        public void No_Host_Means_No_Connect_Attempt()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, string.Empty);
            f.Network.Up();
            f.App.Start();
            f.Clock.Advance(600000);
            Assert.AreEqual(0, f.Mqtt.ConnectAttempts);

            f.App.ExecuteCommand("MqttHost broker2");
            f.Clock.Advance(0);
            Assert.AreEqual(1, f.Mqtt.ConnectAttempts);
            Assert.AreEqual("broker2", f.Mqtt.LastOptions.Host);
        }

        [TestMethod]
        public void Oversize_Message_Is_Dropped_With_A_Log_Line()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();
            string topic = "cmnd/" + T + "/Power";
            string pad = new string(' ', 1200 - topic.Length - 2);

            f.Mqtt.Deliver(topic, "ON" + pad + " ", false);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(0, f.Mqtt.PublishedCount);
            Assert.IsTrue(f.Log.Contains("MQT: Dropped oversize message on " + topic + " (1201 bytes, limit 1200)"));

            f.Mqtt.Deliver(topic, "ON" + pad, false);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Multibyte_Payload_Counts_Utf8_Bytes_Toward_The_Limit()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            string topic = "cmnd/" + T + "/Power";
            string euros = new string('\u20AC', 400);

            f.Mqtt.Deliver(topic, euros, false);

            Assert.IsTrue(f.Log.Contains("(" + (topic.Length + 1200).ToString() + " bytes, limit 1200)"));
        }

        [TestMethod]
        public void Control_Characters_And_Replacement_Chars_Do_Not_Crash()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("cmnd/" + T + "/Power", "\u0001\uFFFD" + new string((char)0, 1) + "on\u001b", false);
            f.Mqtt.Deliver("cmnd/" + T + "/Po" + new string((char)0, 1) + "w\uFFFDer", "\uFFFD", false);
            f.Mqtt.Deliver("cmnd/" + T + "/\uFFFD", "\u0007", false);
            f.Mqtt.Deliver("cmnd/" + T + "/", string.Empty, false);

            Assert.IsFalse(f.Log.Contains("APP:"));
            Assert.IsTrue(f.Mqtt.PublishedCount >= 3);
            Assert.AreEqual("{\"Command\":\"Unknown\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("Power", "ON");
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Messages_On_Foreign_Topics_Are_Ignored()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("cmnd/other_lamp/Power", "ON", false);
            f.Mqtt.Deliver("stat/" + T + "/Power", "ON", false);

            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(0, f.Mqtt.PublishedCount);
        }

        [TestMethod]
        public void Topic_Change_Answers_On_Old_Topic_Clears_Old_Lwt_And_Reconnects()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Command("Topic", "newlamp");
            Assert.AreEqual("{\"Topic\":\"newlamp\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Clock.Advance(0);

            Assert.AreEqual(1, f.Mqtt.Disconnects);
            FakeMqttMessage clear = f.Mqtt.Last("tele/" + T + "/LWT");
            Assert.AreEqual(string.Empty, clear.Payload);
            Assert.IsTrue(clear.Retain);
            Assert.AreEqual(2, f.Mqtt.ConnectAttempts);
            Assert.AreEqual("tele/newlamp/LWT", f.Mqtt.LastOptions.WillTopic);

            f.Mqtt.AcceptConnect();
            Assert.AreEqual("Online", f.LastPayload("tele/newlamp/LWT"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/newlamp/#"));
            Assert.IsFalse(f.Mqtt.IsSubscribed("cmnd/" + T + "/#"));
            f.Mqtt.Deliver("cmnd/newlamp/Power", "ON", false);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual("ON", f.LastPayload("stat/newlamp/POWER"));
        }

        [TestMethod]
        public void Broker_Change_Publishes_Offline_Then_Reconnects_To_The_New_Host()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Command("MqttHost", "broker2");
            f.Clock.Advance(0);

            FakeMqttMessage lwt = f.Mqtt.Last("tele/" + T + "/LWT");
            Assert.AreEqual("Offline", lwt.Payload);
            Assert.IsTrue(lwt.Retain);
            Assert.AreEqual(1, f.Mqtt.Disconnects);
            Assert.AreEqual("broker2", f.Mqtt.LastOptions.Host);
        }

        [TestMethod]
        public void Broker_Only_Change_Reconnects_With_The_Same_Cached_Topics()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            string lwt = f.Mqtt.Last("tele/" + T + "/LWT").Topic;

            f.App.ExecuteCommand("MqttHost broker2");
            f.Clock.Advance(0);
            f.Mqtt.AcceptConnect();

            FakeMqttMessage online = f.Mqtt.Last("tele/" + T + "/LWT");
            Assert.AreEqual("Online", online.Payload);
            Assert.IsTrue(object.ReferenceEquals(lwt, online.Topic), "topics are not rebuilt for a new broker");
            Assert.AreEqual("tele/" + T + "/LWT", f.Mqtt.LastOptions.WillTopic);
        }

        [TestMethod]
        public void Topic_And_Broker_Changed_Together_Reconnect_Once_On_The_New_Topic_In_Either_Order()
        {
            string[] first = new string[] { "Topic newlamp", "MqttHost broker2" };
            string[] second = new string[] { "MqttHost broker2", "Topic newlamp" };
            for (int order = 0; order < 2; order++)
            {
                DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
                f.App.ExecuteCommand(first[order]);
                f.App.ExecuteCommand(second[order]);
                f.Clock.Advance(0);

                Assert.AreEqual(2, f.Mqtt.ConnectAttempts, "order " + order.ToString());
                Assert.AreEqual("broker2", f.Mqtt.LastOptions.Host, "order " + order.ToString());
                Assert.AreEqual("tele/newlamp/LWT", f.Mqtt.LastOptions.WillTopic, "order " + order.ToString());
                f.Mqtt.AcceptConnect();
                Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/newlamp/#"), "order " + order.ToString());
            }
        }

        [TestMethod]
        public void Own_Replies_Are_Not_Executed_When_Prefix1_Equals_Prefix2()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("Prefix2", "cmnd");
            f.Clock.Advance(0);
            f.Mqtt.AcceptConnect();
            Assert.AreEqual("OFF", f.LastPayload("cmnd/" + T + "/POWER"));
            f.Mqtt.ClearPublished();

            f.Command("Power", "ON");
            Assert.AreEqual("{\"POWER\":\"ON\"}", f.LastPayload("cmnd/" + T + "/RESULT"));
            Assert.AreEqual(2, f.Mqtt.PublishedCount);

            // The broker echoes the replies back to the device's own cmnd subscription: dropped.
            f.Mqtt.Deliver("cmnd/" + T + "/RESULT", "{\"POWER\":\"ON\"}", false);
            f.Mqtt.Deliver("cmnd/" + T + "/POWER", "ON", false);
            Assert.AreEqual(2, f.Mqtt.PublishedCount);
            Assert.IsTrue(f.App.Relays.IsOn(0));

            // A real command right after is executed.
            f.Command("Power", "OFF");
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual(4, f.Mqtt.PublishedCount);
        }

        [TestMethod]
        public void Own_Topic_Messages_Are_Executed_When_Prefixes_Differ()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("Power", "ON");

            // The device itself publishes on its own command topic (Publish). With Prefix1 != Prefix2
            // the broker's copy is a real command, not an echo to drop: it must switch the relay off.
            f.Command("Publish", "cmnd/" + T + "/POWER OFF");
            Assert.IsNotNull(f.Mqtt.Last("cmnd/" + T + "/POWER"));
            f.Mqtt.Deliver("cmnd/" + T + "/POWER", "OFF", false);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        /// <summary>Records the order of publishes and subscriptions around a FakeMqttLink.</summary>
        private sealed class OrderLink : IMqttLink
        {
            private readonly FakeMqttLink _inner;

            public OrderLink(FakeMqttLink inner)
            {
                _inner = inner;
                Events = new ArrayList();
            }

            public ArrayList Events { get; }

            /// <summary>A command a client sends the moment it sees LWT Online (null: none).</summary>
            public string ReplyToOnline { get; set; }

            /// <summary>True when, at the Online publish, a subscription covered <see cref="ReplyToOnline"/>.</summary>
            public bool HeardReply { get; private set; }

            public bool IsConnected
            {
                get { return _inner.IsConnected; }
            }

            public void Attach(IMqttLinkListener listener)
            {
                _inner.Attach(listener);
            }

            public void Connect(MqttConnectOptions options)
            {
                _inner.Connect(options);
            }

            public void Disconnect()
            {
                _inner.Disconnect();
            }

            public bool Publish(string topic, string payload, bool retain, bool qos1)
            {
                Events.Add("PUB " + topic);
                if (ReplyToOnline != null && payload == "Online" && topic.EndsWith("/LWT"))
                {
                    string[] subs = _inner.Subscriptions;
                    for (int i = 0; i < subs.Length; i++)
                    {
                        string prefix = subs[i].Substring(0, subs[i].Length - 1);
                        if (subs[i].EndsWith("#") && ReplyToOnline.StartsWith(prefix))
                        {
                            HeardReply = true;
                        }
                    }
                }

                return _inner.Publish(topic, payload, retain, qos1);
            }

            public void Subscribe(string topicFilter)
            {
                Events.Add("SUB " + topicFilter);
                _inner.Subscribe(topicFilter);
            }

            public void Unsubscribe(string topicFilter)
            {
                _inner.Unsubscribe(topicFilter);
            }
        }
    }
}
