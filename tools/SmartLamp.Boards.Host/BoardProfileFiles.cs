using SmartLamp.Core.Boards;

namespace SmartLamp.Boards.Host;

/// <summary>
/// Finds and loads board profiles on the host. A board is named by its file name in the
/// repository's <c>hardware/</c> folder ("sonoff-mini-r4" → hardware/sonoff-mini-r4.json);
/// "default" is <see cref="DefaultBoard"/>; anything that looks like a path (contains a directory
/// separator or ends in .json) is loaded from that path. The hardware folder is found by walking up
/// from <see cref="AppContext.BaseDirectory"/> to the folder holding SmartLamp.sln (so edits in a
/// checkout are seen without rebuilding), else the copy next to this assembly (published builds).
/// </summary>
public static class BoardProfileFiles
{
    /// <summary>Alias accepted by <see cref="Load(string)"/> for the default board.</summary>
    public const string DefaultAlias = "default";

    /// <summary>The board used when none is chosen.</summary>
    public const string DefaultBoard = "esp32-devkitc-relay";

    /// <summary>Loads a board by name ("default", "shelly-plus-1") or by file path.</summary>
    /// <exception cref="UnknownBoardException">No hardware/&lt;name&gt;.json exists.</exception>
    /// <exception cref="BoardProfileException">The file is not a valid profile (message names file and field).</exception>
    /// <exception cref="FileNotFoundException">A path was given and the file does not exist.</exception>
    public static BoardProfile Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        return IsPath(nameOrPath) ? LoadFile(nameOrPath) : Load(nameOrPath, FindHardwareDirectory());
    }

    /// <summary>Like <see cref="Load(string)"/> but names are looked up in <paramref name="hardwareDirectory"/>.</summary>
    public static BoardProfile Load(string nameOrPath, string hardwareDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(hardwareDirectory);
        if (IsPath(nameOrPath))
        {
            return LoadFile(nameOrPath);
        }

        string name = nameOrPath == DefaultAlias ? DefaultBoard : nameOrPath;
        string path = Path.Combine(hardwareDirectory, name + ".json");
        if (!File.Exists(path))
        {
            throw new UnknownBoardException(nameOrPath, KnownNames(hardwareDirectory));
        }

        string source = "hardware/" + name + ".json";
        BoardProfile profile = BoardProfileParser.Parse(File.ReadAllText(path), source);
        if (profile.Name != name)
        {
            throw new BoardProfileException(source, "name", "\"" + profile.Name + "\" does not match the file name \"" + name + "\"");
        }

        return profile;
    }

    /// <summary>Names of the boards in the hardware folder (file names without .json), sorted; "default" is not included.</summary>
    public static string[] KnownNames() => KnownNames(FindHardwareDirectory());

    /// <summary>Names of the boards in <paramref name="hardwareDirectory"/>, sorted.</summary>
    public static string[] KnownNames(string hardwareDirectory)
    {
        if (!Directory.Exists(hardwareDirectory))
        {
            return [];
        }

        string[] names = Directory.GetFiles(hardwareDirectory, "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .ToArray();
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// The hardware folder: hardware/ beside SmartLamp.sln above <see cref="AppContext.BaseDirectory"/>,
    /// else the checkout's hardware/ folder recorded at build time (output outside the tree, e.g.
    /// --artifacts-path), else the hardware/ copy in <see cref="AppContext.BaseDirectory"/>.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">Neither exists.</exception>
    public static string FindHardwareDirectory()
    {
        string baseDirectory = AppContext.BaseDirectory;
        for (DirectoryInfo? dir = new DirectoryInfo(baseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "hardware");
            if (File.Exists(Path.Combine(dir.FullName, "SmartLamp.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // Built with the output outside the checkout: the checkout's folder, if it is still there.
        foreach (var a in typeof(BoardProfileFiles).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
        {
            var meta = (System.Reflection.AssemblyMetadataAttribute)a;
            if (meta.Key == "SmartLampHardwareDir" && meta.Value != null && Directory.Exists(meta.Value)
                && File.Exists(Path.Combine(meta.Value, "..", "SmartLamp.sln")))
            {
                return meta.Value;
            }
        }

        string copy = Path.Combine(baseDirectory, "hardware");
        if (Directory.Exists(copy))
        {
            return copy;
        }

        throw new DirectoryNotFoundException("no hardware/ board profile folder beside SmartLamp.sln above " + baseDirectory + " and none in it");
    }

    /// <summary>True when <paramref name="nameOrPath"/> is treated as a file path rather than a board name.</summary>
    public static bool IsPath(string nameOrPath) =>
        nameOrPath.Contains('/') || nameOrPath.Contains('\\') || nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static BoardProfile LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("board profile file not found: " + path, path);
        }

        return BoardProfileParser.Parse(File.ReadAllText(path), path);
    }
}
