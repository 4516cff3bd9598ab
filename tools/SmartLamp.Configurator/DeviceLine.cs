using System.Text.RegularExpressions;

namespace SmartLamp.Configurator;

/// <summary>What kind of console line the device wrote.</summary>
public enum DeviceLineKind
{
    /// <summary>Anything else (log lines, boot messages).</summary>
    Other,

    /// <summary>"CMD: &lt;command&gt;": the echo of a command line (or a CMD: log message).</summary>
    Command,

    /// <summary>"MQT: &lt;topic&gt; = &lt;payload&gt;" or "RSL: &lt;subtopic&gt; = &lt;payload&gt;": something the device published (or would have).</summary>
    Publish,
}

/// <summary>
/// One line of a Tasmota-style serial console, parsed: an optional "HH:MM:SS[.mmm] " time stamp, then
/// "TAG: text". Publishes look like Tasmota's MqttPublishPayload log: "MQT: stat/lamp/RESULT =
/// {"POWER":"ON"}" (with " (retained)" appended for retained messages) while MQTT is up, "RSL: RESULT =
/// {...}" (last topic level only) while it is down.
/// </summary>
public sealed class DeviceLine
{
    private static readonly Regex TimeStamp = new(@"^\d{2}:\d{2}:\d{2}(\.\d{1,3})? ", RegexOptions.CultureInvariant);
    private static readonly string[] Telemetry = { "STATE", "SENSOR", "LWT", "INFO1", "INFO2", "INFO3", "UPTIME", "LOGGING", "MARGINS" };

    private DeviceLine()
    {
    }

    /// <summary>The line as received.</summary>
    public string Raw { get; private set; }

    /// <summary>The line without its time stamp.</summary>
    public string Body { get; private set; }

    /// <summary>Kind of line.</summary>
    public DeviceLineKind Kind { get; private set; }

    /// <summary>Command: the echoed command text; Publish: the topic (full for MQT:, last level for RSL:).</summary>
    public string Subject { get; private set; }

    /// <summary>Publish: the payload (without " (retained)").</summary>
    public string Payload { get; private set; }

    /// <summary>Publish: the last topic level, upper case ("RESULT", "STATUS1", "POWER").</summary>
    public string Subtopic { get; private set; }

    /// <summary>True for a publish whose payload is a JSON object: a command answer or telemetry.</summary>
    public bool IsJson => Kind == DeviceLineKind.Publish && Payload.StartsWith('{');

    /// <summary>True for a JSON publish that answers a command (not tele/... and not periodic telemetry such as STATE or LWT).</summary>
    public bool IsAnswer
    {
        get
        {
            if (!IsJson)
            {
                return false;
            }

            if (Subject.StartsWith("tele/", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return Array.IndexOf(Telemetry, Subtopic) < 0;
        }
    }

    /// <summary>Parses one console line (null gives an empty Other line).</summary>
    public static DeviceLine Parse(string raw)
    {
        raw ??= string.Empty;
        var line = new DeviceLine { Raw = raw, Kind = DeviceLineKind.Other };
        Match m = TimeStamp.Match(raw);
        string body = m.Success ? raw.Substring(m.Length) : raw;
        line.Body = body;
        if (body.StartsWith("CMD: ", StringComparison.Ordinal))
        {
            line.Kind = DeviceLineKind.Command;
            line.Subject = body.Substring(5);
            return line;
        }

        if (body.StartsWith("MQT: ", StringComparison.Ordinal) || body.StartsWith("RSL: ", StringComparison.Ordinal))
        {
            string rest = body.Substring(5);
            int eq = rest.IndexOf(" = ", StringComparison.Ordinal);
            if (eq > 0 && rest.IndexOf(' ') == eq)
            {
                string topic = rest.Substring(0, eq);
                string payload = rest.Substring(eq + 3);
                if (payload.EndsWith(" (retained)", StringComparison.Ordinal))
                {
                    payload = payload.Substring(0, payload.Length - " (retained)".Length);
                }

                line.Kind = DeviceLineKind.Publish;
                line.Subject = topic;
                line.Payload = payload;
                int slash = topic.LastIndexOf('/');
                line.Subtopic = (slash < 0 ? topic : topic.Substring(slash + 1)).ToUpperInvariant();
            }
        }

        return line;
    }
}
