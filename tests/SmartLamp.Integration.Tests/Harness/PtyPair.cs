using System.Diagnostics;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>
/// A pseudo-terminal pair made by socat (<c>socat -d -d pty,raw,echo=0,link=&lt;dir&gt;/dev pty,raw,echo=0,link=&lt;dir&gt;/cfg</c>):
/// bytes written to one end come out of the other, like a USB-UART cable between a PC and a device.
/// Without socat the test is inconclusive (skipped) with a note, unless SMARTLAMP_REQUIRE_SOCAT=1 or
/// SMARTLAMP_REQUIRE_MOSQUITTO=1 (CI sets both), which make it a failure.
/// </summary>
public sealed class PtyPair : IAsyncDisposable
{
    /// <summary>Environment variable that makes a missing socat a failure.</summary>
    public const string RequireVariable = "SMARTLAMP_REQUIRE_SOCAT";

    private readonly Process _socat;
    private readonly string _dir;
    private readonly List<string> _log = new();

    private PtyPair(Process socat, string dir)
    {
        _socat = socat;
        _dir = dir;
        DevicePath = Path.Combine(dir, "dev");
        ConfiguratorPath = Path.Combine(dir, "cfg");
    }

    /// <summary>The end the simulator's --console opens.</summary>
    public string DevicePath { get; }

    /// <summary>The end the Configurator's --port opens.</summary>
    public string ConfiguratorPath { get; }

    /// <summary>socat's own log (-d -d).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join("\n", _log);
            }
        }
    }

    /// <summary>socat on PATH or in /usr/bin, or null.</summary>
    public static string FindSocat()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin"))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            string candidate = Path.Combine(dir, "socat");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts socat and waits until both pty links exist.</summary>
    public static async Task<PtyPair> StartAsync()
    {
        string socat = FindSocat();
        if (socat == null)
        {
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1" || Environment.GetEnvironmentVariable(TestBroker.RequireVariable) == "1")
            {
                Assert.Fail("socat is not installed and the CI requires it (" + RequireVariable + " or " + TestBroker.RequireVariable + " is 1): apt-get install socat");
            }

            Assert.Inconclusive("socat is not installed (apt-get install socat); the serial console end-to-end test needs a pty pair");
        }

        string dir = Path.Combine(Path.GetTempPath(), "smartlamp-it-pty-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        var psi = new ProcessStartInfo(socat)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (string a in new[] { "-d", "-d", "pty,raw,echo=0,link=" + Path.Combine(dir, "dev"), "pty,raw,echo=0,link=" + Path.Combine(dir, "cfg") })
        {
            psi.ArgumentList.Add(a);
        }

        Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start socat");
        var pair = new PtyPair(p, dir);
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null)
            {
                lock (pair._log)
                {
                    pair._log.Add(e.Data);
                }
            }
        };
        p.OutputDataReceived += (_, _) => { };
        p.BeginErrorReadLine();
        p.BeginOutputReadLine();

        var sw = Stopwatch.StartNew();
        while (!(File.Exists(pair.DevicePath) && File.Exists(pair.ConfiguratorPath)))
        {
            if (p.HasExited || sw.Elapsed > TimeSpan.FromSeconds(10))
            {
                string log = pair.Log;
                await pair.DisposeAsync();
                Assert.Fail("socat did not create the pty pair within 10 s:\n" + log);
            }

            await Task.Delay(20);
        }

        return pair;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_socat.HasExited)
            {
                _socat.Kill();
                await _socat.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception)
        {
            // Already gone.
        }

        _socat.Dispose();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }
}
