using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;
using SmartLamp.Core.Time;

namespace SmartLamp.Core.Timers
{
    /// <summary>
    /// One timer packed into 32 bits exactly like Tasmota's Settings timer word (so "TimerData" in the
    /// settings file holds the same numbers): bits 0-10 Time (minutes; in sun modes 0..719 = +offset,
    /// 720..1439 = -(value-720)), 11-14 Window, 15 Repeat, 16-22 Days (bit 16 = Sunday), 23-26 Output-1,
    /// 27-28 Action, 29-30 Mode, 31 Enable.
    /// </summary>
    public static class TimerEntry
    {
        /// <summary>Timers there are.</summary>
        public const int Count = 16;

        /// <summary>Minutes of the day, or the encoded sun offset.</summary>
        public static int TimeField(int d)
        {
            return d & 0x7FF;
        }

        /// <summary>Random window, 0..15 minutes either side.</summary>
        public static int Window(int d)
        {
            return (d >> 11) & 0xF;
        }

        /// <summary>True: stays enabled after firing.</summary>
        public static bool Repeat(int d)
        {
            return ((d >> 15) & 1) != 0;
        }

        /// <summary>Day mask, bit 0 = Sunday.</summary>
        public static int Days(int d)
        {
            return (d >> 16) & 0x7F;
        }

        /// <summary>Relay, 0-based.</summary>
        public static int Output0(int d)
        {
            return (d >> 23) & 0xF;
        }

        /// <summary>0 off, 1 on, 2 toggle, 3 rule event only.</summary>
        public static int Action(int d)
        {
            return (d >> 27) & 3;
        }

        /// <summary>0 time, 1 sunrise, 2 sunset.</summary>
        public static int Mode(int d)
        {
            return (d >> 29) & 3;
        }

        /// <summary>Enabled ("Enable", Tasmota's arm bit).</summary>
        public static bool Enabled(int d)
        {
            return (d & unchecked((int)0x80000000)) != 0;
        }

        /// <summary>The word with the Enable bit set or cleared.</summary>
        public static int WithEnabled(int d, bool on)
        {
            return on ? d | unchecked((int)0x80000000) : d & 0x7FFFFFFF;
        }

        /// <summary>Sun modes: the offset in minutes (-719..+719) the time field encodes.</summary>
        public static int SunOffset(int d)
        {
            int t = TimeField(d);
            return t >= 720 ? -(t - 720) : t;
        }

        /// <summary>Packs the fields (each masked to its width).</summary>
        public static int Pack(bool enable, int mode, int time, int window, int days, bool repeat, int output0, int action)
        {
            int d = (time & 0x7FF) | ((window & 0xF) << 11) | ((repeat ? 1 : 0) << 15) | ((days & 0x7F) << 16)
                | ((output0 & 0xF) << 23) | ((action & 3) << 27) | ((mode & 3) << 29);
            return WithEnabled(d, enable);
        }

        /// <summary>Writes "Timer&lt;n&gt;":{"Enable":1,"Mode":0,"Time":"06:45","Window":0,"Days":"0111110","Repeat":1,"Output":1,"Action":1} (Tasmota's PrepShowTimer keys and order).</summary>
        public static void Write(CommandResponse r, int index1, int d)
        {
            r.BeginObject(Key(index1));
            r.Add("Enable", Enabled(d) ? 1 : 0);
            r.Add("Mode", Mode(d));
            r.Add("Time", TimeText(d));
            r.Add("Window", Window(d));
            char[] days = new char[7];
            int mask = Days(d);
            for (int i = 0; i < 7; i++)
            {
                days[i] = (mask & (1 << i)) != 0 ? '1' : '0';
            }

            r.Add("Days", new string(days));
            r.Add("Repeat", Repeat(d) ? 1 : 0);
            r.Add("Output", Output0(d) + 1);
            r.Add("Action", Action(d));
            r.End();
        }

        /// <summary>"Timer1".."Timer16".</summary>
        public static string Key(int index1)
        {
            return new TextBuffer(7).Append("Timer").AppendNumber(index1).ToString();
        }

        /// <summary>"06:45"; in sun modes the signed offset "-01:30" as Tasmota shows it.</summary>
        public static string TimeText(int d)
        {
            int t = TimeField(d);
            if (Mode(d) == 1 || Mode(d) == 2)
            {
                if (t >= 720)
                {
                    return "-" + CivilTime.HourMinute(t - 720);
                }
            }

            if (t > 1439)
            {
                t = 1439;
            }

            return CivilTime.HourMinute(t);
        }

        /// <summary>
        /// Reads a Time value like Tasmota: "hh:mm", "-hh:mm" (sun offset, stored as hours+12); hours above 23
        /// count as 23, minutes above 59 as 59. Returns the time field, or -1 when there is no number at all.
        /// </summary>
        public static int ParseTime(string text)
        {
            if (text == null)
            {
                return -1;
            }

            int n = text.Length;
            int i = Chars.SkipSpaces(text, 0, n);

            bool negative = false;
            if (i < n && (text[i] == '-' || text[i] == '+'))
            {
                negative = text[i] == '-';
                i++;
            }

            int hours = CivilTime.ReadDigits(text, ref i, 4);
            if (hours < 0)
            {
                return -1;
            }

            int minutes = 0;
            if (i < n && text[i] == ':')
            {
                i++;
                minutes = CivilTime.ReadDigits(text, ref i, 4); // "hh:" is hh:00
            }

            if (i != n)
            {
                return -1;
            }

            if (negative)
            {
                hours += 12;
            }

            if (hours > 23)
            {
                hours = 23;
            }

            if (minutes > 59)
            {
                minutes = 59;
            }

            return (hours * 60) + (minutes < 0 ? 0 : minutes);
        }

        /// <summary>Reads Days like Tasmota ("SMTWTFS" positions; '0' or '-' = off, anything else on; at most 7 characters read).</summary>
        public static int ParseDays(string text)
        {
            int mask = 0;
            if (text == null)
            {
                return 0;
            }

            for (int i = 0; i < text.Length && i < 7; i++)
            {
                char c = text[i];
                if (c != '0' && c != '-')
                {
                    mask |= 1 << i;
                }
            }

            return mask;
        }
    }
}
