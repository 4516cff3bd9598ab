using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using SmartLamp.Core.Console;

namespace SmartLamp.Configurator;

/// <summary>What a settings file asks for: the commands in file order and the keys left out (with why).</summary>
public sealed class SettingsPlan
{
    /// <summary>"Command payload" lines, in file order.</summary>
    public List<string> Commands { get; } = new();

    /// <summary>"Key: reason" for every key that is not sent.</summary>
    public List<string> Skipped { get; } = new();

    /// <summary>Commands whose value holds a ';' (a rule with a Backlog in its DO part): each is sent on its own line after the Backlog.</summary>
    public List<string> OwnLine { get; } = new();
}

/// <summary>
/// A settings file turned into Tasmota commands, sent as ONE Backlog0 line (so settings that make the
/// device reconnect, such as MqttHost and Topic, change together); only a file too big for one line
/// (over 30 commands, Tasmota's MAX_BACKLOG, or over the console's 800-byte line) is split into
/// several, in file order. Two formats:
/// <list type="bullet">
/// <item>JSON, the device's own settings format (firmware/SmartLamp.Core/Settings/README.md): an object
/// whose keys are Tasmota command names and whose values are the payloads,
/// <c>{"MqttHost":"10.0.0.2","MqttPort":1883,"Topic":"lamp","SetOption0":1}</c>. Strings go as they are,
/// numbers as written, true/false as 1/0. A copy of the device's file (<c>settings.a.json</c>) works as
/// it is: its reserved keys (Crc32, Seq, Version) and non-command keys (SavedPower, BootCount) are
/// skipped, and so are empty strings (a device file stores "not set" as ""; an empty payload would only
/// query; write 0 to clear a text setting, as on Tasmota), lists, and keys starting with "$".
/// Comments and trailing commas are allowed.</item>
/// <item>Text: one command per line (<c>MqttHost 10.0.0.2</c>); blank lines and lines starting with # or // are skipped.</item>
/// </list>
/// A value holding ';' (a rule whose DO part is a Backlog) cannot go inside a Backlog: such a command is
/// sent on its own line after the Backlog. The rule flag masks (RulesEnabled, RulesOnce,
/// RulesStopOnError) are not commands and are skipped (use Rule&lt;n&gt; 0/1/4/5/8/9).
/// Refused with a message naming the key or line: nested objects, null values, a line break in a
/// value, Backlog commands in the file, a single command longer than a console line.
/// </summary>
public static class SettingsFile
{
    /// <summary>Keys of the device's settings file that are not commands.</summary>
    public static readonly string[] NotCommands = { "Crc32", "Seq", "Version", "SavedPower", "BootCount", "RulesEnabled", "RulesOnce", "RulesStopOnError", "TimerData", "TimerLast" };

    /// <summary>Most commands in one Backlog (the device's queue size, Tasmota's MAX_BACKLOG).</summary>
    public const int MaxCommands = ConfigCommands.MaxBacklog;

    /// <summary>Longest line the device's console accepts, in bytes.</summary>
    public const int MaxLineBytes = SerialLineReader.DefaultMaxLength;

    private static readonly Regex CommandName = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>Reads <paramref name="path"/> into commands. Throws <see cref="ConfiguratorException"/> (Usage).</summary>
    public static SettingsPlan Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
        {
            throw new ConfiguratorException(ExitCodes.Usage, "cannot read settings file " + path + ": " + e.Message, e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses settings text (<paramref name="name"/> is used in messages).</summary>
    public static SettingsPlan Parse(string text, string name)
    {
        text ??= string.Empty;
        string start = text.TrimStart();
        var plan = new SettingsPlan();
        if (start.StartsWith('{') || start.StartsWith('['))
        {
            ParseJson(text, name, plan);
        }
        else
        {
            ParseLines(text, name, plan);
        }

        if (plan.Commands.Count == 0 && plan.OwnLine.Count == 0)
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": no commands in the settings file");
        }

        return plan;
    }

    /// <summary>
    /// The Backlog0 lines for <paramref name="commands"/>: one when it fits (at most 30 commands and 800
    /// bytes), else as few as needed, in order. Throws when one command alone is too long for a line.
    /// </summary>
    public static List<IReadOnlyList<string>> ToBacklogs(IReadOnlyList<string> commands, string name)
    {
        var result = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (string c in commands)
        {
            if (Bytes(new[] { c }) > MaxLineBytes)
            {
                throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + Shorten(SecretMask.CommandLine(c)) + "\" is longer than the device's console line (" + MaxLineBytes.ToString(CultureInfo.InvariantCulture) + " bytes with \"Backlog0 \")");
            }

            current.Add(c);
            if (current.Count > MaxCommands || Bytes(current) > MaxLineBytes)
            {
                current.RemoveAt(current.Count - 1);
                result.Add(current);
                current = new List<string> { c };
            }
        }

        result.Add(current);
        return result;
    }

    /// <summary>The Backlog0 line for a group made by <see cref="ToBacklogs"/>.</summary>
    public static string BacklogLine(IReadOnlyList<string> commands)
    {
        return "Backlog0 " + string.Join("; ", commands);
    }

    private static int Bytes(IReadOnlyList<string> commands)
    {
        return Encoding.UTF8.GetByteCount(BacklogLine(commands));
    }

    private static string Shorten(string s)
    {
        return s.Length <= 40 ? s : s.Substring(0, 37) + "...";
    }

    private static void ParseJson(string text, string name, SettingsPlan plan)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": not valid JSON: " + e.Message, e);
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfiguratorException(ExitCodes.Usage, name + ": the JSON must be an object of command names and values");
            }

            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (p.Name.StartsWith('$'))
                {
                    continue;
                }

                if (NotCommands.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                {
                    plan.Skipped.Add(p.Name + ": not a command (kept by the device itself)");
                    continue;
                }

                CheckName(p.Name, name);
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    plan.Skipped.Add(p.Name + ": a list is not one command");
                    continue;
                }

                if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString().Trim().Length == 0)
                {
                    plan.Skipped.Add(p.Name + ": empty (not set; write 0 to clear it)");
                    continue;
                }

                string command = p.Name + " " + Scalar(p.Value, p.Name, name);
                (command.Contains(';') ? plan.OwnLine : plan.Commands).Add(command);
            }
        }
    }

    private static string Scalar(JsonElement value, string key, string name)
    {
        string text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "1",
            JsonValueKind.False => "0",
            JsonValueKind.Null => throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + key + "\" is null; give a value (Tasmota clears most text settings with 0)"),
            _ => throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + key + "\" must be a string, number or true/false, not " + value.ValueKind.ToString().ToLowerInvariant()),
        };
        return CheckValue(text, key, name);
    }

    private static void ParseLines(string text, string name, SettingsPlan plan)
    {
        List<string> commands = plan.Commands;
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            string where = name + " line " + (i + 1).ToString(CultureInfo.InvariantCulture);
            int space = line.IndexOf(' ');
            string word = space < 0 ? line : line.Substring(0, space);
            CheckName(word, where);
            if (word.StartsWith("backlog", StringComparison.OrdinalIgnoreCase))
            {
                throw new ConfiguratorException(ExitCodes.Usage, where + ": no Backlog inside a settings file (the whole file is sent as one Backlog)");
            }

            (line.Contains(';') ? plan.OwnLine : commands).Add(line);
        }
    }

    private static void CheckName(string key, string where)
    {
        if (!CommandName.IsMatch(key))
        {
            throw new ConfiguratorException(ExitCodes.Usage, where + ": \"" + key + "\" is not a command name");
        }

        if (key.StartsWith("backlog", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfiguratorException(ExitCodes.Usage, where + ": no Backlog inside a settings file (the whole file is sent as one Backlog)");
        }
    }

    private static string CheckValue(string value, string key, string name)
    {
        bool secret = key.Contains("password", StringComparison.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + key + "\" is empty; an empty payload would only query it (write 0 to clear a text setting)");
        }

        if (value.Contains('\n') || value.Contains('\r'))
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + key + "\" " + (secret ? "(value hidden) " : "= \"" + value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal) + "\" ") + "contains a line break; the console takes one command per line");
        }

        return value.Trim();
    }
}
