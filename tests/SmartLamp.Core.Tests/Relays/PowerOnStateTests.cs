using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    [TestClass]
    public class PowerOnStateTests
    {
        private static CommandRig Booted(int mode, bool saveState, int savedPower)
        {
            CommandRig r = CommandRig.Create(2);
            r.S.PowerOnState = mode;
            r.S.SaveState = saveState;
            r.S.SavedPower = savedPower;
            return r;
        }

        [TestMethod]
        public void Cold_Boot_Follows_PowerOnState()
        {
            CommandRig r = Booted(0, true, 3);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(0, r.Relays.PowerMask);

            r = Booted(1, true, 0);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(3, r.Relays.PowerMask);

            r = Booted(2, true, 1);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(2, r.Relays.PowerMask);

            r = Booted(3, true, 2);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(2, r.Relays.PowerMask);

            r = Booted(4, true, 0);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(3, r.Relays.PowerMask);

            r = Booted(5, true, 3);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(0, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Saved_State_Modes_Need_SetOption0()
        {
            CommandRig r = Booted(3, false, 3);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(0, r.Relays.PowerMask);
            r = Booted(2, false, 0);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(0, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Warm_Restart_Restores_The_Saved_State_Whatever_PowerOnState_Says()
        {
            CommandRig r = Booted(0, true, 2);
            r.Power.ApplyPowerOnState(false);
            Assert.AreEqual(2, r.Relays.PowerMask);
            r = Booted(1, false, 2);
            r.Power.ApplyPowerOnState(false);
            Assert.AreEqual(0, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Applying_Publishes_Nothing()
        {
            CommandRig r = Booted(1, true, 0);
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(0, r.Output.Count);
        }

        [TestMethod]
        public void Saved_State_Survives_A_Restart_Through_The_Store()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Power2", "on");
            r.Clock.Advance(1000);
            CommandRig next = CommandRig.CreateFromFlash(2, r.Store.Clone(), true);
            next.Power.ApplyPowerOnState(true);
            Assert.AreEqual(2, next.Relays.PowerMask);
        }

        [TestMethod]
        public void PowerOnState_Command_Sets_Range_And_4_Switches_All_On_And_Locks_Them()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("PowerOnState", "");
            Assert.AreEqual("RESULT {\"PowerOnState\":3}", r.Last());
            r.Mqtt("PowerOnState", "6");
            Assert.AreEqual("RESULT {\"PowerOnState\":3}", r.Last());
            r.Mqtt("PowerOnState", "0");
            Assert.AreEqual("RESULT {\"PowerOnState\":0}", r.Last());
            r.Output.Clear();
            r.Mqtt("PowerOnState", "4");
            Assert.AreEqual(3, r.Relays.PowerMask);
            Assert.AreEqual(
                "RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\nRESULT {\"POWER2\":\"ON\"}\nstat POWER2 ON\nRESULT {\"PowerOnState\":4}\n",
                r.Output.Text());
            r.Output.Clear();
            r.Mqtt("Power1", "off");
            Assert.AreEqual(3, r.Relays.PowerMask);
            Assert.AreEqual("RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\n", r.Output.Text());
        }
    }
}
