using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Time
{
    /// <summary>The Time, Timezone, TimeStd, TimeDst and NtpServer commands of <see cref="TimeService"/>, with their parsers.</summary>
    public sealed partial class TimeService
    {
        /// <summary>
        /// Reads a Timezone payload: "99", or hours -13..+14 with optional ":mm" ("+05:30", "-3", "-00:30");
        /// hours 15..98 mean 99 as in Tasmota; minutes above 59 count as 59. False for anything else.
        /// </summary>
        public static bool ParseZone(string text, out bool rules, out int minutes)
        {
            rules = false;
            minutes = 0;
            if (text == null || text.Length == 0)
            {
                return false;
            }

            int i = 0;
            int n = text.Length;
            bool negative = false;
            if (text[0] == '+' || text[0] == '-')
            {
                negative = text[0] == '-';
                i = 1;
            }

            int hours = CivilTime.ReadDigits(text, ref i, 3);
            if (hours < 0)
            {
                return false;
            }

            int mins = 0;
            if (i < n && text[i] == ':')
            {
                i++;
                mins = CivilTime.ReadDigits(text, ref i, 2);
                if (mins < 0)
                {
                    return false;
                }
            }

            if (i != n)
            {
                return false;
            }

            if (negative && hours > 13)
            {
                return false;
            }

            if (!negative && hours >= 15)
            {
                rules = true;
                return true;
            }

            if (mins > 59)
            {
                mins = 59;
            }

            minutes = (hours * 60) + mins;
            if (negative)
            {
                minutes = -minutes;
            }

            return true;
        }

        /// <summary>"+01:00", "-03:30", "+00:00".</summary>
        public static string FormatZone(int minutes)
        {
            TextBuffer b = new TextBuffer(6);
            b.Append(minutes < 0 ? '-' : '+');
            int m = minutes < 0 ? -minutes : minutes;
            b.AppendTwoDigits(m / 60).Append(':').AppendTwoDigits(m % 60);
            return b.ToString();
        }

        // Time: query; 0 = SNTP again; 1..4 = answer format (not stored); a larger number = set (Unix seconds, UTC).
        private void CmndTime(CommandRequest req, CommandResponse resp)
        {
            int format = 1;
            if (!req.IsQuery)
            {
                int v;
                if (!CommandValue.TryParseNumber(req.Payload, out v) || !Chars.IsDigits(req.Payload) || v < 0)
                {
                    resp.Add("Command", "Error");
                    resp.Add("Time", "expected 0 (use SNTP), 1..4 (format) or Unix seconds");
                    return;
                }

                if (v == 0)
                {
                    UseServers();
                    format = 2; // Tasmota answers Time 0 like a set: Time and Epoch
                }
                else if (v <= 4)
                {
                    format = v;
                }
                else
                {
                    _manual = true;
                    _wall.SetUtc(CivilTime.FromUnix(v));
                    format = 2;
                    Log("Time set by hand, SNTP off until Time 0: ", CivilTime.Iso(v));
                }
            }

            long utc = UtcSeconds;
            long local = utc + (OffsetMinutes(utc) * 60L);
            if (format == 3)
            {
                resp.Add("Time", utc);
                return;
            }

            if (format == 4)
            {
                TextBuffer b = new TextBuffer(23);
                CivilTime.AppendIso(b, local);
                int ms = (int)((_wall.UtcNow.Ticks / System.TimeSpan.TicksPerMillisecond) % 1000);
                b.Append('.').Append((char)('0' + (ms / 100))).AppendTwoDigits(ms % 100);
                resp.Add("Time", b.ToString());
                return;
            }

            resp.Add("Time", CivilTime.Iso(local));
            if (format == 2)
            {
                resp.Add("Epoch", utc);
            }
        }

        private void CmndTimezone(CommandRequest req, CommandResponse resp)
        {
            if (!req.IsQuery)
            {
                bool rules;
                int minutes;
                if (!ParseZone(req.Payload, out rules, out minutes))
                {
                    resp.Add("Command", "Error");
                    resp.Add("Timezone", "expected -13..+14, +hh:mm or 99");
                    return;
                }

                string text = rules ? RulesZone : FormatZone(minutes);
                _service.Set(ref _s.Timezone, text, 0);
            }

            Refresh();
            if (_zoneRules)
            {
                resp.Add("Timezone", 99);
            }
            else
            {
                resp.Add("Timezone", FormatZone(_zoneMinutes));
            }
        }

        private void CmndTimeStd(CommandRequest req, CommandResponse resp)
        {
            StdDst(req, resp, false);
        }

        private void CmndTimeDst(CommandRequest req, CommandResponse resp)
        {
            StdDst(req, resp, true);
        }

        private void StdDst(CommandRequest req, CommandResponse resp, bool dst)
        {
            Refresh();
            TimeRule rule = dst ? _dst : _std;
            string key = dst ? "TimeDst" : "TimeStd";
            if (!req.IsQuery)
            {
                string text;
                if (CommandValue.IsChar(req.Payload, '0'))
                {
                    text = dst ? TimeRule.DefaultDst : TimeRule.DefaultStd;
                }
                else
                {
                    TimeRule probe = new TimeRule();
                    probe.Parse(rule.ToString());
                    if (!probe.Parse(req.Payload))
                    {
                        resp.Add("Command", "Error");
                        resp.Add(key, "expected Hemisphere,Week,Month,Day,Hour,Offset like 0,0,3,1,2,120 (or 0 for the default)");
                        return;
                    }

                    text = probe.ToString();
                }

                if (dst ? _service.Set(ref _s.TimeDst, text, 0) : _service.Set(ref _s.TimeStd, text, 0))
                {
                    Refresh();
                }
            }

            rule.Write(resp, key);
        }

        private void CmndNtpServer(CommandRequest req, CommandResponse resp)
        {
            int index = req.HasIndex ? req.Index : 1;
            if (index < 1 || index > 3)
            {
                return; // {"Command":"Error"}
            }

            if (!req.IsQuery)
            {
                string value = req.Payload;
                if (CommandValue.IsChar(value, '0') || CommandValue.IsChar(value, '"'))
                {
                    value = string.Empty;
                }
                else if (CommandValue.IsChar(value, '1'))
                {
                    DeviceSettings d = DeviceSettings.CreateDefaults("000000000000");
                    value = d.NtpServer[index - 1];
                }

                string problem = SettingsRules.CheckText("NtpServer" + Number(index), value, 0, DeviceSettings.MaxHostLength);
                if (problem == null && value.IndexOf(' ') >= 0)
                {
                    problem = "NtpServer" + Number(index) + ": no spaces in a host name";
                }

                if (problem != null)
                {
                    resp.Add("Command", "Error");
                    resp.Add("NtpServer" + Number(index), problem);
                    return;
                }

                if (_service.Set(ref _s.NtpServer[index - 1], value, 0) && !_manual)
                {
                    UseServers();
                }
            }

            resp.AddIndexed("NtpServer", index, _s.NtpServer[index - 1]);
        }
    }
}
