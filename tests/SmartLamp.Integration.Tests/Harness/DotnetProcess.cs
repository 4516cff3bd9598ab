using System.Diagnostics;
using System.Text;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>How the harness starts a tool as users run it: <c>dotnet &lt;dll&gt; &lt;args&gt;</c>, output redirected as UTF-8.</summary>
public static class DotnetProcess
{
    /// <summary>Starts <paramref name="dll"/> with <paramref name="args"/>; stdin is redirected too when <paramref name="redirectInput"/>.</summary>
    public static Process Start(string dll, bool redirectInput, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(dll);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
