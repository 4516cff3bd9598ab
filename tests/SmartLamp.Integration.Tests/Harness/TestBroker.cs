using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmartLamp.Simulator;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>
/// The broker a test runs against: mosquitto (/usr/sbin/mosquitto or on PATH) on a free loopback port
/// with a throw-away config (listener &lt;port&gt; 127.0.0.1, allow_anonymous true, persistence false),
/// or, when mosquitto is missing, the simulator's embedded MQTTnet broker with a visible note.
/// With SMARTLAMP_REQUIRE_MOSQUITTO=1 a missing mosquitto fails the test instead.
/// <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> restart it on the same port.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    /// <summary>Environment variable that makes a missing mosquitto a failure (CI sets it to 1).</summary>
    public const string RequireVariable = "SMARTLAMP_REQUIRE_MOSQUITTO";

    private static bool _noteShown;
    private readonly string _mosquitto;
    private readonly string _dir;
    private readonly List<string> _log = new();
    private Process _process;
    private EmbeddedBroker _embedded;

    private TestBroker(string mosquitto, int port)
    {
        _mosquitto = mosquitto;
        Port = port;
        _dir = Path.Combine(Path.GetTempPath(), "smartlamp-it-broker-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(_dir);
    }

    /// <summary>Always 127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>True when this is mosquitto, false for the embedded fallback.</summary>
    public bool IsMosquitto => _mosquitto != null;

    /// <summary>"mosquitto" or "embedded MQTTnet broker".</summary>
    public string Kind => IsMosquitto ? "mosquitto" : "embedded MQTTnet broker";

    /// <summary>mosquitto's log lines so far (empty for the embedded broker).</summary>
    public string[] LogLines
    {
        get
        {
            lock (_log)
            {
                return _log.ToArray();
            }
        }
    }

    /// <summary>Optional override: a mosquitto path, or "none" to act as if it were not installed.</summary>
    public const string PathVariable = "SMARTLAMP_MOSQUITTO";

    /// <summary>Path of mosquitto, or null when it is not installed.</summary>
    public static string FindMosquitto()
    {
        string forced = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(forced))
        {
            return forced == "none" ? null : forced;
        }

        if (File.Exists("/usr/sbin/mosquitto"))
        {
            return "/usr/sbin/mosquitto";
        }

        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in new[] { "mosquitto", "mosquitto.exe" })
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Starts a broker on a free loopback port and waits until it accepts connections.</summary>
    public static async Task<TestBroker> StartAsync()
    {
        string mosquitto = FindMosquitto();
        if (mosquitto == null)
        {
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                Assert.Fail("mosquitto is not installed (looked for /usr/sbin/mosquitto and mosquitto on PATH) and " + RequireVariable + "=1 requires it: install it (apt-get install mosquitto) or unset the variable to use the embedded broker.");
            }

            if (!_noteShown)
            {
                _noteShown = true;
                Console.WriteLine("NOTE: mosquitto not found; integration tests run against the embedded MQTTnet broker instead (set " + RequireVariable + "=1 to make this a failure).");
            }
        }

        var broker = new TestBroker(mosquitto, EmbeddedBroker.FreeLoopbackPort());
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>(Re)starts the broker on <see cref="Port"/>.</summary>
    public async Task StartAgainAsync()
    {
        if (_mosquitto == null)
        {
            _embedded = await EmbeddedBroker.StartAsync(Port, 1);
            return;
        }

        string config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllText(config,
            "listener " + Port + " 127.0.0.1\n" +
            "allow_anonymous true\n" +
            "persistence false\n" +
            "log_dest stderr\n" +
            "log_type error\nlog_type warning\nlog_type notice\nlog_type information\n" +
            "max_keepalive 65535\n");
        var psi = new ProcessStartInfo(_mosquitto, "-c \"" + config + "\"")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + _mosquitto);
        _process.OutputDataReceived += (_, e) => AddLog(e.Data);
        _process.ErrorDataReceived += (_, e) => AddLog(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (_process.HasExited)
            {
                Assert.Fail("mosquitto exited at start (code " + _process.ExitCode + "): " + string.Join(" | ", LogLines));
            }

            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        Assert.Fail("mosquitto did not accept connections on port " + Port + " within 10 s");
    }

    /// <summary>Stops the broker (clients lose their connection).</summary>
    public async Task StopAsync()
    {
        if (_embedded != null)
        {
            await _embedded.DisposeAsync();
            _embedded = null;
        }

        if (_process != null)
        {
            if (!_process.HasExited)
            {
                Native.Signal(_process.Id, Native.SIGTERM);
                if (!_process.WaitForExit(5000))
                {
                    _process.Kill();
                }

                _process.WaitForExit();
            }

            _process.Dispose();
            _process = null;
        }
    }

    /// <summary>True when mosquitto logged a line containing <paramref name="text"/>.</summary>
    public bool Logged(string text)
    {
        return LogLines.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>Stops the broker and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    private void AddLog(string line)
    {
        if (line == null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }
}
