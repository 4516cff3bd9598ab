using System.Reflection;

namespace SmartLamp.Host.Tests;

/// <summary>Finds the repository root (the folder holding SmartLamp.sln).</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        // Baked in at build time (works with --artifacts-path), checked, then a walk up as fallback.
        foreach (var a in typeof(RepoRoot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (a.Key == "SmartLampRepoRoot" && a.Value != null && File.Exists(Path.Combine(a.Value, "SmartLamp.sln")))
            {
                return a.Value;
            }
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "SmartLamp.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SmartLamp.sln not found above " + AppContext.BaseDirectory);
    }
}
