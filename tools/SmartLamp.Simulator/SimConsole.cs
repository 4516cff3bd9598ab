using System.Globalization;

namespace SmartLamp.Simulator;

/// <summary>
/// The simulator's standard input: every line is a Tasmota command for a device's serial console,
/// except the simulator's own actions, which start with "sim " (and "help"). In a fleet, a line goes
/// to device 1 unless it starts with "@&lt;n&gt; ".
/// </summary>
public sealed class SimConsole
{
    /// <summary>The help text (also printed by "help" and "sim help").</summary>
    public static readonly string[] HelpLines =
    {
        "Lines typed here go to the device's serial console: the same Tasmota commands as over MQTT",
        "(Power toggle, Power1 on, Status 0, State, Topic, Backlog ...), answered as RSL:/MQT: lines.",
        "Simulator actions:",
        "  help | sim help        this list",
        "  sim press [n] [times]  press button n (default 1) 1..10 times (150 ms down, 150 ms up)",
        "  sim hold [n] [ms]      press button n and keep it down; released after ms when given",
        "  sim release [n]        release button n",
        "  sim switch [n] on|off|toggle  close (on) / open (off) / flip wall switch n (default 1)",
        "  sim wifi off|on        cut / restore the Wi-Fi link (MQTT drops without DISCONNECT)",
        "  sim wifi forget        forget the Wi-Fi credentials: the setup access point opens (portal on the HTTP port)",
        "  sim restart            warm restart, as Restart 1 (clean disconnect, same pins and flash)",
        "  sim powercycle         cold power cycle (no DISCONNECT: the broker publishes LWT Offline)",
        "  sim clock [time|real]  show the wall clock; move it to a local time (2027-03-28T01:59:30, ...Z = UTC); real = host time",
        "  sim trace              pin changes since the last power-on (t_ms pin level relay|led|button state)",
        "  sim info               topic, client id, MAC, board, Wi-Fi/MQTT state, relays, LEDs",
        "  sim devices            one info line per device",
        "  sim quit               disconnect every device cleanly and exit (same as Ctrl+C)",
        "  @<n> <line>            fleet: send the line (command or sim action) to device n; default device 1",
    };

    private readonly Fleet _fleet;
    private readonly Action<string> _print;
    private readonly Action _quit;

    /// <summary>Creates the console for <paramref name="fleet"/>; <paramref name="print"/> writes simulator lines, <paramref name="quit"/> ends the run.</summary>
    public SimConsole(Fleet fleet, Action<string> print, Action quit)
    {
        _fleet = fleet;
        _print = print;
        _quit = quit;
    }

    /// <summary>Reads standard input on a background thread until end of input (the run goes on after that).</summary>
    public void StartReading(TextReader input)
    {
        var thread = new Thread(() =>
        {
            try
            {
                string line;
                while ((line = ReadLine(input, SmartLamp.Core.Console.SerialLineReader.DefaultMaxLength, out bool overrun)) != null)
                {
                    if (overrun)
                    {
                        // As the device's serial console: the whole line is refused, nothing of it runs.
                        _print("CMD: " + SmartLamp.Core.Console.SerialLineReader.OverrunMessage);
                        continue;
                    }

                    Handle(line);
                }
            }
            catch (Exception e)
            {
                _print("SIM: console input ended: " + e.Message);
            }
        })
        {
            IsBackground = true,
            Name = "sim-console",
        };
        thread.Start();
    }

    /// <summary>
    /// One line of <paramref name="input"/> (ended by LF, CR LF or the end), or null at the end. A line
    /// over <paramref name="maxBytes"/> UTF-8 bytes is read to its end without being kept (memory stays
    /// bounded whatever its length) and returned as "" with <paramref name="overrun"/> set.
    /// </summary>
    public static string ReadLine(TextReader input, int maxBytes, out bool overrun)
    {
        overrun = false;
        var text = new System.Text.StringBuilder();
        int bytes = 0;
        bool any = false;
        bool pendingCr = false; // a CR counts only when no LF follows it
        int c;
        while ((c = input.Read()) >= 0)
        {
            any = true;
            if (c == '\n')
            {
                break;
            }

            if (overrun)
            {
                continue;
            }

            if (pendingCr)
            {
                pendingCr = false;
                if (++bytes > maxBytes)
                {
                    overrun = true;
                    text.Clear();
                    continue;
                }

                text.Append('\r');
            }

            if (c == '\r')
            {
                pendingCr = true;
                continue;
            }

            bytes += c < 0x80 ? 1 : (c < 0x800 ? 2 : (char.IsSurrogate((char)c) ? 2 : 3));
            if (bytes > maxBytes)
            {
                overrun = true;
                text.Clear();
                continue;
            }

            text.Append((char)c);
        }

        if (!any)
        {
            return null;
        }

        return text.ToString();
    }

    /// <summary>Handles one input line.</summary>
    public void Handle(string line)
    {
        if (line == null)
        {
            return;
        }

        string text = line.Trim();
        if (text.Length == 0)
        {
            return;
        }

        SimulatedDevice device = _fleet[1];
        if (text[0] == '@')
        {
            int space = text.IndexOf(' ');
            string number = space < 0 ? text.Substring(1) : text.Substring(1, space - 1);
            if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > _fleet.Devices.Count)
            {
                _print("SIM: no device " + number + " (devices 1.." + _fleet.Devices.Count.ToString(CultureInfo.InvariantCulture) + ")");
                return;
            }

            device = _fleet[n];
            text = space < 0 ? string.Empty : text.Substring(space + 1).Trim();
            if (text.Length == 0)
            {
                _print("SIM: " + device.Describe());
                return;
            }
        }

        string lower = text.ToLowerInvariant();
        if (lower == "help" || lower == "sim" || lower == "sim help" || lower == "?")
        {
            foreach (string h in HelpLines)
            {
                _print(h);
            }

            return;
        }

        if (lower.StartsWith("sim ", StringComparison.Ordinal))
        {
            try
            {
                SimAction(device, text.Substring(4).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is FormatException)
            {
                _print("SIM: " + e.Message);
            }

            return;
        }

        device.ConsoleLine(text);
    }

    private void SimAction(SimulatedDevice device, string[] words)
    {
        string verb = words.Length > 0 ? words[0].ToLowerInvariant() : "help";
        switch (verb)
        {
            case "press":
                {
                    int n = IntArg(words, 1, 1);
                    int times = IntArg(words, 2, 1);
                    if (times < 1 || times > 10)
                    {
                        _print("SIM: usage: sim press [n] [times 1..10]");
                        return;
                    }

                    device.SetButton(n, pressed: false); // validates n now, before the background presses
                    long wait = device.ButtonBootWindowLeftMs;
                    if (wait > 0)
                    {
                        _print("SIM: buttons are ignored for the first 4 s after boot; pressing in " + wait + " ms");
                    }

                    _ = device.PressTimesAsync(n, times).ContinueWith(t => { if (t.Exception != null) { _print("SIM: " + t.Exception.InnerException?.Message); } }, TaskScheduler.Default);
                    _print("SIM: button " + n + " pressed " + (times == 1 ? "once" : times + " times") + " for 150 ms");
                    return;
                }

            case "hold":
                {
                    int n = IntArg(words, 1, 1);
                    int ms = IntArg(words, 2, 0);
                    if (device.ButtonBootWindowLeftMs > 0)
                    {
                        _print("SIM: note: buttons are ignored for the first 4 s after boot; a button held now is its resting state, not a press");
                    }

                    device.Hold(n);
                    if (ms > 0)
                    {
                        _ = Task.Delay(ms).ContinueWith(_ => Safe(() => device.Release(n)), TaskScheduler.Default);
                        _print("SIM: button " + n + " held for " + ms + " ms");
                    }
                    else
                    {
                        _print("SIM: button " + n + " held (sim release " + n + " lets go)");
                    }

                    return;
                }

            case "release":
                {
                    int n = IntArg(words, 1, 1);
                    device.Release(n);
                    _print("SIM: button " + n + " released");
                    return;
                }

            case "switch":
                {
                    int n = 1;
                    int at = 1;
                    if (words.Length > 2 || (words.Length == 2 && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    {
                        n = IntArg(words, 1, 1);
                        at = 2;
                    }

                    string arg = words.Length > at ? words[at].ToLowerInvariant() : "toggle";
                    bool? closed;
                    if (arg == "on" || arg == "1" || arg == "close" || arg == "closed")
                    {
                        closed = true;
                    }
                    else if (arg == "off" || arg == "0" || arg == "open")
                    {
                        closed = false;
                    }
                    else if (arg == "toggle" || arg == "2" || arg == "flip")
                    {
                        closed = null;
                    }
                    else
                    {
                        _print("SIM: usage: sim switch [n] on|off|toggle");
                        return;
                    }

                    bool now = device.SetSwitch(n, closed);
                    _print("SIM: switch " + n + " " + (now ? "closed (on)" : "open (off)")
                        + (device.ButtonBootWindowLeftMs > 0 ? "; note: changes in the first 4 s after boot only set the resting position" : string.Empty));
                    return;
                }

            case "wifi":
                {
                    string arg = words.Length > 1 ? words[1].ToLowerInvariant() : string.Empty;
                    if (arg == "off" || arg == "0")
                    {
                        device.WifiOff();
                        _print("SIM: Wi-Fi off");
                    }
                    else if (arg == "on" || arg == "1")
                    {
                        device.WifiOn();
                        _print("SIM: Wi-Fi on");
                    }
                    else if (arg == "forget")
                    {
                        device.WifiForget();
                        _print(device.Http != null
                            ? "SIM: Wi-Fi credentials forgotten; set up through the portal on http://127.0.0.1:" + device.Http.Port + "/"
                            : "SIM: Wi-Fi credentials forgotten (no web server: --http-port 0)");
                    }
                    else
                    {
                        _print("SIM: usage: sim wifi off|on|forget");
                    }

                    return;
                }

            case "restart":
                device.WarmRestart();
                return;
            case "powercycle":
                device.PowerCycle();
                return;
            case "trace":
                {
                    string trace = device.LabelledPinTrace();
                    _print("SIM: pin trace of " + device.Name + " (t_ms pin level function):");
                    foreach (string l in trace.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        _print(l);
                    }

                    return;
                }

            case "clock":
                {
                    string arg = words.Length > 1 ? words[1] : string.Empty;
                    if (arg.Length == 0)
                    {
                        _print("SIM: clock " + device.Wall.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" + (device.Wall.Simulated ? " (simulated; sim clock real = host time)" : " (host time)"));
                        return;
                    }

                    if (arg.Equals("real", StringComparison.OrdinalIgnoreCase) || arg.Equals("host", StringComparison.OrdinalIgnoreCase))
                    {
                        device.Wall.UseHostTime();
                        _print("SIM: clock back to host time " + device.Wall.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
                        return;
                    }

                    bool utc = arg.EndsWith('Z') || arg.EndsWith('z');
                    if (!DateTime.TryParseExact(utc ? arg[..^1] : arg, new[] { "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime t))
                    {
                        _print("SIM: usage: sim clock 2027-03-28T01:59:30 (device local time; add Z for UTC) | sim clock real");
                        return;
                    }

                    DateTime set = device.MoveClock(t, utc);
                    _print("SIM: clock set to " + set.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + " UTC");
                    return;
                }

            case "info":
                _print("SIM: " + device.Describe());
                return;
            case "devices":
                for (int i = 1; i <= _fleet.Devices.Count; i++)
                {
                    _print("SIM: @" + i.ToString(CultureInfo.InvariantCulture) + " " + _fleet[i].Describe());
                }

                return;
            case "quit":
            case "exit":
                _quit();
                return;
            case "help":
                foreach (string h in HelpLines)
                {
                    _print(h);
                }

                return;
            default:
                _print("SIM: unknown simulator action \"" + verb + "\"; 'help' lists them");
                return;
        }
    }

    private void Safe(Action a)
    {
        try
        {
            a();
        }
        catch (Exception e)
        {
            _print("SIM: " + e.Message);
        }
    }

    private static int IntArg(string[] words, int index, int fallback)
    {
        if (words.Length <= index)
        {
            return fallback;
        }

        if (!int.TryParse(words[index], NumberStyles.None, CultureInfo.InvariantCulture, out int v))
        {
            throw new FormatException("\"" + words[index] + "\" is not a number");
        }

        return v;
    }
}
