using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// The shipped Node-RED flows (docs/node-red/flows.json) in a real Node-RED against mosquitto and
/// the simulator as a process (Topic lampe), observed through Node-RED's admin API (the flow context
/// the flow writes: lampPower from stat/lampe/RESULT, lampStatePower from tele/lampe/STATE,
/// lampOnline from tele/lampe/LWT, lampHandlesPhone) and an independent MQTT client.
/// Needs `npm ci --prefix docs/node-red` (CI does it); without it the tests are inconclusive.
/// </summary>
[TestClass]
public sealed class NodeRedFlowTests
{
    private const string Tab = "smartlamp_tab";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task The_Phone_Switches_The_Lamp_Through_The_Flow_Which_Sees_Power_On_And_Availability()
    {
        NodeRedProcess.RequireNodeRed();
        using var temp = new TempFolder();
        await using TestBroker broker = await TestBroker.StartAsync();
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/lampe/#", "cmnd/lampe/#", "tele/lampe/LWT", "tele/lampe/STATE");

        // An old alarm the broker keeps: the flow must never act on it.
        await probe.PublishAsync("stat/phone", "old alarm", retain: true);

        await using SimProcess sim = SimProcess.Start("--mqtt-host", broker.Host, "--mqtt-port", broker.Port.ToString(), "--topic", "lampe", "--flash", temp.PathOf("flash"), "--quiet");
        await probe.WaitForAsync("tele/lampe/LWT", "Online", 0, Patience);

        await using NodeRedProcess nr = await NodeRedProcess.StartAsync(NodeRedProcess.FlowsFor(broker.Host, broker.Port), Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampOnline", "true", "the flow follows tele/lampe/LWT", Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampHandlesPhone", "false", "the flow asked the lamp's subscriptions", Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "OFF", "the flow asked the lamp's power state", Patience);
        Assert.IsFalse(probe.Messages.Any(m => m.Topic == "cmnd/lampe/POWER" && m.Payload == "ON"), "a retained phone message switched the lamp:\n" + probe.Dump());
        await probe.PublishAsync("stat/phone", string.Empty, retain: true); // clears it

        // The phone's alarm rings: plain text.
        int mark = probe.Mark();
        await probe.PublishAsync("stat/phone", "ringing");
        await probe.WaitForAsync("cmnd/lampe/POWER", "ON", mark, Patience);
        await probe.WaitForAsync("stat/lampe/POWER", "ON", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "ON", "the flow read POWER ON from the lamp's RESULT", Patience);

        // tele/lampe/STATE (TelePeriod publishes one at once).
        await probe.PublishAsync("cmnd/lampe/TelePeriod", "300");
        await nr.WaitForFlowValueAsync(Tab, "lampStatePower", "ON", "the flow followed tele/lampe/STATE", Patience);

        // JSON from the phone works the same.
        mark = probe.Mark();
        await probe.PublishAsync("cmnd/lampe/POWER", "OFF");
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "OFF", "lamp switched off", Patience);
        await probe.PublishAsync("stat/phone", "{\"Alarm\":\"ringing\"}");
        await probe.WaitForAsync("stat/lampe/POWER", "ON", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "ON", "JSON phone message", Patience);

        // The dashboard-free toggle: the inject node's button.
        mark = probe.Mark();
        await nr.InjectAsync("toggle_lamp");
        await probe.WaitForAsync("cmnd/lampe/POWER", "TOGGLE", mark, Patience);
        await probe.WaitForAsync("stat/lampe/POWER", "OFF", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "OFF", "toggled off", Patience);

        // The lamp dies: the broker publishes its last will, the flow marks it unavailable.
        sim.Kill();
        await probe.WaitForAsync("tele/lampe/LWT", "Offline", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampOnline", "false", "availability after a killed simulator", Patience);
    }

    [TestMethod]
    public async Task With_The_Lamps_Own_Rule_The_Flow_Stands_Down_And_The_Lamp_Switches_Once()
    {
        NodeRedProcess.RequireNodeRed();
        using var temp = new TempFolder();
        await using TestBroker broker = await TestBroker.StartAsync();
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/lampe/#", "cmnd/lampe/#", "tele/lampe/LWT");
        await using SimProcess sim = SimProcess.Start("--mqtt-host", broker.Host, "--mqtt-port", broker.Port.ToString(), "--topic", "lampe", "--flash", temp.PathOf("flash"), "--quiet");
        await probe.WaitForAsync("tele/lampe/LWT", "Online", 0, Patience);
        await using NodeRedProcess nr = await NodeRedProcess.StartAsync(NodeRedProcess.FlowsFor(broker.Host, broker.Port), Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampHandlesPhone", "false", "no subscription on the lamp yet", Patience);

        // Tasmota's usual form, typed while the lamp is connected: it takes effect at once.
        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/lampe/Rule1", "ON Mqtt#Connected DO Subscribe ALARM, stat/phone ENDON ON Event#ALARM DO Power1 ON ENDON");
        await probe.PublishAsync("cmnd/lampe/Rule1", "1");
        await probe.WaitForAsync("stat/lampe/RESULT", "{\"Subscribe\":\"ALARM,stat/phone/#\"}", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampHandlesPhone", "true", "the flow learned the lamp handles stat/phone", Patience);

        mark = probe.Mark();
        await probe.PublishAsync("stat/phone", "ringing");
        await probe.WaitForAsync("stat/lampe/POWER", "ON", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "ON", "the flow still watches the lamp", Patience);
        await Task.Delay(1000);
        Assert.IsFalse(probe.On("cmnd/lampe/POWER", mark).Any(), "the flow switched too:\n" + probe.Dump(mark));
        Assert.HasCount(1, probe.On("stat/lampe/POWER", mark), probe.Dump(mark));

        // Back to the flow: the lamp unsubscribes, the flow takes over.
        await probe.PublishAsync("cmnd/lampe/Rule1", "0");
        await probe.PublishAsync("cmnd/lampe/Unsubscribe", "ALARM");
        await nr.WaitForFlowValueAsync(Tab, "lampHandlesPhone", "false", "the flow learned the lamp no longer handles stat/phone", Patience);
        await probe.PublishAsync("cmnd/lampe/POWER", "OFF");
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "OFF", "lamp switched off", Patience);
        mark = probe.Mark();
        await probe.PublishAsync("stat/phone", "ringing");
        await probe.WaitForAsync("cmnd/lampe/POWER", "ON", mark, Patience);
        await nr.WaitForFlowValueAsync(Tab, "lampPower", "ON", "the flow switched the lamp", Patience);
    }
}
