using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulator;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// "Wake up without the phone" on a real broker: a timer set over MQTT, the simulator's wall clock moved
/// with the console action `sim clock`, and the relay switching at the timer's minute with the usual
/// stat/RESULT and stat/POWER messages (what Home Assistant and Node-RED listen to).
/// </summary>
[TestClass]
public sealed class TimerSceneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task A_Weekday_Timer_Switches_The_Relay_When_The_Simulated_Clock_Reaches_0645()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("wake");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/POWER", "the first power state", 0, Patience);
        var printed = new List<string>();
        var console = new SimConsole(sim.Fleet, s => { lock (printed) { printed.Add(s); } }, () => { });

        // Park the clock on a Sunday evening first, so nothing fires while the timer is configured.
        console.Handle("sim clock 2027-03-28T20:00:00");
        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Timer1", "{\"Enable\":1,\"Mode\":0,\"Time\":\"06:45\",\"Window\":0,\"Days\":\"-MTWTF-\",\"Repeat\":1,\"Output\":1,\"Action\":1}");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Timer1\":{\"Enable\":1,\"Mode\":0,\"Time\":\"06:45\",\"Window\":0,\"Days\":\"0111110\",\"Repeat\":1,\"Output\":1,\"Action\":1}}", mark, Patience);
        await probe.PublishAsync("cmnd/" + t + "/Timers", "1");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Timers\":\"ON\"}", mark, Patience);
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0));

        // Monday 29 March 2027, 06:44:57 local (CEST, the default Timezone 99): three seconds before the timer.
        mark = probe.Mark();
        console.Handle("sim clock 2027-03-29T06:44:57");
        lock (printed)
        {
            CollectionAssert.Contains(printed, "SIM: clock set to 2027-03-29T04:44:57 UTC");
        }

        await Task.Delay(1500);
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0), "not before 06:45");
        Received power = await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark, Patience);
        DateTime at = sim.Device.Wall.UtcNow;
        Assert.IsTrue(at >= new DateTime(2027, 3, 29, 4, 45, 0) && at < new DateTime(2027, 3, 29, 4, 45, 20), "switched at the timer minute, clock now " + at.ToString("O"));
        Received result = await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"ON\"}", mark, Patience);
        Assert.IsLessThan(power.Seq, result.Seq, "RESULT before POWER, as for any power change");
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
        Assert.IsTrue(sim.Printed("TIM: Timer1 fired"), "the log says why");

        // Local time in Status 7 follows the moved clock.
        mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Status", "7");
        Received s7 = await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/STATUS7", "Status 7", mark, Patience);
        StringAssert.Contains(s7.Payload, "\"Local\":\"2027-03-29T06:4");
        StringAssert.Contains(s7.Payload, "\"Timezone\":99");

        console.Handle("sim clock real");
        Assert.IsFalse(sim.Device.Wall.Simulated);
    }
}
