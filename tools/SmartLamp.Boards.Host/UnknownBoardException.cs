namespace SmartLamp.Boards.Host;

/// <summary>
/// A board name with no hardware/&lt;name&gt;.json. The message is one line naming the known boards:
/// <c>unknown board "foo"; known boards: default (= esp32-devkitc-relay), esp32-devkitc-relay, esp32-relay-x4, shelly-plus-1, sonoff-dual-r3, sonoff-mini-r4</c>.
/// </summary>
public sealed class UnknownBoardException : Exception
{
    /// <summary>Creates the error for <paramref name="requestedName"/>.</summary>
    public UnknownBoardException(string requestedName, string[] knownNames)
        : base(Compose(requestedName, knownNames))
    {
        RequestedName = requestedName;
        KnownNames = knownNames;
    }

    /// <summary>The name that was asked for.</summary>
    public string RequestedName { get; }

    /// <summary>The board names that exist (without the "default" alias).</summary>
    public string[] KnownNames { get; }

    private static string Compose(string requestedName, string[] knownNames)
    {
        if (knownNames.Length == 0)
        {
            return "unknown board \"" + requestedName + "\"; no board profiles found";
        }

        string list = string.Join(", ", knownNames);
        if (Array.IndexOf(knownNames, BoardProfileFiles.DefaultBoard) >= 0)
        {
            list = BoardProfileFiles.DefaultAlias + " (= " + BoardProfileFiles.DefaultBoard + "), " + list;
        }

        return "unknown board \"" + requestedName + "\"; known boards: " + list;
    }
}
