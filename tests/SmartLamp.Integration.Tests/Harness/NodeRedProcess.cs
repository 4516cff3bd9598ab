using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using SmartLamp.Simulator;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>
/// A real Node-RED (the version pinned in docs/node-red/package-lock.json, installed there with
/// <c>npm ci</c>) started headless: a throw-away user folder with its own settings file, the example's
/// flows file with the broker config node pointed at the test broker, the editor/admin API on a free
/// loopback port (no login: loopback only). Missing node or Node-RED makes the test inconclusive, or a
/// failure with SMARTLAMP_REQUIRE_NODERED=1 (CI). Always killed on dispose.
/// </summary>
public sealed class NodeRedProcess : IAsyncDisposable
{
    /// <summary>Environment variable that makes a missing Node-RED a failure (CI sets it to 1).</summary>
    public const string RequireVariable = "SMARTLAMP_REQUIRE_NODERED";

    private readonly Process _process;
    private readonly string _dir;
    private readonly List<string> _out = new();
    private readonly HttpClient _http;

    private NodeRedProcess(Process process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
        _http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + port + "/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The admin API port.</summary>
    public int Port { get; }

    /// <summary>Node-RED's console lines so far.</summary>
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

    /// <summary>docs/node-red in the repository this test assembly was built from.</summary>
    public static string ExampleFolder
    {
        get
        {
            string dir = AppContext.BaseDirectory;
            while (dir != null && !File.Exists(Path.Combine(dir, "SmartLamp.sln")))
            {
                dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
            }

            Assert.IsNotNull(dir, "SmartLamp.sln not found above " + AppContext.BaseDirectory);
            return Path.Combine(dir, "docs", "node-red");
        }
    }

    /// <summary>The shipped flows file.</summary>
    public static string FlowsFile => Path.Combine(ExampleFolder, "flows.json");

    /// <summary>Node-RED's entry script, or a failed/inconclusive test when node or Node-RED is missing.</summary>
    public static string RequireNodeRed()
    {
        string red = Path.Combine(ExampleFolder, "node_modules", "node-red", "red.js");
        string problem = null;
        if (FindOnPath("node") == null)
        {
            problem = "node (Node.js 18.5 or later) is not on PATH (apt-get install nodejs npm)";
        }
        else if (!File.Exists(red))
        {
            problem = "Node-RED is not installed in " + ExampleFolder + " (run: npm ci --prefix docs/node-red)";
        }

        if (problem == null)
        {
            return red;
        }

        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail(problem + "; " + RequireVariable + "=1 requires it.");
        }

        Assert.Inconclusive(problem + "; the Node-RED flow test did not run (set " + RequireVariable + "=1 to make this a failure).");
        return null;
    }

    /// <summary>The shipped flows with the broker config node set to <paramref name="host"/>:<paramref name="port"/>, as a user would edit it.</summary>
    public static JsonArray FlowsFor(string host, int port)
    {
        JsonArray flows = JsonNode.Parse(File.ReadAllText(FlowsFile)).AsArray();
        int brokers = 0;
        foreach (JsonNode node in flows)
        {
            if ((string)node["type"] == "mqtt-broker")
            {
                node["broker"] = host;
                node["port"] = port.ToString();
                brokers++;
            }
        }

        Assert.AreEqual(1, brokers, "the flows file holds exactly one broker config node");
        return flows;
    }

    /// <summary>Starts Node-RED with <paramref name="flows"/> and waits until it runs them and is connected to the broker.</summary>
    public static async Task<NodeRedProcess> StartAsync(JsonArray flows, TimeSpan patience)
    {
        string red = RequireNodeRed();
        string dir = Path.Combine(Path.GetTempPath(), "smartlamp-nodered-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(dir);
        int port = EmbeddedBroker.FreeLoopbackPort();
        File.WriteAllText(Path.Combine(dir, "flows.json"), flows.ToJsonString());
        string settings = Path.Combine(dir, "settings.js");
        File.WriteAllText(settings,
            "module.exports = {\n" +
            "  uiHost: \"127.0.0.1\",\n" +
            "  uiPort: " + port + ",\n" +
            "  flowFile: \"flows.json\",\n" +
            "  credentialSecret: false,\n" +
            "  logging: { console: { level: \"info\", metrics: false, audit: false } },\n" +
            "  editorTheme: { projects: { enabled: false }, tours: false },\n" +
            "  diagnostics: { enabled: false },\n" +
            "  runtimeState: { enabled: false },\n" +
            "  externalModules: { autoInstall: false, palette: { allowInstall: false } },\n" +
            "};\n");

        var psi = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string a in new[] { red, "--userDir", dir, "--settings", settings })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NODE_RED_ENABLE_TOURS"] = "false";
        Process p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var nr = new NodeRedProcess(p, dir, port);
        p.OutputDataReceived += (_, e) => nr.Add(e.Data);
        p.ErrorDataReceived += (_, e) => nr.Add(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        await nr.WaitForOutputAsync("Connected to broker", patience);
        return nr;
    }

    /// <summary>Waits for a console line containing <paramref name="text"/>; fails on timeout or exit.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan patience)
    {
        var sw = Stopwatch.StartNew();
        while (!Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited)
            {
                Assert.Fail("Node-RED exited (code " + _process.ExitCode + ") before \"" + text + "\"\n" + Transcript());
            }

            if (sw.Elapsed > patience)
            {
                Assert.Fail("Node-RED did not log \"" + text + "\" within " + patience.TotalSeconds + " s\n" + Transcript());
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The flow context of tab <paramref name="tab"/> (admin API GET /context/flow/&lt;id&gt;), key → value text.</summary>
    public async Task<Dictionary<string, string>> FlowContextAsync(string tab)
    {
        string json = await _http.GetStringAsync("context/flow/" + tab);
        var values = new Dictionary<string, string>();
        JsonObject memory = JsonNode.Parse(json)?["memory"] as JsonObject;
        if (memory != null)
        {
            foreach (KeyValuePair<string, JsonNode> kv in memory)
            {
                values[kv.Key] = (string)kv.Value["msg"];
            }
        }

        return values;
    }

    /// <summary>Polls the flow context until <paramref name="key"/> is <paramref name="value"/>; fails with the transcript on timeout.</summary>
    public async Task WaitForFlowValueAsync(string tab, string key, string value, string what, TimeSpan patience)
    {
        var sw = Stopwatch.StartNew();
        Dictionary<string, string> last = null;
        while (sw.Elapsed < patience)
        {
            last = await FlowContextAsync(tab);
            if (last.TryGetValue(key, out string v) && v == value)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail(what + ": flow context " + key + " never became " + value + " within " + patience.TotalSeconds + " s; last context: "
            + (last == null ? "none" : string.Join(", ", last.Select(kv => kv.Key + "=" + kv.Value))) + "\n" + Transcript());
    }

    /// <summary>Clicks an inject node's button (admin API POST /inject/&lt;id&gt;).</summary>
    public async Task InjectAsync(string nodeId)
    {
        using HttpResponseMessage r = await _http.PostAsync("inject/" + nodeId, new StringContent(string.Empty));
        Assert.IsTrue(r.IsSuccessStatusCode, "POST /inject/" + nodeId + " answered " + (int)r.StatusCode);
    }

    /// <summary>The last 60 console lines.</summary>
    public string Transcript()
    {
        string[] o = Output;
        return "--- Node-RED (last 60) ---\n" + string.Join("\n", o.Skip(Math.Max(0, o.Length - 60)));
    }

    /// <summary>Kills Node-RED and removes its user folder.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
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
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindOnPath(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void Add(string line)
    {
        if (line == null)
        {
            return;
        }

        lock (_out)
        {
            _out.Add(line);
        }
    }
}
