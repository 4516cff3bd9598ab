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
        StringAssert.Contains(r.Output, "NanoGate: GateFixture.dll: no generics, no runtime traps");
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

    [TestMethod]
    public void Gate_Rejects_A_Bare_String_Array()
    {
        var r = BuildFixture("BareStringArray.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO002: GateFixture.BareStringArray.FirstIsEmpty: new System.String[n] leaves its slots unassigned");
        Assert.IsFalse(r.Output.Contains("error CS"), r.Output);
    }

    [TestMethod]
    public void Gate_Rejects_A_Bare_Array_Of_Any_Reference_Type()
    {
        var r = BuildFixture("BareObjectArray.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO002: GateFixture.BareObjectArray.Make: new GateFixture.Item[4] leaves its slots unassigned");
    }

    [TestMethod]
    public void Gate_Rejects_An_Initialiser_With_A_Null_Element()
    {
        var r = BuildFixture("InitialiserWithNull.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO002: GateFixture.InitialiserWithNull.Make: array initialiser new System.String[] { ... } leaves slot 1 of 3 unassigned");
    }

    [TestMethod]
    public void Gate_Rejects_Surrogates_Tested_Through_The_String_Indexer()
    {
        var r = BuildFixture("SurrogateViaIndexer.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO003: GateFixture.SurrogateViaIndexer.CodePoints: tests for UTF-16 surrogates (0xD800)");
    }

    [TestMethod]
    public void Gate_Rejects_U0000_In_A_String_Literal()
    {
        var r = BuildFixture("NulInLiteral.cs");
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO004: GateFixture.NulInLiteral.Make: string literal \"on\\u0000off\" holds U+0000 at index 2");
    }

    [TestMethod]
    public void Gate_Accepts_The_Trap_Free_Forms()
    {
        var r = BuildFixture("TrapFreeArrays.cs");
        Assert.AreEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "NanoGate: GateFixture.dll: no generics, no runtime traps");
    }

    [TestMethod]
    public void Size_Gate_Rejects_An_Assembly_Whose_Strings_Pass_75_Percent_Of_64_KiB()
    {
        // 1,800 distinct literals of 28 characters: ~52 KB of strings, over 49,151 B (75 %) but under
        // 65,535 B, so the gate fails where the MetadataProcessor would still pass.
        var src = new System.Text.StringBuilder("namespace GateFixture { public static class ManyStrings { public static int Run(int i) { switch (i) {\n");
        for (int i = 0; i < 1800; i++)
        {
            src.Append("case ").Append(i).Append(": return \"literal number ").Append(i.ToString("D5")).Append(" of many\".Length;\n");
        }

        src.Append("} return 0; } } }\n");
        var r = BuildFixture("ManyStrings.cs", source: src.ToString());
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Matches(r.Output, new System.Text.RegularExpressions.Regex(@"error NANO005: nano PE Strings table estimated at 5\d,\d{3} B, over 75% of the MetadataProcessor's 65,535 B limit \(49,151 B\)"));
    }

    [TestMethod]
    public void Size_Gate_Estimates_The_Byte_Code_Of_A_Large_Method()
    {
        // 6,000 statements "x = x * 7 + i;" (ldloc, ldc.i4.7, mul, ldc.i4 i, add, stloc: 1+1+1+5+1+1 bytes
        // in IL, the same in nano byte code): ~60 KB, over 75 % of 64 KiB.
        var src = new System.Text.StringBuilder("namespace GateFixture { public static class BigMethod { public static int Run(int x) {\n");
        for (int i = 0; i < 6000; i++)
        {
            src.Append("x = x * 7 + ").Append(1000 + i).Append(";\n");
        }

        src.Append("return x; } } }\n");
        var r = BuildFixture("BigMethod.cs", source: src.ToString());
        Assert.AreNotEqual(0, r.ExitCode, r.Output);
        StringAssert.Contains(r.Output, "error NANO005: nano PE ByteCode table estimated at");
    }

    private sealed record BuildResult(int ExitCode, string Output);

    private static BuildResult BuildFixture(string fixture, string extraArgs = "", string? source = null)
    {
        string root = RepoRoot.Find();
        string targets = Path.Combine(root, "tools", "msbuild", "NanoTypeCheck.targets");
        string work = Path.Combine(Path.GetTempPath(), "smartlamp-gate", Path.GetFileNameWithoutExtension(fixture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            if (source != null)
            {
                File.WriteAllText(Path.Combine(work, fixture), source);
            }
            else
            {
                File.Copy(Path.Combine(root, "tests", "SmartLamp.Host.Tests", "GateFixtures", fixture), Path.Combine(work, fixture));
            }
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
