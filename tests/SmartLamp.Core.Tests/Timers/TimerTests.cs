using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Tests.Time;
using SmartLamp.Core.Time;

namespace SmartLamp.Core.Tests.Timers
{
    /// <summary>Timer1..16 on virtual time; the zone is the default (Timezone 99, EU rules: CET/CEST).</summary>
    [TestClass]
    public class TimerTests
    {
        private const string Daily0645 = "Timer1 {\"Enable\":1,\"Mode\":0,\"Time\":\"06:45\",\"Window\":0,\"Days\":\"1111111\",\"Repeat\":1,\"Output\":1,\"Action\":2}";

        private static TimeRig WithTimer(string timer)
        {
            TimeRig r = TimeRig.Start();
            r.Cmd("Timers 1");
            r.Cmd(timer);
            return r;
        }

        [TestMethod]
        public void A_Timer_Switches_At_Its_Minute_Through_The_Normal_Power_Path()
        {
            TimeRig r = TimeRig.Start();
            Assert.AreEqual("{\"Timer1\":{\"Enable\":1,\"Mode\":0,\"Time\":\"06:45\",\"Window\":0,\"Days\":\"0111110\",\"Repeat\":1,\"Output\":1,\"Action\":1}}",
                r.Cmd("Timer1 {\"Enable\":1,\"Mode\":0,\"Time\":\"06:45\",\"Window\":0,\"Days\":\"-MTWTF-\",\"Repeat\":1,\"Output\":1,\"Action\":1}"));
            r.Sync(2027, 7, 5, 4, 44, 58); // Monday 06:44:58 CEST
            r.Advance(5000);
            Assert.IsFalse(r.On, "Timers 0 (the default) keeps every timer off");

            r.Cmd("Timers 1");
            r.Sync(2027, 7, 5, 4, 44, 58);
            r.F.Mqtt.ClearPublished();
            r.Advance(1000);
            Assert.IsFalse(r.On, "not before 06:45");
            r.Advance(1500);
            Assert.IsTrue(r.On, "06:45:00");
            Assert.AreEqual("ON", r.F.LastPayload("stat/" + DeviceFixture.T + "/POWER"));
            Assert.AreEqual("{\"POWER\":\"ON\"}", r.F.LastPayload("stat/" + DeviceFixture.T + "/RESULT"));
        }

        [TestMethod]
        public void Days_Decide_And_Repeat_0_Disables_The_Timer_After_It_Fired()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"06:45\",\"Days\":\"-MTWTF-\",\"Repeat\":0,\"Action\":1}");
            r.Sync(2027, 7, 3, 4, 44, 50); // Saturday
            r.Advance(20000);
            Assert.IsFalse(r.On, "not on a Saturday");
            r.Sync(2027, 7, 6, 4, 44, 50); // Tuesday
            r.Advance(20000);
            Assert.IsTrue(r.On);
            Assert.IsTrue(r.Cmd("Timer1").IndexOf("\"Enable\":0") >= 0, "Repeat 0: disabled after firing");
        }

        [TestMethod]
        public void Nothing_Fires_Before_The_Time_Is_Valid()
        {
            // The virtual clock's boot default is 2026-01-01T00:00:00; a 01:00 timer (00:00 UTC in winter) must not see it.
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"01:00\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":1}");
            r.Advance(180000);
            Assert.IsFalse(r.On);
            r.Sync(2026, 1, 2, 0, 0, 0);
            r.Advance(1000);
            Assert.IsTrue(r.On, "once valid it fires");
        }

        [TestMethod]
        public void A_Clock_Step_Backwards_Does_Not_Fire_The_Same_Occasion_Twice()
        {
            TimeRig r = WithTimer(Daily0645);
            r.Sync(2027, 7, 5, 4, 44, 58);
            r.F.Mqtt.ClearPublished();
            r.Advance(3000);
            Assert.IsTrue(r.On, "toggled on at 06:45");
            r.Sync(2027, 7, 5, 4, 40, 0); // SNTP corrects the clock back by five minutes
            r.Advance(6 * 60 * 1000);
            Assert.IsTrue(r.On, "the second 06:45 toggled nothing");
            Assert.AreEqual(1, r.PowerPublishes);
        }

        [TestMethod]
        public void A_Power_Cut_Right_After_The_Timer_Fired_Does_Not_Fire_It_Again_In_That_Minute()
        {
            TimeRig r = WithTimer(Daily0645);
            r.Sync(2027, 7, 5, 4, 44, 58);
            r.Advance(8000); // fired at 06:45:00, settings written a second later (SaveData 1)
            Assert.IsTrue(r.On);
            r.Boot(); // power cut: no Shutdown; same flash, the time comes back from SNTP within the same minute
            r.Sync(2027, 7, 5, 4, 45, 20);
            r.F.Mqtt.ClearPublished();
            r.Advance(3000);
            Assert.IsTrue(r.On, "restored ON (PowerOnState 3) and not toggled off again");
            Assert.AreEqual(0, r.PowerPublishes, "no timer toggle after the boot");
        }

        [TestMethod]
        public void A_Power_Cut_Just_Before_The_Timer_Minute_Still_Fires_After_The_Reboot()
        {
            TimeRig r = WithTimer(Daily0645);
            r.Sync(2027, 7, 5, 4, 44, 50);
            r.Advance(2000);
            r.Boot();
            r.Sync(2027, 7, 5, 4, 45, 10);
            r.Advance(2000);
            Assert.IsTrue(r.On, "Tasmota skips the first minute after boot; SmartLamp fires if it has not yet");
        }

        [TestMethod]
        public void Spring_Forward_Fires_A_0230_Timer_At_0300_Once()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"02:30\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":2}");
            r.Sync(2027, 3, 28, 0, 59, 30); // 01:59:30 CET; 30 s later it is 03:00 CEST
            r.F.Mqtt.ClearPublished();
            r.Advance(29000);
            Assert.IsFalse(r.On);
            r.Advance(2000);
            Assert.IsTrue(r.On, "02:30 does not exist that night: fired at the change");
            r.Advance(40 * 60 * 1000);
            Assert.IsTrue(r.On);
            Assert.AreEqual(1, r.PowerPublishes);
        }

        [TestMethod]
        public void Fall_Back_Fires_A_0230_Timer_Once_Although_0230_Happens_Twice()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"02:30\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":2}");
            r.Sync(2027, 10, 31, 0, 29, 50); // 02:29:50 CEST
            r.F.Mqtt.ClearPublished();
            r.Advance(15000);
            Assert.IsTrue(r.On, "first 02:30");
            r.Advance(61 * 60 * 1000); // through 03:00 CEST = 02:00 CET and the second 02:30
            Assert.IsTrue(r.On, "the repeated hour toggles nothing");
            Assert.AreEqual(1, r.PowerPublishes);
        }

        [TestMethod]
        public void Southern_Hemisphere_Timer_Follows_Local_Summer_Time()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"07:00\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":2}");
            r.Cmd("TimeStd 1,1,4,1,3,600");
            r.Cmd("TimeDst 1,1,10,1,2,660");
            r.Sync(2027, 1, 14, 19, 59, 55); // 06:59:55 AEDT (UTC+11) on 15 January
            r.Advance(6000);
            Assert.IsTrue(r.On, "07:00 Sydney summer time");
            r.Sync(2027, 7, 14, 20, 59, 55); // 06:59:55 AEST (UTC+10)
            r.Advance(6000);
            Assert.IsFalse(r.On, "07:00 Sydney winter time: toggled back");
        }

        [TestMethod]
        public void A_Timer_Fires_On_A_Leap_Day()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"12:00\",\"Days\":\"--T----\",\"Repeat\":1,\"Action\":1}");
            r.Sync(2028, 2, 29, 10, 59, 50); // Tuesday 29 February 2028, 11:59:50 CET
            r.Advance(11000);
            Assert.IsTrue(r.On);
        }

        [TestMethod]
        public void Random_Window_Stays_Within_Plus_Minus_Window_And_Uses_Both_Sides()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Time\":\"06:45\",\"Window\":15,\"Days\":\"1111111\",\"Repeat\":1,\"Action\":1}");
            int min = 99;
            int max = -99;
            for (int i = 0; i < 300; i++)
            {
                r.Cmd("Timer1 {\"Window\":15}");
                int w = r.App.Timers.WindowOffset(0);
                min = w < min ? w : min;
                max = w > max ? w : max;
            }

            Assert.IsTrue(min >= -15 && max <= 15, "window " + min + ".." + max);
            Assert.IsTrue(min <= -12 && max >= 12, "draws cover the window: " + min + ".." + max);
            r.Cmd("Timer1 {\"Window\":3}");
            int off = r.App.Timers.WindowOffset(0);
            Assert.IsTrue(off >= -3 && off <= 3);

            // It fires at 06:45 + offset, not a minute earlier.
            int at = (6 * 60) + 45 + off - 120; // UTC minutes of the day (CEST)
            r.SyncBefore(2027, 7, 5, at, 50);
            r.Advance(5000);
            Assert.IsFalse(r.On, "one minute early");
            r.Advance(60000);
            Assert.IsTrue(r.On, "at 06:45" + (off >= 0 ? "+" : string.Empty) + off);
        }

        [TestMethod]
        public void Sunrise_Timer_With_A_Negative_Offset_Fires_At_Sunrise_Minus_Offset()
        {
            TimeRig r = WithTimer("Timer1 {\"Enable\":1,\"Mode\":1,\"Time\":\"-00:30\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":1}");
            Assert.IsTrue(r.Cmd("Timer1").IndexOf("\"Mode\":1,\"Time\":\"-00:30\"") >= 0);
            r.Cmd("Latitude 48.8584");
            r.Cmd("Longitude 2.2945");
            long day = CivilTime.DaysFromCivil(2027, 6, 21);
            int rise = r.App.Timers.SunMinute(day, false);
            Assert.IsTrue(rise >= (5 * 60) + 45 && rise <= (5 * 60) + 48, "Paris sunrise on 21 June is about 05:47 CEST, got " + rise);
            int at = rise - 30 - 120;
            r.SyncBefore(2027, 6, 21, at, 50);
            r.Advance(5000);
            Assert.IsFalse(r.On);
            r.Advance(60000);
            Assert.IsTrue(r.On, "sunrise - 30 min");
        }

        [TestMethod]
        public void Above_The_Arctic_Circle_Midsummer_Has_No_Sunset_And_Midwinter_No_Sunrise()
        {
            TimeRig r = TimeRig.Start();
            r.Cmd("Latitude 69.6496"); // Tromsø
            r.Cmd("Longitude 18.9560");
            Assert.AreEqual(-1, r.App.Timers.SunMinute(CivilTime.DaysFromCivil(2027, 6, 21), true));
            Assert.AreEqual(-1, r.App.Timers.SunMinute(CivilTime.DaysFromCivil(2027, 6, 21), false));
            Assert.AreEqual(-1, r.App.Timers.SunMinute(CivilTime.DaysFromCivil(2027, 12, 21), false));
            Assert.IsTrue(r.App.Timers.SunMinute(CivilTime.DaysFromCivil(2027, 3, 21), false) > 0, "equinox: a normal sunrise");

            r.Cmd("Timers 1");
            r.Cmd("Timer2 {\"Enable\":1,\"Mode\":2,\"Time\":\"00:00\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":1}");
            r.Sync(2027, 6, 21, 0, 0, 0);
            r.Advance(3 * 60 * 60 * 1000);
            Assert.IsFalse(r.On, "a sunset timer never fires under the midnight sun");
            r.App.ExecuteCommand("Status 7");
            r.Advance(0);
            string s7 = r.F.LastPayload("stat/" + DeviceFixture.T + "/STATUS7");
            Assert.IsTrue(s7.IndexOf("\"Sunrise\":\"--:--\",\"Sunset\":\"--:--\"") >= 0, s7);
        }

        [TestMethod]
        public void Action_3_Only_Raises_Clock_Timer_For_The_Rules()
        {
            TimeRig r = WithTimer("Timer5 {\"Enable\":1,\"Time\":\"06:45\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":3}");
            r.Sync(2027, 7, 5, 4, 44, 58);
            r.Advance(5000);
            Assert.IsFalse(r.On, "Action 3 switches nothing itself");
            r.Cmd("Rule1 ON Clock#Timer=5 DO Power1 ON ENDON");
            r.Cmd("Rule1 1");
            r.Sync(2027, 7, 6, 4, 44, 58);
            r.Advance(5000);
            Assert.IsTrue(r.On, "the rule ran on Clock#Timer=5");
        }

        [TestMethod]
        public void A_Timer_That_Switches_Nothing_Still_Saves_Its_Run_And_A_One_Shot_Stays_Off()
        {
            // Action 3 only raises Clock#Timer: the writes after it come from the timer's own state
            // (its last run; with Repeat 0 also its Enable going to 0), not from a relay change.
            TimeRig r = WithTimer("Timer5 {\"Enable\":1,\"Time\":\"06:45\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":3}");
            r.Cmd("Timer6 {\"Enable\":1,\"Time\":\"06:47\",\"Days\":\"1111111\",\"Repeat\":0,\"Action\":3}");
            r.Sync(2027, 7, 5, 4, 44, 58);
            r.Advance(1500);
            int saves = r.F.Store.Saves;
            r.Advance(4000);
            Assert.IsTrue(r.F.Store.Saves > saves, "the run of Timer5 was not saved");
            r.Advance(60000);
            saves = r.F.Store.Saves;
            r.Advance(60000);
            Assert.IsTrue(r.F.Store.Saves > saves, "the run of Timer6 was not saved");
            r.Boot();
            Assert.IsTrue(r.Cmd("Timer6").IndexOf("\"Enable\":0") >= 0, "Repeat 0: still off after a restart");
            Assert.IsTrue(r.Cmd("Timer5").IndexOf("\"Enable\":1") >= 0);
        }

        [TestMethod]
        public void Timer_Commands_Clear_Copy_Refuse_Bad_Input_And_Survive_A_Restart()
        {
            TimeRig r = TimeRig.Start();
            Assert.AreEqual("{\"Timer3\":{\"Enable\":0,\"Mode\":0,\"Time\":\"00:00\",\"Window\":0,\"Days\":\"0000000\",\"Repeat\":0,\"Output\":1,\"Action\":0}}", r.Cmd("Timer3"));
            string set = r.Cmd("Timer3 {\"enable\":\"1\",\"Mode\":2,\"Time\":\"-1:15\",\"Window\":20,\"Days\":\"SMTWTFS\",\"Repeat\":1,\"Output\":9,\"Action\":2}");
            Assert.AreEqual("{\"Timer3\":{\"Enable\":1,\"Mode\":2,\"Time\":\"-01:15\",\"Window\":4,\"Days\":\"1111111\",\"Repeat\":1,\"Output\":1,\"Action\":2}}", set, "masked like Tasmota; output beyond the relays = 1");
            Assert.AreEqual("{\"Timer4\":" + set.Substring(10), r.Cmd("Timer4 3"));
            Assert.AreEqual("{\"Timer4\":{\"Enable\":0,\"Mode\":0,\"Time\":\"00:00\",\"Window\":0,\"Days\":\"0000000\",\"Repeat\":0,\"Output\":1,\"Action\":0}}", r.Cmd("Timer4 0"));
            Assert.AreEqual("{\"Timer1\":\"Invalid JSON\"}", r.Cmd("Timer1 {\"Enable\":1"));
            Assert.IsTrue(r.Cmd("Timer1 {\"Time\":\"soon\"}").IndexOf("\"Command\":\"Error\"") >= 0);
            Assert.IsTrue(r.Cmd("Timer1 {\"Time\":\"12345\"}").IndexOf("\"Command\":\"Error\"") >= 0, "hours have at most 4 digits");
            Assert.IsTrue(r.Cmd("Timer1 {\"Time\":\"7:\"}").IndexOf("\"Time\":\"07:00\"") >= 0, "no minute digits = :00");
            Assert.IsTrue(r.Cmd("Timer1 17").IndexOf("\"Command\":\"Error\"") >= 0);
            Assert.AreEqual("{\"Command\":\"Error\"}", r.Cmd("Timer17"));
            Assert.IsTrue(r.Cmd("Latitude 91").IndexOf("\"Command\":\"Error\"") >= 0);
            Assert.AreEqual("{\"Latitude\":-33.868800}", r.Cmd("Latitude -33.8688"));
            Assert.AreEqual("{\"Longitude\":151.209300}", r.Cmd("Longitude 151.2093"));
            r.Cmd("Timers 1");

            r.App.Shutdown();
            r.Boot();
            Assert.AreEqual(set, r.Cmd("Timer3"));
            Assert.AreEqual("{\"Latitude\":-33.868800}", r.Cmd("Latitude"));
            r.F.Mqtt.ClearPublished();
            r.App.ExecuteCommand("Timers");
            r.Advance(0);
            Assert.AreEqual(5, r.F.Mqtt.CountOn("stat/" + DeviceFixture.T + "/RESULT"), "Timers answers in five messages");
            Assert.AreEqual("{\"Timers\":\"ON\"}", r.F.Mqtt.PublishedAt(0).Payload);
            string last = r.F.LastPayload("stat/" + DeviceFixture.T + "/RESULT");
            Assert.IsTrue(last.StartsWith("{\"Timers4\":{\"Timer13\":{"), last);
            Assert.IsTrue(last.IndexOf("\"Timer16\":{") > 0, last);
        }
    }
}
