using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Time
{
    /// <summary>
    /// One of Tasmota's TimeStd/TimeDst rules "Hemisphere,Week,Month,Day,Hour,Offset": the change happens
    /// in Month (1..12) on Week (1..4 = first..fourth, 0 = last) Day (1 = Sunday .. 7 = Saturday) at Hour
    /// (0..23, local time before the change); Offset (-900..900 minutes from UTC) applies afterwards.
    /// Hemisphere (0 north, 1 south) is kept and shown as Tasmota does; which period is summer follows from
    /// the order of the two dates, so a wrong hemisphere flag cannot invert DST.
    /// </summary>
    public sealed class TimeRule
    {
        /// <summary>Tasmota's default daylight-saving rule (last Sunday in March, 02:00, UTC+2 h): "0,0,3,1,2,120".</summary>
        public const string DefaultDst = "0,0,3,1,2,120";

        /// <summary>Tasmota's default standard-time rule (last Sunday in October, 03:00, UTC+1 h): "0,0,10,1,3,60".</summary>
        public const string DefaultStd = "0,0,10,1,3,60";

        /// <summary>0 north, 1 south.</summary>
        public int Hemisphere;

        /// <summary>0 = last, 1..4 = first..fourth.</summary>
        public int Week;

        /// <summary>1..12.</summary>
        public int Month;

        /// <summary>1 = Sunday .. 7 = Saturday.</summary>
        public int Day;

        /// <summary>0..23, local time before the change.</summary>
        public int Hour;

        /// <summary>Minutes from UTC after the change (-900..900).</summary>
        public int Offset;

        /// <summary>Reads "H,W,M,D,h,T" into this rule, Tasmota style: empty fields keep the current value, values are clamped to their ranges. False (nothing changed) when the text has no comma or a field is not a number.</summary>
        public bool Parse(string text)
        {
            if (text == null || text.IndexOf(',') < 0)
            {
                return false;
            }

            int[] v = new int[] { Hemisphere, Week, Month, Day, Hour, Offset };
            int field = 0;
            int start = 0;
            int n = text.Length;
            while (field < 6 && start <= n)
            {
                int end = Chars.IndexOf(text, start, n, ',');
                if (end < 0)
                {
                    end = n;
                }

                int s = Chars.SkipSpaces(text, start, end);
                int e = Chars.TrimEnd(text, s, end);
                if (e > s)
                {
                    int value;
                    if (!CommandValue.TryParseNumber(text.Substring(s, e - s), out value) || !AllDigits(text, s, e))
                    {
                        return false;
                    }

                    v[field] = value;
                }

                field++;
                start = end + 1;
            }

            Hemisphere = v[0] & 1;
            Week = Clamp(v[1], 0, 4);
            Month = Clamp(v[2], 1, 12);
            Day = Clamp(v[3], 1, 7);
            Hour = Clamp(v[4], 0, 23);
            Offset = Clamp(v[5], -900, 900);
            return true;
        }

        /// <summary>"0,0,3,1,2,120" (what is stored).</summary>
        public override string ToString()
        {
            TextBuffer b = new TextBuffer(24);
            b.AppendNumber(Hemisphere).Append(',').AppendNumber(Week).Append(',').AppendNumber(Month).Append(',');
            b.AppendNumber(Day).Append(',').AppendNumber(Hour).Append(',').AppendNumber(Offset);
            return b.ToString();
        }

        /// <summary>{"Hemisphere":0,"Week":0,"Month":3,"Day":1,"Hour":2,"Offset":120} under <paramref name="key"/>.</summary>
        public void Write(CommandResponse r, string key)
        {
            r.BeginObject(key);
            r.Add("Hemisphere", Hemisphere);
            r.Add("Week", Week);
            r.Add("Month", Month);
            r.Add("Day", Day);
            r.Add("Hour", Hour);
            r.Add("Offset", Offset);
            r.End();
        }

        /// <summary>Local wall time (Unix seconds, local as if UTC) of the change in <paramref name="year"/>.</summary>
        public long LocalChange(int year)
        {
            long days;
            if (Week == 0)
            {
                // Last <Day> of the month: from the first day of the next month go back to that weekday.
                int y = Month == 12 ? year + 1 : year;
                int m = Month == 12 ? 1 : Month + 1;
                long next = CivilTime.DaysFromCivil(y, m, 1);
                long last = next - 1;
                int back = (CivilTime.DayOfWeek(last) - (Day - 1) + 7) % 7;
                days = last - back;
            }
            else
            {
                long first = CivilTime.DaysFromCivil(year, Month, 1);
                int ahead = ((Day - 1) - CivilTime.DayOfWeek(first) + 7) % 7;
                days = first + ahead + (7 * (Week - 1));
            }

            return (days * CivilTime.SecondsPerDay) + (Hour * 3600L);
        }

        private static bool AllDigits(string t, int s, int e)
        {
            for (int i = s; i < e; i++)
            {
                char c = t[i];
                if (!((c >= '0' && c <= '9') || ((c == '+' || c == '-') && i == s)))
                {
                    return false;
                }
            }

            return true;
        }

        private static int Clamp(int v, int min, int max)
        {
            return v < min ? min : (v > max ? max : v);
        }
    }
}
