using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// The scene SmartLamp exists for, on a real broker: a phone publishes to stat/phone when its alarm
/// rings, the lamp (Topic lampe), configured only through MQTT commands, switches on.
/// README "Wake up with your phone" shows the same commands.
/// </summary>
[TestClass]
public sealed class PhoneSceneTests
{
    private const string Lamp = "lampe";

    // The whole suite shares two cores with other work: be patient rather than flaky.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task Phone_Alarm_On_Stat_Phone_Switches_The_Lamp_On_And_It_Stays_On_Across_A_Broker_Restart()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string first = InProcessSim.UniqueTopic("phone");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + first + "/#", "stat/" + Lamp + "/#", "tele/" + Lamp + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, first);
        int relayPin = sim.Device.Board.Relays[0].Pin;

        // 1. Name the lamp through MQTT, as a user would with a fresh device.
        await probe.WaitForAsync(m => m.Topic == "stat/" + first + "/POWER", "the first topic's power state", 0, Patience);
        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + first + "/Topic", Lamp);
        await probe.WaitForAsync("stat/" + first + "/RESULT", "{\"Topic\":\"lampe\"}", mark, Patience);
        await probe.WaitForReadyAsync(Lamp, mark, Patience);

        // 2. The README's three commands.
        mark = probe.Mark();
        await probe.PublishAsync("cmnd/lampe/Subscribe", "ALARM, stat/phone");
        await probe.WaitForAsync("stat/lampe/RESULT", "{\"Subscribe\":\"ALARM,stat/phone/#\"}", mark, Patience);
        await probe.PublishAsync("cmnd/lampe/Rule1", "ON Event#ALARM DO Power1 ON ENDON");
        await probe.WaitForAsync("stat/lampe/RESULT", "{\"Rule1\":{\"State\":\"OFF\",\"Once\":\"OFF\",\"StopOnError\":\"OFF\",\"Length\":33,\"Free\":478,\"Rules\":\"ON Event#ALARM DO Power1 ON ENDON\"}}", mark, Patience);
        await probe.PublishAsync("cmnd/lampe/Rule1", "1");
        await probe.WaitForAsync(m => m.Topic == "stat/lampe/RESULT" && m.Payload.StartsWith("{\"Rule1\":{\"State\":\"ON\"", StringComparison.Ordinal), "Rule1 switched on", mark, Patience);
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0));

        // 3. The phone's alarm rings: a plain, non-retained publish on stat/phone.
        mark = probe.Mark();
        await probe.PublishAsync("stat/phone", "ringing");
        Received result = await probe.WaitForAsync("stat/lampe/RESULT", "{\"POWER\":\"ON\"}", mark, Patience);
        Received power = await probe.WaitForAsync("stat/lampe/POWER", "ON", mark, Patience);
        Assert.IsLessThan(power.Seq, result.Seq);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
        Assert.IsTrue(sim.LastPinLevel(relayPin), "relay pin high in the pin trace");
        Assert.IsTrue(sim.Printed("RUL: Event#ALARM performs 'Power1 ON'"), "the rule says what it did");

        // 4. The broker restarts: the lamp stays on and listens to the phone again afterwards.
        int relayChanges = sim.PinTraceCount(relayPin);
        await broker.StopAsync();
        await InProcessSim.WaitUntilAsync(() => !sim.Device.MqttConnected, "the lamp notices the broker is gone", Patience);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0), "losing the broker never changes a relay");

        await broker.StartAgainAsync();
        await using MqttProbe after = await MqttProbe.ConnectAsync(broker, "stat/lampe/#", "tele/lampe/LWT");
        TimeSpan reconnect = TimeSpan.FromSeconds(30);
        Received ready = await after.WaitForReadyAsync(Lamp, 0, reconnect);
        Assert.AreEqual("ON", ready.Payload, "the republished state after the restart");
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
        Assert.AreEqual(relayChanges, sim.PinTraceCount(relayPin), "no relay pin change across the broker restart");

        mark = after.Mark();
        await after.PublishAsync("cmnd/lampe/POWER", "OFF");
        await after.WaitForAsync("stat/lampe/POWER", "OFF", mark, Patience);
        await after.PublishAsync("stat/phone", "ringing");
        await after.WaitForAsync("stat/lampe/POWER", "ON", mark, Patience);
        Assert.IsTrue(sim.LastPinLevel(relayPin), "the subscription came back with the session");
    }

    [TestMethod]
    public async Task The_Simpler_Way_The_Phone_Publishes_The_Lamps_Command()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + Lamp + "/#", "tele/" + Lamp + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, Lamp);
        await probe.WaitForReadyAsync(Lamp, 0, Patience);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/lampe/POWER", "ON");
        Received result = await probe.WaitForAsync("stat/lampe/RESULT", "{\"POWER\":\"ON\"}", mark, Patience);
        Received power = await probe.WaitForAsync("stat/lampe/POWER", "ON", mark, Patience);
        Assert.IsLessThan(power.Seq, result.Seq);
        Assert.IsTrue(sim.LastPinLevel(sim.Device.Board.Relays[0].Pin));
    }
}
