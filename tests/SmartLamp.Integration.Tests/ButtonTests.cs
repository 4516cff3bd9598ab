using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>Buttons on the simulated pins of a real multi-relay board profile, seen through a real broker.</summary>
[TestClass]
public sealed class ButtonTests
{
    [TestMethod]
    public async Task Three_Presses_Of_Button1_Toggle_Relay3_On_The_Four_Relay_Board()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("tri");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Board = "esp32-relay-x4");
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");
        await probe.WaitForAsync("stat/" + t + "/POWER4", "OFF");
        Assert.AreEqual(4, sim.Device.App.Relays.Count);

        int mark = probe.Mark();
        await sim.Device.PressTimesAsync(1, 3);
        await probe.WaitForAsync("stat/" + t + "/POWER3", "ON", mark);

        Assert.AreEqual(4, sim.Device.App.Relays.PowerMask);
        Received[] results = probe.On("stat/" + t + "/RESULT", mark);
        Assert.HasCount(1, results);
        Assert.AreEqual("{\"POWER3\":\"ON\"}", results[0].Payload);

        int pin3 = 0;
        var pins = sim.Device.Gpio.Pins;
        for (int i = 0; i < pins.TraceCount; i++)
        {
            if (pins.TraceAt(i).Pin == 25 && pins.TraceAt(i).Level)
            {
                pin3++;
            }
        }

        Assert.AreEqual(1, pin3, "GPIO25 (relay 3) went high exactly once");
    }
}
