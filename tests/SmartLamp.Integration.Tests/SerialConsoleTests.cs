using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// Issue 5 end to end: the simulator's serial console on one end of a socat pty pair (--console), the
/// Configurator (as a process) on the other, a real mosquitto checked by an independent MQTT client.
/// </summary>
[TestClass]
public sealed class SerialConsoleTests
{
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new TempFolder();

    [TestCleanup]
    public void DeleteTempFolder()
    {
        _temp.Dispose();
    }

    [TestMethod]
    public async Task Configurator_Sets_MqttHost_MqttPort_And_Topic_Over_A_Pty_And_The_Device_Reconnects_With_Them()
    {
        await using PtyPair pty = await PtyPair.StartAsync();
        await using TestBroker first = await TestBroker.StartAsync();
        await using TestBroker second = await TestBroker.StartAsync();
        string id = Guid.NewGuid().ToString("N").Substring(0, 6);
        string oldTopic = "itser_" + id;
        string newTopic = "itser_new_" + id;
        await using MqttProbe before = await MqttProbe.ConnectAsync(first, "tele/" + oldTopic + "/LWT");
        await using MqttProbe after = await MqttProbe.ConnectAsync(second, "tele/" + newTopic + "/LWT", "stat/" + newTopic + "/#");
        await using SimProcess sim = SimProcess.Start(
            "--mqtt-host", "127.0.0.1", "--mqtt-port", first.Port.ToString(), "--topic", oldTopic,
            "--flash", _temp.PathOf("flash"), "--console", pty.DevicePath);
        await sim.WaitForOutputAsync("serial console of " + oldTopic + " on " + pty.DevicePath);
        await before.WaitForAsync("tele/" + oldTopic + "/LWT", "Online");

        ConfiguratorProcess.Result r = await ConfiguratorProcess.RunAsync(Run,
            "--port", pty.ConfiguratorPath, "--timeout", "10", "send",
            "MqttHost 127.0.0.1", "MqttPort " + second.Port, "Topic " + newTopic);

        Assert.AreEqual(0, r.ExitCode, r + "\n" + sim.Transcript() + "\n" + pty.Log);
        string expected = "> MqttHost 127.0.0.1\n< {\"MqttHost\":\"127.0.0.1\"}\n"
            + "> MqttPort " + second.Port + "\n< {\"MqttPort\":" + second.Port + "}\n"
            + "> Topic " + newTopic + "\n< {\"Topic\":\"" + newTopic + "\"}\n";
        Assert.AreEqual(expected, r.Output.Replace("\r\n", "\n"), r.ToString());

        // The device left the first broker cleanly (old LWT Offline) and is Online on the second with the new topic.
        await before.WaitForAsync("tele/" + oldTopic + "/LWT", "Offline");
        await after.WaitForAsync("tele/" + newTopic + "/LWT", "Online");
        Received[] retained = await MqttProbe.RetainedAsync(second, "tele/" + newTopic + "/#", "tele/" + newTopic + "/marker");
        Assert.HasCount(1, retained);
        Assert.AreEqual("Online", retained[0].Payload);
        await sim.WaitForOutputAsync("CMD: Topic " + newTopic);
    }

    [TestMethod]
    public async Task Configurator_Applies_A_Settings_File_As_One_Backlog_Reads_Status_0_And_Never_Prints_The_Password()
    {
        await using PtyPair pty = await PtyPair.StartAsync();
        await using TestBroker broker = await TestBroker.StartAsync();
        string id = Guid.NewGuid().ToString("N").Substring(0, 6);
        string oldTopic = "itcfg_" + id;
        string newTopic = "itcfg_hall_" + id;
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/+/LWT");
        await using SimProcess sim = SimProcess.Start(
            "--mqtt-port", broker.Port.ToString(), "--topic", oldTopic, "--flash", _temp.PathOf("flash"), "--console", pty.DevicePath);
        await probe.WaitForAsync("tele/" + oldTopic + "/LWT", "Online");
        string file = _temp.PathOf("hall.json");
        // The device's own settings format (Settings/README.md): reserved and empty keys are skipped.
        File.WriteAllText(file, "{\"Crc32\":\"00000000\",\"Seq\":3,\"Version\":2,\n  \"MqttHost\": \"127.0.0.1\",\n  \"MqttUser\": \"\",\n  \"Topic\": \"" + newTopic + "\",\n  \"MqttPassword\": \"hunter22-secret\",\n  \"StateText1\": \"aus\",\n  \"StateText2\": \"an\",\n  \"BootCount\": 9\n}\n");

        ConfiguratorProcess.Result r = await ConfiguratorProcess.RunAsync(Run, "--port", pty.ConfiguratorPath, "--timeout", "10", "--verbose", "apply", file);

        Assert.AreEqual(0, r.ExitCode, r + "\n" + sim.Transcript());
        string output = r.Output.Replace("\r\n", "\n");
        StringAssert.StartsWith(output, "# skipped Crc32: not a command (kept by the device itself)\n# skipped Seq: not a command (kept by the device itself)\n"
            + "# skipped Version: not a command (kept by the device itself)\n# skipped MqttUser: empty (not set; write 0 to clear it)\n# skipped BootCount: not a command (kept by the device itself)\n");
        StringAssert.Contains(output, "> Backlog0 MqttHost 127.0.0.1; Topic " + newTopic + "; MqttPassword ****; StateText1 aus; StateText2 an\n");
        string[] answers = output.Split('\n').Where(l => l.StartsWith("< ", StringComparison.Ordinal) || l.StartsWith("> ", StringComparison.Ordinal)).ToArray();
        CollectionAssert.AreEqual(
            new[] { "< {\"MqttHost\":\"127.0.0.1\"}", "< {\"Topic\":\"" + newTopic + "\"}", "< {\"MqttPassword\":\"****\"}", "< {\"StateText1\":\"aus\"}", "< {\"StateText2\":\"an\"}", "> Status 0" },
            answers.Skip(1).Take(6).ToArray(),
            output);
        StringAssert.StartsWith(answers[7], "< {\"Status\":{\"DeviceName\":\"SmartLamp\",\"FriendlyName\":[\"SmartLamp\"],\"Topic\":\"" + newTopic + "\"");
        StringAssert.Contains(output, "< {\"StatusMQT\":{\"MqttHost\":\"127.0.0.1\",\"MqttPort\":" + broker.Port);
        StringAssert.Contains(output, "  | ", "--verbose shows the device's lines");
        StringAssert.Contains(output, "CMD: Backlog0 MqttHost 127.0.0.1; Topic " + newTopic + "; MqttPassword ****;");
        Assert.DoesNotContain("hunter22-secret", r.Output + r.Errors);
        Assert.DoesNotContain("hunter22-secret", sim.Transcript());
        await probe.WaitForAsync("tele/" + newTopic + "/LWT", "Online");
    }

    [TestMethod]
    public async Task Configurator_Exit_Codes_For_A_Missing_Port_A_Busy_Port_An_Unknown_Command_And_An_Overlong_Line()
    {
        ConfiguratorProcess.Result missing = await ConfiguratorProcess.RunAsync(Run, "--port", _temp.PathOf("no-such-tty"), "status");
        Assert.AreEqual(3, missing.ExitCode, missing.ToString());
        StringAssert.StartsWith(missing.Errors, "smartlamp-config: error: serial port " + _temp.PathOf("no-such-tty") + " not found");

        await using PtyPair pty = await PtyPair.StartAsync();
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = "itbad_" + Guid.NewGuid().ToString("N").Substring(0, 6);
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "tele/" + t + "/LWT");
        await using SimProcess sim = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", _temp.PathOf("flash"), "--console", pty.DevicePath);
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");

        // Another program holding the port (an exclusive flock, as picocom takes) makes it busy: exit 4.
        using (new FileStream(pty.ConfiguratorPath, FileMode.Open, FileAccess.Read, FileShare.None))
        {
            ConfiguratorProcess.Result busy = await ConfiguratorProcess.RunAsync(Run, "--port", pty.ConfiguratorPath, "status");
            Assert.AreEqual(4, busy.ExitCode, busy.ToString());
            StringAssert.StartsWith(busy.Errors, "smartlamp-config: error: cannot open " + pty.ConfiguratorPath + ": it is in use by another program");
        }

        ConfiguratorProcess.Result unknown = await ConfiguratorProcess.RunAsync(Run, "--port", pty.ConfiguratorPath, "--timeout", "10", "send", "Frobnicate 1", "Power on");
        Assert.AreEqual(1, unknown.ExitCode, unknown.ToString());
        Assert.AreEqual("> Frobnicate 1\n< {\"Command\":\"Unknown\"}\n> Power on\n< {\"POWER\":\"ON\"}\n", unknown.Output.Replace("\r\n", "\n"));
        Assert.AreEqual("smartlamp-config: error: the device answered {\"Command\":\"Unknown\"} to \"Frobnicate 1\"", unknown.Errors.Trim());

        ConfiguratorProcess.Result tooLong = await ConfiguratorProcess.RunAsync(Run, "--port", pty.ConfiguratorPath, "--timeout", "10", "send", "Topic " + new string('x', 900));
        Assert.AreEqual(1, tooLong.ExitCode, tooLong.ToString());
        StringAssert.Contains(tooLong.Errors, "the device refused the line (Serial buffer overrun: line longer than 800 bytes ignored)");
        await sim.WaitForOutputAsync("CMD: Power on");
        Assert.IsFalse(sim.Output.Any(l => l.Contains("xxxxxxxxxx", StringComparison.Ordinal)), "the overlong line never reached the dispatcher");
    }

    [TestMethod]
    public async Task Simulator_Console_On_A_Missing_Tty_Exits_2_With_One_Line()
    {
        string tty = _temp.PathOf("no-such-pty");
        await using SimProcess sim = SimProcess.Start("--flash", _temp.PathOf("flash"), "--console", tty);

        int code = await sim.WaitForExitAsync();

        Assert.AreEqual(2, code, sim.Transcript());
        Assert.HasCount(1, sim.Errors, sim.Transcript());
        StringAssert.StartsWith(sim.Errors[0], "smartlamp-sim: error: --console: " + tty + " does not exist");
    }
}
