using SmartLamp.Core.Settings;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// Settings in the simulator's --flash folder (issue 5): a change over MQTT survives a restart, damaged
/// files boot to defaults with a visible report, and the boot state follows PowerOnState on a cold power
/// cycle but not on a warm restart.
/// </summary>
[TestClass]
public sealed class SettingsPersistenceTests
{
    private static string NewFlash()
    {
        return Path.Combine(Path.GetTempPath(), "smartlamp-it-settings-" + Guid.NewGuid().ToString("N").Substring(0, 8));
    }

    private static void DeleteFlash(string flash)
    {
        try
        {
            Directory.Delete(flash, true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Waits until one of the two copies in <paramref name="flash"/> contains <paramref name="text"/>.</summary>
    private static async Task WaitForStoredAsync(string flash, string text)
    {
        DateTime end = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < end)
        {
            foreach (string name in new[] { SettingsJournal.NameA, SettingsJournal.NameB })
            {
                string path = Path.Combine(flash, name);
                if (File.Exists(path) && File.ReadAllText(path).Contains(text, StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail("no settings copy in " + flash + " contains " + text);
    }

    private static async Task<string> AskAsync(MqttProbe probe, string t, string command, string payload)
    {
        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/" + command, payload);
        Received r = await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/RESULT", "RESULT of " + command, mark);
        return r.Payload;
    }

    [TestMethod]
    public async Task A_Setting_Changed_Over_Mqtt_Survives_A_Simulator_Restart()
    {
        string flash = NewFlash();
        try
        {
            await using TestBroker broker = await TestBroker.StartAsync();
            string t = InProcessSim.UniqueTopic("per");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
            await using (InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Flash = flash))
            {
                await probe.WaitForReadyAsync(t);
                Assert.AreEqual("{\"TelePeriod\":60}", await AskAsync(probe, t, "TelePeriod", "60"));
                Assert.AreEqual("{\"StateText2\":\"AN\"}", await AskAsync(probe, t, "StateText2", "AN"));
                await WaitForStoredAsync(flash, "\"StateText2\":\"AN\"");
            }

            string a = File.ReadAllText(Path.Combine(flash, SettingsJournal.NameA));
            StringAssert.StartsWith(a, "{\"Crc32\":\"");
            StringAssert.Contains(a, "\"TelePeriod\":60,");

            int mark = probe.Mark();
            await using (InProcessSim again = await InProcessSim.StartAsync(broker, t, c => c.Flash = flash))
            {
                await probe.WaitForReadyAsync(t, mark);
                Assert.AreEqual("{\"TelePeriod\":60}", await AskAsync(probe, t, "TelePeriod", string.Empty));
                Assert.AreEqual("{\"StateText2\":\"AN\"}", await AskAsync(probe, t, "StateText2", string.Empty));
                Assert.AreEqual(2, again.Device.App.Settings.BootCount);
                Assert.IsFalse(again.Printed("CFG: "), "a clean load logs nothing:\n" + string.Join("\n", again.Lines));
            }
        }
        finally
        {
            DeleteFlash(flash);
        }
    }

    [TestMethod]
    public async Task A_Setting_And_The_Relay_State_Survive_A_Restart_Of_The_Simulator_Process()
    {
        string flash = NewFlash();
        try
        {
            await using TestBroker broker = await TestBroker.StartAsync();
            string t = InProcessSim.UniqueTopic("prc");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
            await using (SimProcess sim = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", flash))
            {
                await probe.WaitForReadyAsync(t);
                Assert.AreEqual("{\"TelePeriod\":90}", await AskAsync(probe, t, "TelePeriod", "90"));
                Assert.AreEqual("{\"POWER\":\"ON\"}", await AskAsync(probe, t, "Power", "ON"));
                await WaitForStoredAsync(flash, "\"SavedPower\":1,");
                sim.Signal(2); // SIGINT: clean stop
                Assert.AreEqual(0, await sim.WaitForExitAsync(), sim.Transcript());
            }

            int mark = probe.Mark();
            await using SimProcess again = SimProcess.Start("--mqtt-port", broker.Port.ToString(), "--topic", t, "--flash", flash);
            Assert.AreEqual("ON", (await probe.WaitForReadyAsync(t, mark)).Payload, "PowerOnState 3 (default) restores the saved ON");
            Assert.AreEqual("{\"TelePeriod\":90}", await AskAsync(probe, t, "TelePeriod", string.Empty));
        }
        finally
        {
            DeleteFlash(flash);
        }
    }

    [TestMethod]
    public async Task Corrupt_Settings_Files_Boot_To_Defaults_With_A_Visible_Report()
    {
        string flash = NewFlash();
        try
        {
            Directory.CreateDirectory(flash);
            DeviceSettings s = DeviceSettings.CreateDefaults("AABBCC000001");
            s.TelePeriod = 60;
            string good = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(s), 7);
            File.WriteAllText(Path.Combine(flash, SettingsJournal.NameA), good.Substring(0, 30) + "X" + good.Substring(31));
            File.WriteAllText(Path.Combine(flash, SettingsJournal.NameB), good.Substring(0, good.Length / 2));

            await using TestBroker broker = await TestBroker.StartAsync();
            string t = InProcessSim.UniqueTopic("bad");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/#");
            await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Flash = flash);
            await probe.WaitForReadyAsync(t);

            const string report = "Defaults, no valid copy: settings.a.json CRC mismatch; settings.b.json truncated";
            Received info3 = await probe.WaitForAsync(m => m.Topic == "tele/" + t + "/INFO3", "INFO3");
            StringAssert.Contains(info3.Payload, ",\"SettingsLoad\":\"" + report + "\"}}");
            Assert.IsTrue(sim.Printed("CFG: Settings unreadable, use defaults: settings.a.json CRC mismatch; settings.b.json truncated"), string.Join("\n", sim.Lines));
            Assert.AreEqual("{\"TelePeriod\":300}", await AskAsync(probe, t, "TelePeriod", string.Empty));
            int mark = probe.Mark();
            await probe.PublishAsync("cmnd/" + t + "/Status", "1");
            Received status1 = await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/STATUS1", "STATUS1", mark);
            StringAssert.Contains(status1.Payload, ",\"SettingsLoad\":\"" + report + "\"}}");
        }
        finally
        {
            DeleteFlash(flash);
        }
    }

    [TestMethod]
    public async Task Json_With_Wrong_Types_Loads_The_Rest_And_Names_The_Bad_Fields()
    {
        string flash = NewFlash();
        try
        {
            Directory.CreateDirectory(flash);
            string rest = "\"Seq\":3,\"Version\":2,\"TelePeriod\":\"sixty\",\"PowerOnState\":1,\"BlinkTime\":99999,\"Dimmer\":50}";
            File.WriteAllText(Path.Combine(flash, SettingsJournal.NameA), "{\"Crc32\":\"" + SettingsCodec.Crc32Utf8(rest).ToString("X8") + "\"," + rest);

            await using TestBroker broker = await TestBroker.StartAsync();
            string t = InProcessSim.UniqueTopic("typ");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/#");
            await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Flash = flash);
            await probe.WaitForReadyAsync(t);

            Received info3 = await probe.WaitForAsync(m => m.Topic == "tele/" + t + "/INFO3", "INFO3");
            StringAssert.Contains(info3.Payload, ",\"SettingsLoad\":\"Loaded settings.a.json: TelePeriod: string, expected a number 0, 10..3600; BlinkTime: 99999 not in 2..3600; Dimmer: unknown key ignored\"}}");
            Assert.AreEqual("{\"PowerOnState\":1}", await AskAsync(probe, t, "PowerOnState", string.Empty));
            Assert.AreEqual("{\"TelePeriod\":300}", await AskAsync(probe, t, "TelePeriod", string.Empty));
        }
        finally
        {
            DeleteFlash(flash);
        }
    }

    [TestMethod]
    public async Task Warm_Restart_Keeps_The_Saved_State_And_A_Cold_Power_Cycle_Applies_PowerOnState()
    {
        string flash = NewFlash();
        try
        {
            await using TestBroker broker = await TestBroker.StartAsync();
            string t = InProcessSim.UniqueTopic("pos");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
            await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Flash = flash);
            await probe.WaitForReadyAsync(t);

            Assert.AreEqual("{\"PowerOnState\":0}", await AskAsync(probe, t, "PowerOnState", "0"));
            Assert.AreEqual("{\"POWER\":\"ON\"}", await AskAsync(probe, t, "Power", "ON"));
            await WaitForStoredAsync(flash, "\"SavedPower\":1,");

            int mark = probe.Mark();
            sim.Device.WarmRestart();
            Assert.AreEqual("ON", (await probe.WaitForReadyAsync(t, mark)).Payload, "warm restart (sim restart): SetOption0 restores ON although PowerOnState is 0");
            Assert.IsTrue(sim.Device.App.Relays.IsOn(0));

            mark = probe.Mark();
            sim.Device.PowerCycle();
            Assert.AreEqual("OFF", (await probe.WaitForReadyAsync(t, mark)).Payload, "cold power cycle (sim powercycle): PowerOnState 0 = off");
            Assert.IsFalse(sim.Device.App.Relays.IsOn(0));

            Assert.AreEqual("{\"PowerOnState\":2}", await AskAsync(probe, t, "PowerOnState", "2"));
            await WaitForStoredAsync(flash, "\"PowerOnState\":2,");
            mark = probe.Mark();
            sim.Device.PowerCycle();
            Assert.AreEqual("ON", (await probe.WaitForReadyAsync(t, mark)).Payload, "PowerOnState 2 toggles the saved OFF");
        }
        finally
        {
            DeleteFlash(flash);
        }
    }
}
