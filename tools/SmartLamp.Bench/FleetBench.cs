using System.Diagnostics;
using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Bench;

/// <summary>
/// (c) Fleet: N devices in one process against mosquitto. Connect time = from the start of
/// Fleet.StartAsync until an observer has seen every tele/&lt;t&gt;_n/LWT Online; memory per device =
/// managed heap (after a full GC) and working-set growth divided by N; plus one group-topic
/// POWER round (cmnd/tasmotas/POWER TOGGLE until every stat/&lt;t&gt;_n/POWER arrived).
/// </summary>
public static class FleetBench
{
    /// <summary>One fleet size's figures.</summary>
    public sealed record Result(int Devices, double BootedS, double OnlineS, double HeapKiBPerDevice, double WorkingSetKiBPerDevice, double GroupMs, double ShutdownS, int GroupGcs, int GroupGen2Gcs);

    /// <summary>Runs each size in turn (a fresh mosquitto each), prints one table; failed sizes are reported and skipped.</summary>
    public static async Task<List<Result>> SweepAsync(int[] sizes)
    {
        var results = new List<Result>();
        foreach (int n in sizes)
        {
            try
            {
                results.Add(await RunAsync(n));
            }
            catch (Exception e) when (e is TimeoutException || e is IOException || e is SimulatorConfigException)
            {
                Console.WriteLine("Fleet of " + n + " FAILED: " + e.Message);
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        Console.WriteLine();
        Console.WriteLine("Fleet sweep (one process, one mosquitto, " + Environment.ProcessorCount + " CPUs)");
        Table.Print(
            new[] { "devices", "booted s", "all Online s", "heap KiB/device", "working set KiB/device", "group TOGGLE ms", "ms/device", "GCs (full) in it", "shutdown s" },
            results.Select(r => new[]
            {
                r.Devices.ToString("N0"), r.BootedS.ToString("0.00"), r.OnlineS.ToString("0.00"), r.HeapKiBPerDevice.ToString("0.0"), r.WorkingSetKiBPerDevice.ToString("0.0"),
                r.GroupMs.ToString("0"), (r.GroupMs / r.Devices).ToString("0.000"), r.GroupGcs + " (" + r.GroupGen2Gcs + ")", r.ShutdownS.ToString("0.00"),
            }).ToArray());
        return results;
    }

    /// <summary>Runs one fleet size and prints its table.</summary>
    public static async Task<Result> RunAsync(int n)
    {
        await using BenchBroker broker = await BenchBroker.StartAsync(n);
        string b = "bf" + Guid.NewGuid().ToString("N").Substring(0, 5);
        string flash = Path.Combine(Path.GetTempPath(), "smartlamp-bench-fleet-" + b);
        var online = new HashSet<string>();
        var power = new HashSet<string>();
        object gate = new();
        await using BenchClient observer = await BenchClient.ConnectAsync(broker.Host, broker.Port, "bench-observer");
        observer.OnMessage = (topic, payload) =>
        {
            if (!topic.Contains("/" + b + "_", StringComparison.Ordinal))
            {
                return;
            }

            lock (gate)
            {
                if (topic.StartsWith("tele/", StringComparison.Ordinal) && payload == "Online")
                {
                    online.Add(topic);
                }
                else if (topic.StartsWith("stat/", StringComparison.Ordinal))
                {
                    power.Add(topic);
                }
            }
        };
        await observer.SubscribeAsync("tele/+/LWT");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long managedBefore = GC.GetTotalMemory(true);
        Process self = Process.GetCurrentProcess();
        self.Refresh();
        long wsBefore = self.WorkingSet64;

        var sw = Stopwatch.StartNew();
        Fleet fleet = await Fleet.StartAsync(
            new SimulatorConfig { MqttHost = broker.Host, MqttPort = broker.Port, Topic = b, Devices = n, Flash = flash, Quiet = true, HttpPort = 0 },
            OutputSink.Null);
        double booted = sw.Elapsed.TotalSeconds;
        try
        {
            await WaitAsync(() => { lock (gate) { return online.Count; } }, n, TimeSpan.FromSeconds(120 + (n / 50)), "Online");
            double connected = sw.Elapsed.TotalSeconds;
            await Task.Delay(6000); // let the first STATE (5 s after connect) go out everywhere

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long managedAfter = GC.GetTotalMemory(true);
            self.Refresh();
            long wsAfter = self.WorkingSet64;

            await observer.SubscribeAsync("stat/+/POWER");
            await Task.Delay(200);
            int gcs = GC.CollectionCount(0);
            int gen2 = GC.CollectionCount(2);
            var round = Stopwatch.StartNew();
            await observer.PublishAsync("cmnd/tasmotas/POWER", "TOGGLE");
            await WaitAsync(() => { lock (gate) { return power.Count; } }, n, TimeSpan.FromSeconds(60), "stat POWER");
            double fanout = round.Elapsed.TotalMilliseconds;
            gcs = GC.CollectionCount(0) - gcs;
            gen2 = GC.CollectionCount(2) - gen2;

            var stop = Stopwatch.StartNew();
            await fleet.ShutdownAsync(TimeSpan.FromSeconds(10));
            double shutdown = stop.Elapsed.TotalSeconds;

            Console.WriteLine();
            Console.WriteLine("Fleet: " + n + " devices in one process, " + broker.Kind + " on 127.0.0.1, " + Environment.ProcessorCount + " CPUs");
            Table.Print(
                new[] { "measure", "value" },
                new[]
                {
                    new[] { "all devices booted (Fleet.StartAsync returned)", booted.ToString("0.00") + " s" },
                    new[] { "all " + n + " LWT Online seen by an observer", connected.ToString("0.00") + " s (" + (connected * 1000 / n).ToString("0.00") + " ms/device)" },
                    new[] { "managed heap per device (full GC)", ((managedAfter - managedBefore) / 1024.0 / n).ToString("0.0") + " KiB" },
                    new[] { "working set per device", ((wsAfter - wsBefore) / 1024.0 / n).ToString("0.0") + " KiB" },
                    new[] { "group POWER TOGGLE until " + n + " stat/<t>_n/POWER", fanout.ToString("0") + " ms (" + gcs + " GCs during it, " + gen2 + " of them full)" },
                    new[] { "clean shutdown of all devices", shutdown.ToString("0.00") + " s" },
                });
            return new Result(n, booted, connected, (managedAfter - managedBefore) / 1024.0 / n, (wsAfter - wsBefore) / 1024.0 / n, fanout, shutdown, gcs, gen2);
        }
        finally
        {
            await fleet.ShutdownAsync(TimeSpan.FromSeconds(10));
            try
            {
                Directory.Delete(flash, true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task WaitAsync(Func<int> count, int n, TimeSpan limit, string what)
    {
        var sw = Stopwatch.StartNew();
        while (count() < n)
        {
            if (sw.Elapsed > limit)
            {
                throw new TimeoutException(what + ": " + count() + " of " + n + " after " + limit.TotalSeconds + " s");
            }

            await Task.Delay(5);
        }
    }
}
