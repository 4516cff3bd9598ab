using nanoFramework.TestFramework;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Tests.Commands;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Relays
{
    [TestClass]
    public class InterlockTests
    {
        [TestMethod]
        public void Interlock_Answers_With_State_And_Groups()
        {
            CommandRig r = CommandRig.Create(4);
            r.Mqtt("Interlock", "");
            Assert.AreEqual("RESULT {\"Interlock\":\"OFF\",\"Groups\":\"1,2,3,4\"}", r.Last());
            r.Mqtt("Interlock", "1,2 3,4");
            Assert.AreEqual("RESULT {\"Interlock\":\"OFF\",\"Groups\":\"1,2 3,4\"}", r.Last());
            r.Mqtt("Interlock", "on");
            Assert.AreEqual("RESULT {\"Interlock\":\"ON\",\"Groups\":\"1,2 3,4\"}", r.Last());
        }

        [TestMethod]
        public void Groups_Drop_Unknown_Repeated_And_Single_Relays()
        {
            CommandRig r = CommandRig.Create(4);
            r.Mqtt("Interlock", "1,9,2 2,3 4,x,0");
            Assert.AreEqual("RESULT {\"Interlock\":\"OFF\",\"Groups\":\"1,2\"}", r.Last());
            Assert.AreEqual(3, r.S.InterlockGroups[0]);
            Assert.AreEqual(0, r.S.InterlockGroups[1]);
            Assert.AreEqual(0, r.S.InterlockGroups[2]);
        }

        [TestMethod]
        public void Single_Relay_Device_Has_No_Interlock()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Interlock", "1");
            Assert.AreEqual("RESULT {\"Interlock\":\"OFF\"}", r.Last());
            Assert.IsFalse(r.S.Interlock);
        }

        [TestMethod]
        public void Switching_On_Turns_The_Group_Off_First_Then_On_50_ms_Later()
        {
            CommandRig r = CommandRig.Create(3);
            r.Mqtt("Interlock", "1,2");
            r.Mqtt("Interlock", "1");
            r.Mqtt("Power1", "on");
            r.Mqtt("Power3", "on");
            r.Output.Clear();
            r.Gpio.ClearTrace();
            long t0 = r.Clock.NowMs;

            r.Mqtt("Power2", "on");
            Assert.IsFalse(r.Relays.IsOn(0));
            Assert.IsFalse(r.Relays.IsOn(1));
            Assert.AreEqual("RESULT {\"POWER1\":\"OFF\"}\nstat POWER1 OFF\n", r.Output.Text());
            r.Clock.Advance(PowerController.InterlockDelayMs);

            Assert.AreEqual(t0 + " 12 0\n" + (t0 + 50) + " 13 1\n", r.Gpio.TraceText());
            Assert.AreEqual("RESULT {\"POWER1\":\"OFF\"}\nstat POWER1 OFF\nRESULT {\"POWER2\":\"ON\"}\nstat POWER2 ON\n", r.Output.Text());
            Assert.IsTrue(r.Relays.IsOn(2));
        }

        [TestMethod]
        public void The_Pin_Trace_Never_Shows_Two_Relays_Of_A_Group_On()
        {
            CommandRig r = CommandRig.Create(4);
            r.Mqtt("Interlock", "1,2,3 4");
            r.Mqtt("Interlock", "1");
            r.Gpio.ClearTrace();
            string[] steps = { "Power1 on", "Power2 toggle", "Power3 on", "Power0 on", "Power1 toggle", "Power2 blink", "Power3 on", "Power1 on", "Power2 on" };
            for (int i = 0; i < steps.Length; i++)
            {
                r.Line(steps[i]);
                r.Clock.Advance(i % 2 == 0 ? 10 : 700);
            }

            r.Clock.Advance(30000);
            bool[] on = new bool[4];
            for (int i = 0; i < r.Gpio.TraceCount; i++)
            {
                TraceEntry e = r.Gpio.TraceAt(i);
                on[e.Pin - CommandRig.FirstPin] = e.Level;
                int count = (on[0] ? 1 : 0) + (on[1] ? 1 : 0) + (on[2] ? 1 : 0);
                Assert.IsTrue(count <= 1, "two relays of group 1,2,3 on at trace entry " + i.ToString());
            }

            Assert.IsTrue(r.Gpio.TraceCount > 6);
        }

        [TestMethod]
        public void Power0_On_With_Interlock_Switches_A_Whole_Group_Off()
        {
            CommandRig r = CommandRig.Create(3);
            r.Mqtt("Interlock", "1,2");
            r.Mqtt("Interlock", "1");
            r.Mqtt("Power0", "on");
            Assert.IsFalse(r.Relays.IsOn(0));
            Assert.IsFalse(r.Relays.IsOn(1));
            Assert.IsTrue(r.Relays.IsOn(2));
        }

        [TestMethod]
        public void Enabling_Interlock_Switches_Off_A_Group_With_Two_Relays_On()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Power1", "on");
            r.Mqtt("Power2", "on");
            r.Output.Clear();
            r.Mqtt("Interlock", "1");
            Assert.AreEqual(0, r.Relays.PowerMask);
            Assert.AreEqual("RESULT {\"POWER1\":\"OFF\"}\nstat POWER1 OFF\nRESULT {\"POWER2\":\"OFF\"}\nstat POWER2 OFF\nRESULT {\"Interlock\":\"ON\",\"Groups\":\"1,2\"}\n", r.Output.Text());
        }
    }
}
