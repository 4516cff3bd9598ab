using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Rules
{
    /// <summary>Delay in Backlog and rules, with Tasmota's limits and answers, on virtual time.</summary>
    [TestClass]
    public class DelayTests
    {
        [TestMethod]
        public void Backlog_Delay_600_Waits_60_Seconds_Before_The_Next_Command()
        {
            CommandRig r = CommandRig.Create(1);
            r.Line("Backlog Power on; Delay 600; Power off");
            r.Clock.Advance(0);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Clock.Advance(200); // spacing, then Delay runs
            Assert.AreEqual("RESULT {\"Delay\":600}", r.Last());
            r.Clock.Advance(59999);
            Assert.AreEqual(1, r.Relays.PowerMask, "still on 1 ms before the delay ends");
            r.Clock.Advance(1);
            Assert.AreEqual(0, r.Relays.PowerMask);
            Assert.AreEqual(0, r.Config.BacklogCount);
        }

        [TestMethod]
        public void Delay_Out_Of_Range_Changes_Nothing_And_Answers_The_Spacing()
        {
            string[] values = new string[] { "1", "0", "3601", "abc", "", "-2" };
            for (int i = 0; i < values.Length; i++)
            {
                CommandRig r = CommandRig.Create(1);
                r.Line("Backlog Power on; Delay " + values[i] + "; Power off");
                r.Clock.Advance(0);
                r.Clock.Advance(200);
                Assert.AreEqual("RESULT {\"Delay\":2}", r.Last(), "Delay " + values[i]);
                r.Clock.Advance(200);
                Assert.AreEqual(0, r.Relays.PowerMask, "Delay " + values[i] + " must not wait longer than the spacing");
            }
        }

        [TestMethod]
        public void Delay_Limits_Are_2_And_3600()
        {
            CommandRig r = CommandRig.Create(1);
            r.Line("Backlog Delay 2; Power on; Delay 3600; Power off");
            r.Clock.Advance(0);
            Assert.AreEqual("RESULT {\"Delay\":2}", r.Last());
            r.Clock.Advance(200);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Clock.Advance(200);
            Assert.AreEqual("RESULT {\"Delay\":3600}", r.Last());
            r.Clock.Advance(359999); // 3600 x 0.1 s = 6 minutes
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Clock.Advance(1);
            Assert.AreEqual(0, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Delay_Minus_1_Waits_Until_The_Next_Whole_Second()
        {
            CommandRig r = CommandRig.Create(1);
            r.Clock.Advance(1000 - r.Clock.UtcNow.Millisecond + 300); // 300 ms into a second
            r.Line("Backlog Delay -1; Power on");
            r.Clock.Advance(0);
            Assert.AreEqual("RESULT {\"Delay\":7}", r.Last());
            r.Clock.Advance(699);
            Assert.AreEqual(0, r.Relays.PowerMask);
            r.Clock.Advance(1);
            Assert.AreEqual(1, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Delay_Has_No_Effect_In_Backlog0()
        {
            CommandRig r = CommandRig.Create(1);
            r.Line("Backlog0 Power on; Delay 50; Power off");
            r.Clock.Advance(0);
            Assert.AreEqual(0, r.Relays.PowerMask);
            Assert.IsTrue(r.Output.Text().IndexOf("{\"Delay\":0}") >= 0, r.Output.Text());
        }

        [TestMethod]
        public void Delay_Outside_A_Backlog_Answers_And_Holds_A_Waiting_Queue()
        {
            CommandRig r = CommandRig.Create(1);
            r.Line("Delay");
            Assert.AreEqual("RESULT {\"Delay\":2}", r.Last());
            r.Line("Backlog Power on; Power off");
            r.Clock.Advance(0);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Line("Delay 10");
            Assert.AreEqual("RESULT {\"Delay\":10}", r.Last());
            r.Clock.Advance(999);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Clock.Advance(1);
            Assert.AreEqual(0, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Delay_Answers_The_Time_It_Set_While_The_Clock_Runs()
        {
            CommandRig r = CommandRig.Create(1);
            r.Clock.MsPerRead = 1; // time moves while the command runs, as on a busy device
            r.Line("Delay 20");
            Assert.AreEqual("RESULT {\"Delay\":20}", r.Last());
        }

        [TestMethod]
        public void A_New_Backlog_Appends_And_Ends_A_Running_Delay()
        {
            CommandRig r = CommandRig.Create(2);
            r.Line("Backlog Power1 on; Delay 100; Power1 off");
            r.Clock.Advance(400);
            Assert.AreEqual("RESULT {\"Delay\":100}", r.Last());
            r.Line("Backlog Power2 on");
            r.Clock.Advance(0);
            Assert.AreEqual(0, r.Relays.PowerMask & 1, "the queued Power1 off ran at once");
            r.Clock.Advance(200);
            Assert.AreEqual(2, r.Relays.PowerMask, "then the new Backlog's command, 200 ms later");
        }

        [TestMethod]
        public void A_Command_From_Elsewhere_Does_Not_Shorten_A_Delay()
        {
            CommandRig r = CommandRig.Create(2);
            r.Line("Backlog Power1 on; Delay 50; Power1 off");
            r.Clock.Advance(400);
            r.Mqtt("Power2", "on");
            r.Clock.Advance(4000);
            Assert.AreEqual(3, r.Relays.PowerMask);
            r.Clock.Advance(1000);
            Assert.AreEqual(2, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Delay_In_A_Rule_Backlog_Waits_And_Substitutes_Value_Per_Command()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#Go DO Backlog Power1 on; Delay 20; Power1 %value% ENDON", true);
            g.Line("Event Go=off");
            Assert.AreEqual(1, g.R.Relays.PowerMask, "the command before Delay runs at once");
            g.R.Clock.Advance(1999);
            Assert.AreEqual(1, g.R.Relays.PowerMask);
            g.R.Clock.Advance(1);
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            Assert.AreEqual(0, g.R.Config.BacklogCount);
        }

        [TestMethod]
        public void A_Semicolon_In_The_Value_Cannot_Add_Commands_After_A_Delay()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#Go DO Backlog Delay 2; Power1 %value% ENDON", true);
            g.Line("Event Go=on;Power2 on");
            g.R.Clock.Advance(1000);
            Assert.AreEqual(0, g.R.Relays.PowerMask, "'on;Power2 on' is one payload for Power1, not two commands");
        }
    }
}
