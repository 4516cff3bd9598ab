using System.Text.RegularExpressions;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>Fleet mode: many devices in one simulator process on one broker (issue 4 "Done when").</summary>
[TestClass]
public sealed class FleetTests
{
    private const int Devices = 200;

    [TestMethod]
    public async Task Fleet_Of_200_Comes_Online_And_A_Group_Topic_Power_Off_Reaches_Every_Device()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string b = "itfl" + Guid.NewGuid().ToString("N").Substring(0, 5);
        string flash = Path.Combine(Path.GetTempPath(), "smartlamp-it-fleet-" + b);
        var own = new Regex("^(tele|stat)/" + b + "_([0-9]+)/");
        try
        {
            await RunFleetAsync(broker, b, flash, own);
        }
        finally
        {
            DeleteFolder(flash);
        }
    }

    [TestMethod]
    public async Task Two_Shard_Processes_Run_One_Fleet_With_Distinct_Identities()
    {
        const int total = 40;
        await using TestBroker broker = await TestBroker.StartAsync();
        string b = "itsh" + Guid.NewGuid().ToString("N").Substring(0, 5);
        string flash = Path.Combine(Path.GetTempPath(), "smartlamp-it-shard-" + b);
        var own = new Regex("^(tele|stat)/" + b + "_([0-9]+)/");
        try
        {
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/+/LWT", "stat/+/POWER", "stat/+/STATUS5");
            SimProcess Shard(string k) => SimProcess.Start(
                "--mqtt-port", broker.Port.ToString(), "--devices", total.ToString(), "--shard", k + "/2", "--topic", b, "--flash", Path.Combine(flash, k), "--quiet", "--http-port", "0");
            await using SimProcess one = Shard("1");
            await using SimProcess two = Shard("2");

            HashSet<string> online = await probe.WaitForTopicsAsync(
                m => m.Payload == "Online" && own.IsMatch(m.Topic), total, "LWT Online", 0, TimeSpan.FromSeconds(60));
            CollectionAssert.AreEquivalent(Enumerable.Range(1, total).Select(i => "tele/" + b + "_" + i + "/LWT").ToArray(), online.ToArray());
            // Each process names its devices once all of them booted (a device can be Online just before).
            await one.WaitForOutputAsync("devices " + b + "_1 .. " + b + "_20 ", TimeSpan.FromSeconds(30));
            await two.WaitForOutputAsync("devices " + b + "_21 .. " + b + "_40 ", TimeSpan.FromSeconds(30));

            // One group command reaches both processes; every device answers with its own MAC.
            int mark = probe.Mark();
            await probe.PublishAsync("cmnd/tasmotas/Status", "5");
            await probe.WaitForTopicsAsync(m => own.IsMatch(m.Topic) && m.Topic.EndsWith("/STATUS5", StringComparison.Ordinal), total, "stat/<t>_n/STATUS5", mark, TimeSpan.FromSeconds(30));
            string[] macs = probe.Messages.Where(m => m.Seq >= mark && own.IsMatch(m.Topic) && m.Topic.EndsWith("/STATUS5", StringComparison.Ordinal))
                .Select(m => Regex.Match(m.Payload, "\"Mac\":\"([^\"]+)\"").Groups[1].Value).Distinct().ToArray();
            Assert.AreEqual(total, macs.Length, "distinct MACs: " + string.Join(" ", macs));

            mark = probe.Mark();
            await probe.PublishAsync("cmnd/tasmotas/POWER", "ON");
            await probe.WaitForTopicsAsync(m => m.Payload == "ON" && own.IsMatch(m.Topic), total, "stat/<t>_n/POWER ON", mark, TimeSpan.FromSeconds(30));

            // A client id used twice would make the broker drop one session and publish its will.
            Assert.IsFalse(probe.Messages.Any(m => m.Payload == "Offline" && own.IsMatch(m.Topic)), probe.Dump());

            one.Signal(Native.SIGTERM);
            two.Signal(Native.SIGTERM);
            Assert.AreEqual(0, await one.WaitForExitAsync(TimeSpan.FromSeconds(60)), one.Transcript());
            Assert.AreEqual(0, await two.WaitForExitAsync(TimeSpan.FromSeconds(60)), two.Transcript());
        }
        finally
        {
            DeleteFolder(flash);
        }
    }

    [TestMethod]
    public async Task A_Bad_Shard_Exits_2_With_One_Line_On_Stderr()
    {
        string flash = Path.Combine(Path.GetTempPath(), "smartlamp-it-badshard-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        (string[] Args, string Message)[] cases =
        {
            (new[] { "--devices", "10", "--shard", "3/2" }, "--shard must be k/m with 1 <= k <= m"),
            (new[] { "--devices", "10", "--shard", "two" }, "--shard must be k/m with 1 <= k <= m"),
            (new[] { "--devices", "2", "--shard", "1/4" }, "needs --devices N with N >= 4"),
            (new[] { "--devices", "30000", "--shard", "1/2" }, "would run 15000 devices in this process (at most 10000)"),
        };
        foreach (var (args, message) in cases)
        {
            await using SimProcess sim = SimProcess.Start(args.Concat(new[] { "--flash", flash, "--http-port", "0", "--mqtt-port", "1" }).ToArray());
            Assert.AreEqual(2, await sim.WaitForExitAsync(), sim.Transcript());
            Assert.HasCount(1, sim.Errors, sim.Transcript());
            StringAssert.Contains(sim.Errors[0], message);
        }
    }

    private static void DeleteFolder(string dir)
    {
        try
        {
            Directory.Delete(dir, true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }

    private static async Task RunFleetAsync(TestBroker broker, string b, string flash, Regex own)
    {
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/+/LWT", "stat/+/POWER");
        await using SimProcess sim = SimProcess.Start(
            "--mqtt-port", broker.Port.ToString(), "--devices", Devices.ToString(), "--topic", b, "--flash", flash, "--quiet");

        HashSet<string> online = await probe.WaitForTopicsAsync(
            m => m.Payload == "Online" && own.IsMatch(m.Topic), Devices, "LWT Online", 0, TimeSpan.FromSeconds(60));
        CollectionAssert.AreEquivalent(Enumerable.Range(1, Devices).Select(i => "tele/" + b + "_" + i + "/LWT").ToArray(), online.ToArray());

        // The devices' loops share a few threads (a thread per device does not scale to 10,000).
        int threads = sim.ThreadCount;
        Assert.IsTrue(threads < Devices / 2, threads + " threads for " + Devices + " devices");

        // Online comes after the subscriptions; waiting for each device's boot state as well keeps the
        // boot OFF apart from the answers to the group command.
        await probe.WaitForTopicsAsync(m => m.Payload == "OFF" && own.IsMatch(m.Topic), Devices, "boot stat/<t>_n/POWER OFF", 0, TimeSpan.FromSeconds(30));

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/tasmotas/POWER", "ON");
        await probe.WaitForTopicsAsync(m => m.Payload == "ON" && own.IsMatch(m.Topic), Devices, "stat/<t>_n/POWER ON", mark, TimeSpan.FromSeconds(30));

        mark = probe.Mark();
        await probe.PublishAsync("cmnd/tasmotas/POWER", "OFF");
        HashSet<string> off = await probe.WaitForTopicsAsync(
            m => m.Payload == "OFF" && own.IsMatch(m.Topic), Devices, "stat/<t>_n/POWER OFF", mark, TimeSpan.FromSeconds(30));
        CollectionAssert.AreEquivalent(Enumerable.Range(1, Devices).Select(i => "stat/" + b + "_" + i + "/POWER").ToArray(), off.ToArray());

        sim.Signal(Native.SIGTERM);
        Assert.AreEqual(0, await sim.WaitForExitAsync(TimeSpan.FromSeconds(60)), sim.Transcript());
    }
}
