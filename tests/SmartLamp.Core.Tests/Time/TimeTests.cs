using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Time;

namespace SmartLamp.Core.Tests.Time
{
    [TestClass]
    public class TimeTests
    {
        private static long Utc(int y, int mo, int d, int h, int mi, int s)
        {
            return (CivilTime.DaysFromCivil(y, mo, d) * 86400L) + (h * 3600L) + (mi * 60L) + s;
        }

        [TestMethod]
        public void Civil_Dates_Round_Trip_Including_Leap_Days()
        {
            Assert.AreEqual(0L, CivilTime.DaysFromCivil(1970, 1, 1));
            long leap = CivilTime.DaysFromCivil(2028, 2, 29);
            Assert.AreEqual(CivilTime.DaysFromCivil(2028, 2, 28) + 1, leap);
            Assert.AreEqual(CivilTime.DaysFromCivil(2028, 3, 1) - 1, leap);
            Assert.AreEqual(2, CivilTime.DayOfWeek(leap), "2028-02-29 is a Tuesday");
            Assert.AreEqual(CivilTime.DaysFromCivil(2027, 3, 1) - 1, CivilTime.DaysFromCivil(2027, 2, 28), "2027 has no leap day");
            Assert.AreEqual(CivilTime.DaysFromCivil(2100, 3, 1) - 1, CivilTime.DaysFromCivil(2100, 2, 28), "2100 has no leap day");
            for (long day = -800; day < 60000; day += 37)
            {
                int y;
                int m;
                int d;
                CivilTime.CivilFromDays(day, out y, out m, out d);
                Assert.AreEqual(day, CivilTime.DaysFromCivil(y, m, d));
            }

            Assert.AreEqual("2028-02-29T23:59:59", CivilTime.Iso(Utc(2028, 2, 29, 23, 59, 59)));
            Assert.AreEqual(Utc(2027, 3, 28, 1, 59, 30), CivilTime.ToUnix(new System.DateTime(2027, 3, 28, 1, 59, 30)));
        }

        [TestMethod]
        public void Discovery_Sensors_Time_Is_Local_Like_State()
        {
            TimeRig r = TimeRig.Start();
            r.Sync(2027, 7, 1, 10, 0, 0); // summer: the default zone (99, EU rules) is UTC+2
            r.Advance(11000); // Tasmota discovery goes out 10 s after the connect
            string sensors = r.F.LastPayload("tasmota/discovery/" + DeviceFixture.Mac + "/sensors");
            Assert.IsNotNull(sensors, "no discovery sensors payload");
            Assert.IsTrue(sensors.IndexOf("\"Time\":\"2027-07-01T12:00:") >= 0, "local time expected: " + sensors);
        }

        [TestMethod]
        public void Northern_Dst_Starts_And_Ends_At_0100_Utc_On_The_Last_Sundays_Of_March_And_October()
        {
            TimeRig r = TimeRig.Start();
            TimeService t = r.App.Time;
            Assert.AreEqual(60, t.OffsetMinutes(Utc(2027, 3, 28, 0, 59, 59)));
            Assert.AreEqual(120, t.OffsetMinutes(Utc(2027, 3, 28, 1, 0, 0)));
            Assert.AreEqual(120, t.OffsetMinutes(Utc(2027, 10, 31, 0, 59, 59)));
            Assert.AreEqual(60, t.OffsetMinutes(Utc(2027, 10, 31, 1, 0, 0)));
            Assert.AreEqual(60, t.OffsetMinutes(Utc(2028, 3, 26, 0, 59, 59)), "2028: last Sunday of March is the 26th");
            Assert.AreEqual(120, t.OffsetMinutes(Utc(2028, 3, 26, 1, 0, 0)));
        }

        [TestMethod]
        public void Southern_Dst_Sydney_Rules_Switch_In_April_And_October()
        {
            TimeRig r = TimeRig.Start();
            Assert.AreEqual("{\"TimeStd\":{\"Hemisphere\":1,\"Week\":1,\"Month\":4,\"Day\":1,\"Hour\":3,\"Offset\":600}}", r.Cmd("TimeStd 1,1,4,1,3,600"));
            Assert.AreEqual("{\"TimeDst\":{\"Hemisphere\":1,\"Week\":1,\"Month\":10,\"Day\":1,\"Hour\":2,\"Offset\":660}}", r.Cmd("TimeDst 1,1,10,1,2,660"));
            TimeService t = r.App.Time;

            // 2027: DST ends Sunday 4 April 03:00 AEDT = 3 April 16:00 UTC; starts Sunday 3 October 02:00 AEST = 2 October 16:00 UTC.
            Assert.AreEqual(660, t.OffsetMinutes(Utc(2027, 1, 15, 12, 0, 0)), "January is summer");
            Assert.AreEqual(660, t.OffsetMinutes(Utc(2027, 4, 3, 15, 59, 59)));
            Assert.AreEqual(600, t.OffsetMinutes(Utc(2027, 4, 3, 16, 0, 0)));
            Assert.AreEqual(600, t.OffsetMinutes(Utc(2027, 10, 2, 15, 59, 59)));
            Assert.AreEqual(660, t.OffsetMinutes(Utc(2027, 10, 2, 16, 0, 0)));
            Assert.AreEqual(660, t.OffsetMinutes(Utc(2027, 12, 31, 23, 0, 0)));

            // The hemisphere flag is shown but cannot invert summer: the order of the dates decides.
            r.Cmd("TimeDst 0,,,,,");
            Assert.AreEqual(600, t.OffsetMinutes(Utc(2027, 7, 1, 0, 0, 0)));
        }

        [TestMethod]
        public void Timezone_Answers_Like_Tasmota_And_Refuses_Nonsense()
        {
            TimeRig r = TimeRig.Start();
            Assert.AreEqual("{\"Timezone\":99}", r.Cmd("Timezone"));
            Assert.AreEqual("{\"Timezone\":\"+02:00\"}", r.Cmd("Timezone 2"));
            Assert.AreEqual(120, r.App.Time.OffsetMinutes(Utc(2027, 1, 1, 0, 0, 0)));
            Assert.AreEqual("{\"Timezone\":\"-03:30\"}", r.Cmd("Timezone -3:30"));
            Assert.AreEqual(-210, r.App.Time.OffsetMinutes(Utc(2027, 7, 1, 0, 0, 0)));
            Assert.AreEqual("{\"Timezone\":\"+14:00\"}", r.Cmd("Timezone +14"));
            Assert.AreEqual("{\"Timezone\":\"-13:00\"}", r.Cmd("Timezone -13"));
            Assert.AreEqual("{\"Timezone\":\"+05:59\"}", r.Cmd("Timezone 5:75"));
            Assert.AreEqual("{\"Timezone\":\"-00:30\"}", r.Cmd("Timezone -00:30"));
            Assert.AreEqual(-30, r.App.Time.OffsetMinutes(0));
            Assert.AreEqual("{\"Timezone\":99}", r.Cmd("Timezone 15"));
            Assert.AreEqual("{\"Timezone\":99}", r.Cmd("Timezone 99"));
            Assert.AreEqual("{\"Command\":\"Error\",\"Timezone\":\"expected -13..+14, +hh:mm or 99\"}", r.Cmd("Timezone -14"));
            Assert.AreEqual("{\"Command\":\"Error\",\"Timezone\":\"expected -13..+14, +hh:mm or 99\"}", r.Cmd("Timezone one"));
            Assert.AreEqual("{\"Command\":\"Error\",\"Timezone\":\"expected -13..+14, +hh:mm or 99\"}", r.Cmd("Timezone +0530"), "hours have at most 3 digits");
            Assert.AreEqual("{\"Command\":\"Error\",\"Timezone\":\"expected -13..+14, +hh:mm or 99\"}", r.Cmd("Timezone 5:300"), "minutes have at most 2 digits");
            Assert.AreEqual("{\"Timezone\":99}", r.Cmd("Timezone"), "a refused value changes nothing");
        }

        [TestMethod]
        public void TimeStd_And_TimeDst_Take_Tasmotas_Partial_Syntax_And_Reset_With_0()
        {
            TimeRig r = TimeRig.Start();
            Assert.AreEqual("{\"TimeStd\":{\"Hemisphere\":0,\"Week\":0,\"Month\":10,\"Day\":1,\"Hour\":3,\"Offset\":60}}", r.Cmd("TimeStd"));
            Assert.AreEqual("{\"TimeDst\":{\"Hemisphere\":0,\"Week\":0,\"Month\":3,\"Day\":1,\"Hour\":2,\"Offset\":120}}", r.Cmd("TimeDst"));
            Assert.AreEqual("{\"TimeStd\":{\"Hemisphere\":0,\"Week\":0,\"Month\":10,\"Day\":1,\"Hour\":3,\"Offset\":-300}}", r.Cmd("TimeStd ,,,,,-300"));
            Assert.AreEqual("{\"TimeStd\":{\"Hemisphere\":0,\"Week\":4,\"Month\":12,\"Day\":7,\"Hour\":23,\"Offset\":900}}", r.Cmd("TimeStd 0, 9, 13, 8, 30, 1000"), "clamped like Tasmota");
            Assert.AreEqual("{\"TimeStd\":{\"Hemisphere\":0,\"Week\":0,\"Month\":10,\"Day\":1,\"Hour\":3,\"Offset\":60}}", r.Cmd("TimeStd 0"));
            string bad = r.Cmd("TimeStd 1,x,3");
            Assert.IsTrue(bad.IndexOf("\"Command\":\"Error\"") >= 0, bad);
            Assert.AreEqual("{\"TimeStd\":{\"Hemisphere\":0,\"Week\":0,\"Month\":10,\"Day\":1,\"Hour\":3,\"Offset\":60}}", r.Cmd("TimeStd"));
        }

        [TestMethod]
        public void Time_Shows_Local_Time_Sets_By_Hand_And_State_And_Status7_Use_Local_Time()
        {
            TimeRig r = TimeRig.Start();
            r.Sync(2027, 7, 1, 10, 0, 0);
            Assert.AreEqual("{\"Time\":\"2027-07-01T12:00:00\"}", r.Cmd("Time"));
            Assert.AreEqual("{\"Time\":\"2027-07-01T12:00:00\",\"Epoch\":1814436000}", r.Cmd("Time 2"));
            Assert.AreEqual("{\"Time\":1814436000}", r.Cmd("Time 3"));
            Assert.AreEqual("{\"Time\":\"2027-01-01T01:00:00\",\"Epoch\":1798761600}", r.Cmd("Time 1798761600"));
            Assert.IsTrue(r.Wall.Manual, "Time <epoch> stops SNTP");
            Assert.AreEqual("{\"Time\":\"2027-01-01T01:00:00\",\"Epoch\":1798761600}", r.Cmd("Time 0"), "Time 0 answers Time and Epoch as Tasmota does");
            Assert.IsFalse(r.Wall.Manual, "Time 0 starts SNTP again");
            Assert.AreEqual("2.pool.ntp.org,2.europe.pool.ntp.org,2.nl.pool.ntp.org", r.Wall.Servers);
            Assert.IsTrue(r.Cmd("Time -5").IndexOf("\"Command\":\"Error\"") >= 0);

            r.Cmd("State");
            string state = r.F.LastPayload("stat/" + Tests.App.DeviceFixture.T + "/RESULT");
            Assert.IsTrue(state.IndexOf("\"Time\":\"2027-01-01T01:00:00\"") >= 0, state);

            r.Cmd("Latitude 48.8584");
            r.Cmd("Longitude 2.2945");
            r.App.ExecuteCommand("Status 7");
            r.Advance(0);
            Assert.AreEqual(
                "{\"StatusTIM\":{\"UTC\":\"2027-01-01T00:00:00\",\"Local\":\"2027-01-01T01:00:00\",\"StartDST\":\"2027-03-28T02:00:00\",\"EndDST\":\"2027-10-31T03:00:00\",\"Timezone\":99,\"Sunrise\":\"08:44\",\"Sunset\":\"17:04\"}}",
                r.F.LastPayload("stat/" + Tests.App.DeviceFixture.T + "/STATUS7"));
        }

        [TestMethod]
        public void NtpServer_Sets_Clears_And_Restores_The_Default()
        {
            TimeRig r = TimeRig.Start();
            Assert.AreEqual("{\"NtpServer1\":\"2.pool.ntp.org\"}", r.Cmd("NtpServer"));
            Assert.AreEqual("{\"NtpServer2\":\"fritz.box\"}", r.Cmd("NtpServer2 fritz.box"));
            Assert.AreEqual("2.pool.ntp.org,fritz.box,2.nl.pool.ntp.org", r.Wall.Servers);
            Assert.AreEqual("{\"NtpServer3\":\"\"}", r.Cmd("NtpServer3 0"));
            Assert.AreEqual("{\"NtpServer2\":\"2.europe.pool.ntp.org\"}", r.Cmd("NtpServer2 1"));
            Assert.AreEqual("{\"Command\":\"Error\"}", r.Cmd("NtpServer4 x"));
            Assert.IsTrue(r.Cmd("NtpServer1 a b").IndexOf("no spaces") >= 0);
        }

        [TestMethod]
        public void Time_Initialized_Once_Then_Time_Set_On_Every_Later_Sync()
        {
            TimeRig r = TimeRig.Start();
            r.Cmd("Rule1 ON Time#Initialized DO Power1 ON ENDON ON Time#Set DO Power1 OFF ENDON");
            r.Cmd("Rule1 1");
            r.Advance(5000);
            Assert.IsFalse(r.On, "no event while the time is unknown");
            r.Sync(2027, 7, 1, 10, 0, 0);
            r.Advance(1000);
            Assert.IsTrue(r.On, "Time#Initialized");
            r.Advance(5000);
            Assert.IsTrue(r.On, "nothing more without a sync");
            r.Sync(2027, 7, 1, 10, 0, 30);
            r.Advance(1000);
            Assert.IsFalse(r.On, "Time#Set");
        }
    }
}
