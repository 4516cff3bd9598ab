using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SmartLamp.Simulator;

namespace SmartLamp.Bench;

/// <summary>mosquitto on a free loopback port (throw-away config), or the embedded MQTTnet broker when mosquitto is missing (said in the output).</summary>
public sealed class BenchBroker : IAsyncDisposable
{
    private Process _mosquitto;
    private EmbeddedBroker _embedded;
    private string _dir;

    /// <summary>127.0.0.1.</summary>
    public string Host => "127.0.0.1";

    /// <summary>Port.</summary>
    public int Port { get; private set; }

    /// <summary>What runs.</summary>
    public string Kind { get; private set; }

    /// <summary>
    /// mosquitto's set_tcp_nodelay for the next brokers (default false, as mosquitto ships):
    /// <c>--broker-nodelay</c> on the command line.
    /// </summary>
    public static bool TcpNoDelay { get; set; }

    /// <summary>Starts a broker for a few clients.</summary>
    public static Task<BenchBroker> StartAsync() => StartAsync(16);

    /// <summary>
    /// Starts a broker sized for <paramref name="clients"/> connections: mosquitto gets
    /// max_connections -1 (unlimited), queues deep enough for one message per device in flight, and
    /// inherits this process's file-descriptor limit (the .NET runtime raises its soft limit to the
    /// hard limit at start; a fleet of N needs about N descriptors in each of the two processes).
    /// </summary>
    public static async Task<BenchBroker> StartAsync(int clients)
    {
        var b = new BenchBroker { Port = EmbeddedBroker.FreeLoopbackPort() };
        string exe = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : FindOnPath("mosquitto");
        if (exe == null)
        {
            Console.WriteLine("NOTE: mosquitto not found, using the embedded MQTTnet broker (figures are not comparable with mosquitto runs).");
            b._embedded = await EmbeddedBroker.StartAsync(b.Port, 1);
            b.Kind = "embedded MQTTnet broker";
            return b;
        }

        b._dir = Path.Combine(Path.GetTempPath(), "smartlamp-bench-broker-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(b._dir);
        string conf = Path.Combine(b._dir, "mosquitto.conf");
        File.WriteAllText(conf, "listener " + b.Port + " 127.0.0.1\nallow_anonymous true\npersistence false\nlog_type error\nmax_connections -1\n"
            + "max_queued_messages " + Math.Max(100000, 20 * clients) + "\nmax_inflight_messages 0\nmax_keepalive 65535\n"
            + (TcpNoDelay ? "set_tcp_nodelay true\n" : string.Empty));
        b._mosquitto = Process.Start(new ProcessStartInfo(exe, "-c \"" + conf + "\"") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
        b._mosquitto.OutputDataReceived += (_, _) => { };
        b._mosquitto.ErrorDataReceived += (_, _) => { };
        b._mosquitto.BeginOutputReadLine();
        b._mosquitto.BeginErrorReadLine();
        var sw = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync(IPAddress.Loopback, b.Port);
                break;
            }
            catch (SocketException) when (sw.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }
        }

        b.Kind = "mosquitto " + Version(exe) + (TcpNoDelay ? " (set_tcp_nodelay true)" : " (set_tcp_nodelay false, its default)");
        return b;
    }

    /// <summary>Stops it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_embedded != null)
        {
            await _embedded.DisposeAsync();
        }

        if (_mosquitto != null)
        {
            try
            {
                _mosquitto.Kill();
                _mosquitto.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
            }

            _mosquitto.Dispose();
        }

        if (_dir != null)
        {
            try
            {
                Directory.Delete(_dir, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string p = Path.Combine(dir, name);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    private static string Version(string exe)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(exe, "-h") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true });
            string first = p.StandardOutput.ReadLine() ?? string.Empty;
            p.WaitForExit(2000);
            return first.Replace("mosquitto version ", string.Empty).Trim();
        }
        catch (Exception)
        {
            return string.Empty;
        }
    }
}
