using System.Diagnostics;
using System.Text.Json;
using SmartLamp.Core.Console;

namespace SmartLamp.Configurator;

/// <summary>The device's answer to one command line.</summary>
public sealed class CommandAnswer
{
    /// <summary>The command as sent (may hold secrets: print <see cref="Redactor.Command"/> of it).</summary>
    public string Command { get; init; }

    /// <summary>The JSON answers, in order (Status 0 gives several, a Backlog one per command).</summary>
    public List<DeviceLine> Answers { get; } = new();

    /// <summary>Answers that mean the device refused the command ({"Command":"Error"}, {"Command":"Unknown"}, {"X":"Error"}).</summary>
    public List<DeviceLine> Errors { get; } = new();

    /// <summary>How many answers were expected (a Backlog expects one per command).</summary>
    public int Expected { get; init; }
}

/// <summary>
/// The Configurator's serial protocol, on any <see cref="IConsoleLink"/>: send a line, wait for the
/// device's echo "CMD: &lt;line&gt;" (SmartLamp echoes password values as ****, Tasmota in clear; both
/// match), then collect the JSON answers the device logs as "MQT: stat/&lt;t&gt;/RESULT = {...}" or
/// "RSL: RESULT = {...}" until the expected number arrived and the line has been quiet for a moment.
/// Telemetry (tele/..., STATE, LWT) and log lines in between are ignored (shown with --verbose).
/// </summary>
public sealed class DeviceConsole
{
    private readonly IConsoleLink _link;
    private readonly Redactor _redactor;
    private readonly TextWriter _trace;

    /// <summary>Creates the protocol; <paramref name="trace"/> (may be null) receives every device line, redacted.</summary>
    public DeviceConsole(IConsoleLink link, Redactor redactor, TextWriter trace, TimeSpan timeout, TimeSpan quiet)
    {
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _redactor = redactor ?? new Redactor();
        _trace = trace;
        Timeout = timeout;
        Quiet = quiet;
    }

    /// <summary>How long to wait for the echo and for the first answer.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How long the line must stay silent after the expected answers before the command counts as done.</summary>
    public TimeSpan Quiet { get; }

    /// <summary>Sends <paramref name="command"/> and waits for its answers. Throws <see cref="ConfiguratorException"/> (NoAnswer, DeviceError for a refused line, PortLost).</summary>
    public CommandAnswer Send(string command, int expectedAnswers = 1)
    {
        string line = (command ?? string.Empty).Trim();
        if (line.Length == 0)
        {
            throw new ConfiguratorException(ExitCodes.Usage, "empty command");
        }

        _redactor.Learn(line);
        string masked = SecretMask.CommandLine(line);
        string shown = _redactor.Command(line);
        var answer = new CommandAnswer { Command = line, Expected = Math.Max(1, expectedAnswers) };
        _link.WriteLine(line);

        Stopwatch clock = Stopwatch.StartNew();
        while (true)
        {
            string raw = _link.ReadLine(Timeout - clock.Elapsed);
            if (raw == null)
            {
                throw new ConfiguratorException(ExitCodes.NoAnswer, "no answer from the device within " + Seconds(Timeout) + " to \"" + shown + "\" (is --port the device's serial console, at --baud?)");
            }

            DeviceLine dl = Trace(raw);
            if (dl.Kind != DeviceLineKind.Command)
            {
                continue;
            }

            if (dl.Subject.StartsWith("Serial buffer overrun", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfiguratorException(ExitCodes.DeviceError, "the device refused the line (" + dl.Subject + "): \"" + Shorten(shown) + "\"");
            }

            if (dl.Subject == masked || dl.Subject == line)
            {
                break;
            }
        }

        clock.Restart();
        while (true)
        {
            bool enough = answer.Answers.Count >= answer.Expected;
            TimeSpan wait = enough ? Quiet : Timeout - clock.Elapsed;
            string raw = _link.ReadLine(wait);
            if (raw == null)
            {
                if (answer.Answers.Count > 0)
                {
                    return answer;
                }

                throw new ConfiguratorException(ExitCodes.NoAnswer, "the device took \"" + shown + "\" but gave no answer within " + Seconds(Timeout));
            }

            DeviceLine dl = Trace(raw);
            // Once the expected answers are in, only further STATUS parts belong to this command ("Status 0"
            // sends STATUS, STATUS1 ... STATUS11); a RESULT after that is something else, such as the state
            // SmartLamp re-publishes when a settings change made it reconnect.
            if (dl.IsAnswer && (!enough || dl.Subtopic.StartsWith("STATUS", StringComparison.Ordinal)))
            {
                answer.Answers.Add(dl);
                if (IsError(dl.Payload))
                {
                    answer.Errors.Add(dl);
                }

                if (answer.Answers.Count >= answer.Expected)
                {
                    clock.Restart();
                }
            }
        }
    }

    /// <summary>True for Tasmota's refusals: {"Command":"Error"}, {"Command":"Unknown"}, or a member whose value is "Error".</summary>
    public static bool IsError(string json)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                string v = p.Value.GetString();
                if (v == "Error" || (p.NameEquals("Command") && v == "Unknown"))
                {
                    return true;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private DeviceLine Trace(string raw)
    {
        _trace?.WriteLine("  | " + _redactor.Text(raw));
        return DeviceLine.Parse(raw);
    }

    private static string Seconds(TimeSpan t)
    {
        return t.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }

    private static string Shorten(string s)
    {
        return s.Length <= 60 ? s : s.Substring(0, 57) + "...";
    }
}
