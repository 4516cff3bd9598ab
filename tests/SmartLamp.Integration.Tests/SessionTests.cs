using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>MQTT session behaviour on a real broker: LWT, retained-command guard, broker restart, Wi-Fi loss, restarts.</summary>
[TestClass]
public sealed class SessionTests
{
    [TestMethod]
    public async Task Lwt_Is_Online_And_Retained_After_Connect()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("lwt");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");

        Received[] retained = await MqttProbe.RetainedAsync(broker, "tele/" + t + "/#", "tele/" + t + "/marker");
        Assert.HasCount(1, retained);
        Assert.AreEqual("tele/" + t + "/LWT", retained[0].Topic);
        Assert.AreEqual("Online", retained[0].Payload);
        Assert.IsTrue(retained[0].Retain);
    }

    [TestMethod]
    public async Task Command_Sent_The_Moment_Online_Arrives_Is_Executed()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("onl");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);

        // Home Assistant reacts to Online at once; the device subscribed before publishing it.
        Received online = await probe.WaitForAsync("tele/" + t + "/LWT", "Online");
        await probe.PublishAsync("cmnd/" + t + "/POWER", "ON");

        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", online.Seq);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
    }

    [TestMethod]
    public async Task Retained_Power_On_Left_On_The_Broker_Before_Connect_Is_Not_Executed()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("ret");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await probe.PublishAsync("cmnd/" + t + "/POWER", "ON", retain: true);
        try
        {
            await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
            await probe.WaitForReadyAsync(t);

            // The broker hands the retained command over right after the SUBACK; an answer to a later
            // query proves the device has seen (and ignored) it.
            int mark = probe.Mark();
            await probe.PublishAsync("cmnd/" + t + "/POWER", string.Empty);
            await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"OFF\"}", mark);
            Assert.IsEmpty(probe.Messages.Where(m => m.Payload == "ON" || m.Payload == "{\"POWER\":\"ON\"}").ToArray(), "the retained ON must not switch:\n" + probe.Dump());
            Assert.IsFalse(sim.Device.App.Relays.IsOn(0));
            Assert.IsTrue(sim.Printed("ignored retained cmnd/" + t + "/POWER"), "the device logs that it ignored the retained command");
        }
        finally
        {
            await probe.PublishAsync("cmnd/" + t + "/POWER", string.Empty, retain: true);
        }
    }

    [TestMethod]
    public async Task Broker_Restart_Brings_The_Device_Back_Online_With_State_Republished_And_Relay_Untouched()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("brk");
        // The probe listens before the device starts, so the boot publishes cannot slip past it.
        MqttProbe before = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        int relayPin = sim.Device.Board.Relays[0].Pin;
        await using (before)
        {
            await before.WaitForReadyAsync(t);
            int mark = before.Mark();
            await before.PublishAsync("cmnd/" + t + "/POWER", "ON");
            await before.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        }

        int relayChanges = sim.PinTraceCount(relayPin);
        await broker.StopAsync();
        await InProcessSim.WaitUntilAsync(() => !sim.Device.MqttConnected, "the device notices the broker is gone", MqttProbe.DefaultTimeout);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0), "losing the broker never changes a relay");

        await broker.StartAgainAsync();
        await using MqttProbe after = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");

        // First retry comes MqttRetry (10 s) after the loss.
        TimeSpan reconnect = TimeSpan.FromSeconds(30);
        Received online = await after.WaitForAsync("tele/" + t + "/LWT", "Online", 0, reconnect);
        Received result = await after.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"ON\"}", online.Seq, reconnect);
        Received power = await after.WaitForAsync("stat/" + t + "/POWER", "ON", online.Seq, reconnect);
        Assert.IsLessThan(power.Seq, result.Seq);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
        Assert.AreEqual(relayChanges, sim.PinTraceCount(relayPin), "no relay pin change across the broker restart");
    }

    [TestMethod]
    public async Task Wifi_Loss_Makes_The_Broker_Publish_The_Will_And_Wifi_Return_Reconnects()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("wifi");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        sim.Device.WifiOff();
        await probe.WaitForAsync("tele/" + t + "/LWT", "Offline", mark);
        Assert.IsFalse(sim.Device.MqttConnected);

        mark = probe.Mark();
        sim.Device.WifiOn();
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online", mark);
        await probe.WaitForAsync("stat/" + t + "/POWER", "OFF", mark);
    }

    [TestMethod]
    public async Task Restart_1_Warm_Restarts_With_The_Same_Identity_And_Keeps_The_Relay_On()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("rst");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/#");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);
        string client = sim.Device.ClientId;

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/POWER", "ON");
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        await probe.PublishAsync("cmnd/" + t + "/Restart", "1");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Restart\":\"Restarting\"}", mark);
        Received info3 = await probe.WaitForAsync(m => m.Topic == "tele/" + t + "/INFO3" && m.Payload.Contains("Software/System restart"), "INFO3 after the warm restart", mark);
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", info3.Seq);

        Assert.AreEqual(2, sim.Device.Boots);
        Assert.IsFalse(sim.Device.IsColdBoot);
        Assert.AreEqual(client, sim.Device.ClientId);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0), "SetOption0 keeps the relay on across a warm restart");
    }

    [TestMethod]
    public async Task Button_Press_On_The_Simulated_Pin_Toggles_The_Relay()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("btn");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        await sim.Device.PressAsync(1);
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));
    }
}
