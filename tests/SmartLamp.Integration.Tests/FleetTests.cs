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
            try
            {
                Directory.Delete(flash, true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
            }
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
