namespace SmartLamp.Core.Timers.Astro
{
    /// <summary>
    /// Sunrise and sunset with NOAA's solar position equations (the ones of NOAA's Solar Calculator
    /// spreadsheet: Julian century, geometric mean longitude and anomaly, equation of centre, apparent
    /// longitude, corrected obliquity, declination, equation of time; sunrise/sunset at a solar altitude
    /// of -0.833°), evaluated at the event itself (two refinements from solar noon), with <see cref="Trig"/>
    /// instead of System.Math. Results are UTC Unix seconds. No allocation.
    /// </summary>
    public static class SunTimes
    {
        /// <summary>Sunrise and sunset exist on that day.</summary>
        public const int Normal = 0;

        /// <summary>The sun stays above the horizon all day (polar day): no sunrise, no sunset.</summary>
        public const int AlwaysUp = 1;

        /// <summary>The sun stays below the horizon all day (polar night): no sunrise, no sunset.</summary>
        public const int AlwaysDown = 2;

        private const double Zenith = 90.833;

        /// <summary>
        /// Sunrise and sunset of the day <paramref name="dayNumber"/> (days since 1970-01-01, the calendar
        /// day at the place) at <paramref name="latitudeDeg"/> (north positive) and
        /// <paramref name="longitudeDeg"/> (east positive). Returns <see cref="Normal"/>,
        /// <see cref="AlwaysUp"/> or <see cref="AlwaysDown"/>; the times are set only for Normal.
        /// </summary>
        public static int Compute(double latitudeDeg, double longitudeDeg, long dayNumber, out long riseUtc, out long setUtc)
        {
            riseUtc = 0;
            setUtc = 0;

            // Solar noon of that calendar day at that longitude, as the first estimate.
            double noon = (dayNumber * 86400.0) + 43200.0 - (longitudeDeg * 240.0);
            double ha;
            double eq;
            int state = HourAngle(latitudeDeg, noon, out ha, out eq);
            if (state != Normal)
            {
                return state;
            }

            double rise;
            double set;
            if (!Event(latitudeDeg, longitudeDeg, dayNumber, -1, noon, out rise) || !Event(latitudeDeg, longitudeDeg, dayNumber, 1, noon, out set))
            {
                // Near the polar limits the event vanishes when evaluated at its own time: no rise/set that day.
                return ha < 90 ? AlwaysDown : AlwaysUp;
            }

            riseUtc = Round(rise);
            setUtc = Round(set);
            return Normal;
        }

        /// <summary>Solar declination (degrees) and equation of time (minutes) at Unix seconds <paramref name="t"/>.</summary>
        public static void Position(double t, out double declinationDeg, out double equationOfTimeMin)
        {
            double jd = 2440587.5 + (t / 86400.0);
            double jc = (jd - 2451545.0) / 36525.0;
            double l0 = Mod360(280.46646 + (jc * (36000.76983 + (jc * 0.0003032))));
            double m = 357.52911 + (jc * (35999.05029 - (0.0001537 * jc)));
            double e = 0.016708634 - (jc * (0.000042037 + (0.0000001267 * jc)));
            double mr = m * Trig.Rad;
            double c = (Trig.Sin(mr) * (1.914602 - (jc * (0.004817 + (0.000014 * jc)))))
                + (Trig.Sin(2 * mr) * (0.019993 - (0.000101 * jc)))
                + (Trig.Sin(3 * mr) * 0.000289);
            double trueLong = l0 + c;
            double omega = (125.04 - (1934.136 * jc)) * Trig.Rad;
            double appLong = trueLong - 0.00569 - (0.00478 * Trig.Sin(omega));
            double meanObliq = 23 + ((26 + ((21.448 - (jc * (46.815 + (jc * (0.00059 - (jc * 0.001813)))))) / 60)) / 60);
            double obliq = meanObliq + (0.00256 * Trig.Cos(omega));
            double obliqR = obliq * Trig.Rad;
            declinationDeg = Trig.Asin(Trig.Sin(obliqR) * Trig.Sin(appLong * Trig.Rad)) / Trig.Rad;
            double y = Trig.Tan(obliqR / 2);
            y *= y;
            double l0r = l0 * Trig.Rad;
            double eqRad = (y * Trig.Sin(2 * l0r))
                - (2 * e * Trig.Sin(mr))
                + (4 * e * y * Trig.Sin(mr) * Trig.Cos(2 * l0r))
                - (0.5 * y * y * Trig.Sin(4 * l0r))
                - (1.25 * e * e * Trig.Sin(2 * mr));
            equationOfTimeMin = 4 * (eqRad / Trig.Rad);
        }

        // Refines the rise (sign -1) or set (+1) twice, each time evaluating the sun at the last estimate.
        private static bool Event(double lat, double lon, long dayNumber, int sign, double estimate, out double t)
        {
            t = estimate;
            for (int i = 0; i < 3; i++)
            {
                double ha;
                double eq;
                if (HourAngle(lat, t, out ha, out eq) != Normal)
                {
                    return false;
                }

                double noonMin = 720 - (4 * lon) - eq;
                t = (dayNumber * 86400.0) + ((noonMin + (sign * 4 * ha)) * 60.0);
            }

            return true;
        }

        // Hour angle of sunrise (degrees) at time t, or AlwaysUp/AlwaysDown.
        private static int HourAngle(double lat, double t, out double ha, out double eq)
        {
            double decl;
            Position(t, out decl, out eq);
            double latR = lat * Trig.Rad;
            double declR = decl * Trig.Rad;
            double cosH = (Trig.Cos(Zenith * Trig.Rad) / (Trig.Cos(latR) * Trig.Cos(declR))) - (Trig.Tan(latR) * Trig.Tan(declR));
            ha = 0;
            if (cosH > 1)
            {
                return AlwaysDown;
            }

            if (cosH < -1)
            {
                ha = 180;
                return AlwaysUp;
            }

            ha = Trig.Acos(cosH) / Trig.Rad;
            return Normal;
        }

        private static double Mod360(double x)
        {
            return x - (360 * Trig.Floor(x / 360));
        }

        private static long Round(double x)
        {
            return (long)Trig.Floor(x + 0.5);
        }
    }
}
