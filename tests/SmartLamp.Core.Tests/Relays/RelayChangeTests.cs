using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    /// <summary>The relay bank's one change event and the state publisher that answers it.</summary>
    [TestClass]
    public class RelayChangeTests
    {
        [TestMethod]
        public void One_Event_Tells_Which_Relays_Switched_Or_Are_Announced_And_Why()
        {
            CommandRig r = CommandRig.Create(2);
            ChangeRecorder seen = new ChangeRecorder();
            r.Power.Changed += seen.On;
            r.Mqtt("Power2", "on");
            r.Power.SetPower(0, CommandValue.Toggle, RelayChangeReason.Button);
            r.Mqtt("Power1", "blink");
            r.Clock.Advance(100);
            Assert.AreEqual(
                "Command 2 2 Switched\nCommand 2 2 State\n" +
                "Button 1 3 Switched\nButton 1 3 State\n" +
                "Command 1 3 BlinkOn\nBlink 1 2 Switched\n",
                seen.Text);
        }

        [TestMethod]
        public void A_Change_Without_A_Command_Is_Published_At_Once_As_Internal()
        {
            CommandRig r = CommandRig.Create(1);
            r.Power.SetPower(0, CommandValue.Toggle, RelayChangeReason.Button);
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.Text());
            Assert.AreEqual(CommandSource.Internal, r.Output.At(0).Source);
            Assert.AreEqual(CommandSource.Internal, r.Output.At(1).Source);
        }

        [TestMethod]
        public void The_Stat_Of_A_Command_Follows_Its_Answer_On_The_Commands_Topics()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt(CommandSource.Fallback, "Power", "on");
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.Text());
            Assert.AreEqual(CommandSource.Fallback, r.Output.At(0).Source);
            Assert.AreEqual(CommandSource.Fallback, r.Output.At(1).Source);
        }

        [TestMethod]
        public void A_Quiet_Power_Command_Still_Publishes_Result_And_Stat()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("_Power0", "on");
            Assert.AreEqual(
                "RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\nRESULT {\"POWER2\":\"ON\"}\nstat POWER2 ON\n",
                r.Output.Text());
            Assert.AreEqual(3, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Nothing_Of_A_Command_Waits_After_Its_Answer()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Power0", "on");
            r.Output.Clear();
            r.Mqtt("BlinkTime", "");
            r.Power.SetPower(1, CommandValue.Off, RelayChangeReason.PulseEnd);
            Assert.AreEqual("RESULT {\"BlinkTime\":10}\nRESULT {\"POWER2\":\"OFF\"}\nstat POWER2 OFF\n", r.Output.Text());
        }

        /// <summary>Writes each change event as "reason mask power report" lines.</summary>
        private sealed class ChangeRecorder
        {
            public string Text = string.Empty;

            public void On(RelayChangeReason reason, int relayMask, int powerMask, RelayReport report)
            {
                Text += ReasonName(reason) + " " + relayMask.ToString() + " " + powerMask.ToString() + " " + ReportName(report) + "\n";
            }

            private static string ReasonName(RelayChangeReason reason)
            {
                return reason == RelayChangeReason.Command ? "Command" : (reason == RelayChangeReason.Button ? "Button" : (reason == RelayChangeReason.Blink ? "Blink" : "Other"));
            }

            private static string ReportName(RelayReport report)
            {
                return report == RelayReport.Switched ? "Switched" : (report == RelayReport.State ? "State" : (report == RelayReport.BlinkOn ? "BlinkOn" : "BlinkOff"));
            }
        }
    }
}
