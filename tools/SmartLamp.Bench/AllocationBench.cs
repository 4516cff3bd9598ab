using SmartLamp.Boards.Host;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Bench;

/// <summary>
/// (a) Bytes the core allocates (GC.GetAllocatedBytesForCurrentThread, everything on one thread with
/// virtual time): per Power command arriving over MQTT in steady state, and per boot up to the first
/// state publish, with the real log path (core formatting into its reused buffer). Host figures (64-bit object layout) are an upper bound for the device's 32-bit heap.
/// </summary>
public static class AllocationBench
{
    private const string Mac = "02AABBCCDDEE";

    /// <summary>Bytes per Power command and per boot (empty flash, settings in flash).</summary>
    public sealed record Result(double PerCommand, long BootEmpty, long BootStored, long[] EmptyPhases, long[] StoredPhases, double RetainedPerDevice);

    /// <summary>Runs and prints the table.</summary>
    public static Result Run(int commands)
    {
        BoardProfile board = BoardProfileFiles.Load("default");
        var rows = new List<(string, string, string)>();

        // Warm-up: JIT, type loading, static state of the core.
        for (int i = 0; i < 3; i++)
        {
            MeasureBoot(board, withStoredSettings: false, out _);
            MeasureCommands(board, 2000, fake: false);
            MeasureCommands(board, 200, fake: true);
        }

        long[] coldBoots = Enumerable.Range(0, 9).Select(i => MeasureBoot(board, false, out _)).OrderBy(x => x).ToArray();
        long[] storedBoots = Enumerable.Range(0, 9).Select(i => MeasureBoot(board, true, out _)).OrderBy(x => x).ToArray();
        MeasureBoot(board, false, out string firstStatePublish, out long[] coldPhases);
        MeasureBoot(board, true, out _, out long[] storedPhases);

        double perCommand = MeasureCommands(board, commands, fake: false);
        double perCommandNullLog = MeasureCommands(board, commands, fake: false, nullLog: true);
        double perCommandFake = MeasureCommands(board, commands, fake: true);
        double fakeRecording = MeasureFakeRecordingCost(commands);
        double traceRecording = MeasureTraceRecordingCost(commands);
        double perSave = MeasureCoalescedSave(board, 50);
        double retained = MeasureRetainedPerDevice(board, 200);

        Console.WriteLine();
        Console.WriteLine("Allocation (core only; host net10.0, 64-bit object layout; single thread, virtual clock)");
        Table.Print(
            new[] { "measure", "bytes", "notes" },
            new[]
            {
                new[] { "Power command, steady state (MQTT cmnd/<t>/POWER TOGGLE)", Bytes(perCommand), commands + " commands; real log path (core LogLine formatting, time stamp); non-recording MQTT link and GPIO; RESULT + POWER published each" },
                new[] { "  same with a do-nothing log port", Bytes(perCommandNullLog), "what the log path costs = the row above minus this one" },
                new[] { "  cross-check: FakeMqttLink + SimGpio, minus their recording", Bytes(perCommandFake - fakeRecording - traceRecording), "raw " + perCommandFake.ToString("0.0") + " - FakeMqttLink " + fakeRecording.ToString("0.0") + " (2 messages) - SimGpio trace " + traceRecording.ToString("0.0") + " (1 TraceEntry)" },
                new[] { "Boot to first state publish, empty flash", coldBoots[coldBoots.Length / 2].ToString(), "median of 9 (min " + coldBoots[0] + ", max " + coldBoots[^1] + "); " + Phases(coldPhases) + "; ends at " + firstStatePublish },
                new[] { "Boot to first state publish, settings in flash", storedBoots[storedBoots.Length / 2].ToString(), "median of 9 (min " + storedBoots[0] + ", max " + storedBoots[^1] + "); " + Phases(storedPhases) },
                new[] { "Coalesced settings save after a power change", perSave.ToString("0"), "SetOption0: one save per change burst, 1 s later (not per command)" },
                new[] { "Retained per booted device (core + bench doubles)", retained.ToString("0"), "managed heap after a full GC, 200 devices booted, connected, 10 s of virtual time; the core's share of a fleet device's heap" },
            });
        HolderBench.Run(board, 100, 200);
        return new Result(perCommand, coldBoots[coldBoots.Length / 2], storedBoots[storedBoots.Length / 2], coldPhases, storedPhases, retained);
    }

    private static string Bytes(double b) => Math.Abs(b) < 0.05 ? "0.0" : b.ToString("0.0");

    private static string Phases(long[] p) => "new DeviceApp " + p[0] + " + Start " + p[1] + " + network up..CONNACK..state " + p[2];

    private static DevicePorts Ports(BoardProfile board, ILog log, IMqttLink link, ISettingsStore store, out VirtualClock clock, out SimNetworkLink net, bool simGpio = false)
    {
        clock = new VirtualClock();
        net = new SimNetworkLink(Mac);
        if (log == null)
        {
            // The real log path: the core formats every line (time stamp included) into its reused
            // buffer and hands it to an output that reads every character, as the device adapter does.
            log = new FormattingLog(new CountingLogOutput(), clock);
        }

        return new DevicePorts
        {
            Gpio = simGpio ? new SimGpio(clock) : new ArrayGpio(),
            Clock = clock,
            Mqtt = link,
            Network = net,
            Storage = store,
            Serial = null,
            Log = log,
            System = new FakeSystemControl(),
        };
    }

    private static MemorySettingsStore StoreWithHost(BoardProfile board)
    {
        // Boot once with commands so the store holds real settings text (host set, so MQTT connects).
        var store = new MemorySettingsStore();
        var link = new CountingMqttLink();
        DevicePorts ports = Ports(board, new NullLog(), link, store, out VirtualClock clock, out _);
        var app = new DeviceApp(ports, board);
        app.Start();
        app.ExecuteCommand("MqttHost 127.0.0.1");
        app.ExecuteCommand("Topic benchlamp");
        clock.Advance(5000);
        app.Shutdown();
        return store;
    }

    public static long MeasureBoot(BoardProfile board, bool withStoredSettings, out string firstStatePublish)
    {
        return MeasureBoot(board, withStoredSettings, out firstStatePublish, out _);
    }

    /// <summary>Bytes allocated from new DeviceApp to the first stat/&lt;t&gt;/POWER; <paramref name="phases"/> = construct, Start (settings load), network up + CONNACK.</summary>
    private static long MeasureBoot(BoardProfile board, bool withStoredSettings, out string firstStatePublish, out long[] phases)
    {
        MemorySettingsStore store = withStoredSettings ? StoreWithHost(board) : new MemorySettingsStore();
        var link = new CountingMqttLink();
        DevicePorts ports = Ports(board, null, link, store, out VirtualClock clock, out SimNetworkLink net);
        string first = null;
        link.OnPublish = (t, p) =>
        {
            if (first == null && t.StartsWith("stat/", StringComparison.Ordinal) && t.EndsWith("/POWER", StringComparison.Ordinal))
            {
                first = t + " " + p;
            }
        };

        GC.Collect();
        long t0 = GC.GetAllocatedBytesForCurrentThread();
        var app = new DeviceApp(ports, board);
        long t1 = GC.GetAllocatedBytesForCurrentThread();
        app.Start();
        if (!withStoredSettings)
        {
            // Empty flash has no MqttHost: the host is set as its first command (as the simulator does).
            app.Commands.ExecuteLine(SmartLamp.Core.Commands.CommandSource.Console, "MqttHost 127.0.0.1");
            clock.Advance(0);
        }

        long t2 = GC.GetAllocatedBytesForCurrentThread();
        net.Up();
        if (link.ConnectPending)
        {
            link.AcceptConnect();
        }

        long t3 = GC.GetAllocatedBytesForCurrentThread();
        firstStatePublish = first ?? "(no state publish!)";
        if (first == null)
        {
            throw new InvalidOperationException("boot did not publish the power state");
        }

        phases = new[] { t1 - t0, t2 - t1, t3 - t2 };
        GC.KeepAlive(app);
        return t3 - t0;
    }

    internal static (DeviceApp App, CountingMqttLink Link, FakeMqttLink Fake, VirtualClock Clock) ConnectedDevice(BoardProfile board, bool fake, bool nullLog = false)
    {
        MemorySettingsStore store = StoreWithHost(board);
        var counting = new CountingMqttLink();
        var fakeLink = new FakeMqttLink();
        DevicePorts ports = Ports(board, nullLog ? new NullLog() : null, fake ? fakeLink : counting, store, out VirtualClock clock, out SimNetworkLink net, simGpio: fake);
        var app = new DeviceApp(ports, board);
        app.Start();
        net.Up();
        if (fake)
        {
            fakeLink.AcceptConnect();
        }
        else
        {
            counting.AcceptConnect();
        }

        clock.Advance(10000); // first STATE, INFO done
        return (app, counting, fakeLink, clock);
    }

    /// <summary>Bytes per Power command arriving over MQTT, steady state (the real log path unless <paramref name="nullLog"/>).</summary>
    public static double MeasureCommands(BoardProfile board, int n, bool fake, bool nullLog = false)
    {
        var (app, counting, fakeLink, _) = ConnectedDevice(board, fake, nullLog);
        string topic = "cmnd/" + app.Settings.Topic + "/POWER";
        const string payload = "TOGGLE";
        for (int i = 0; i < 100; i++)
        {
            Deliver(fake, counting, fakeLink, topic, payload);
        }

        if (fake)
        {
            fakeLink.ClearPublished();
        }

        long publishesBefore = counting.Publishes;
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < n; i++)
        {
            Deliver(fake, counting, fakeLink, topic, payload);
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        if (!fake && counting.Publishes - publishesBefore != 2L * n)
        {
            throw new InvalidOperationException("expected RESULT + POWER per command, got " + (counting.Publishes - publishesBefore) + " publishes for " + n);
        }

        return (after - before) / (double)n;
    }

    private static void Deliver(bool fake, CountingMqttLink counting, FakeMqttLink fakeLink, string topic, string payload)
    {
        if (fake)
        {
            fakeLink.Deliver(topic, payload, false);
        }
        else
        {
            counting.Deliver(topic, payload);
        }
    }

    /// <summary>Managed heap each booted, connected device keeps (core and the bench's non-recording doubles).</summary>
    public static double MeasureRetainedPerDevice(BoardProfile board, int n)
    {
        var keep = new List<DeviceApp>(n);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < n; i++)
        {
            keep.Add(ConnectedDevice(board, fake: false).App);
        }

        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(keep);
        return (after - before) / (double)n;
    }

    private static double MeasureFakeRecordingCost(int n)
    {
        // What FakeMqttLink itself allocates for 2 publishes per command (message objects + list growth).
        var link = new FakeMqttLink();
        link.Attach(new IgnoreListener());
        link.Connect(new MqttConnectOptions());
        link.AcceptConnect();
        link.Publish("warm", "up", false, false);
        link.ClearPublished();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < n; i++)
        {
            link.Publish("stat/x/RESULT", "{\"POWER\":\"ON\"}", false, false);
            link.Publish("stat/x/POWER", "ON", false, false);
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        return (after - before) / (double)n;
    }

    private static double MeasureTraceRecordingCost(int n)
    {
        // What SimGpio's pin trace allocates for one relay level change per command.
        var clock = new VirtualClock();
        var gpio = new SimGpio(clock);
        gpio.OpenOutput(26, false);
        for (int i = 0; i < 64; i++)
        {
            gpio.Write(26, (i & 1) == 0);
        }

        gpio.ClearTrace();
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < n; i++)
        {
            gpio.Write(26, (i & 1) == 0);
        }

        long after = GC.GetAllocatedBytesForCurrentThread();
        return (after - before) / (double)n;
    }

    private static double MeasureCoalescedSave(BoardProfile board, int n)
    {
        var (app, counting, _, clock) = ConnectedDevice(board, fake: false);
        string topic = "cmnd/" + app.Settings.Topic + "/POWER";
        counting.Deliver(topic, "TOGGLE");
        clock.Advance(1100);
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            counting.Deliver(topic, "TOGGLE");
            long before = GC.GetAllocatedBytesForCurrentThread();
            clock.Advance(1100);
            total += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return total / (double)n;
    }

    private sealed class IgnoreListener : IMqttLinkListener
    {
        public void OnMqttConnected()
        {
        }

        public void OnMqttConnectFailed(int reasonCode)
        {
        }

        public void OnMqttDisconnected()
        {
        }

        public void OnMqttMessage(string topic, string payload, bool retained)
        {
        }
    }
}
