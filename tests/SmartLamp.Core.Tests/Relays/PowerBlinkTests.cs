using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    [TestClass]
    public class PowerBlinkTests
    {
        [TestMethod]
        public void Blink_Toggles_BlinkCount_Times_BlinkTime_Apart_Then_Restores()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("BlinkTime", "5");
            r.Mqtt("BlinkCount", "2");
            Assert.AreEqual("RESULT {\"BlinkCount\":2}", r.Last());
            r.Output.Clear();
            r.Gpio.ClearTrace();
            long t0 = r.Clock.NowMs;

            r.Mqtt("Power", "blink");
            Assert.AreEqual("RESULT {\"POWER\":\"BLINK ON\"}\n", r.Output.Text());
            r.Clock.Advance(3000);

            // first toggle after 100 ms, then every 500 ms; 2 on/off cycles; restore at the 5th tick
            string expected =
                (t0 + 100) + " 12 1\n" +
                (t0 + 600) + " 12 0\n" +
                (t0 + 1100) + " 12 1\n" +
                (t0 + 1600) + " 12 0\n";
            Assert.AreEqual(expected, r.Gpio.TraceText());
            Assert.AreEqual("RESULT {\"POWER\":\"BLINK ON\"}\nRESULT {\"POWER\":\"BLINK OFF\"}\nRESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n", r.Output.Text());
            Assert.AreEqual(0, r.Power.BlinkMask);
            Assert.AreEqual(0, r.Clock.RunningTimers);
        }

        [TestMethod]
        public void Blink_Starting_On_Restores_On_And_Queries_Show_The_Pre_Blink_State()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "on");
            r.Mqtt("BlinkCount", "1");
            r.Output.Clear();
            r.Mqtt("Power", "3");
            r.Clock.Advance(100);
            Assert.IsFalse(r.Gpio.Read(CommandRig.FirstPin));
            r.Mqtt("Power", "");
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}", r.Output.At(1).ToString());
            r.Clock.Advance(5000);
            Assert.IsTrue(r.Gpio.Read(CommandRig.FirstPin));
            Assert.AreEqual("RESULT {\"POWER\":\"BLINK OFF\"}", r.Output.At(3).ToString());
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.At(4).ToString() + "\n" + r.Output.At(5).ToString() + "\n");
        }

        [TestMethod]
        public void BlinkOff_Stops_Early_And_Restores()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "blink");
            r.Clock.Advance(100);
            Assert.IsTrue(r.Gpio.Read(CommandRig.FirstPin));
            r.Output.Clear();
            r.Mqtt("Power", "blinkoff");
            Assert.AreEqual("RESULT {\"POWER\":\"BLINK OFF\"}\nRESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n", r.Output.Text());
            Assert.IsFalse(r.Gpio.Read(CommandRig.FirstPin));
            Assert.AreEqual(0, r.Clock.RunningTimers);
        }

        [TestMethod]
        public void BlinkOff_While_Not_Blinking_Only_Reports_Blink_Off()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "4");
            Assert.AreEqual("RESULT {\"POWER\":\"BLINK OFF\"}\n", r.Output.Text());
        }

        [TestMethod]
        public void Power_Command_During_Blink_Stops_It_And_Acts_On_The_Pre_Blink_State()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "blink");
            r.Clock.Advance(100);
            r.Output.Clear();
            r.Mqtt("Power", "toggle");
            Assert.AreEqual("RESULT {\"POWER\":\"BLINK OFF\"}\nRESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.Text());
            r.Clock.Advance(10000);
            Assert.IsTrue(r.Gpio.Read(CommandRig.FirstPin));
            Assert.AreEqual(3, r.Output.Count);
        }

        [TestMethod]
        public void Blinking_Does_Not_Save_The_Blink_States()
        {
            CommandRig r = CommandRig.Create(1);
            int saves = r.Store.Saves;
            r.Mqtt("Power", "blink");
            r.Clock.Advance(2500);
            Assert.AreEqual(0, r.S.SavedPower);
            Assert.AreEqual(saves, r.Store.Saves);
        }

        [TestMethod]
        public void Only_The_Blinking_Relay_Blinks()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Power1", "on");
            r.Mqtt("Power2", "blink");
            r.Clock.Advance(100);
            Assert.AreEqual(3, r.Relays.PowerMask);
            r.Clock.Advance(1000);
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Mqtt("Power1", "off");
            Assert.AreEqual(2, r.Power.BlinkMask);
            Assert.AreEqual(0, r.Relays.PowerMask & 1);
        }

        [TestMethod]
        public void BlinkTime_And_BlinkCount_Keep_Their_Ranges()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("BlinkTime", "1");
            Assert.AreEqual("RESULT {\"BlinkTime\":10}", r.Last());
            r.Mqtt("BlinkTime", "3601");
            Assert.AreEqual("RESULT {\"BlinkTime\":10}", r.Last());
            r.Mqtt("BlinkTime", "3600");
            Assert.AreEqual("RESULT {\"BlinkTime\":3600}", r.Last());
            r.Mqtt("BlinkCount", "32001");
            Assert.AreEqual("RESULT {\"BlinkCount\":10}", r.Last());
            r.Mqtt("BlinkCount", "0");
            Assert.AreEqual("RESULT {\"BlinkCount\":0}", r.Last());
        }
    }
}
