using System.Diagnostics;
using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Bench;

/// <summary>
/// (b) Command→state latency: publish cmnd/&lt;t&gt;/POWER TOGGLE, receive stat/&lt;t&gt;/POWER, one command in
/// flight at a time, through mosquitto. The floor is a bare MQTTnet echo client on the same broker
/// (subscribe, republish); device and echo rounds alternate so both see the same machine state. A third
/// case publishes a message on a topic the device subscribed, then the command right behind it (the
/// phone scene's pattern); its floor is the echo client getting a message, then its trigger, the same
/// way. (With mosquitto's default set_tcp_nodelay false, the broker holds the second small packet to a
/// client until the client acknowledges the first, and Linux delays that ACK by up to ≈40 ms: both the
/// device and the floor see it; --broker-nodelay shows the figures without it.)
/// </summary>
public static class LatencyBench
{
    /// <summary>Sorted round-trip times (ms) of the three paths.</summary>
    public sealed record Result(List<double> Device, List<double> AfterMessage, List<double> Floor, List<double> FloorAfterMessage);

    /// <summary>Runs and prints the table.</summary>
    public static async Task<Result> RunAsync(int n)
    {
        await using BenchBroker broker = await BenchBroker.StartAsync();
        string t = "benchlat_" + Guid.NewGuid().ToString("N").Substring(0, 6);
        string flash = Path.Combine(Path.GetTempPath(), "smartlamp-bench-" + t);
        Fleet fleet = await Fleet.StartAsync(
            new SimulatorConfig { MqttHost = broker.Host, MqttPort = broker.Port, Topic = t, Flash = flash, Quiet = true, HttpPort = 0 },
            OutputSink.Null);
        try
        {
            await using BenchClient measure = await BenchClient.ConnectAsync(broker.Host, broker.Port, "bench-measure");
            await using BenchClient echo = await BenchClient.ConnectAsync(broker.Host, broker.Port, "bench-echo");
            string echoIn = "bench/" + t + "/in";
            string echoOut = "bench/" + t + "/out";
            string echoPhone = "bench/" + t + "/echo-phone";
            echo.OnMessage = (topic, payload) =>
            {
                if (topic == echoIn)
                {
                    _ = echo.PublishAsync(echoOut, payload);
                }
            };
            await echo.SubscribeAsync(echoIn);
            await echo.SubscribeAsync(echoPhone);

            TaskCompletionSource<string> pending = null;
            string expectTopic = null;
            measure.OnMessage = (topic, payload) =>
            {
                if (topic == expectTopic)
                {
                    Volatile.Read(ref pending)?.TrySetResult(payload);
                }
            };
            await measure.SubscribeAsync("stat/" + t + "/POWER");
            await measure.SubscribeAsync(echoOut);
            var deadline = Stopwatch.StartNew();
            while (!fleet[1].MqttConnected && deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            await Task.Delay(500); // INFO/state publishes of the connect are over

            // "Message, then command": the device subscribes a topic (as the phone scene's stat/phone);
            // each round publishes a message there, then the command right behind it.
            string msgTopic = "bench/" + t + "/phone";
            // (A separate client reads the answer: a client subscribed to both RESULT and POWER gets two
            // small packets per command, and mosquitto's default set_tcp_nodelay false then holds the
            // second for the client's delayed ACK, ≈40 ms, which would measure the broker, not the device.)
            var subscribed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (BenchClient setup = await BenchClient.ConnectAsync(broker.Host, broker.Port, "bench-setup"))
            {
                setup.OnMessage = (topic, payload) => subscribed.TrySetResult(payload);
                await setup.SubscribeAsync("stat/" + t + "/RESULT");
                await setup.PublishAsync("cmnd/" + t + "/Subscribe", "PHONE, " + msgTopic);
                if (await Task.WhenAny(subscribed.Task, Task.Delay(5000)) != subscribed.Task)
                {
                    throw new TimeoutException("the device did not answer Subscribe");
                }
            }

            await Task.Delay(200);

            async Task<double> RoundAsync(string sendTopic, string payload, string receiveTopic, string before = null)
            {
                var tcs = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                expectTopic = receiveTopic;
                Volatile.Write(ref pending, tcs);
                if (before != null)
                {
                    await measure.PublishAsync(before, "ringing");
                }

                long start = Stopwatch.GetTimestamp();
                await measure.PublishAsync(sendTopic, payload);
                Task done = await Task.WhenAny(tcs.Task, Task.Delay(5000));
                if (done != tcs.Task)
                {
                    throw new TimeoutException("no answer on " + receiveTopic);
                }

                return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            var device = new List<double>(n);
            var afterMessage = new List<double>(n);
            var floor = new List<double>(n);
            var floorAfterMessage = new List<double>(n);
            int warmup = Math.Min(300, n / 5 + 1);
            for (int i = 0; i < n + warmup; i++)
            {
                double d = await RoundAsync("cmnd/" + t + "/POWER", "TOGGLE", "stat/" + t + "/POWER");
                double m = await RoundAsync("cmnd/" + t + "/POWER", "TOGGLE", "stat/" + t + "/POWER", msgTopic);
                double f = await RoundAsync(echoIn, "TOGGLE", echoOut);
                double fm = await RoundAsync(echoIn, "TOGGLE", echoOut, echoPhone);
                if (i >= warmup)
                {
                    device.Add(d);
                    afterMessage.Add(m);
                    floor.Add(f);
                    floorAfterMessage.Add(fm);
                }
            }

            device.Sort();
            afterMessage.Sort();
            floor.Sort();
            floorAfterMessage.Sort();
            Console.WriteLine();
            Console.WriteLine("Latency: " + n + " commands, one in flight, QoS 0, " + broker.Kind + " on 127.0.0.1 (ms)");
            Table.Print(
                new[] { "path", "p50", "p90", "p99", "max" },
                new[]
                {
                    Row("device: cmnd/<t>/POWER TOGGLE -> stat/<t>/POWER", device),
                    Row("device: a subscribed message, then the same command", afterMessage),
                    Row("floor: MQTTnet echo client (subscribe, republish)", floor),
                    Row("floor: a message to the echo client, then its trigger", floorAfterMessage),
                    new[] { "ratio device / floor", Ratio(device, floor, 0.50), Ratio(device, floor, 0.90), Ratio(device, floor, 0.99), "" },
                    new[] { "ratio message-then-command / floor with a message first", Ratio(afterMessage, floorAfterMessage, 0.50), Ratio(afterMessage, floorAfterMessage, 0.90), Ratio(afterMessage, floorAfterMessage, 0.99), "" },
                    new[] { "ratio message-then-command / plain", Ratio(afterMessage, device, 0.50), Ratio(afterMessage, device, 0.90), Ratio(afterMessage, device, 0.99), "" },
                });
            Console.WriteLine("core alone, per command (what the device does that the echo client does not; no network, bench doubles, real log path): "
                + CoreMicrosecondsPerCommand(20000).ToString("0.0") + " us");
            return new Result(device, afterMessage, floor, floorAfterMessage);
        }
        finally
        {
            await fleet.ShutdownAsync(TimeSpan.FromSeconds(5));
            try
            {
                Directory.Delete(flash, true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>
    /// Microseconds of the core's own work per Power command (parse, relay, log line, RESULT and POWER
    /// built and handed to a counting link), on one thread without a network: the part of the device's
    /// latency the floor does not have.
    /// </summary>
    public static double CoreMicrosecondsPerCommand(int n)
    {
        SmartLamp.Core.Boards.BoardProfile board = SmartLamp.Boards.Host.BoardProfileFiles.Load("default");
        AllocationBench.MeasureCommands(board, 2000, fake: false); // JIT and warm-up
        var sw = Stopwatch.StartNew();
        AllocationBench.MeasureCommands(board, n, fake: false);
        return sw.Elapsed.TotalMicroseconds / n;
    }

    /// <summary>The q-quantile of a sorted list (nearest rank).</summary>
    public static double Quantile(List<double> sorted, double q)
    {
        int rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static string[] Row(string name, List<double> s) =>
        new[] { name, Quantile(s, 0.50).ToString("0.000"), Quantile(s, 0.90).ToString("0.000"), Quantile(s, 0.99).ToString("0.000"), s[^1].ToString("0.000") };

    private static string Ratio(List<double> a, List<double> b, double q) => (Quantile(a, q) / Quantile(b, q)).ToString("0.00") + "x";
}
