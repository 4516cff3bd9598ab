using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Settings
{
    /// <summary>Flash writes caused by relay toggles (SaveData, SetOption0) and the SaveData command.</summary>
    [TestClass]
    public class FlashWearTests
    {
        /// <summary>
        /// 1,000 TOGGLEs in 10 s of virtual time: 500 at 9 ms then 500 at 11 ms intervals, then 3 s of
        /// quiet. Returns the flash writes they caused.
        /// </summary>
        private static int ThousandToggles(CommandRig r)
        {
            int before = r.Store.Saves;
            for (int i = 0; i < 1000; i++)
            {
                r.Mqtt("POWER", "TOGGLE");
                r.Clock.Advance(i < 500 ? 9 : 11);
            }

            r.Clock.Advance(3000);
            return r.Store.Saves - before;
        }

        [TestMethod]
        public void Thousand_Toggles_In_Ten_Seconds_Cost_At_Most_One_Write_Per_Second()
        {
            CommandRig r = CommandRig.Create(1);
            int writes = ThousandToggles(r);

            // One timer per SaveData second (1 s) after the first change in it; a write only when the
            // state at that moment differs from the stored one: with this cadence 6 of the 10 periods
            // end with a different state (a 10 ms cadence would give 0: 100 toggles per second).
            Assert.AreEqual(6, writes);
            Assert.AreEqual(0, r.S.SavedPower);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"SavedPower\":0,") > 0, "the final state is what flash holds");
        }

        [TestMethod]
        public void With_SaveData_0_Toggles_Write_Nothing_Until_Restart_1()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SAVEDATA", "0");
            Assert.AreEqual("RESULT {\"SaveData\":\"OFF\"}", r.Last());
            r.Mqtt("POWER", "ON");
            int before = r.Store.Saves;
            Assert.AreEqual(0, ThousandToggles(r));
            r.Mqtt("RESTART", "1");
            r.Clock.Advance(1000);
            Assert.AreEqual(before + 1, r.Store.Saves);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"SavedPower\":1,") > 0);
            Assert.AreEqual(1, r.System.Restarts);
        }

        [TestMethod]
        public void With_SetOption0_Off_Toggles_Write_Nothing()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SETOPTION0", "0");
            r.Clock.Advance(1000);
            Assert.AreEqual(0, ThousandToggles(r));
        }

        [TestMethod]
        public void SaveData_Command_Answers_As_Tasmota_And_Writes_At_Once()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SAVEDATA", string.Empty);
            Assert.AreEqual("RESULT {\"SaveData\":\"ON\"}", r.Last());
            int before = r.Store.Saves;
            r.Mqtt("SAVEDATA", "60");
            Assert.AreEqual("RESULT {\"SaveData\":\"Every 60 seconds\"}", r.Last());
            Assert.AreEqual(before + 1, r.Store.Saves, "written at once, not 60 s later");
            Assert.AreEqual(60, r.S.SaveData);
            r.Mqtt("SAVEDATA", "3601");
            Assert.AreEqual("RESULT {\"SaveData\":\"Every 60 seconds\"}", r.Last());
            r.Mqtt("SAVEDATA", "-1");
            Assert.AreEqual(60, r.S.SaveData);
            r.Mqtt("SAVEDATA", "1");
            Assert.AreEqual("RESULT {\"SaveData\":\"ON\"}", r.Last());
            Assert.AreEqual(before + 2, r.Store.Saves);

            r.Mqtt("SAVEDATA", "60");
            r.Mqtt("POWER", "ON");
            r.Clock.Advance(59999);
            Assert.AreEqual(before + 3, r.Store.Saves);
            r.Clock.Advance(1);
            Assert.AreEqual(before + 4, r.Store.Saves);
        }
    }
}
