using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulator;

namespace SmartLamp.Integration.Tests;

/// <summary>A wall switch on the Sonoff MINIR4 profile's S1/S2 terminal, flipped with the simulator's "sim switch", seen through a real broker.</summary>
[TestClass]
public sealed class SwitchInputTests
{
    [TestMethod]
    public async Task A_Wall_Switch_Toggles_The_Relay_And_With_SetOption114_Publishes_Its_Action()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("swi");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Board = "sonoff-mini-r4");
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");
        await probe.WaitForAsync("stat/" + t + "/POWER", "OFF");
        await sim.Device.WaitForButtonsAsync(); // the 4 s boot window of the inputs
        var printed = new List<string>();
        var console = new SimConsole(sim.Fleet, line => { lock (printed) { printed.Add(line); } }, () => { });

        int mark = probe.Mark();
        console.Handle("sim switch 1 on");
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
        lock (printed)
        {
            Assert.Contains("SIM: switch 1 closed (on)", printed);
        }

        mark = probe.Mark();
        console.Handle("sim switch toggle");
        await probe.WaitForAsync("stat/" + t + "/POWER", "OFF", mark);

        mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/SetOption114", "1");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"SetOption114\":\"ON\"}", mark);
        await probe.PublishAsync("cmnd/" + t + "/SwitchMode1", "1");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"SwitchMode1\":1}", mark);

        mark = probe.Mark();
        console.Handle("sim switch 1 on");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Switch1\":{\"Action\":\"ON\"}}", mark);
        console.Handle("sim switch 1 off");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Switch1\":{\"Action\":\"OFF\"}}", mark);
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0), "detached: the relay stays off");
        Assert.IsEmpty(probe.On("stat/" + t + "/POWER", mark), probe.Dump(mark));

        console.Handle("sim switch 2 on");
        lock (printed)
        {
            Assert.IsTrue(printed.Any(l => l.Contains("has switches 1..1", StringComparison.Ordinal)), string.Join("\n", printed));
        }
    }
}
