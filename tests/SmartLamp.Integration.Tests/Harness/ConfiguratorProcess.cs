using System.Diagnostics;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>Runs smartlamp-config as users do: <c>dotnet SmartLamp.Configurator.dll ...</c> (copied next to the tests by the project reference).</summary>
public static class ConfiguratorProcess
{
    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        /// <summary>Everything printed, for failure messages.</summary>
        public override string ToString() => "exit " + ExitCode + "\nstdout:\n" + Output + "\nstderr:\n" + Errors;
    }

    /// <summary>Runs the Configurator with <paramref name="args"/>, killing it after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(TimeSpan timeout, params string[] args)
    {
        string dll = typeof(SmartLamp.Configurator.Program).Assembly.Location;
        if (!File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            Assert.Fail("SmartLamp.Configurator.runtimeconfig.json is missing next to " + dll);
        }

        using Process p = DotnetProcess.Start(dll, false, args);
        Task<string> output = p.StandardOutput.ReadToEndAsync();
        Task<string> errors = p.StandardError.ReadToEndAsync();
        try
        {
            await p.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            p.Kill(true);
            Assert.Fail("smartlamp-config did not finish within " + timeout.TotalSeconds + " s: " + string.Join(" ", args));
        }

        return new Result(p.ExitCode, await output, await errors);
    }
}
