using System.Diagnostics;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>
/// The simulator as a separate process: `dotnet SmartLamp.Simulator.dll &lt;args&gt;` with stdin, stdout and
/// stderr redirected. Used where the process boundary matters (SIGKILL → will, SIGTERM → clean
/// disconnect, exit codes, the CLI's own option handling). Always killed on dispose.
/// </summary>
public sealed class SimProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _out = new();
    private readonly List<string> _err = new();

    private SimProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Standard output lines so far.</summary>
    public string[] Output
    {
        get
        {
            lock (_out)
            {
                return _out.ToArray();
            }
        }
    }

    /// <summary>Standard error lines so far.</summary>
    public string[] Errors
    {
        get
        {
            lock (_err)
            {
                return _err.ToArray();
            }
        }
    }

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Threads the process runs now.</summary>
    public int ThreadCount
    {
        get
        {
            _process.Refresh();
            return _process.Threads.Count;
        }
    }

    /// <summary>The simulator assembly next to the test assembly (copied by the project reference).</summary>
    public static string SimulatorDll
    {
        get
        {
            string path = typeof(SmartLamp.Simulator.Program).Assembly.Location;
            if (!File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")))
            {
                Assert.Fail("SmartLamp.Simulator.runtimeconfig.json is missing next to " + path + "; the simulator cannot run as a process");
            }

            return path;
        }
    }

    /// <summary>Starts the simulator with <paramref name="args"/>.</summary>
    public static SimProcess Start(params string[] args)
    {
        Process p = DotnetProcess.Start(SimulatorDll, true, args);
        var sim = new SimProcess(p);
        p.OutputDataReceived += (_, e) => sim.Add(sim._out, e.Data);
        p.ErrorDataReceived += (_, e) => sim.Add(sim._err, e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return sim;
    }

    /// <summary>Waits for an output line containing <paramref name="text"/>; fails the test on timeout or early exit.</summary>
    public async Task<string> WaitForOutputAsync(string text, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? MqttProbe.DefaultTimeout;
        while (true)
        {
            string hit = Output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (hit != null)
            {
                return hit;
            }

            if (_process.HasExited && sw.Elapsed > TimeSpan.FromMilliseconds(200))
            {
                Assert.Fail("simulator exited (code " + _process.ExitCode + ") before printing \"" + text + "\"\n" + Transcript());
            }

            if (sw.Elapsed > limit)
            {
                Assert.Fail("simulator did not print \"" + text + "\" within " + limit.TotalSeconds + " s\n" + Transcript());
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Types a console line.</summary>
    public void SendLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Sends a POSIX signal.</summary>
    public void Signal(int signal)
    {
        if (!Native.Signal(_process.Id, signal))
        {
            Assert.Inconclusive("cannot send signal " + signal + " on this platform");
        }
    }

    /// <summary>SIGKILL: the process dies without running any code.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
    }

    /// <summary>Waits for the exit and returns the exit code; fails on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("simulator did not exit in time\n" + Transcript());
        }

        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    /// <summary>The last 80 lines of output and error, for failure messages.</summary>
    public string Transcript()
    {
        string[] o = Output;
        string[] e = Errors;
        return "--- stdout (last 80) ---\n" + string.Join("\n", o.Skip(Math.Max(0, o.Length - 80)))
            + "\n--- stderr ---\n" + string.Join("\n", e);
    }

    /// <summary>Kills the process if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Add(List<string> list, string line)
    {
        if (line == null)
        {
            return;
        }

        lock (list)
        {
            list.Add(line);
        }
    }
}
