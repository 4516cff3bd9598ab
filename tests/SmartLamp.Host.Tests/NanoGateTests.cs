using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace SmartLamp.Host.Tests;

/// <summary>
/// Negative controls for the nanoFramework type gate. Each test builds a throw-away project that
/// imports tools/msbuild/NanoTypeCheck.targets (the same file firmware/SmartLamp.NanoCheck uses for
/// the real core) with one fixture, and asserts the build fails for the documented reason. The
/// positive control proves the gate accepts plain mscorlib code, so a broken gate cannot pass these.
/// </summary>
[TestClass]
[DoNotParallelize]
public sealed class NanoGateTests
{
    [TestMethod]
    public void Gate_Rejects_List_Of_T()
    {
        var r = BuildFixture("UsesList.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error CS0234: The type or namespace name 'Generic' does not exist in the namespace 'System.Collections'");
    }

    [TestMethod]
    public void Gate_Rejects_StringBuilder()
    {
        var r = BuildFixture("UsesStringBuilder.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error CS0234: The type or namespace name 'Text' does not exist in the namespace 'System'");
    }

    [TestMethod]
    public void Gate_Rejects_Generic_Delegate_Instantiation_That_Mscorlib_Declares()
    {
        var r = BuildFixture("UsesGenericDelegate.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO001: generic type instantiation System.Action`1<Int32>");
        Assert.IsFalse(r.Output.Contains("error CS"), "the fixture must compile; only the IL scan may reject it:\n" + r.Output);
    }

    [TestMethod]
    public void Gate_Rejects_Generic_Type_Definition()
    {
        var r = BuildFixture("DefinesGenericType.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO001: generic type definition GateFixture.Box`1");
    }

    [TestMethod]
    public void Gate_Rejects_Generic_Method_Definition()
    {
        var r = BuildFixture("DefinesGenericMethod.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO001: generic method definition GateFixture.DefinesGenericMethod.FirstOr");
    }

    [TestMethod]
    public void Gate_Accepts_Plain_Mscorlib_Code()
    {
        var r = BuildFixture("MscorlibOnly.cs");
        Assert.AreEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "NanoGate: no generics in GateFixture.dll");
    }

    [TestMethod]
    public void Gate_Compiles_Against_NanoFramework_Mscorlib_Not_The_Desktop_One()
    {
        // The desktop mscorlib has List<T>; if it leaked in, UsesList would compile. Independently,
        // check the reference passed to the compiler is the CoreLibrary package's mscorlib.
        var r = BuildFixture("MscorlibOnly.cs", "-v:detailed");
        Assert.AreEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output.Replace('\\', '/'), "nanoframework.corelibrary/1.17.11/lib/mscorlib.dll");
    }

    private sealed record BuildResult(int ExitCode, string Output);

    private static BuildResult BuildFixture(string fixture, string extraArgs = "")
    {
        string root = RepoRoot.Find();
        string targets = Path.Combine(root, "tools", "msbuild", "NanoTypeCheck.targets");
        string work = Path.Combine(Path.GetTempPath(), "smartlamp-gate", Path.GetFileNameWithoutExtension(fixture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            File.Copy(Path.Combine(root, "tests", "SmartLamp.Host.Tests", "GateFixtures", fixture), Path.Combine(work, fixture));
            File.WriteAllText(Path.Combine(work, "GateFixture.csproj"),
                $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{targets}" />
                  <PropertyGroup><AssemblyName>GateFixture</AssemblyName></PropertyGroup>
                  <ItemGroup><Compile Include="{fixture}" /></ItemGroup>
                </Project>
                """);
            return Dotnet(work, $"build GateFixture.csproj -nodeReuse:false -p:UseSharedCompilation=false {extraArgs}");
        }
        finally
        {
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
    }

    private static BuildResult Dotnet(string workDir, string args)
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

        return new BuildResult(p.ExitCode, stdout.Result + stderr.Result);
    }
}
