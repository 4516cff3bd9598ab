using SmartLamp.Core.Text;

namespace SmartLamp.Core.Time
{
    /// <summary>
    /// Calendar arithmetic on Unix seconds (seconds since 1970-01-01T00:00:00, UTC or "local as if UTC"),
    /// proleptic Gregorian, integer only, nothing allocated except by the formatters. Valid for years 1..9999.
    /// </summary>
    public static class CivilTime
    {
        /// <summary>Seconds per day.</summary>
        public const long SecondsPerDay = 86400;

        /// <summary>DateTime ticks of 1970-01-01T00:00:00.</summary>
        public const long EpochTicks = 621355968000000000;

        /// <summary>Days since 1970-01-01 of a civil date (month 1..12, day 1..31).</summary>
        public static long DaysFromCivil(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = (y >= 0 ? y : y - 399) / 400;
            long yoe = y - (era * 400);
            long mp = (month + 9) % 12;
            long doy = ((153 * mp) + 2) / 5 + day - 1;
            long doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
            return (era * 146097) + doe - 719468;
        }

        /// <summary>The civil date of <paramref name="days"/> since 1970-01-01.</summary>
        public static void CivilFromDays(long days, out int year, out int month, out int day)
        {
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = z - (era * 146097);
            long yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
            long doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
            long mp = ((5 * doy) + 2) / 153;
            day = (int)(doy - (((153 * mp) + 2) / 5) + 1);
            month = (int)(mp < 10 ? mp + 3 : mp - 9);
            year = (int)((yoe + (era * 400)) + (month <= 2 ? 1 : 0));
        }

        /// <summary>Floor division of seconds into days (correct before 1970 too).</summary>
        public static long DayNumber(long seconds)
        {
            return seconds >= 0 ? seconds / SecondsPerDay : ((seconds + 1) / SecondsPerDay) - 1;
        }

        /// <summary>Seconds since midnight (0..86399).</summary>
        public static int SecondOfDay(long seconds)
        {
            return (int)(seconds - (DayNumber(seconds) * SecondsPerDay));
        }

        /// <summary>Day of the week of a day number: 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday).</summary>
        public static int DayOfWeek(long days)
        {
            long w = (days + 4) % 7;
            return (int)(w < 0 ? w + 7 : w);
        }

        /// <summary>The year of <paramref name="seconds"/>.</summary>
        public static int YearOf(long seconds)
        {
            int y;
            int m;
            int d;
            CivilFromDays(DayNumber(seconds), out y, out m, out d);
            return y;
        }

        /// <summary>Unix seconds of a UTC DateTime.</summary>
        public static long ToUnix(System.DateTime utc)
        {
            long ticks = utc.Ticks - EpochTicks;
            return ticks >= 0 ? ticks / System.TimeSpan.TicksPerSecond : ((ticks + 1) / System.TimeSpan.TicksPerSecond) - 1;
        }

        /// <summary>The DateTime of Unix seconds.</summary>
        public static System.DateTime FromUnix(long seconds)
        {
            return new System.DateTime(EpochTicks + (seconds * System.TimeSpan.TicksPerSecond));
        }

        /// <summary>"2027-03-28T02:00:00".</summary>
        public static string Iso(long seconds)
        {
            TextBuffer b = new TextBuffer(19);
            AppendIso(b, seconds);
            return b.ToString();
        }

        /// <summary>Appends "2027-03-28T02:00:00" to <paramref name="b"/>.</summary>
        public static void AppendIso(TextBuffer b, long seconds)
        {
            int y;
            int m;
            int d;
            long days = DayNumber(seconds);
            CivilFromDays(days, out y, out m, out d);
            int sod = (int)(seconds - (days * SecondsPerDay));
            b.AppendTwoDigits(y / 100).AppendTwoDigits(y % 100).Append('-');
            b.AppendTwoDigits(m).Append('-').AppendTwoDigits(d).Append('T');
            b.AppendTwoDigits(sod / 3600).Append(':').AppendTwoDigits((sod / 60) % 60).Append(':').AppendTwoDigits(sod % 60);
        }

        /// <summary>"06:45" for a minute of the day (0..1439).</summary>
        public static string HourMinute(int minuteOfDay)
        {
            TextBuffer b = new TextBuffer(5);
            b.AppendTwoDigits(minuteOfDay / 60).Append(':').AppendTwoDigits(minuteOfDay % 60);
            return b.ToString();
        }

        /// <summary>
        /// Reads at most <paramref name="most"/> ASCII digits of <paramref name="text"/> from <paramref name="i"/>
        /// on, moving <paramref name="i"/> past them: the hours or minutes of "hh:mm"-like values. -1 when there is none.
        /// </summary>
        public static int ReadDigits(string text, ref int i, int most)
        {
            int start = i;
            int value = 0;
            while (i < text.Length && i - start < most && text[i] >= '0' && text[i] <= '9')
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            return i == start ? -1 : value;
        }
    }
}
