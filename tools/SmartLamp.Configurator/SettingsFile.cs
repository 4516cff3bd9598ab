using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Console;

namespace SmartLamp.Configurator;

/// <summary>
/// A settings file turned into Tasmota commands, sent as ONE Backlog0 line (so settings that make the
/// device reconnect, such as MqttHost and Topic, change together). Two formats:
/// <list type="bullet">
/// <item>JSON: an object whose keys are Tasmota command names and whose values are the payloads:
/// <c>{"MqttHost":"10.0.0.2","MqttPort":1883,"Topic":"lamp","SetOption0":true,"StateText":["off","on"]}</c>.
/// Strings go as they are, numbers as written, true/false as 1/0, an array as indexed commands
/// (StateText1 off; StateText2 on). Keys starting with "$" (e.g. "$schema") are skipped. Comments and
/// trailing commas are allowed.</item>
/// <item>Text: one command per line (<c>MqttHost 10.0.0.2</c>); blank lines and lines starting with # or // are skipped.</item>
/// </list>
/// Refused with a message naming the key or line: nested objects, null or empty values, a ';' in a
/// value (it would split the Backlog), Backlog lines in the file, more than 30 commands (Tasmota's
/// MAX_BACKLOG) and a Backlog line longer than the console's 800-byte line limit.
/// </summary>
public static class SettingsFile
{
    /// <summary>Most commands in one Backlog (the device's queue size).</summary>
    public const int MaxCommands = ConfigCommands.MaxBacklog;

    /// <summary>Longest line the device's console accepts, in bytes.</summary>
    public const int MaxLineBytes = SerialLineReader.DefaultMaxLength;

    private static readonly Regex CommandName = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>Reads <paramref name="path"/> into commands. Throws <see cref="ConfiguratorException"/> (Usage).</summary>
    public static List<string> Load(string path)
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
    public static List<string> Parse(string text, string name)
    {
        text ??= string.Empty;
        string start = text.TrimStart();
        List<string> commands = start.StartsWith('{') || start.StartsWith('[') ? ParseJson(text, name) : ParseLines(text, name);
        if (commands.Count == 0)
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": no commands in the settings file");
        }

        if (commands.Count > MaxCommands)
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": " + commands.Count.ToString(CultureInfo.InvariantCulture) + " commands, but one Backlog holds at most " + MaxCommands.ToString(CultureInfo.InvariantCulture) + "; split the file");
        }

        return commands;
    }

    /// <summary>The one Backlog line for <paramref name="commands"/>; throws when it is longer than the device accepts.</summary>
    public static string ToBacklog(IReadOnlyList<string> commands, string name)
    {
        string line = "Backlog0 " + string.Join("; ", commands);
        int bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes > MaxLineBytes)
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": the Backlog would be " + bytes.ToString(CultureInfo.InvariantCulture) + " bytes, the device's console accepts " + MaxLineBytes.ToString(CultureInfo.InvariantCulture) + "; split the file");
        }

        return line;
    }

    private static List<string> ParseJson(string text, string name)
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

            var commands = new List<string>();
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (p.Name.StartsWith('$'))
                {
                    continue;
                }

                CheckName(p.Name, name);
                if (p.Value.ValueKind == JsonValueKind.Array)
                {
                    int i = 0;
                    foreach (JsonElement e in p.Value.EnumerateArray())
                    {
                        i++;
                        commands.Add(p.Name + i.ToString(CultureInfo.InvariantCulture) + " " + Scalar(e, p.Name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", name));
                    }

                    continue;
                }

                commands.Add(p.Name + " " + Scalar(p.Value, p.Name, name));
            }

            return commands;
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

    private static List<string> ParseLines(string text, string name)
    {
        var commands = new List<string>();
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

            if (line.Contains(';'))
            {
                throw new ConfiguratorException(ExitCodes.Usage, where + ": ';' would split the Backlog; one command per line");
            }

            commands.Add(line);
        }

        return commands;
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
            throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + key + "\" is empty; an empty payload would only query it (Tasmota clears most text settings with 0)");
        }

        if (value.Contains(';') || value.Contains('\n') || value.Contains('\r'))
        {
            throw new ConfiguratorException(ExitCodes.Usage, name + ": \"" + key + "\" " + (secret ? "(value hidden) " : "= \"" + value + "\" ") + "contains ';' or a line break, which would split the Backlog");
        }

        return value.Trim();
    }
}
