using nanoFramework.TestFramework;
using SmartLamp.Core.Rules;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Hardening
{
    /// <summary>
    /// Loop protection bounds what the device causes itself (relay switching by rules, chained events,
    /// its own publishes coming back) and never drops a message it did not cause.
    /// </summary>
    [TestClass]
    public class LoopTests
    {
        private const string T = DeviceFixture.T;

        private static DeviceFixture Lamp()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(0);
            f.Mqtt.ClearPublished();
            return f;
        }

        private static void Send(DeviceFixture f, string command, string payload)
        {
            f.Command(command, payload);
            f.Clock.Advance(0);
        }

        /// <summary>The README's wake-up scene.</summary>
        private static DeviceFixture WakeUpScene()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "ALARM, stat/phone");
            Send(f, "Rule1", "ON Event#ALARM DO Power1 ON ENDON");
            Send(f, "Rule1", "1");
            return f;
        }

        [TestMethod]
        public void Phone_Messages_400_ms_Apart_Are_Never_Taken_For_A_Loop()
        {
            DeviceFixture f = WakeUpScene();
            for (int i = 1; i <= 12; i++)
            {
                Send(f, "Power1", "OFF");
                Assert.IsFalse(f.App.Relays.IsOn(0));
                f.Mqtt.Deliver("stat/phone", "ringing #" + i.ToString(), false);
                f.Clock.Advance(0);
                Assert.IsTrue(f.App.Relays.IsOn(0), "#" + i.ToString() + ": missed");
                f.Clock.Advance(400);
            }

            Assert.IsFalse(f.Log.Contains("Loop stopped"));
        }

        [TestMethod]
        public void A_Burst_Of_Phone_Messages_Right_After_The_Rule_Ran_Is_Handled_Completely()
        {
            // Messages on the phone's topic 300 ms apart, each right after a rule chain published: never a loop.
            DeviceFixture f = WakeUpScene();
            Send(f, "Rule1", "ON Event#ALARM DO Event COUNT ENDON ON Event#COUNT DO Power1 TOGGLE ENDON");
            int before = f.Mqtt.CountOn("stat/" + T + "/POWER");
            for (int i = 0; i < 20; i++)
            {
                f.Mqtt.Deliver("stat/phone", "x", false);
                f.Clock.Advance(300);
            }

            Assert.AreEqual(20, f.Mqtt.CountOn("stat/" + T + "/POWER") - before);
            Assert.IsFalse(f.Log.Contains("Loop stopped"));
        }

        [TestMethod]
        public void A_Rule_Whose_Own_Publish_Comes_Back_Is_Still_Cut_By_Depth()
        {
            // Event answers {"Event":"Done"} on RESULT, which the rule is subscribed to: a loop through the broker, no relay.
            DeviceFixture f = Lamp();
            Send(f, "Subscribe2", "R, stat/" + T + "/RESULT");
            Send(f, "Rule1", "ON Event#R DO Event PING ENDON");
            Send(f, "Rule1", "1");
            Send(f, "Event", "PING");

            int echoes = 0;
            for (int i = 0; i < 30; i++)
            {
                FakeEcho(f, ref echoes);
            }

            Assert.IsTrue(f.Log.Contains("RUL: Loop stopped: Event#R not handled"));
            Assert.IsTrue(echoes <= RulesEngine.MaxChainDepth + 2, echoes.ToString());

            // The same payload from somebody else later is a new chain.
            f.Clock.Advance(RulesEngine.ChainWindowMs);
            f.Log.Clear();
            f.Mqtt.Deliver("stat/" + T + "/RESULT", "{\"Event\":\"Done\"}", false);
            f.Clock.Advance(0);
            Assert.IsTrue(f.Log.Contains("RUL: Event#R performs"));
        }

        [TestMethod]
        public void An_Echo_Continues_The_Chain_Only_Within_Its_Window()
        {
            // The broker hands the rule's own RESULT back 999 ms later (still within ChainWindowMs): the chain goes
            // deeper until it is cut. Back 1 ms later than that, every echo starts a new chain and nothing is cut.
            for (int late = 0; late <= 1; late++)
            {
                DeviceFixture f = Lamp();
                Send(f, "Subscribe2", "R, stat/" + T + "/RESULT");
                Send(f, "Rule1", "ON Event#R DO Event PING ENDON");
                Send(f, "Rule1", "1");
                Send(f, "Event", "PING");
                for (int i = 0; i < RulesEngine.MaxChainDepth * 2; i++)
                {
                    string payload = f.LastPayload("stat/" + T + "/RESULT");
                    f.Clock.Advance(RulesEngine.ChainWindowMs - 1 + late);
                    f.Mqtt.Deliver("stat/" + T + "/RESULT", payload, false);
                    f.Clock.Advance(0);
                }

                Assert.AreEqual(late == 0, f.Log.Contains("RUL: Loop stopped: Event#R not handled"), "echo " + (RulesEngine.ChainWindowMs - 1 + late) + " ms later");
            }
        }

        /// <summary>Hands the device's last RESULT back to it, as the broker does; counts it when there was a new one.</summary>
        private static void FakeEcho(DeviceFixture f, ref int echoes)
        {
            string topic = "stat/" + T + "/RESULT";
            int n = f.Mqtt.CountOn(topic);
            if (n == 0)
            {
                return;
            }

            string payload = f.LastPayload(topic);
            f.Mqtt.ClearPublished();
            f.Mqtt.Deliver(topic, payload, false);
            f.Clock.Advance(10);
            echoes++;
        }

        [TestMethod]
        public void Relay_Chatter_From_Rules_Is_Bounded_To_A_Few_Switches_Per_Second()
        {
            DeviceFixture f = Lamp();
            string toggles = "Power1 TOGGLE";
            for (int i = 1; i < 30; i++)
            {
                toggles += "; Power1 TOGGLE";
            }

            Send(f, "Rule1", "ON Power1#State DO Backlog " + toggles + " ENDON");
            Send(f, "Rule1", "1");
            Send(f, "Power", "ON");
            f.Clock.Advance(5000);
            int switches = f.Mqtt.CountOn("stat/" + T + "/POWER"); // one per real switch; a refused one publishes nothing

            // 1 by the command, then at most 4 per second by rules, over 5 s.
            Assert.IsTrue(switches <= 1 + (RulesEngine.MaxRuleSwitchesPerSecond * 6), switches.ToString());
            Assert.IsTrue(f.Log.Contains("further switching by rules refused"));

            // Commands are not limited: 10 switches in a row still work.
            for (int i = 0; i < 10; i++)
            {
                bool was = f.App.Relays.IsOn(0);
                Send(f, "Power", "TOGGLE");
                Assert.AreNotEqual(was, f.App.Relays.IsOn(0));
            }
        }
    }
}
