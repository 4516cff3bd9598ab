using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    /// <summary>
    /// PowerOnState 0..5 x SetOption0 x saved state, on a cold power-on and on a warm restart, against
    /// the table read from Tasmota's SetPowerOnState (support_tasmota.ino): 4 wins on every boot; a warm
    /// restart restores the saved state only with SetOption0; 2/3 need SetOption0 on a cold boot too.
    /// </summary>
    [TestClass]
    public class BootSemanticsTests
    {
        /// <summary>Relay mask after booting two relays with SavedPower = 0, 1, 2, 3, as four digits.</summary>
        private static string Row(bool cold, int mode, bool saveState)
        {
            string row = string.Empty;
            for (int saved = 0; saved < 4; saved++)
            {
                CommandRig r = CommandRig.Create(2);
                r.S.PowerOnState = mode;
                r.S.SaveState = saveState;
                r.S.SavedPower = saved;
                r.Power.ApplyPowerOnState(cold);
                row += r.Relays.PowerMask.ToString();
            }

            return row;
        }

        [TestMethod]
        public void Cold_Power_On_Follows_Tasmota_For_Every_PowerOnState()
        {
            string[] withSaveState = new string[] { "0000", "3333", "3210", "0123", "3333", "0000" };
            string[] withoutSaveState = new string[] { "0000", "3333", "0000", "0000", "3333", "0000" };
            for (int mode = 0; mode <= 5; mode++)
            {
                Assert.AreEqual(withSaveState[mode], Row(true, mode, true), "PowerOnState " + mode + ", SetOption0 1");
                Assert.AreEqual(withoutSaveState[mode], Row(true, mode, false), "PowerOnState " + mode + ", SetOption0 0");
            }
        }

        [TestMethod]
        public void Warm_Restart_Restores_The_Saved_State_Except_PowerOnState_4()
        {
            for (int mode = 0; mode <= 5; mode++)
            {
                Assert.AreEqual(mode == 4 ? "3333" : "0123", Row(false, mode, true), "PowerOnState " + mode + ", SetOption0 1");
                Assert.AreEqual(mode == 4 ? "3333" : "0000", Row(false, mode, false), "PowerOnState " + mode + ", SetOption0 0");
            }
        }

        [TestMethod]
        public void After_Boot_The_Saved_State_Is_The_Real_One_So_PowerOnState_2_Toggles_What_Was_On()
        {
            CommandRig r = CommandRig.Create(1);
            r.S.PowerOnState = 0;
            r.S.SavedPower = 1;
            r.Power.ApplyPowerOnState(true);
            Assert.AreEqual(0, r.Relays.PowerMask);
            Assert.AreEqual(0, r.S.SavedPower, "relays were already off: no change event, still stored as off");
            r.Clock.Advance(1000);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"SavedPower\":0,") > 0);

            CommandRig next = CommandRig.CreateFromFlash(1, r.Store.Clone(), true);
            next.S.PowerOnState = 2;
            next.Power.ApplyPowerOnState(true);
            Assert.AreEqual(1, next.Relays.PowerMask);
        }
    }
}
