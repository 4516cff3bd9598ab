using System.Text.RegularExpressions;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Console;

namespace SmartLamp.Configurator;

/// <summary>
/// Masks secrets in everything the Configurator prints: command lines (values of MqttPassword and
/// Password1..4, also inside a Backlog, via the firmware's own <see cref="SecretMask"/>), JSON members
/// whose name contains "password" (a Tasmota device echoes a new password in clear text), and every
/// secret value the tool itself sent, wherever it shows up again.
/// </summary>
public sealed class Redactor
{
    /// <summary>Secrets shorter than this are not searched for in free text ("0"/"1" clear or reset a password and are no secret).</summary>
    public const int MinSecretLength = 3;

    private static readonly Regex JsonPassword = new("(\"[^\"]*[Pp][Aa][Ss][Ss][Ww][Oo][Rr][Dd][^\"]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"", RegexOptions.CultureInvariant);
    private readonly List<string> _secrets = new();

    /// <summary>Remembers the password values in <paramref name="commandLine"/> (a command or a Backlog) so they are masked wherever they appear.</summary>
    public void Learn(string commandLine)
    {
        if (string.IsNullOrEmpty(commandLine))
        {
            return;
        }

        foreach (string segment in Segments(commandLine))
        {
            string s = segment.Trim();
            int space = s.IndexOf(' ');
            if (space <= 0)
            {
                continue;
            }

            string word = s.Substring(0, space);
            string value = s.Substring(space + 1).Trim();
            if (word.Contains("password", StringComparison.OrdinalIgnoreCase) && value.Length >= MinSecretLength && !_secrets.Contains(value))
            {
                _secrets.Add(value);
                _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    /// <summary>A command line as it may be shown.</summary>
    public string Command(string line)
    {
        return Text(SecretMask.CommandLine(line));
    }

    /// <summary>Any text (a device line, a JSON answer, an error message) as it may be shown.</summary>
    public string Text(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, SecretMask.Mask, StringComparison.Ordinal);
        }

        text = JsonPassword.Replace(text, "$1\"" + SecretMask.Mask + "\"");
        int cmd = text.IndexOf("CMD: ", StringComparison.Ordinal);
        if (cmd >= 0)
        {
            text = text.Substring(0, cmd + 5) + SecretMask.CommandLine(text.Substring(cmd + 5));
        }

        return text;
    }

    /// <summary>The items of a Backlog as the device splits them (a ';' between braces stays in its item).</summary>
    private static IEnumerable<string> BacklogItems(string commands)
    {
        for (int pos = 0; pos <= commands.Length;)
        {
            int end = CommandValue.BacklogItemEnd(commands, pos);
            yield return commands.Substring(pos, end - pos);
            pos = end + 1;
        }
    }

    private static IEnumerable<string> Segments(string line)
    {
        string t = line.TrimStart();
        int space = t.IndexOf(' ');
        string first = space < 0 ? t : t.Substring(0, space);
        int slash = first.LastIndexOf('/');
        string word = slash < 0 ? first : first.Substring(slash + 1);
        if (space > 0 && word.StartsWith("backlog", StringComparison.OrdinalIgnoreCase) && word.Substring(7).All(char.IsAsciiDigit))
        {
            return BacklogItems(t.Substring(space + 1));
        }

        return new[] { t };
    }
}
