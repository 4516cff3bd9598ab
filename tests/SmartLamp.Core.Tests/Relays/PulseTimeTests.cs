using nanoFramework.TestFramework;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    [TestClass]
    public class PulseTimeTests
    {
        [TestMethod]
        public void PulseTime_Units_Are_Tenths_Up_To_111_Then_Seconds_Minus_100()
        {
            Assert.AreEqual(0L, PowerController.PulseMs(0));
            Assert.AreEqual(100L, PowerController.PulseMs(1));
            Assert.AreEqual(11100L, PowerController.PulseMs(111));
            Assert.AreEqual(12000L, PowerController.PulseMs(112));
            Assert.AreEqual(13000L, PowerController.PulseMs(113));
            Assert.AreEqual(360000L, PowerController.PulseMs(460));
            Assert.AreEqual(0L, PowerController.PulseMs(-5));
        }

        [TestMethod]
        public void PulseTime_111_Switches_Off_After_11_1_Seconds()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("PulseTime1", "111");
            Assert.AreEqual("RESULT {\"PulseTime1\":{\"Set\":111,\"Remaining\":111}}", r.Last());
            r.Mqtt("Power", "on");
            r.Output.Clear();

            r.Clock.Advance(11099);
            Assert.IsTrue(r.Relays.IsOn(0));
            r.Clock.Advance(1);
            Assert.IsFalse(r.Relays.IsOn(0));
            Assert.AreEqual("RESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n", r.Output.Text());
        }

        [TestMethod]
        public void PulseTime_112_Switches_Off_After_12_Seconds()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("PulseTime", "112");
            r.Mqtt("Power", "on");

            r.Clock.Advance(11999);
            Assert.IsTrue(r.Relays.IsOn(0));
            r.Mqtt("PulseTime1", "");
            Assert.AreEqual("RESULT {\"PulseTime1\":{\"Set\":112,\"Remaining\":0}}", r.Last());
            r.Clock.Advance(1);
            Assert.IsFalse(r.Relays.IsOn(0));
        }

        [TestMethod]
        public void Remaining_Shows_Seconds_Plus_100_Above_11_1_Seconds_And_Tenths_Below()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("PulseTime1", "113");
            r.Mqtt("Power", "on");
            r.Clock.Advance(500);
            r.Mqtt("PulseTime1", "");
            Assert.AreEqual("RESULT {\"PulseTime1\":{\"Set\":113,\"Remaining\":112}}", r.Last());
            r.Clock.Advance(2000);
            r.Mqtt("PulseTime1", "");
            Assert.AreEqual("RESULT {\"PulseTime1\":{\"Set\":113,\"Remaining\":105}}", r.Last());
        }

        [TestMethod]
        public void Setting_A_PulseTime_Answers_The_Same_Remaining_Time_While_The_Clock_Runs()
        {
            CommandRig r = CommandRig.Create(1);
            r.Clock.MsPerRead = 1; // time moves while the command runs, as on a busy device
            r.Mqtt("PulseTime1", "25");
            Assert.AreEqual("RESULT {\"PulseTime1\":{\"Set\":25,\"Remaining\":25}}", r.Last());
            r.Mqtt("PulseTime1", "130");
            Assert.AreEqual("RESULT {\"PulseTime1\":{\"Set\":130,\"Remaining\":130}}", r.Last());
        }

        [TestMethod]
        public void Each_Power_On_Restarts_The_Pulse_And_Off_Stops_It()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("PulseTime1", "10");
            r.Mqtt("Power", "on");
            r.Clock.Advance(900);
            r.Mqtt("Power", "on");
            r.Clock.Advance(900);
            Assert.IsTrue(r.Relays.IsOn(0));
            r.Clock.Advance(100);
            Assert.IsFalse(r.Relays.IsOn(0));

            r.Mqtt("Power", "on");
            r.Mqtt("Power", "off");
            r.Output.Clear();
            r.Clock.Advance(5000);
            Assert.AreEqual(string.Empty, r.Output.Text());
            Assert.AreEqual(0, r.Clock.RunningTimers);
        }

        [TestMethod]
        public void PulseTime_Without_Index_Lists_Every_Slot()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("PulseTime2", "5");
            r.Mqtt("PulseTime", "");
            Assert.AreEqual("RESULT {\"PulseTime\":{\"Set\":[0,5,0,0,0,0,0,0],\"Remaining\":[0,5,0,0,0,0,0,0]}}", r.Last());
        }

        [TestMethod]
        public void PulseTime_Out_Of_Range_Keeps_The_Value_And_Bad_Index_Is_An_Error()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("PulseTime1", "20");
            r.Mqtt("PulseTime1", "65536");
            Assert.AreEqual(20, r.S.PulseTime[0]);
            r.Mqtt("PulseTime1", "-1");
            Assert.AreEqual(20, r.S.PulseTime[0]);
            r.Mqtt("PulseTime1", "off");
            Assert.AreEqual(0, r.S.PulseTime[0]);
            r.Mqtt("PulseTime9", "10");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            r.Mqtt("PulseTime0", "10");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
        }

        [TestMethod]
        public void PowerOnState_5_Times_The_Off_State_And_Switches_On()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("PulseTime1", "20");
            r.Mqtt("PowerOnState", "5");
            r.Power.StartBootPulses();
            r.Clock.Advance(1999);
            Assert.IsFalse(r.Relays.IsOn(0));
            r.Clock.Advance(1);
            Assert.IsTrue(r.Relays.IsOn(0));

            r.Mqtt("Power", "off");
            r.Clock.Advance(2000);
            Assert.IsTrue(r.Relays.IsOn(0));
        }

        [TestMethod]
        public void Boot_Pulses_Switch_Off_A_Relay_That_Booted_On()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("PulseTime2", "3");
            r.Mqtt("PowerOnState", "1");
            r.Power.ApplyPowerOnState(true);
            r.Power.StartBootPulses();
            r.Clock.Advance(300);
            Assert.IsTrue(r.Relays.IsOn(0));
            Assert.IsFalse(r.Relays.IsOn(1));
        }

        [TestMethod]
        public void PowerOnState_4_Locks_Every_Relay_On()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("PowerOnState", "4");
            Assert.IsTrue(r.Relays.IsOn(0));
            Assert.IsTrue(r.Relays.IsOn(1));
            r.Output.Clear();
            r.Gpio.ClearTrace();

            r.Mqtt("Power2", "off");
            r.Mqtt("Power0", "0");
            r.Mqtt("Power1", "toggle");
            r.Mqtt("Power1", "blink");
            r.Clock.Advance(3000);

            Assert.IsTrue(r.Relays.IsOn(0));
            Assert.IsTrue(r.Relays.IsOn(1));
            Assert.AreEqual(string.Empty, r.Gpio.TraceText());
            Assert.AreEqual("RESULT {\"POWER2\":\"ON\"}", r.Output.At(0).ToString());
        }

        [TestMethod]
        public void Blink_Ends_In_The_Pre_Blink_State_On()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "on");
            r.Mqtt("BlinkCount", "3");
            r.Mqtt("BlinkTime", "2");
            r.Mqtt("Power", "blink");
            r.Clock.Advance(100 + 6 * 200);
            Assert.AreEqual(0, r.Power.BlinkMask);
            Assert.IsTrue(r.Relays.IsOn(0));
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}", r.Output.At(r.Output.Count - 2).ToString());
        }
    }
}
