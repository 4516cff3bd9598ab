using System.Text.RegularExpressions;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>The simulator as users run it: a separate process with command-line options (issue 4).</summary>
[TestClass]
public sealed class SimulatorProcessTests
{
    private readonly TempFolder _temp = new TempFolder();

    [TestCleanup]
    public void DeleteTempFolder()
    {
        _temp.Dispose();
    }

    [TestMethod]
    public async Task Run_Without_Broker_Options_Starts_The_Embedded_Broker_And_Answers_Power_Toggle()
    {
        string flash = TempPath("flash");
        await using SimProcess sim = SimProcess.Start("--flash", flash);
        string banner = await sim.WaitForOutputAsync("(embedded)");
        Match m = Regex.Match(banner, @"MQTT broker 127\.0\.0\.1:(\d+) \(embedded\)");
        Assert.IsTrue(m.Success, banner);
        int port = int.Parse(m.Groups[1].Value);
        string pub = await sim.WaitForOutputAsync("mosquitto_pub ");
        Match tm = Regex.Match(pub, @"-p (\d+) -t 'cmnd/([^/]+)/POWER' -m TOGGLE");
        Assert.IsTrue(tm.Success, "the banner shows a mosquitto_pub line with the real port and topic: " + pub);
        Assert.AreEqual(port, int.Parse(tm.Groups[1].Value));
        string t = tm.Groups[2].Value;
        StringAssert.Matches(t, new Regex("^smartlamp_[0-9A-F]{6}$"), "the firmware's default topic");
        StringAssert.Contains(await sim.WaitForOutputAsync("mosquitto_sub "), "'stat/" + t + "/#'");

        // The broker lives in the simulator, so the probe can only connect after the device booted:
        // wait for the device's own console to show its boot power publish instead of racing for it.
        await sim.WaitForOutputAsync("MQT: stat/" + t + "/POWER = OFF");
        await using MqttProbe probe = await MqttProbe.ConnectAsync("127.0.0.1", port, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");
        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/POWER", "TOGGLE");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"POWER\":\"ON\"}", mark);
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);
        await sim.WaitForOutputAsync("MQT: stat/" + t + "/POWER = ON");
    }

    [TestMethod]
    public async Task Killed_Process_Makes_The_Broker_Publish_Lwt_Offline_Retained()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = "itkill_" + Guid.NewGuid().ToString("N").Substring(0, 6);
        string flash = TempPath("flash");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/" + t + "/LWT");
        await using SimProcess sim = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", flash);
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");

        int mark = probe.Mark();
        sim.Kill();
        await sim.WaitForExitAsync();
        await probe.WaitForAsync("tele/" + t + "/LWT", "Offline", mark);

        Received[] retained = await MqttProbe.RetainedAsync(broker, "tele/" + t + "/#", "tele/" + t + "/marker");
        Assert.HasCount(1, retained);
        Assert.AreEqual("Offline", retained[0].Payload);
        Assert.IsTrue(retained[0].Retain, "the will is retained");
    }

    [TestMethod]
    [DataRow(Native.SIGTERM, DisplayName = "Sigterm_Disconnects_Cleanly_Without_Will_And_Exits_0")]
    [DataRow(Native.SIGINT, DisplayName = "Sigint_Disconnects_Cleanly_Without_Will_And_Exits_0")]
    public async Task Sigint_And_Sigterm_Disconnect_Cleanly_So_The_Broker_Does_Not_Publish_The_Will_And_Exit_0(int signal)
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = "itterm_" + Guid.NewGuid().ToString("N").Substring(0, 6);
        string flash = TempPath("flash");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/" + t + "/LWT");
        await using SimProcess sim = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", flash);
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");
        string client = Regex.Match(await sim.WaitForOutputAsync("client id "), @"client id (\S+),").Groups[1].Value;

        int mark = probe.Mark();
        sim.Signal(signal);
        Assert.AreEqual(0, await sim.WaitForExitAsync(), sim.Transcript());
        await sim.WaitForOutputAsync("SIM: stopped");

        // The device itself says Offline (retained) before its DISCONNECT; a will would be a second Offline.
        await probe.WaitForAsync("tele/" + t + "/LWT", "Offline", mark);
        await Task.Delay(500);
        Assert.HasCount(1, probe.On("tele/" + t + "/LWT", mark), probe.Dump(mark));
        if (broker.IsMosquitto)
        {
            Assert.IsTrue(broker.Logged("Client " + client + " disconnected."), "mosquitto logs a clean DISCONNECT:\n" + string.Join("\n", broker.LogLines));
            Assert.IsFalse(broker.Logged("Client " + client + " closed its connection"), "no dropped connection");
        }

    }

    [TestMethod]
    public async Task Gpio_Trace_File_Gets_The_Relay_Pin_Level_Changes()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = "ittrace_" + Guid.NewGuid().ToString("N").Substring(0, 6);
        string flash = TempPath("flash");
        string trace = TempPath("trace") + ".txt";
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using SimProcess sim = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", flash, "--gpio-trace", trace);
        await probe.WaitForReadyAsync(t);

        foreach (string payload in new[] { "ON", "OFF", "ON" })
        {
            int mark = probe.Mark();
            await probe.PublishAsync("cmnd/" + t + "/POWER", payload);
            await probe.WaitForAsync("stat/" + t + "/POWER", payload, mark);
        }

        // Default board: relay on GPIO26, active high. Open at OFF (0), then ON, OFF, ON.
        string[] relayLevels = File.ReadAllLines(trace)
            .Select(l => l.Split(' '))
            .Where(f => f.Length == 3 && f[1] == "26")
            .Select(f => f[2])
            .ToArray();
        Assert.AreEqual("0 1 0 1", string.Join(" ", relayLevels), File.ReadAllText(trace));
        long[] times = File.ReadAllLines(trace).Select(l => long.Parse(l.Split(' ')[0])).ToArray();
        CollectionAssert.AreEqual(times.OrderBy(x => x).ToArray(), times, "t_ms never goes back");
    }

    [TestMethod]
    public async Task Console_Lines_Are_Device_Commands_Answered_As_Tasmota_Prints_Them()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = "itcon_" + Guid.NewGuid().ToString("N").Substring(0, 6);
        string flash = TempPath("flash");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using SimProcess sim = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", flash);
        await probe.WaitForReadyAsync(t);

        int mark = probe.Mark();
        sim.SendLine("Power on");
        await sim.WaitForOutputAsync("MQT: stat/" + t + "/RESULT = {\"POWER\":\"ON\"}");
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark);

        sim.SendLine("help");
        await sim.WaitForOutputAsync("sim powercycle");
        sim.SendLine("sim wifi off");
        await sim.WaitForOutputAsync("SIM: Wi-Fi off");
        await probe.WaitForAsync("tele/" + t + "/LWT", "Offline", mark);
        sim.SendLine("Power off");
        await sim.WaitForOutputAsync("RSL: RESULT = {\"POWER\":\"OFF\"}");
        sim.SendLine("sim quit");
        Assert.AreEqual(0, await sim.WaitForExitAsync());
    }

    [TestMethod]
    public async Task Unknown_Board_Exits_2_With_One_Line_On_Stderr()
    {
        await using SimProcess sim = SimProcess.Start("--board", "no-such-board", "--flash", TempPath("flash"));
        Assert.AreEqual(2, await sim.WaitForExitAsync());
        Assert.HasCount(1, sim.Errors, sim.Transcript());
        StringAssert.Contains(sim.Errors[0], "unknown board \"no-such-board\"");
    }

    [TestMethod]
    public async Task Port_Out_Of_Range_Exits_2_With_One_Line_On_Stderr()
    {
        await using SimProcess sim = SimProcess.Start("--mqtt-port", "70000", "--flash", TempPath("flash"));
        Assert.AreEqual(2, await sim.WaitForExitAsync());
        Assert.HasCount(1, sim.Errors, sim.Transcript());
        StringAssert.Contains(sim.Errors[0], "--mqtt-port must be 1..65535");
    }

    [TestMethod]
    public async Task Unreachable_Broker_Exits_2_With_One_Line_On_Stderr()
    {
        int closedPort = SmartLamp.Simulator.EmbeddedBroker.FreeLoopbackPort();
        await using SimProcess sim = SimProcess.Start("--mqtt-host", "127.0.0.1", "--mqtt-port", closedPort.ToString(), "--flash", TempPath("flash"));
        Assert.AreEqual(2, await sim.WaitForExitAsync());
        Assert.HasCount(1, sim.Errors, sim.Transcript());
        StringAssert.Contains(sim.Errors[0], "cannot reach MQTT broker 127.0.0.1:" + closedPort);
    }

    private string TempPath(string what)
    {
        return _temp.PathOf(what + "-" + Guid.NewGuid().ToString("N").Substring(0, 6));
    }
}
