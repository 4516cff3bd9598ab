using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SmartLamp.Host.Tests;

/// <summary>
/// Keeps the nanoFramework project files honest. Legacy .nfproj projects list every source file and
/// every assembly explicitly, nothing on Linux/CI builds them (the nanoFramework project system is a
/// Visual Studio / VS Code extension), so without these checks they would rot silently: a new core
/// file missing from its core assembly's .nfproj, a shared test missing from the NFUnitTest projects, a package
/// bumped in nfproj.props but not in a packages.config, or an .nfproj that breaks `dotnet build` of the
/// solution. Failure messages name the files and the lines to add or remove.
/// </summary>
[TestClass]
public sealed class ProjectFilesTests
{
    private const string NoNanoCondition = "'$(NanoProjectSystemPresent)'!='true'";

    // Every nanoFramework package a packages.config may use: the nfproj.props property holding its
    // version and the lib/ files a project must reference (packages.config has no transitive references).
    private static readonly Dictionary<string, (string Property, string[] LibFiles)> Packages = new()
    {
        ["nanoFramework.CoreLibrary"] = ("NanoCoreLibraryVersion", ["mscorlib.dll"]),
        ["nanoFramework.M2Mqtt"] = ("NanoM2MqttVersion", ["nanoFramework.M2Mqtt.dll", "nanoFramework.M2Mqtt.Core.dll"]),
        ["nanoFramework.System.Device.Gpio"] = ("NanoGpioVersion", ["System.Device.Gpio.dll"]),
        ["nanoFramework.System.Device.Wifi"] = ("NanoWifiVersion", ["System.Device.Wifi.dll"]),
        ["nanoFramework.System.Net"] = ("NanoSystemNetVersion", ["System.Net.dll"]),
        ["nanoFramework.System.Net.Http.Server"] = ("NanoSystemNetHttpVersion", ["System.Net.Http.dll"]),
        ["nanoFramework.System.IO.FileSystem"] = ("NanoFileSystemVersion", ["System.IO.FileSystem.dll"]),
        ["nanoFramework.System.IO.Ports"] = ("NanoIoPortsVersion", ["System.IO.Ports.dll"]),
        ["nanoFramework.System.IO.Streams"] = ("NanoIoStreamsVersion", ["System.IO.Streams.dll"]),
        ["nanoFramework.Hardware.Esp32"] = ("NanoHardwareEsp32Version", ["nanoFramework.Hardware.Esp32.dll"]),
        ["nanoFramework.System.Text"] = ("NanoSystemTextVersion", ["nanoFramework.System.Text.dll"]),
        ["nanoFramework.System.Collections"] = ("NanoCollectionsVersion", ["nanoFramework.System.Collections.dll"]),
        ["nanoFramework.System.Threading"] = ("NanoThreadingVersion", ["System.Threading.dll"]),
        ["nanoFramework.Runtime.Events"] = ("NanoRuntimeEventsVersion", ["nanoFramework.Runtime.Events.dll"]),
        ["nanoFramework.Runtime.Native"] = ("NanoRuntimeNativeVersion", ["nanoFramework.Runtime.Native.dll"]),
        ["nanoFramework.Networking.Sntp"] = ("NanoSntpVersion", ["nanoFramework.Networking.Sntp.dll"]),
        ["nanoFramework.TestFramework"] = ("NanoTestFrameworkVersion", ["nanoFramework.TestFramework.dll", "nanoFramework.UnitTestLauncher.exe"]),
    };

    // The core assemblies, lowest first. Each one is firmware/<name>/<name>.nfproj (device) and
    // <name>.csproj (host) next to it (SmartLamp.Core's live in firmware/SmartLamp.Core itself), plus its
    // nanoFramework gate firmware/SmartLamp.NanoCheck/<name>/<name>.NanoCheck.csproj. References point
    // down this list only. Sources stay in firmware/SmartLamp.Core/<Capability>/.
    internal static readonly string[] CoreAssemblies = ["SmartLamp.Core", "SmartLamp.Core.Hardware", "SmartLamp.Core.Mqtt", "SmartLamp.Core.App"];

    [TestMethod]
    public void The_Nfproj_Projects_Exist()
    {
        string root = RepoRoot.Find();
        var found = AllNfprojs(root).Select(p => Rel(root, p)).ToList();
        var expected = CoreAssemblies.Select(a => "firmware/" + a + "/" + a + ".nfproj").Append("firmware/SmartLamp/SmartLamp.nfproj");
        foreach (var e in expected)
        {
            CollectionAssert.Contains(found, e, "missing " + e + "; .nfproj files found: " + string.Join(", ", found));
        }
    }

    [TestMethod]
    public void Every_Core_Source_Is_In_Exactly_One_Core_Assembly()
    {
        // The host .csproj of each core assembly names its capability folders (X\**\*.cs) and single
        // files; together they must cover every .cs under firmware/SmartLamp.Core exactly once.
        string root = RepoRoot.Find();
        string coreDir = Path.Combine(root, "firmware", "SmartLamp.Core");
        var owners = new Dictionary<string, List<string>>();
        var folders = new Dictionary<string, string>();
        foreach (string a in CoreAssemblies)
        {
            var items = HostCompileItems(CsprojOf(root, a), out var dirs);
            foreach (string f in items)
            {
                (owners.TryGetValue(f, out var l) ? l : owners[f] = new List<string>()).Add(a);
            }

            foreach (string d in dirs)
            {
                folders[d] = a;
            }
        }

        var failures = new List<string>();
        foreach (string file in SourcesUnder(coreDir).OrderBy(f => f, StringComparer.Ordinal))
        {
            string rel = Rel(root, file);
            if (!owners.TryGetValue(file, out var list))
            {
                string folder = Path.GetRelativePath(coreDir, file).Split(Path.DirectorySeparatorChar)[0];
                failures.Add(folders.ContainsKey(folder) || !Directory.Exists(Path.Combine(coreDir, folder))
                    ? rel + ": in no core assembly (excluded by name from " + (folders.TryGetValue(folder, out var o) ? o : "?") + ".csproj; list it in the one that should compile it)"
                    : rel + ": in no core assembly. Its folder " + folder + "/ is a new capability: put it in the LOWEST assembly whose references cover what it uses " +
                      "(" + string.Join(" <- ", CoreAssemblies) + "; e.g. only Ports/Text/Json/Commands/Settings -> SmartLamp.Core; relays or board -> SmartLamp.Core.Hardware; " +
                      "MQTT -> SmartLamp.Core.Mqtt; power and MQTT together, or DeviceApp wiring -> SmartLamp.Core.App): add <Compile Include=\"..\\SmartLamp.Core\\" + folder +
                      "\\**\\*.cs\" /> to that assembly's .csproj and list each file in its .nfproj");
            }
            else if (list.Count > 1)
            {
                failures.Add(rel + ": compiled by " + string.Join(" and ", list) + "; a file belongs to exactly one core assembly");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail("core sources and core assemblies disagree (see docs/nanoframework.md, 'Adding a source file'):\n  " + string.Join("\n  ", failures));
        }
    }

    [TestMethod]
    public void Each_Core_Nfproj_Lists_Exactly_What_Its_Host_Project_Compiles()
    {
        string root = RepoRoot.Find();
        var failures = new List<string>();
        foreach (string a in CoreAssemblies)
        {
            var expected = HostCompileItems(CsprojOf(root, a), out _);
            string? why = CompileItemsMismatch(root, NfprojOf(root, a), expected, "the folders " + a + ".csproj compiles");
            if (why != null)
            {
                failures.Add(why);
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }
    }

    [TestMethod]
    public void Core_Assemblies_Reference_Only_Lower_Ones_The_Same_Way_In_Every_Build()
    {
        // Device (.nfproj), host (.csproj) and gate (.NanoCheck.csproj) must agree on the references,
        // and every reference must point down the CoreAssemblies list, so dependencies point one way.
        string root = RepoRoot.Find();
        var failures = new List<string>();
        for (int i = 0; i < CoreAssemblies.Length; i++)
        {
            string a = CoreAssemblies[i];
            var lower = CoreAssemblies.Take(i).ToList();
            string gate = GateOf(root, a);
            if (!File.Exists(gate))
            {
                failures.Add(a + ": no nanoFramework gate " + Rel(root, gate) + " (copy one of the others and point NanoCheckNfproj at " + a + ".nfproj)");
                continue;
            }

            string? nfprojOfGate = Property(XDocument.Load(gate), "NanoCheckNfproj");
            if (nfprojOfGate == null || FullPath(Path.GetDirectoryName(gate)!, nfprojOfGate.Replace("$(MSBuildThisFileDirectory)", "")) != NfprojOf(root, a))
            {
                failures.Add(Rel(root, gate) + ": NanoCheckNfproj must name " + Rel(root, NfprojOf(root, a)));
            }

            foreach (var (kind, project, suffix) in new[] { ("device", NfprojOf(root, a), ".nfproj"), ("host", CsprojOf(root, a), ".csproj"), ("gate", gate, ".NanoCheck.csproj") })
            {
                var refs = ProjectReferences(project).Select(r => Path.GetFileName(r)).Select(n => n.Substring(0, n.Length - suffix.Length)).OrderBy(n => n, StringComparer.Ordinal).ToList();
                var want = lower.OrderBy(n => n, StringComparer.Ordinal).ToList();
                if (!refs.SequenceEqual(want))
                {
                    failures.Add($"{Rel(root, project)} ({kind}): references [{string.Join(", ", refs)}], expected every lower core assembly [{string.Join(", ", want)}] and no higher one");
                }
            }
        }

        string sln = File.ReadAllText(Path.Combine(root, "SmartLamp.sln")).Replace('\\', '/');
        foreach (string a in CoreAssemblies)
        {
            foreach (string p in new[] { NfprojOf(root, a), CsprojOf(root, a), GateOf(root, a) })
            {
                if (!sln.Contains("\"" + Rel(root, p) + "\"", StringComparison.Ordinal))
                {
                    failures.Add("SmartLamp.sln does not contain " + Rel(root, p));
                }
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }
    }

    private static string CoreProjectDir(string root, string assembly) => Path.Combine(root, "firmware", assembly);

    private static string NfprojOf(string root, string assembly) => Path.Combine(CoreProjectDir(root, assembly), assembly + ".nfproj");

    private static string CsprojOf(string root, string assembly) => Path.Combine(CoreProjectDir(root, assembly), assembly + ".csproj");

    private static string GateOf(string root, string assembly) => Path.Combine(root, "firmware", "SmartLamp.NanoCheck", assembly, assembly + ".NanoCheck.csproj");

    private static List<string> ProjectReferences(string project)
    {
        return XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => ((string?)e.Attribute("Include") ?? "").Replace('\\', '/'))
            .ToList();
    }

    // The Compile items of a core host .csproj, which may only use the two forms the split needs:
    // a capability folder "<dir>\**\*.cs" (optional Exclude="file;file") and a single "<file>.cs".
    private static List<string> HostCompileItems(string csproj, out List<string> capabilityFolders)
    {
        string dir = Path.GetDirectoryName(csproj)!;
        string coreDir = Path.Combine(Path.GetDirectoryName(dir)!, "SmartLamp.Core");
        var files = new List<string>();
        capabilityFolders = new List<string>();
        foreach (var e in XDocument.Load(csproj).Descendants().Where(e => e.Name.LocalName == "Compile"))
        {
            var excludes = ((string?)e.Attribute("Exclude") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(x => FullPath(dir, x)).ToHashSet();
            foreach (string include in ((string?)e.Attribute("Include") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                string norm = include.Replace('/', '\\');
                if (norm.EndsWith("\\**\\*.cs", StringComparison.Ordinal))
                {
                    string folder = FullPath(dir, norm.Substring(0, norm.Length - "\\**\\*.cs".Length));
                    capabilityFolders.Add(Path.GetRelativePath(coreDir, folder));
                    if (Directory.Exists(folder))
                    {
                        files.AddRange(SourcesUnder(folder).Where(f => !excludes.Contains(f)));
                    }
                }
                else if (norm.EndsWith(".cs", StringComparison.Ordinal) && !norm.Contains('*'))
                {
                    files.Add(FullPath(dir, norm));
                }
                else
                {
                    Assert.Fail(csproj + ": <Compile Include=\"" + include + "\"> is neither a folder (X\\**\\*.cs) nor one .cs file");
                }
            }
        }

        return files;
    }

    [TestMethod]
    public void App_Nfproj_Compiles_Every_Source_In_Its_Folder()
    {
        string root = RepoRoot.Find();
        string dir = Path.Combine(root, "firmware", "SmartLamp");
        AssertCompileItems(root, Path.Combine(dir, "SmartLamp.nfproj"), SourcesUnder(dir));
    }

    // The on-device test projects: tests/<name>/<name>.nfproj, each assembly named NFUnitTest, each with
    // its gate tests/NFUnitTest.NanoCheck/<name>/<name>.NanoCheck.csproj. NFUnitTest.Heap holds the nano-only
    // heap measurement (a source in its own folder: the host has no nanoFramework.Runtime.Native).
    internal static readonly string[] TestProjects = ["NFUnitTest.Core", "NFUnitTest.Hardware", "NFUnitTest.Mqtt", "NFUnitTest.App", "NFUnitTest.Heap"];

    [TestMethod]
    public void Every_Shared_Test_Runs_In_One_NFUnitTest_Project_With_The_Simulation_Adapters_And_Test_Doubles()
    {
        // A [TestClass] file in exactly one project (else it runs twice); a helper (no [TestClass]) in any
        // that need it; every shared file in at least one; the doubles in every one.
        string root = RepoRoot.Find();
        string shared = Path.Combine(root, "tests", "SmartLamp.Core.Tests");
        var sim = SourcesUnder(Path.Combine(root, "tools", "SmartLamp.Simulation")).Concat(SourcesUnder(Path.Combine(root, "tests", "SmartLamp.TestDoubles"))).ToList();
        var lists = TestProjects.ToDictionary(t => t, t => CompileList(Path.Combine(root, "tests", t, t + ".nfproj")));
        var failures = new List<string>();
        foreach (string file in SourcesUnder(shared, "HostOnly").OrderBy(f => f, StringComparer.Ordinal))
        {
            var inProjects = lists.Where(kv => kv.Value.Contains(file)).Select(kv => kv.Key).ToList();
            string folder = Path.GetRelativePath(shared, file).Split(Path.DirectorySeparatorChar)[0];
            string home = TestProjects.FirstOrDefault(t => lists[t].Any(f => Path.GetRelativePath(shared, f).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.ReadAllText(f).Contains("[TestClass]", StringComparison.Ordinal)))
                ?? "the NFUnitTest project of the core assembly that holds the capability";
            string include = Path.GetRelativePath(Path.Combine(root, "tests", "x"), file).Replace('/', '\\');
            bool isTestClass = File.ReadAllText(file).Contains("[TestClass]", StringComparison.Ordinal);
            if (inProjects.Count == 0)
            {
                failures.Add($"{Rel(root, file)}: in no NFUnitTest project; add <Compile Include=\"{include}\" Link=\"{LinkOf(include)}\" /> to tests/{home}/{home}.nfproj (the project of its folder {folder}/)");
            }
            else if (isTestClass && inProjects.Count > 1)
            {
                failures.Add($"{Rel(root, file)}: a [TestClass] in {string.Join(" and ", inProjects)}; keep it in one so it runs once");
            }
        }

        foreach (var (t, list) in lists)
        {
            string own = Path.Combine(root, "tests", t) + Path.DirectorySeparatorChar;
            foreach (string f in list.Where(f => !f.StartsWith(shared + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !sim.Contains(f) && !f.StartsWith(own, StringComparison.Ordinal)))
            {
                failures.Add($"tests/{t}/{t}.nfproj: lists {Rel(root, f)}, which is neither a shared test (tests/SmartLamp.Core.Tests, not HostOnly/), a simulation adapter, a test double nor a nano-only source in tests/{t}/");
            }

            foreach (string f in sim.Where(f => !list.Contains(f)))
            {
                failures.Add($"tests/{t}/{t}.nfproj: misses the mscorlib-only double {Rel(root, f)} (tools/SmartLamp.Simulation and tests/SmartLamp.TestDoubles go in every one)");
            }

            foreach (var d in list.GroupBy(f => f).Where(g => g.Count() > 1))
            {
                failures.Add($"tests/{t}/{t}.nfproj: lists {Rel(root, d.Key)} twice");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail("shared tests and NFUnitTest projects disagree:\n  " + string.Join("\n  ", failures));
        }
    }

    [TestMethod]
    public void Every_NFUnitTest_Project_Builds_The_Assembly_The_Launcher_Loads_And_Has_Its_Gate()
    {
        string root = RepoRoot.Find();
        var failures = new List<string>();
        string sln = File.ReadAllText(Path.Combine(root, "SmartLamp.sln")).Replace('\\', '/');
        var found = AllNfprojs(root).Select(p => Rel(root, p)).Where(p => p.StartsWith("tests/", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(TestProjects.Select(t => $"tests/{t}/{t}.nfproj").ToList(), found, "the .nfproj projects under tests/ must be exactly ProjectFilesTests.TestProjects");
        foreach (string t in TestProjects)
        {
            string nfproj = Path.Combine(root, "tests", t, t + ".nfproj");
            var project = XDocument.Load(nfproj);
            if (Property(project, "AssemblyName") != "NFUnitTest") failures.Add($"{t}: AssemblyName must be NFUnitTest (UnitTestLauncher does Assembly.Load(\"NFUnitTest\"))");
            if (Property(project, "IsTestProject") != "true") failures.Add($"{t}: IsTestProject must be true");
            if (Property(project, "TestProjectType") != "UnitTest") failures.Add($"{t}: TestProjectType must be UnitTest");
            if (!(Property(project, "RunSettingsFilePath") ?? "").EndsWith("nano.runsettings", StringComparison.Ordinal)) failures.Add($"{t}: RunSettingsFilePath must name its nano.runsettings");
            if (!File.Exists(Path.Combine(root, "tests", t, "nano.runsettings"))) failures.Add($"tests/{t}/nano.runsettings is missing");
            var refs = ProjectReferences(nfproj).Select(r => Path.GetFileNameWithoutExtension(r)).OrderBy(r => r, StringComparer.Ordinal);
            if (!refs.SequenceEqual(CoreAssemblies.OrderBy(r => r, StringComparer.Ordinal))) failures.Add($"{t}: must reference every core .nfproj ({string.Join(", ", CoreAssemblies)})");
            string gate = Path.Combine(root, "tests", "NFUnitTest.NanoCheck", t, t + ".NanoCheck.csproj");
            if (!File.Exists(gate)) failures.Add($"{t}: no gate {Rel(root, gate)}");
            foreach (string p in new[] { nfproj, gate })
            {
                if (!sln.Contains("\"" + Rel(root, p) + "\"", StringComparison.Ordinal)) failures.Add("SmartLamp.sln does not contain " + Rel(root, p));
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }
    }

    private static List<string> CompileList(string nfproj)
    {
        string dir = Path.GetDirectoryName(nfproj)!;
        return XDocument.Load(nfproj).Descendants().Where(e => e.Name.LocalName == "Compile").Select(e => FullPath(dir, (string?)e.Attribute("Include") ?? "")).ToList();
    }

    [TestMethod]
    public void Every_NanoFramework_Package_Has_The_NfprojProps_Version_And_A_Matching_HintPath()
    {
        string root = RepoRoot.Find();
        var versions = NfprojPropsVersions(root);
        var failures = new List<string>();
        foreach (string nfproj in AllNfprojs(root))
        {
            string name = Rel(root, nfproj);
            string dir = Path.GetDirectoryName(nfproj)!;
            string config = Path.Combine(dir, "packages.config");
            if (!File.Exists(config))
            {
                failures.Add(name + ": no packages.config next to it");
                continue;
            }

            var packages = XDocument.Load(config).Descendants().Where(e => e.Name.LocalName == "package")
                .Select(e => (Id: (string?)e.Attribute("id") ?? "", Version: (string?)e.Attribute("version") ?? "", Tfm: (string?)e.Attribute("targetFramework") ?? ""))
                .ToList();
            var hintPaths = References(XDocument.Load(nfproj))
                .Select(r => (r.Include, Path: FullPath(dir, r.HintPath)))
                .ToList();
            string packagesDir = Path.Combine(root, "packages") + Path.DirectorySeparatorChar;

            foreach (var p in packages)
            {
                if (!Packages.TryGetValue(p.Id, out var known))
                {
                    failures.Add($"{Rel(root, config)}: package {p.Id} is unknown; add its version property to nfproj.props and to ProjectFilesTests.Packages");
                    continue;
                }

                if (!versions.TryGetValue(known.Property, out string? wanted))
                {
                    failures.Add($"nfproj.props: no <{known.Property}> for {p.Id}");
                    continue;
                }

                if (p.Version != wanted)
                {
                    failures.Add($"{Rel(root, config)}: {p.Id} is {p.Version}, nfproj.props {known.Property} says {wanted}");
                }

                if (p.Tfm != "netnano1.0")
                {
                    failures.Add($"{Rel(root, config)}: {p.Id} has targetFramework=\"{p.Tfm}\", expected \"netnano1.0\"");
                }

                foreach (string lib in known.LibFiles)
                {
                    string expectedPath = Path.Combine(root, "packages", p.Id + "." + wanted, "lib", lib);
                    if (!hintPaths.Any(h => h.Path == expectedPath))
                    {
                        string rel = Path.GetRelativePath(dir, expectedPath).Replace('/', '\\');
                        failures.Add($"{name}: no reference to {p.Id} {wanted} {lib}; add <Reference Include=\"{Path.GetFileNameWithoutExtension(lib)}\"><HintPath>{rel}</HintPath><Private>True</Private></Reference>");
                    }
                }
            }

            foreach (var h in hintPaths)
            {
                if (!h.Path.StartsWith(packagesDir, StringComparison.Ordinal))
                {
                    failures.Add($"{name}: HintPath of {h.Include} is outside the solution's packages folder: {h.Path}");
                    continue;
                }

                string folder = h.Path.Substring(packagesDir.Length).Split(Path.DirectorySeparatorChar)[0];
                bool listed = packages.Any(p => folder == p.Id + "." + p.Version);
                if (!listed)
                {
                    failures.Add($"{name}: HintPath of {h.Include} points into packages/{folder}, which packages.config does not list (stale version?)");
                }

                if (Path.GetFileNameWithoutExtension(h.Path) != h.Include)
                {
                    failures.Add($"{name}: <Reference Include=\"{h.Include}\"> points at {Path.GetFileName(h.Path)}");
                }
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail("packages.config / .nfproj / nfproj.props disagree:\n  " + string.Join("\n  ", failures));
        }
    }

    [TestMethod]
    public void The_Host_Language_Version_Is_The_One_The_Device_Build_Gets()
    {
        // NFProjectSystem.Default.props sets LangVersion 9.0 unconditionally and every .nfproj imports it after
        // nfproj.props: a newer NanoLangVersion would let the host builds (tests, simulator, NanoCheck) accept
        // C# the device build refuses, e.g. a global using.
        string root = RepoRoot.Find();
        string? version = XDocument.Load(Path.Combine(root, "nfproj.props")).Descendants()
            .FirstOrDefault(e => e.Name.LocalName == "NanoLangVersion")?.Value;
        Assert.AreEqual("9.0", version, "nfproj.props NanoLangVersion must be the nanoFramework project system's LangVersion");

        var failures = new List<string>();
        foreach (string nfproj in AllNfprojs(root))
        {
            var imports = XDocument.Load(nfproj).Root!.Elements().Where(e => e.Name.LocalName == "Import")
                .Select(e => (string?)e.Attribute("Project") ?? "").ToList();
            int props = imports.FindIndex(i => i.EndsWith("nfproj.props", StringComparison.Ordinal));
            int defaults = imports.IndexOf("$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props");
            bool ownVersion = XDocument.Load(nfproj).Descendants().Any(e => e.Name.LocalName == "LangVersion");
            if (props < 0 || defaults < props || ownVersion)
            {
                failures.Add($"{Rel(root, nfproj)}: must import nfproj.props, then NFProjectSystem.Default.props, and set no LangVersion of its own");
            }
        }

        // The host projects that compile device sources (the core's host builds, the shared tests and doubles, the
        // simulator's ports, the nanoFramework gate) take NanoLangVersion and no other.
        string[] shared =
        {
            "firmware/SmartLamp.Core/SmartLamp.Core.csproj", "firmware/SmartLamp.Core.Hardware/SmartLamp.Core.Hardware.csproj",
            "firmware/SmartLamp.Core.Mqtt/SmartLamp.Core.Mqtt.csproj", "firmware/SmartLamp.Core.App/SmartLamp.Core.App.csproj",
            "tests/SmartLamp.Core.Tests/SmartLamp.Core.Tests.csproj", "tests/SmartLamp.TestDoubles/SmartLamp.TestDoubles.csproj",
            "tools/SmartLamp.Simulation/SmartLamp.Simulation.csproj", "tools/msbuild/NanoTypeCheck.targets",
        };
        foreach (string rel in shared)
        {
            List<string> versions = LangVersions(Path.Combine(root, rel));
            if (versions.Count == 0 || versions.Any(v => v != "$(NanoLangVersion)"))
            {
                failures.Add($"{rel}: needs <LangVersion>$(NanoLangVersion)</LangVersion> and no other LangVersion");
            }
        }

        Assert.AreEqual(0, failures.Count, string.Join("\n", failures));
    }

    private static List<string> LangVersions(string project) =>
        XDocument.Load(project).Descendants().Where(e => e.Name.LocalName == "LangVersion").Select(e => e.Value.Trim()).ToList();

    [TestMethod]
    public void Every_Nfproj_Imports_NfprojProps_And_The_NoOp_Targets_Only_Without_The_Project_System()
    {
        string root = RepoRoot.Find();
        string props = Path.Combine(root, "nfproj.props");
        string noNano = Path.Combine(root, "tools", "msbuild", "NoNanoProjectSystem.targets");
        var failures = new List<string>();
        foreach (string nfproj in AllNfprojs(root))
        {
            string name = Rel(root, nfproj);
            string dir = Path.GetDirectoryName(nfproj)!;
            var imports = XDocument.Load(nfproj).Root!.Elements().Where(e => e.Name.LocalName == "Import")
                .Select(e => (Project: (string?)e.Attribute("Project") ?? "", Condition: ((string?)e.Attribute("Condition") ?? "").Replace(" ", "")))
                .ToList();

            if (imports.Count == 0 || !imports[0].Project.Contains("nfproj.props", StringComparison.Ordinal) || FullPath(dir, imports[0].Project) != props)
            {
                failures.Add($"{name}: the first <Import> must be nfproj.props (it defines NanoFrameworkProjectSystemPath and NanoProjectSystemPresent)");
            }

            var noOp = imports.Where(i => i.Project.EndsWith("NoNanoProjectSystem.targets", StringComparison.Ordinal)).ToList();
            if (noOp.Count != 1 || FullPath(dir, noOp[0].Project) != noNano || noOp[0].Condition != NoNanoCondition)
            {
                failures.Add($"{name}: needs exactly one <Import Project=\"{Path.GetRelativePath(dir, noNano).Replace('/', '\\')}\" Condition=\"'$(NanoProjectSystemPresent)' != 'true'\" />");
            }

            foreach (var i in imports.Where(i => i.Project.StartsWith("$(NanoFrameworkProjectSystemPath)", StringComparison.Ordinal)))
            {
                if (i.Condition != "Exists('" + i.Project + "')")
                {
                    failures.Add($"{name}: <Import Project=\"{i.Project}\"> needs Condition=\"Exists('{i.Project}')\"");
                }
            }

            if (!imports.Any(i => i.Project == "$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets"))
            {
                failures.Add($"{name}: does not import $(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets");
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }
    }

    [TestMethod]
    [DoNotParallelize]
    public void Every_Nfproj_Builds_As_A_NoOp_With_Plain_Dotnet()
    {
        // What `dotnet build SmartLamp.sln` does to each .nfproj on a machine without the extension.
        string root = RepoRoot.Find();
        foreach (string nfproj in AllNfprojs(root))
        {
            var (exitCode, output) = Dotnet(Path.GetDirectoryName(nfproj)!, $"build \"{Path.GetFileName(nfproj)}\" -nodeReuse:false -v:n");
            Assert.AreEqual(0, exitCode, Rel(root, nfproj) + " must build as a no-op:\n" + output);
            StringAssert.Contains(output, Path.GetFileName(nfproj) + ": skipped (nanoFramework project system not installed)", output);
        }
    }

    [TestMethod]
    public void Compiled_In_Default_Board_Is_A_Copy_Of_The_Default_Hardware_Profile()
    {
        string root = RepoRoot.Find();
        string code = File.ReadAllText(Path.Combine(root, "firmware", "SmartLamp", "DefaultBoard.cs"));
        var m = Regex.Match(code, "Json\\s*=\\s*@\"(?<s>(?:[^\"]|\"\")*)\"\\s*;", RegexOptions.Singleline);
        Assert.IsTrue(m.Success, "firmware/SmartLamp/DefaultBoard.cs: no `Json = @\"...\";` verbatim string found");
        var compiledIn = JsonNode.Parse(m.Groups["s"].Value.Replace("\"\"", "\""));
        var profile = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "hardware", "esp32-devkitc-relay.json")));
        Assert.IsTrue(JsonNode.DeepEquals(compiledIn, profile),
            "firmware/SmartLamp/DefaultBoard.cs differs from hardware/esp32-devkitc-relay.json; paste the file into the verbatim string (double every \")");
    }

    [TestMethod]
    public void Device_Sources_Name_The_Package_Versions_They_Were_Written_Against()
    {
        // The app cannot be compiled here, so each adapter says which package versions its calls were
        // checked against ("nanoFramework.M2Mqtt 5.1.220"), and those must be the versions it ships with.
        string root = RepoRoot.Find();
        var versions = NfprojPropsVersions(root);
        var failures = new List<string>();
        string app = Path.Combine(root, "firmware", "SmartLamp");
        var files = Directory.EnumerateFiles(Path.Combine(app, "Adapters"), "*.cs").Append(Path.Combine(app, "Program.cs")).OrderBy(f => f, StringComparer.Ordinal);
        foreach (string file in files)
        {
            string text = File.ReadAllText(file);
            var mentions = Regex.Matches(text, @"(nanoFramework\.[A-Za-z0-9.]*[A-Za-z0-9]) (\d+\.\d+\.\d+)").Select(m => (Id: m.Groups[1].Value, Version: m.Groups[2].Value)).ToList();
            if (mentions.Count == 0)
            {
                failures.Add(Rel(root, file) + ": names no package version (e.g. \"Written against nanoFramework.System.Device.Gpio 1.1.62\")");
            }

            foreach (var m in mentions)
            {
                if (Packages.TryGetValue(m.Id, out var known) && versions.TryGetValue(known.Property, out string? wanted) && wanted != m.Version)
                {
                    failures.Add($"{Rel(root, file)}: says {m.Id} {m.Version}, the app uses {wanted} (nfproj.props {known.Property})");
                }
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail(string.Join("\n", failures));
        }
    }

    [TestMethod]
    public void PowerShell_For_The_Flash_Tests_Is_Pinned_In_The_Local_Tool_Manifest()
    {
        string root = RepoRoot.Find();
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(root, ".config", "dotnet-tools.json")))!;
        var pwsh = manifest["tools"]?["powershell"];
        Assert.IsNotNull(pwsh, ".config/dotnet-tools.json has no powershell tool");
        Assert.AreEqual("7.6.9", (string?)pwsh["version"]);
        Assert.AreEqual("pwsh", (string?)pwsh["commands"]?[0]);
        Assert.AreEqual(false, (bool?)pwsh["rollForward"], "a pinned tool must not roll forward");
        string sln = File.ReadAllText(Path.Combine(root, "SmartLamp.sln"));
        StringAssert.Contains(sln, @"tests\SmartLamp.Flash.Tests\SmartLamp.Flash.Tests.csproj", "the flash.ps1 tests must run with `dotnet test SmartLamp.sln`");
    }

    [TestMethod]
    public void Every_Hardware_Profile_Names_Its_Nanoff_Target()
    {
        string root = RepoRoot.Find();
        var failures = new List<string>();
        string[] profiles = Directory.EnumerateFiles(Path.Combine(root, "hardware"), "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.IsNotEmpty(profiles, "hardware/ holds the board profiles flash.ps1 offers; none found");
        foreach (string file in profiles)
        {
            string? target = (string?)JsonNode.Parse(File.ReadAllText(file))?["nanoffTarget"];
            if (target == null || !Regex.IsMatch(target, "^ESP32_[A-Z0-9_]+$"))
            {
                failures.Add(Rel(root, file) + ": nanoffTarget must name an ESP32 nanoff target (e.g. ESP32_REV0), got " + (target ?? "nothing"));
            }
        }

        if (failures.Count > 0)
        {
            Assert.Fail("flash.ps1 maps a board to `nanoff --target` through its profile:\n" + string.Join("\n", failures));
        }
    }

    private static void AssertCompileItems(string root, string nfproj, IEnumerable<string> expectedFullPaths)
    {
        string? why = CompileItemsMismatch(root, nfproj, expectedFullPaths, "the files on disk");
        if (why != null)
        {
            Assert.Fail(why);
        }
    }

    private static string? CompileItemsMismatch(string root, string nfproj, IEnumerable<string> expectedFullPaths, string expectedWhat)
    {
        string dir = Path.GetDirectoryName(nfproj)!;
        var listed = XDocument.Load(nfproj).Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => FullPath(dir, (string?)e.Attribute("Include") ?? ""))
            .ToList();
        var expected = expectedFullPaths.ToList();

        var duplicates = listed.GroupBy(p => p).Where(g => g.Count() > 1).Select(g => Rel(root, g.Key)).ToList();
        var missing = expected.Except(listed).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var extra = listed.Except(expected).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0 && duplicates.Count == 0)
        {
            return null;
        }

        var message = new List<string> { Rel(root, nfproj) + " and " + expectedWhat + " disagree:" };
        foreach (string p in missing)
        {
            string include = Path.GetRelativePath(dir, p).Replace('/', '\\');
            string link = include.StartsWith("..", StringComparison.Ordinal) ? " Link=\"" + LinkOf(include) + "\"" : "";
            message.Add("  not listed (add <Compile Include=\"" + include + "\"" + link + " />): " + Rel(root, p));
        }

        foreach (string p in extra)
        {
            message.Add("  listed but not a source it should compile (remove it): " + Rel(root, p));
        }

        foreach (string p in duplicates)
        {
            message.Add("  listed twice: " + p);
        }

        return string.Join("\n", message);
    }

    // Linked files show under their capability folder in Visual Studio: "..\SmartLamp.Core\Mqtt\X.cs" -> "Mqtt\X.cs".
    private static string LinkOf(string include)
    {
        var parts = include.Split('\\').SkipWhile(p => p == "..").ToList();
        return string.Join('\\', parts.Count > 2 ? parts.Skip(1) : parts);
    }

    // Every .cs under dir except bin/, obj/ and the named top-level folders.
    private static IEnumerable<string> SourcesUnder(string dir, params string[] skipTopLevel)
    {
        var skip = new HashSet<string>(skipTopLevel.Concat(["bin", "obj"]), StringComparer.Ordinal);
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !skip.Contains(Path.GetRelativePath(dir, f).Split(Path.DirectorySeparatorChar)[0]))
            .Select(Path.GetFullPath);
    }

    private static IEnumerable<string> AllNfprojs(string root)
    {
        var ignored = new[] { "bin", "obj", "packages", ".git", "node_modules" };
        return Directory.EnumerateFiles(root, "*.nfproj", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => ignored.Contains(part)))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    private static IEnumerable<(string Include, string HintPath)> References(XDocument project)
    {
        return project.Descendants().Where(e => e.Name.LocalName == "Reference")
            .Select(e => ((string?)e.Attribute("Include") ?? "", e.Elements().FirstOrDefault(c => c.Name.LocalName == "HintPath")?.Value ?? ""))
            .Where(r => r.Item2.Length > 0);
    }

    private static Dictionary<string, string> NfprojPropsVersions(string root)
    {
        return XDocument.Load(Path.Combine(root, "nfproj.props")).Descendants()
            .Where(e => e.Name.LocalName.StartsWith("Nano", StringComparison.Ordinal) && e.Name.LocalName.EndsWith("Version", StringComparison.Ordinal) && !e.HasElements)
            .GroupBy(e => e.Name.LocalName)
            .ToDictionary(g => g.Key, g => g.First().Value.Trim());
    }

    private static string? Property(XDocument project, string name)
    {
        return project.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value.Trim();
    }

    // MSBuild paths in the project files use backslashes; resolve them on any OS.
    private static string FullPath(string baseDir, string msbuildPath)
    {
        return Path.GetFullPath(Path.Combine(baseDir, msbuildPath.Replace('\\', Path.DirectorySeparatorChar)));
    }

    private static string Rel(string root, string path)
    {
        return Path.GetRelativePath(root, path).Replace('\\', '/');
    }

    private static (int ExitCode, string Output) Dotnet(string workDir, string args)
    {
        var psi = new ProcessStartInfo("dotnet", args)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A nested build must not inherit the outer test run's MSBuild state.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(key);
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(true);
            Assert.Fail("dotnet " + args + " did not finish in 3 minutes");
        }

        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
