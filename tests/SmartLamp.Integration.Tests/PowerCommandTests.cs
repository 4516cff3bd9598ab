using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>Tasmota command/response dialect over a real broker, checked with an independent client (issue 3).</summary>
[TestClass]
public sealed class PowerCommandTests
{
    [TestMethod]
    public async Task Power_On_Off_Toggle_And_Query_Publish_Exact_Result_Then_Power()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("pow");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        Received ready = await probe.WaitForReadyAsync(t);
        Assert.AreEqual("OFF", ready.Payload);

        await ExpectPowerAsync(probe, t, "ON", "ON");
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
        await ExpectPowerAsync(probe, t, "OFF", "OFF");
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0));
        await ExpectPowerAsync(probe, t, "TOGGLE", "ON");
        await ExpectPowerAsync(probe, t, "toggle", "OFF");
        await ExpectPowerAsync(probe, t, "1", "ON");
        await ExpectPowerAsync(probe, t, string.Empty, "ON");
        await ExpectPowerAsync(probe, t, "?", "ON");
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));

        // Retain flags as a new subscriber sees them: LWT retained, POWER and RESULT not (PowerRetain 0).
        Received[] retained = await MqttProbe.RetainedAsync(broker, "+/" + t + "/#", "stat/" + t + "/marker");
        Assert.AreEqual("tele/" + t + "/LWT = Online (retained)", string.Join(" | ", retained.Select(r => r.Topic + " = " + r.Payload + (r.Retain ? " (retained)" : string.Empty))));
    }

    [TestMethod]
    public async Task Power1_On_A_One_Relay_Board_Switches_It_And_Answers_With_Key_POWER()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("pw1");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);
        Assert.AreEqual(1, sim.Device.Board.Relays.Length);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Power1", "ON");
        Received result = await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"ON\"}", mark);
        Received power = await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        Assert.IsLessThan(power.Seq, result.Seq, "RESULT comes before POWER");
        Assert.IsFalse(result.Retain);
        Assert.IsFalse(power.Retain);
        Assert.IsEmpty(probe.On("stat/" + t + "/POWER1", mark), "a single relay is POWER, not POWER1");
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
    }

    [TestMethod]
    public async Task Power2_On_A_One_Relay_Board_Answers_Command_Error()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("pw2");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Power2", "ON");
        Received r = await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/RESULT", "a RESULT", mark);
        Assert.AreEqual("{\"Command\":\"Error\"}", r.Payload);
        Assert.IsFalse(r.Retain);
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0));
    }

    [TestMethod]
    public async Task Unknown_Command_Answers_Command_Unknown()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("unk");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/FooBar", "1");
        Received r = await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/RESULT", "a RESULT", mark);
        Assert.AreEqual("{\"Command\":\"Unknown\"}", r.Payload);
        Assert.IsFalse(r.Retain);
    }

    [TestMethod]
    public async Task Group_Topic_Power_Command_Switches_The_Device()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("grp");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);
        Assert.AreEqual("tasmotas", sim.Device.App.Settings.GroupTopic);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/tasmotas/POWER", "ON");
        Received result = await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"ON\"}", mark);
        Received power = await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        Assert.IsLessThan(power.Seq, result.Seq);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
    }

    [TestMethod]
    public async Task Fallback_Topic_Power_Command_Answers_On_The_Fallback_Stat_Topic()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("fb");
        // The fallback topic depends on the client id, known only once the device runs, so the probe
        // listens to every stat topic before the device starts (a probe connecting later can miss the
        // boot publishes and wait for a POWER that already went by).
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        string fb = sim.Device.ClientId + "_fb";
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + fb + "/POWER", "ON");
        Received r = await probe.WaitForAsync("stat/" + fb + "/RESULT", "{\"POWER\":\"ON\"}", mark);
        Received p = await probe.WaitForAsync("stat/" + fb + "/POWER", "ON", mark);
        Assert.IsLessThan(p.Seq, r.Seq);
        Assert.IsFalse(r.Retain);
        Assert.IsEmpty(probe.On("stat/" + t + "/RESULT", mark), "the answer goes to the fallback topic only:\n" + probe.Dump(mark));
        Assert.IsEmpty(probe.On("stat/" + t + "/POWER", mark), "as in Tasmota, stat messages of a fallback command use the fallback topic:\n" + probe.Dump(mark));
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
    }

    [TestMethod]
    public async Task Status_0_Publishes_Every_Status_Topic_With_Its_Json_Key()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("sts");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Status", "0");

        // Tasmota's Status 0 sends STATUS, STATUS1..7, STATUS10 and STATUS11 (8 only on "Status 8",
        // 9 needs energy metering, 12 a crash dump, 13 shutters).
        var expected = new (string Topic, string Key)[]
        {
            ("STATUS", "{\"Status\":{"),
            ("STATUS1", "{\"StatusPRM\":{"),
            ("STATUS2", "{\"StatusFWR\":{"),
            ("STATUS3", "{\"StatusLOG\":{"),
            ("STATUS4", "{\"StatusMEM\":{"),
            ("STATUS5", "{\"StatusNET\":{"),
            ("STATUS6", "{\"StatusMQT\":{"),
            ("STATUS7", "{\"StatusTIM\":{"),
            ("STATUS10", "{\"StatusSNS\":{"),
            ("STATUS11", "{\"StatusSTS\":{"),
        };
        int previous = -1;
        foreach (var (topic, key) in expected)
        {
            Received r = await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/" + topic, topic, mark);
            StringAssert.StartsWith(r.Payload, key, topic + " payload");
            Assert.IsFalse(r.Retain, topic + " is not retained");
            Assert.IsGreaterThan(previous, r.Seq, topic + " in order");
            previous = r.Seq;
        }

        Received status = probe.On("stat/" + t + "/STATUS", mark).Single();
        StringAssert.Contains(status.Payload, "\"Topic\":\"" + t + "\"");
        Received mqt = probe.On("stat/" + t + "/STATUS6", mark).Single();
        StringAssert.Contains(mqt.Payload, "\"MqttPort\":" + broker.Port);
        Assert.DoesNotContain("Password", mqt.Payload, "Status 6 never shows the password");
        Assert.IsEmpty(probe.On("stat/" + t + "/RESULT", mark), "Status answers never go to RESULT");
    }

    private static async Task ExpectPowerAsync(MqttProbe probe, string t, string payload, string state)
    {
        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/POWER", payload);
        Received result = await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"" + state + "\"}", mark);
        Received power = await probe.WaitForAsync("stat/" + t + "/POWER", state, mark);
        Assert.IsLessThan(power.Seq, result.Seq, "RESULT before POWER for \"" + payload + "\"");
        Assert.IsFalse(result.Retain, "RESULT is never retained");
        Assert.IsFalse(power.Retain, "POWER is not retained (PowerRetain 0)");
        await Task.Delay(50);
        Assert.HasCount(1, probe.On("stat/" + t + "/RESULT", mark), "one RESULT for \"" + payload + "\":\n" + probe.Dump(mark));
        Assert.HasCount(1, probe.On("stat/" + t + "/POWER", mark), "one POWER for \"" + payload + "\":\n" + probe.Dump(mark));
    }
}
