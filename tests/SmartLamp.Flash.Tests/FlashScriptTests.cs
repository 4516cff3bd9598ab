using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SmartLamp.Flash.Tests;

/// <summary>
/// The Pester tests of flash.ps1, one MSTest result per Pester <c>It</c>: the names are read from
/// flash.Tests.ps1 at discovery, Pester runs once (PowerShell from the local dotnet tool manifest,
/// Pester from NuGet), and each MSTest case reports its own Pester result and failure message.
/// </summary>
[TestClass]
public sealed class FlashScriptTests
{
    private static readonly Lazy<PesterRun> Run = new(PesterRun.Execute, LazyThreadSafetyMode.ExecutionAndPublication);

    public static IEnumerable<object[]> PesterTestNames()
    {
        return PesterRun.DeclaredNames().Select(n => new object[] { n });
    }

    [TestMethod]
    [DynamicData(nameof(PesterTestNames))]
    public void Pester(string name)
    {
        PesterRun run = Run.Value;
        if (!run.Results.TryGetValue(name, out PesterResult? result))
        {
            Assert.Fail($"Pester did not report '{name}'.\n{run.Log}");
            return;
        }

        if (result.Result == "Skipped")
        {
            Assert.Inconclusive($"Pester skipped '{name}' (the fake nanoff is a sh script: Unix only).");
        }

        Assert.AreEqual("Passed", result.Result, $"Pester: {result.Message}");
    }

    [TestMethod]
    public void Pester_Ran_Exactly_The_Tests_The_File_Declares()
    {
        PesterRun run = Run.Value;
        var declared = PesterRun.DeclaredNames().OrderBy(n => n, StringComparer.Ordinal).ToList();
        var reported = run.Results.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        CollectionAssert.AreEqual(declared, reported, "It names must be unique single-quoted literals.\n" + run.Log);
        Assert.IsTrue(declared.Count >= 20, "expected the full flash.ps1 suite, found " + declared.Count);
    }

    internal sealed record PesterResult(string Name, string Result, string Message);

    internal sealed class PesterRun
    {
        public Dictionary<string, PesterResult> Results { get; } = new(StringComparer.Ordinal);

        public string Log { get; private set; } = "";

        public static string Root => Metadata("SmartLampRepoRoot");

        public static string TestsFile => Path.Combine(Root, "tests", "SmartLamp.Flash.Tests", "flash.Tests.ps1");

        public static IEnumerable<string> DeclaredNames()
        {
            string text = File.ReadAllText(TestsFile);
            return Regex.Matches(text, @"^\s*It\s+'([^']+)'", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        }

        private static readonly Lazy<string> ToolRestore = new(() => Exec("dotnet", Root, "tool", "restore"), LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>`dotnet tool restore` once per test run (PowerShell from .config/dotnet-tools.json); its log.</summary>
        public static string EnsureTools() => ToolRestore.Value;

        public static PesterRun Execute()
        {
            var run = new PesterRun();
            string pester = Metadata("PesterModule");
            if (!File.Exists(pester))
            {
                throw new InvalidOperationException("Pester module not restored: " + pester);
            }

            string log = EnsureTools();
            string resultFile = Path.Combine(Path.GetTempPath(), "smartlamp-pester-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                log += Exec("dotnet", Root, "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File",
                    Path.Combine(Root, "tests", "SmartLamp.Flash.Tests", "run-pester.ps1"),
                    "-PesterModule", pester, "-ResultFile", resultFile);
                run.Log = log;
                if (!File.Exists(resultFile))
                {
                    throw new InvalidOperationException("Pester wrote no results.\n" + log);
                }

                using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(resultFile));
                foreach (JsonElement e in doc.RootElement.EnumerateArray())
                {
                    var r = new PesterResult(e.GetProperty("Name").GetString() ?? "", e.GetProperty("Result").GetString() ?? "", e.GetProperty("Message").GetString() ?? "");
                    if (!run.Results.TryAdd(r.Name, r))
                    {
                        run.Results[r.Name] = r with { Result = "Duplicate", Message = "two Pester tests are named '" + r.Name + "'" };
                    }
                }
            }
            finally
            {
                File.Delete(resultFile);
            }

            return run;
        }

        // Runs a command, returns its output; the exit code is left to the caller's checks (Pester
        // failures exit 1 and are reported per test).
        private static string Exec(string file, string dir, params string[] args)
        {
            var psi = new ProcessStartInfo(file) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in args)
            {
                psi.ArgumentList.Add(a);
            }

            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            psi.Environment["DOTNET_NOLOGO"] = "1";
            psi.Environment["NO_COLOR"] = "1";
            using Process p = Process.Start(psi)!;
            Task<string> err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(180_000))
            {
                p.Kill(true);
                throw new TimeoutException(file + " " + string.Join(' ', args) + " did not finish in 180 s\n" + output);
            }

            return $"$ {file} {string.Join(' ', args)} (exit {p.ExitCode})\n{output}{err.Result}\n";
        }

        private static string Metadata(string key)
        {
            foreach (var a in typeof(PesterRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (a.Key == key && a.Value != null)
                {
                    return a.Value;
                }
            }

            throw new InvalidOperationException("assembly metadata " + key + " missing");
        }
    }
}
