// Host-only: compares the core's Math-free trigonometry and sunrise/sunset with an independent
// implementation of NOAA's published solar equations in System.Math (double), for every day of 2027
// and 2028 at six places, and with a few published almanac values. Not compiled for the nanoCLR.
using System;
using nanoFramework.TestFramework;
using SmartLamp.Core.Time;
using SmartLamp.Core.Timers.Astro;

namespace SmartLamp.Core.Tests.HostOnly
{
    [TestClass]
    public class SunReferenceTests
    {
        [TestMethod]
        public void Trig_Matches_System_Math()
        {
            double worst = 0;
            for (double x = -50; x <= 50; x += 0.0137)
            {
                worst = Math.Max(worst, Math.Abs(Math.Sin(x) - Trig.Sin(x)));
                worst = Math.Max(worst, Math.Abs(Math.Cos(x) - Trig.Cos(x)));
                worst = Math.Max(worst, Math.Abs(Math.Atan(x) - Trig.Atan(x)));
                double u = x / 50;
                worst = Math.Max(worst, Math.Abs(Math.Asin(u) - Trig.Asin(u)));
                worst = Math.Max(worst, Math.Abs(Math.Acos(u) - Trig.Acos(u)));
                worst = Math.Max(worst, Math.Abs(Math.Sqrt(Math.Abs(x) * 1000) - Trig.Sqrt(Math.Abs(x) * 1000)) / Math.Max(1, Math.Sqrt(Math.Abs(x) * 1000)));
            }

            Assert.IsTrue(worst < 1e-10, "worst difference " + worst);
        }

        // NOAA Solar Calculator equations (spreadsheet version), written out again with System.Math.
        private static bool Reference(double lat, double lon, double t, int sign, out double eventUtc)
        {
            eventUtc = 0;
            long day = (long)Math.Floor(t / 86400);
            double est = t;
            for (int i = 0; i < 3; i++)
            {
                double jc = ((est / 86400.0) + 2440587.5 - 2451545.0) / 36525.0;
                double l0 = (280.46646 + (jc * (36000.76983 + (jc * 0.0003032)))) % 360;
                if (l0 < 0) l0 += 360;
                double m = 357.52911 + (jc * (35999.05029 - (0.0001537 * jc)));
                double e = 0.016708634 - (jc * (0.000042037 + (0.0000001267 * jc)));
                double c = (Math.Sin(Deg(m)) * (1.914602 - (jc * (0.004817 + (0.000014 * jc))))) + (Math.Sin(Deg(2 * m)) * (0.019993 - (0.000101 * jc))) + (Math.Sin(Deg(3 * m)) * 0.000289);
                double app = l0 + c - 0.00569 - (0.00478 * Math.Sin(Deg(125.04 - (1934.136 * jc))));
                double obliq = 23 + ((26 + ((21.448 - (jc * (46.815 + (jc * (0.00059 - (jc * 0.001813)))))) / 60)) / 60) + (0.00256 * Math.Cos(Deg(125.04 - (1934.136 * jc))));
                double decl = Math.Asin(Math.Sin(Deg(obliq)) * Math.Sin(Deg(app)));
                double y = Math.Pow(Math.Tan(Deg(obliq / 2)), 2);
                double eq = 4 * (180 / Math.PI) * ((y * Math.Sin(2 * Deg(l0))) - (2 * e * Math.Sin(Deg(m))) + (4 * e * y * Math.Sin(Deg(m)) * Math.Cos(2 * Deg(l0))) - (0.5 * y * y * Math.Sin(4 * Deg(l0))) - (1.25 * e * e * Math.Sin(2 * Deg(m))));
                double cosH = (Math.Cos(Deg(90.833)) / (Math.Cos(Deg(lat)) * Math.Cos(decl))) - (Math.Tan(Deg(lat)) * Math.Tan(decl));
                if (cosH > 1 || cosH < -1)
                {
                    return false;
                }

                double ha = Math.Acos(cosH) * 180 / Math.PI;
                est = (day * 86400.0) + ((720 - (4 * lon) - eq + (sign * 4 * ha)) * 60);
            }

            eventUtc = est;
            return true;
        }

        private static double Deg(double d) => d * Math.PI / 180;

        [TestMethod]
        public void Sunrise_And_Sunset_Within_One_Minute_Of_The_Reference_Every_Day_At_Six_Places()
        {
            double[][] places =
            {
                new[] { 48.8584, 2.2945 },      // Paris
                new[] { 40.7128, -74.0060 },    // New York
                new[] { -33.8688, 151.2093 },   // Sydney (southern hemisphere)
                new[] { -54.8019, -68.3030 },   // Ushuaia (far south)
                new[] { 69.6496, 18.9560 },     // Tromsø (Arctic: midnight sun, polar night)
                new[] { 1.3521, 103.8198 },     // Singapore (equator)
                new[] { 78.2232, 15.6267 },     // Longyearbyen (high Arctic)
            };
            int compared = 0;
            int polar = 0;
            string worstText = string.Empty;
            double worst = 0;
            foreach (double[] p in places)
            {
                long first = CivilTime.DaysFromCivil(2027, 1, 1);
                long last = CivilTime.DaysFromCivil(2028, 12, 31);
                for (long day = first; day <= last; day++)
                {
                    int state = SunTimes.Compute(p[0], p[1], day, out long rise, out long set);
                    double noon = (day * 86400.0) + 43200 - (p[1] * 240);
                    bool hasRise = Reference(p[0], p[1], noon, -1, out double rRise);
                    bool hasSet = Reference(p[0], p[1], noon, 1, out double rSet);
                    if (state != SunTimes.Normal)
                    {
                        Assert.IsFalse(hasRise && hasSet, "core says no sunrise/sunset at " + p[0] + " on day " + CivilTime.Iso(day * 86400) + ", the reference has both");
                        polar++;
                        continue;
                    }

                    Assert.IsTrue(hasRise && hasSet, "core has sunrise/sunset at " + p[0] + " on " + CivilTime.Iso(day * 86400) + ", the reference not");
                    double d = Math.Max(Math.Abs(rise - rRise), Math.Abs(set - rSet));
                    if (d > worst)
                    {
                        worst = d;
                        worstText = p[0] + " " + CivilTime.Iso(day * 86400);
                    }

                    compared++;
                }
            }

            Assert.IsTrue(worst < 60, "worst difference " + worst + " s at " + worstText);
            Assert.IsTrue(compared > 4000 && polar > 100, compared + " days compared, " + polar + " polar days/nights");
        }

        [TestMethod]
        public void Published_Almanac_Values()
        {
            // Paris, 1 January: sunrise 08:44, sunset 17:04 CET (07:44 / 16:04 UTC), as printed in common almanacs.
            SunTimes.Compute(48.8584, 2.2945, CivilTime.DaysFromCivil(2027, 1, 1), out long rise, out long set);
            Assert.AreEqual("07:44", CivilTime.HourMinute(CivilTime.SecondOfDay(rise + 30) / 60));
            Assert.AreEqual("16:04", CivilTime.HourMinute(CivilTime.SecondOfDay(set + 30) / 60));
            Assert.AreEqual(SunTimes.AlwaysUp, SunTimes.Compute(69.6496, 18.9560, CivilTime.DaysFromCivil(2027, 6, 21), out rise, out set), "Tromsø midnight sun");
            Assert.AreEqual(SunTimes.AlwaysDown, SunTimes.Compute(69.6496, 18.9560, CivilTime.DaysFromCivil(2027, 12, 21), out rise, out set), "Tromsø polar night");
        }
    }
}
