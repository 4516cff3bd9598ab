using System.Diagnostics;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Flash.Tests;

/// <summary>
/// The settings file flash.ps1 writes is loaded by the core's own settings store: the same journal,
/// codec and CRC the firmware runs, on the in-memory store double.
/// </summary>
[TestClass]
public sealed class SettingsFileTests
{
    private const string Mac = "AABBCCE0B7C9";

    [TestMethod]
    public void Flash_Settings_File_Loads_In_The_Core_Store_With_Every_Value()
    {
        string file = RunFlash(
            "-MqttHost", "broker.lan", "-MqttPort", "8883", "-MqttUser", "lamp", "-MqttPassword", "p\"w\\ d\u00E9j\u00E0",
            "-Topic", "lampe", "-WifiSsid", "Caf\u00E9 Wi-Fi", "-WifiPassword", "wifi secret", "-MqttTls", "-ApPassword", "ap secret 9");

        var store = new MemorySettingsStore();
        store.Set("settings.a.json", file);
        var log = new RecordingLog();
        var service = new SettingsService(store, new VirtualClock(), log, Mac);
        service.Load();
        DeviceSettings s = service.Current;

        Assert.IsNull(s.LoadReport, "the core reported: " + s.LoadReport);
        Assert.IsFalse(log.Contains("CFG:"), "the core logged a settings problem");
        Assert.AreEqual("broker.lan", s.MqttHost);
        Assert.AreEqual(8883, s.MqttPort);
        Assert.AreEqual("lamp", s.MqttUser);
        Assert.AreEqual("p\"w\\ d\u00E9j\u00E0", s.MqttPassword);
        Assert.AreEqual("lampe", s.Topic);
        Assert.AreEqual("Caf\u00E9 Wi-Fi", s.Ssid[0]);
        Assert.AreEqual("wifi secret", s.WifiPassword[0]);
        Assert.IsTrue(s.MqttTls);
        Assert.AreEqual("ap secret 9", s.ApPassword);
        Assert.AreEqual(1, s.SaveCount, "Seq 1");

        // Everything not given stays at the firmware's defaults.
        DeviceSettings defaults = DeviceSettings.CreateDefaults(Mac);
        Assert.AreEqual(defaults.MqttClient, s.MqttClient);
        Assert.AreEqual(defaults.TelePeriod, s.TelePeriod);
        Assert.AreEqual(defaults.FullTopic, s.FullTopic);
        Assert.AreEqual(string.Empty, s.Ssid[1]);
    }

    [TestMethod]
    public void Flash_Settings_File_Wins_Over_An_Older_Copy_B_Only_Because_B_Is_Deleted()
    {
        // flash.ps1 deletes I:\settings.b.json in the same file deployment; with a newer B left in
        // place the device would keep B. Both halves of that statement, on the real journal:
        string file = RunFlash("-MqttHost", "new.broker");
        var old = new SettingsService(new MemorySettingsStore(), new VirtualClock(), new RecordingLog(), Mac);
        old.Current.MqttHost = "old.broker";

        var withB = new MemorySettingsStore();
        withB.Set("settings.a.json", file);
        withB.Set("settings.b.json", SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(old.Current), 7));
        var keepsB = new SettingsService(withB, new VirtualClock(), new RecordingLog(), Mac);
        keepsB.Load();
        Assert.AreEqual("old.broker", keepsB.Current.MqttHost);

        var bDeleted = new MemorySettingsStore();
        bDeleted.Set("settings.a.json", file);
        var loads = new SettingsService(bDeleted, new VirtualClock(), new RecordingLog(), Mac);
        loads.Load();
        Assert.AreEqual("new.broker", loads.Current.MqttHost);
    }

    // flash.ps1 -WhatIf -SettingsOut <tmp> <settings>: the file text (nothing is flashed).
    private static string RunFlash(params string[] settings)
    {
        string root = FlashScriptTests.PesterRun.Root;
        string outFile = Path.Combine(Path.GetTempPath(), "smartlamp-settings-" + Guid.NewGuid().ToString("N") + ".json");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", Path.Combine(root, "flash.ps1"),
                     "-SerialPort", "COM5", "-SkipApp", "-SettingsOut", outFile, "-WhatIf" }.Concat(settings))
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            FlashScriptTests.PesterRun.EnsureTools();
            using Process p = Process.Start(psi)!;
            Task<string> err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            Assert.IsTrue(p.WaitForExit(120_000), "flash.ps1 did not finish");
            Assert.AreEqual(0, p.ExitCode, output + err.Result);
            return File.ReadAllText(outFile);
        }
        finally
        {
            File.Delete(outFile);
        }
    }
}
