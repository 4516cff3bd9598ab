using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using nanoFramework.TestFramework;

namespace SmartLamp.Core.Tests.Commands
{
    [TestClass]
    public class BacklogTests
    {
        [TestMethod]
        public void Backlog_Runs_Commands_200_Ms_Apart_And_Answers_Nothing_Itself()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Backlog", "Power1 on; Power2 on ;Power1 off");
            Assert.AreEqual(0, r.Output.Count);
            Assert.AreEqual(3, r.Config.BacklogCount);

            r.Clock.Advance(0);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Clock.Advance(199);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Clock.Advance(1);
            Assert.AreEqual(3, r.Relays.PowerMask);
            r.Clock.Advance(199);
            Assert.AreEqual(3, r.Relays.PowerMask);
            r.Clock.Advance(1);
            Assert.AreEqual(2, r.Relays.PowerMask);
            Assert.AreEqual(0, r.Config.BacklogCount);
            Assert.AreEqual(6, r.Output.Count);
            Assert.AreEqual(CommandSource.Backlog, r.Output.At(0).Source);
            Assert.AreEqual("RESULT {\"POWER1\":\"OFF\"}", r.Output.At(4).ToString());
        }

        [TestMethod]
        public void Backlog0_Runs_Everything_Without_Delay()
        {
            CommandRig r = CommandRig.Create(2);
            r.Line("Backlog0 Power1 on; Power2 on; BlinkTime 5");
            r.Clock.Advance(0);
            Assert.AreEqual(3, r.Relays.PowerMask);
            Assert.AreEqual("RESULT {\"BlinkTime\":5}", r.Last());
            Assert.AreEqual(0, r.Config.BacklogCount);
        }

        [TestMethod]
        public void Backlog_Alone_Answers_Empty_Or_Aborted_And_Clears_The_Queue()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Backlog", "");
            Assert.AreEqual("RESULT {\"Backlog\":\"Empty\"}", r.Last());
            r.Mqtt("Backlog", "Power1 on; Power2 on");
            r.Clock.Advance(0);
            r.Mqtt("Backlog", "?");
            Assert.AreEqual("RESULT {\"Backlog\":\"Aborted\"}", r.Last());
            r.Clock.Advance(2000);
            Assert.AreEqual(1, r.Relays.PowerMask);
            Assert.AreEqual(0, r.Config.BacklogCount);
        }

        [TestMethod]
        public void Reset_Is_Silently_Dropped_Inside_Backlog()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Backlog", "reset 1; Power on; RESET 1");
            Assert.AreEqual(1, r.Config.BacklogCount);
            r.Clock.Advance(5000);
            Assert.AreEqual(0, r.System.Restarts);
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.Text());
        }

        [TestMethod]
        public void Semicolon_Inside_Braces_Is_Kept()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Backlog", "StateText2 {a;b}; Power on");
            Assert.AreEqual(2, r.Config.BacklogCount);
            r.Clock.Advance(1000);
            Assert.AreEqual("{a;b}", r.S.StateText[1]);
            Assert.AreEqual("stat POWER {a;b}", r.Last());
        }

        [TestMethod]
        public void More_Than_30_Commands_Drops_The_Rest_With_A_Log_Line()
        {
            CommandRig r = CommandRig.Create(1);
            string cmds = string.Empty;
            for (int i = 0; i < 35; i++)
            {
                cmds += "BlinkCount " + (i + 1) + ";";
            }

            r.Mqtt("Backlog", cmds);
            Assert.AreEqual(30, r.Config.BacklogCount);
            Assert.IsTrue(r.Log.Contains("CMD: Backlog full, dropped 5 command(s)"));
            r.Clock.Advance(30 * 200);
            Assert.AreEqual(30, r.S.BlinkCount);
            Assert.AreEqual(30, r.Output.Count);
        }

        [TestMethod]
        public void Leading_Backlog_Words_And_Empty_Items_Are_Skipped()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Backlog", ";; backlog Power on ;  ; Backlog0 BlinkTime 7;");
            Assert.AreEqual(2, r.Config.BacklogCount);
            r.Clock.Advance(1000);
            Assert.AreEqual(1, r.Relays.PowerMask);
            Assert.AreEqual(7, r.S.BlinkTime);
        }

        [TestMethod]
        public void Unknown_Commands_In_A_Backlog_Answer_Unknown_And_The_Rest_Runs()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Backlog", "Foo 1; Power on");
            r.Clock.Advance(1000);
            Assert.AreEqual("RESULT {\"Command\":\"Unknown\"}\nRESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.Text());
        }

        [TestMethod]
        public void Restart_Through_Backlog_Stops_The_Queue()
        {
            CommandRig r = CommandRig.Create(1);
            // Restart at 0 ms fires at 500 ms: "Power on" (200) and "Power off" (400) run, the last "Power on" (600) never does.
            r.Mqtt("Backlog", "Restart 1; Power on; Power off; Power on");
            r.Clock.Advance(0);
            r.Clock.Advance(ConfigCommands.RestartDelayMs);
            Assert.AreEqual(1, r.System.Restarts);
            Assert.AreEqual(0, r.Config.BacklogCount);
            r.Clock.Advance(5000);
            Assert.AreEqual(0, r.Relays.PowerMask);
        }
    }
}
