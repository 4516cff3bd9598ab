using System.Globalization;
using SmartLamp.Boards.Host;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Simulator;

/// <summary>Everything the command line can say (null = not given).</summary>
public sealed class SimulatorConfig
{
    /// <summary>External broker host; with <see cref="MqttPort"/> also null, an embedded broker starts.</summary>
    public string MqttHost { get; set; }

    /// <summary>External broker port (1..65535).</summary>
    public int? MqttPort { get; set; }

    /// <summary>MQTT user.</summary>
    public string MqttUser { get; set; }

    /// <summary>MQTT password.</summary>
    public string MqttPassword { get; set; }

    /// <summary>Device topic (fleet: base topic, devices get &lt;topic&gt;_1..N).</summary>
    public string Topic { get; set; }

    /// <summary>Board profile name or path ("default" when null).</summary>
    public string Board { get; set; }

    /// <summary>Flash folder (fleet: parent folder of one folder per device).</summary>
    public string Flash { get; set; }

    /// <summary>Pin trace file (fleet: one file per device, &lt;name&gt;_&lt;n&gt;&lt;ext&gt;).</summary>
    public string GpioTrace { get; set; }

    /// <summary>Number of devices (1 = single device, no suffix).</summary>
    public int Devices { get; set; } = 1;

    /// <summary>Do not print device log/console output.</summary>
    public bool Quiet { get; set; }

    /// <summary>Serial device or pty that carries device 1's serial console (--console), or null for standard input only.</summary>
    public string ConsolePath { get; set; }

    /// <summary>Port the embedded broker tries first.</summary>
    public int EmbeddedBrokerPort { get; set; } = EmbeddedBroker.DefaultPort;

    /// <summary>Default first web server port.</summary>
    public const int DefaultHttpPort = 8080;

    /// <summary>First port tried for the devices' web servers (0 = none).</summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>Shard this process runs, 1..<see cref="ShardCount"/> (--shard k/m; 1/1 = the whole fleet).</summary>
    public int ShardIndex { get; set; } = 1;

    /// <summary>Shards the fleet of <see cref="Devices"/> devices is split into (--shard k/m).</summary>
    public int ShardCount { get; set; } = 1;

    /// <summary>True when this process runs fleet devices (--devices N > 1), so topics carry _&lt;n&gt;.</summary>
    public bool FleetNaming => Devices > 1;

    /// <summary>Global number of the first device this process runs (1-based).</summary>
    public int FirstDevice => (int)((long)(ShardIndex - 1) * Devices / ShardCount) + 1;

    /// <summary>Global number of the last device this process runs.</summary>
    public int LastDevice => (int)((long)ShardIndex * Devices / ShardCount);

    /// <summary>
    /// Parses "k/m" (1 &lt;= k &lt;= m) into <see cref="ShardIndex"/> and <see cref="ShardCount"/>;
    /// throws <see cref="SimulatorConfigException"/> with one line otherwise.
    /// </summary>
    public void SetShard(string text)
    {
        if (text == null)
        {
            return;
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            || m < 1 || k < 1 || k > m)
        {
            throw new SimulatorConfigException("--shard must be k/m with 1 <= k <= m, e.g. 2/4 (got \"" + text + "\")");
        }

        ShardIndex = k;
        ShardCount = m;
    }

    /// <summary>True when an external broker was named.</summary>
    public bool UsesExternalBroker => MqttHost != null || MqttPort.HasValue;
}

/// <summary>A configuration the simulator cannot run with; the message is one line for stderr.</summary>
public sealed class SimulatorConfigException : Exception
{
    /// <summary>Creates the error.</summary>
    public SimulatorConfigException(string message, Exception inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// One simulator run: the broker (embedded or external) and 1..N <see cref="SimulatedDevice"/>s in
/// this process. The CLI, the integration tests and the benchmark all start devices through it.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    /// <summary>Most devices one process runs (a sharded fleet: the whole fleet, --devices N with --shard k/m).</summary>
    public const int MaxDevices = 10000;

    /// <summary>Largest whole fleet with --shard (each process still runs at most <see cref="MaxDevices"/>).</summary>
    public const int MaxShardedDevices = 1000000;

    /// <summary>Fleet devices that get a web server (one loopback port each).</summary>
    public const int MaxWebDevices = 100;

    /// <summary>Longest device topic (Tasmota's limit, DeviceSettings.MaxTopicLength).</summary>
    public const int MaxTopicLength = SmartLamp.Core.Settings.DeviceSettings.MaxTopicLength;

    private readonly List<SimulatedDevice> _devices = new();
    private readonly List<GpioTraceFile> _traces = new();
    private LoopPool _loops;
    private bool _stopped;

    private Fleet(SimulatorConfig config, BoardProfile board)
    {
        Config = config;
        Board = board;
    }

    /// <summary>The configuration.</summary>
    public SimulatorConfig Config { get; }

    /// <summary>The board every device runs.</summary>
    public BoardProfile Board { get; }

    /// <summary>The embedded broker, or null with an external one.</summary>
    public EmbeddedBroker Broker { get; private set; }

    /// <summary>Broker host the devices use.</summary>
    public string BrokerHost { get; private set; }

    /// <summary>Broker port the devices use.</summary>
    public int BrokerPort { get; private set; }

    /// <summary>The devices, index 0 = device 1.</summary>
    public IReadOnlyList<SimulatedDevice> Devices => _devices;

    /// <summary>Device <paramref name="n"/> (1-based).</summary>
    public SimulatedDevice this[int n] => _devices[n - 1];

    /// <summary>Checks <paramref name="config"/> and loads the board; throws <see cref="SimulatorConfigException"/> with one clear line.</summary>
    public static BoardProfile Validate(SimulatorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.MqttPort.HasValue && (config.MqttPort.Value < 1 || config.MqttPort.Value > 65535))
        {
            throw new SimulatorConfigException("--mqtt-port must be 1..65535 (got " + config.MqttPort.Value.ToString(CultureInfo.InvariantCulture) + ")");
        }

        if (config.MqttHost != null && config.MqttHost.Trim().Length == 0)
        {
            throw new SimulatorConfigException("--mqtt-host must not be empty");
        }

        int most = config.ShardCount > 1 ? MaxShardedDevices : MaxDevices;
        if (config.Devices < 1 || config.Devices > most)
        {
            throw new SimulatorConfigException("--devices must be 1.." + most.ToString(CultureInfo.InvariantCulture) + " (got " + config.Devices.ToString(CultureInfo.InvariantCulture) + ")");
        }

        if (config.LastDevice - config.FirstDevice + 1 > MaxDevices)
        {
            throw new SimulatorConfigException("--shard " + config.ShardIndex.ToString(CultureInfo.InvariantCulture) + "/" + config.ShardCount.ToString(CultureInfo.InvariantCulture)
                + " would run " + (config.LastDevice - config.FirstDevice + 1).ToString(CultureInfo.InvariantCulture) + " devices in this process (at most " + MaxDevices.ToString(CultureInfo.InvariantCulture) + "): use more shards");
        }

        if (config.ShardCount < 1 || config.ShardIndex < 1 || config.ShardIndex > config.ShardCount)
        {
            throw new SimulatorConfigException("--shard must be k/m with 1 <= k <= m");
        }

        if (config.ShardCount > 1 && config.Devices < config.ShardCount)
        {
            throw new SimulatorConfigException("--shard " + config.ShardIndex.ToString(CultureInfo.InvariantCulture) + "/" + config.ShardCount.ToString(CultureInfo.InvariantCulture)
                + " needs --devices N with N >= " + config.ShardCount.ToString(CultureInfo.InvariantCulture) + " (N is the whole fleet; each shard runs its share)");
        }

        if (config.Topic != null)
        {
            if (config.Topic.Length == 0 || config.Topic.IndexOfAny(new[] { '+', '#', '/', ' ', '\t' }) >= 0)
            {
                throw new SimulatorConfigException("--topic \"" + config.Topic + "\" is not a valid topic (no spaces, '/', '+' or '#')");
            }

            int suffix = config.Devices > 1 ? 1 + config.Devices.ToString(CultureInfo.InvariantCulture).Length : 0;
            if (config.Topic.Length + suffix > MaxTopicLength)
            {
                throw new SimulatorConfigException("--topic \"" + config.Topic + "\" is too long (a device topic has at most " + MaxTopicLength.ToString(CultureInfo.InvariantCulture) + " characters" + (suffix > 0 ? ", the _<n> suffix included" : string.Empty) + ")");
            }
        }

        try
        {
            return BoardProfileFiles.Load(string.IsNullOrEmpty(config.Board) ? BoardProfileFiles.DefaultAlias : config.Board);
        }
        catch (UnknownBoardException e)
        {
            throw new SimulatorConfigException(e.Message, e);
        }
        catch (BoardProfileException e)
        {
            throw new SimulatorConfigException("bad board profile: " + e.Message, e);
        }
        catch (FileNotFoundException e)
        {
            throw new SimulatorConfigException(e.Message, e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new SimulatorConfigException(e.Message, e);
        }
    }

    /// <summary>
    /// Validates, starts the embedded broker (or checks that the external one accepts a connection),
    /// builds and boots every device. Device text goes to <paramref name="output"/>.
    /// </summary>
    public static async Task<Fleet> StartAsync(SimulatorConfig config, OutputSink output)
    {
        BoardProfile board = Validate(config);
        output ??= OutputSink.Null;
        var fleet = new Fleet(config, board);
        try
        {
            if (config.UsesExternalBroker)
            {
                fleet.BrokerHost = config.MqttHost ?? "127.0.0.1";
                fleet.BrokerPort = config.MqttPort ?? 1883;
                await ProbeBrokerAsync(fleet.BrokerHost, fleet.BrokerPort, config.MqttUser, config.MqttPassword).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    fleet.Broker = await EmbeddedBroker.StartAsync(config.EmbeddedBrokerPort).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new SimulatorConfigException(e.Message, e);
                }

                fleet.BrokerHost = fleet.Broker.Host;
                fleet.BrokerPort = fleet.Broker.Port;
            }

            fleet.Build(output);
            foreach (SimulatedDevice d in fleet._devices)
            {
                d.Start();
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Connects once with a throw-away client id and disconnects, so an unreachable or refusing broker
    /// is reported as one line instead of devices retrying forever.
    /// </summary>
    public static async Task ProbeBrokerAsync(string host, int port, string user, string password)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var link = new MqttNetLink { ConnectTimeoutSeconds = 5 };
        link.Attach(new ProbeListener(done));
        link.Connect(new MqttConnectOptions
        {
            Host = host,
            Port = port,
            ClientId = "smartlamp-sim-probe-" + Guid.NewGuid().ToString("N").Substring(0, 8),
            User = user,
            Password = password,
            KeepAliveSeconds = 30,
            CleanSession = true,
        });
        Task finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(8))).ConfigureAwait(false);
        int rc = finished == done.Task ? done.Task.Result : -2;
        link.Disconnect();
        await link.FlushAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        string where = host + ":" + port.ToString(CultureInfo.InvariantCulture);
        switch (rc)
        {
            case 0:
                return;
            case -5:
                throw new SimulatorConfigException("cannot reach MQTT broker " + where + ": host name does not resolve");
            case -2:
                throw new SimulatorConfigException("cannot reach MQTT broker " + where + ": no MQTT broker answers there");
            case 4:
            case 5:
                throw new SimulatorConfigException("MQTT broker " + where + " refused the connection: not authorized (check --mqtt-user/--mqtt-password; rc " + rc.ToString(CultureInfo.InvariantCulture) + ")");
            default:
                throw new SimulatorConfigException("MQTT broker " + where + " refused the connection (rc " + rc.ToString(CultureInfo.InvariantCulture) + ")");
        }
    }

    /// <summary>Shuts every device down cleanly (DISCONNECT, no will), then stops the embedded broker.</summary>
    public async Task ShutdownAsync(TimeSpan timeout)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await Parallel.ForEachAsync(_devices, new ParallelOptions { MaxDegreeOfParallelism = 32 }, (d, _) =>
        {
            d.Shutdown(timeout);
            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);
        await StopInfrastructureAsync().ConfigureAwait(false);
    }

    /// <summary>Drops every device abruptly (no DISCONNECT: the broker publishes the wills).</summary>
    public void Kill()
    {
        foreach (SimulatedDevice d in _devices)
        {
            d.Kill();
        }
    }

    /// <summary>Same as <see cref="ShutdownAsync"/> with a 5 s bound per device.</summary>
    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    private async Task StopInfrastructureAsync()
    {
        _loops?.Dispose();
        _loops = null;
        foreach (GpioTraceFile t in _traces)
        {
            t.Dispose();
        }

        _traces.Clear();
        if (Broker != null)
        {
            await Broker.DisposeAsync().ConfigureAwait(false);
            Broker = null;
        }
    }

    private void Build(OutputSink output)
    {
        bool fleetNaming = Config.FleetNaming;
        var processClock = new RealClock();
        // The devices' loops share a few threads (a thread per device stops scaling near 10,000 devices);
        // a post made while nobody runs a device's loop is run by the posting thread at once.
        _loops = new LoopPool(Math.Min(LoopPool.DefaultThreads, Math.Max(2, Config.Devices)));

        int nextHttp = Config.HttpPort;
        int first = Config.FirstDevice;
        for (int i = first; i <= Config.LastDevice; i++)
        {
            int http = 0;
            if (nextHttp > 0 && i - first < MaxWebDevices)
            {
                try
                {
                    http = TcpHttpServer.FindFreePort(nextHttp);
                    nextHttp = http + 1;
                }
                catch (InvalidOperationException e)
                {
                    throw new SimulatorConfigException(e.Message, e);
                }
            }

            string topic;
            string mac;
            if (!fleetNaming)
            {
                topic = Config.Topic;
                mac = DeviceIdentity.MacFor(Config.Topic ?? DeviceIdentity.DefaultSeed);
            }
            else
            {
                string baseTopic = Config.Topic ?? DeviceIdentity.DefaultFleetTopic;
                topic = baseTopic + "_" + i.ToString(CultureInfo.InvariantCulture);
                mac = DeviceIdentity.FleetMac(baseTopic, i);
            }

            string effectiveTopic = topic ?? DeviceIdentity.DefaultTopic(mac);
            string flash;
            if (Config.Flash == null)
            {
                flash = DeviceIdentity.DefaultFlashDirectory(effectiveTopic);
            }
            else
            {
                flash = !fleetNaming ? Config.Flash : Path.Combine(Config.Flash, effectiveTopic);
            }

            GpioTraceFile trace = null;
            if (Config.GpioTrace != null)
            {
                string path = !fleetNaming ? Config.GpioTrace : FleetTracePath(Config.GpioTrace, i);
                try
                {
                    trace = new GpioTraceFile(path);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    throw new SimulatorConfigException("cannot open --gpio-trace file " + path + ": " + e.Message, e);
                }

                _traces.Add(trace);
            }

            OutputSink sink = Config.Quiet ? OutputSink.Null : (!fleetNaming ? output : output.WithPrefix("[" + i.ToString(CultureInfo.InvariantCulture) + "] "));
            var device = new SimulatedDevice(new DeviceOptions
            {
                Board = Board,
                Mac = mac,
                Topic = topic,
                MqttHost = BrokerHost,
                MqttPort = BrokerPort,
                MqttUser = Config.MqttUser,
                MqttPassword = Config.MqttPassword,
                FlashDirectory = flash,
                GpioTrace = trace,
                Output = sink,
                ProcessClock = processClock,
                Name = !fleetNaming ? effectiveTopic : "[" + i.ToString(CultureInfo.InvariantCulture) + "]",
                HttpPort = http,
                Loops = _loops,
            });
            _devices.Add(device);
        }
    }

    /// <summary>The trace file of fleet device <paramref name="index"/>: trace.txt → trace_3.txt.</summary>
    public static string FleetTracePath(string path, int index)
    {
        string dir = Path.GetDirectoryName(path) ?? string.Empty;
        string name = Path.GetFileNameWithoutExtension(path);
        string ext = Path.GetExtension(path);
        return Path.Combine(dir, name + "_" + index.ToString(CultureInfo.InvariantCulture) + ext);
    }

    private sealed class ProbeListener : IMqttLinkListener
    {
        private readonly TaskCompletionSource<int> _done;

        public ProbeListener(TaskCompletionSource<int> done)
        {
            _done = done;
        }

        public void OnMqttConnected() => _done.TrySetResult(0);

        public void OnMqttConnectFailed(int reasonCode) => _done.TrySetResult(reasonCode);

        public void OnMqttDisconnected()
        {
        }

        public void OnMqttMessage(string topic, string payload, bool retained)
        {
        }
    }
}
