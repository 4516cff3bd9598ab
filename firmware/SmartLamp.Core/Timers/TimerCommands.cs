using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Timers
{
    /// <summary>The Timer, Timers, Latitude and Longitude commands of <see cref="TimerService"/>, with the degree parser.</summary>
    public sealed partial class TimerService
    {
        // Timer<x>: query; 0 clears; 1..16 copies that timer; a JSON object sets the members it has.
        private void CmndTimer(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index; // 1 without digits (CommandDispatcher)
            if (index < 1 || index > TimerEntry.Count)
            {
                return; // {"Command":"Error"}
            }

            int[] data = _s.TimerData;
            if (!req.IsQuery)
            {
                string p = req.Payload;
                int number;
                if (p[0] != '{')
                {
                    if (!CommandValue.TryParseNumber(p, out number) || !Chars.IsDigits(p) || number > TimerEntry.Count)
                    {
                        resp.Add("Command", "Error");
                        resp.Add(TimerEntry.Key(index), "expected 0 (clear), 1..16 (copy that timer) or a JSON object like {\"Enable\":1,\"Time\":\"06:45\"}");
                        return;
                    }

                    int value = number == 0 ? 0 : data[number - 1];
                    Store(index - 1, value);
                }
                else
                {
                    JsonNode root = null;
                    try
                    {
                        root = JsonReader.Parse(p, 4, 512);
                    }
                    catch (JsonException)
                    {
                        root = null;
                    }

                    if (root == null || root.Kind != JsonKind.Object)
                    {
                        resp.Add(TimerEntry.Key(index), "Invalid JSON");
                        return;
                    }

                    int d = data[index - 1];
                    bool enable = TimerEntry.Enabled(d);
                    int mode = TimerEntry.Mode(d);
                    int time = TimerEntry.TimeField(d);
                    int window = TimerEntry.Window(d);
                    int days = TimerEntry.Days(d);
                    bool repeat = TimerEntry.Repeat(d);
                    int output0 = TimerEntry.Output0(d);
                    int action = TimerEntry.Action(d);
                    bool windowSet = false;
                    for (int k = 0; k < root.Count; k++)
                    {
                        string key = root.KeyAt(k);
                        JsonNode v = root.ValueAt(k);
                        int n;
                        if (CommandValue.EqualsIgnoreCase(key, "ENABLE") || CommandValue.EqualsIgnoreCase(key, "ARM"))
                        {
                            if (Number(v, out n))
                            {
                                enable = n != 0;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "MODE"))
                        {
                            if (Number(v, out n))
                            {
                                mode = n & 3;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "TIME"))
                        {
                            int t = TimerEntry.ParseTime(Text(v));
                            if (t < 0)
                            {
                                resp.Add("Command", "Error");
                                resp.Add(TimerEntry.Key(index), "Time: expected \"hh:mm\" (or \"-hh:mm\" as a sunrise/sunset offset)");
                                return;
                            }

                            time = t;
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "WINDOW"))
                        {
                            if (Number(v, out n))
                            {
                                window = n & 0xF;
                                windowSet = true;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "DAYS"))
                        {
                            days = TimerEntry.ParseDays(Text(v));
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "REPEAT"))
                        {
                            if (Number(v, out n))
                            {
                                repeat = n != 0;
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "OUTPUT"))
                        {
                            if (Number(v, out n))
                            {
                                output0 = (n - 1) & 0xF;
                                if (output0 >= _relayCount)
                                {
                                    output0 = 0;
                                }
                            }
                        }
                        else if (CommandValue.EqualsIgnoreCase(key, "ACTION"))
                        {
                            if (Number(v, out n))
                            {
                                action = n & 3;
                            }
                        }
                    }

                    Store(index - 1, TimerEntry.Pack(enable, mode, time, window, days, repeat, output0, action));
                    if (windowSet)
                    {
                        DrawWindow(index - 1);
                    }
                }
            }

            TimerEntry.Write(resp, index, data[index - 1]);
        }

        private void Store(int i, int value)
        {
            _service.Set(ref _s.TimerData[i], value, 0);
        }

        // Timers 0|1|2: all off/on/toggle; answers {"Timers":"ON"} then Tasmota's four groups {"Timers1":{"Timer1":{..},..,"Timer4":{..}}} .. Timers4.
        private void CmndTimers(CommandRequest req, CommandResponse resp)
        {
            if (!req.IsQuery)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v < 0 || v > 2)
                {
                    resp.Add("Command", "Error");
                    resp.Add("Timers", "expected 0 (off), 1 (on) or 2 (toggle)");
                    return;
                }

                bool on = v == 2 ? !_s.TimersEnabled : v == 1;
                _service.Set(ref _s.TimersEnabled, on, 0);
            }

            if (_scratch == null)
            {
                _scratch = new CommandResponse();
            }

            _scratch.Clear();
            _scratch.Add("Timers", _power.StateText(_s.TimersEnabled));
            _output.CommandResult(req, _scratch.ToJson());
            for (int g = 0; g < 4; g++)
            {
                CommandResponse r = g == 3 ? resp : _scratch;
                r.Clear();
                r.BeginObject(g == 0 ? "Timers1" : (g == 1 ? "Timers2" : (g == 2 ? "Timers3" : "Timers4")));
                for (int i = g * 4; i < (g * 4) + 4; i++)
                {
                    TimerEntry.Write(r, i + 1, _s.TimerData[i]);
                }

                r.End();
                if (g < 3)
                {
                    _output.CommandResult(req, r.ToJson());
                }
            }
        }

        private void CmndLatitude(CommandRequest req, CommandResponse resp)
        {
            Degrees(req, resp, "Latitude", 90, ref _s.Latitude, "expected degrees -90..90 (north positive), like 48.8584");
        }

        private void CmndLongitude(CommandRequest req, CommandResponse resp)
        {
            Degrees(req, resp, "Longitude", 180, ref _s.Longitude, "expected degrees -180..180 (east positive), like 2.2945");
        }

        // Latitude/Longitude: answers the stored value, replaced (and saved) by a payload of valid degrees within +-limit.
        private void Degrees(CommandRequest req, CommandResponse resp, string key, int limit, ref string stored, string help)
        {
            if (!req.IsQuery)
            {
                int micro;
                if (!ParseDegrees(req.Payload, limit, out micro))
                {
                    resp.Add("Command", "Error");
                    resp.Add(key, help);
                    return;
                }

                _service.Set(ref stored, FormatDegrees(micro), 0);
            }

            int m;
            resp.AddRaw(key, ParseDegrees(stored, limit, out m) ? FormatDegrees(m) : "0.000000");
        }

        /// <summary>Reads "-33.8688" into micro-degrees (6 decimals kept, more are cut); false for anything else or |value| above <paramref name="limit"/>.</summary>
        public static bool ParseDegrees(string text, int limit, out int micro)
        {
            micro = 0;
            if (text == null || text.Length == 0 || text.Length > 16)
            {
                return false;
            }

            int i = 0;
            bool negative = false;
            if (text[0] == '+' || text[0] == '-')
            {
                negative = text[0] == '-';
                i = 1;
            }

            long whole = 0;
            int digits = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                whole = (whole * 10) + (text[i] - '0');
                digits++;
                i++;
                if (whole > 1000)
                {
                    return false;
                }
            }

            long frac = 0;
            int fracDigits = 0;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    if (fracDigits < 6)
                    {
                        frac = (frac * 10) + (text[i] - '0');
                        fracDigits++;
                    }

                    digits++;
                    i++;
                }
            }

            if (digits == 0 || i != text.Length)
            {
                return false;
            }

            while (fracDigits < 6)
            {
                frac *= 10;
                fracDigits++;
            }

            long value = (whole * 1000000) + frac;
            if (value > limit * 1000000L)
            {
                return false;
            }

            micro = (int)(negative ? -value : value);
            return true;
        }

        /// <summary>"-33.868800".</summary>
        public static string FormatDegrees(int micro)
        {
            TextBuffer b = new TextBuffer(12);
            long v = micro;
            if (v < 0)
            {
                b.Append('-');
                v = -v;
            }

            b.AppendNumber(v / 1000000).Append('.');
            long f = v % 1000000;
            long div = 100000;
            while (div > 0)
            {
                b.Append((char)('0' + ((f / div) % 10)));
                div /= 10;
            }

            return b.ToString();
        }

        private static bool Number(JsonNode v, out int n)
        {
            n = 0;
            if (v.Kind == JsonKind.Number)
            {
                return v.TryGetInt32(int.MinValue, int.MaxValue, out n);
            }

            if (v.Kind == JsonKind.String)
            {
                return CommandValue.TryParseNumber(v.StringValue, out n);
            }

            return false;
        }

        private static string Text(JsonNode v)
        {
            if (v.Kind == JsonKind.String)
            {
                return v.StringValue;
            }

            return v.Kind == JsonKind.Number ? v.NumberText : null;
        }
    }
}
