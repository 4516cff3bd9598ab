using System.Diagnostics;
using SmartLamp.Core.Settings;
using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// The simulator's --flash folder as an attacker or an unlucky user leaves it: links are never
/// followed, only regular files are read and every read is bounded, a directory in place of one copy
/// does not block the other, and the files (which hold passwords) are readable by their owner only.
/// </summary>
[TestClass]
public sealed class FlashFolderTests
{
    private static SettingsService Service(FileSettingsStore store, RecordingLog log)
    {
        SettingsService s = new SettingsService(store, new VirtualClock(), log, "AABBCCE0B7C9");
        s.Load();
        return s;
    }

    private static void Run(string file, string args)
    {
        using Process p = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.AreEqual(0, p.ExitCode, file + " " + args);
    }

    [TestMethod]
    public void A_Directory_In_Place_Of_Copy_A_Does_Not_Block_Saving_To_Copy_B()
    {
        using TempFolder dir = new();
        Directory.CreateDirectory(dir.PathOf(SettingsJournal.NameA));
        FileSettingsStore store = new(dir.Path);
        RecordingLog log = new();
        SettingsService s = Service(store, log);
        s.Current.Topic = "hall";
        Assert.IsTrue(s.SaveNow());
        StringAssert.Contains(File.ReadAllText(dir.PathOf(SettingsJournal.NameB)), "\"Topic\":\"hall\"");

        // Both copies valid before, then A becomes a directory: B (the newest) is replaced atomically.
        s.Current.Topic = "hall2";
        Assert.IsTrue(s.SaveNow());
        StringAssert.Contains(File.ReadAllText(dir.PathOf(SettingsJournal.NameB)), "hall2");
        Assert.AreEqual("hall2", Service(new FileSettingsStore(dir.Path), new RecordingLog()).Current.Topic);
    }

    [TestMethod]
    public void A_Planted_Tmp_Link_Is_Replaced_Not_Followed()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("symbolic links need privileges on Windows");
        }

        using TempFolder dir = new();
        using TempFolder elsewhere = new();
        string victim = elsewhere.PathOf("victim.txt");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(dir.PathOf(SettingsJournal.NameA + ".tmp"), victim);
        File.CreateSymbolicLink(dir.PathOf(SettingsJournal.NameB + ".tmp"), victim);

        SettingsService s = Service(new FileSettingsStore(dir.Path), new RecordingLog());
        s.Current.MqttPassword = "secret";
        Assert.IsTrue(s.SaveNow());
        Assert.AreEqual("precious", File.ReadAllText(victim));
        Assert.IsNull(new FileInfo(dir.PathOf(SettingsJournal.NameA)).LinkTarget);
    }

    [TestMethod]
    public void Settings_Files_Are_Readable_By_Their_Owner_Only()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("Unix file modes");
        }

        using TempFolder dir = new();
        string flash = Path.Combine(dir.Path, "flash");
        SettingsService s = Service(new FileSettingsStore(flash), new RecordingLog());
        s.Current.MqttPassword = "secret";
        Assert.IsTrue(s.SaveNow());
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(flash, SettingsJournal.NameA)));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(flash));

        // A copy left world-readable by an older version is replaced by a private one at the next save.
        File.SetUnixFileMode(Path.Combine(flash, SettingsJournal.NameA), (UnixFileMode)0x1A4); // 0644
        s.Current.Topic = "hall";
        Assert.IsTrue(s.SaveNow());
        s.Current.Topic = "hall3";
        Assert.IsTrue(s.SaveNow());
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(flash, SettingsJournal.NameA)));
    }

    [TestMethod]
    public void Links_Fifos_And_Huge_Files_Read_As_Missing_Without_Blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("FIFOs and /dev/zero are Unix");
        }

        using TempFolder dir = new();
        File.CreateSymbolicLink(dir.PathOf(SettingsJournal.NameA), "/dev/zero");
        Run("mkfifo", dir.PathOf(SettingsJournal.NameB));
        File.WriteAllBytes(dir.PathOf("settings.json"), new byte[FileSettingsStore.MaxBlobBytes + 10]);
        FileSettingsStore store = new(dir.Path);

        Task<string?[]> reads = Task.Run(() => new string?[] { store.Read(SettingsJournal.NameA), store.Read(SettingsJournal.NameB), store.Read("settings.json") });
        Assert.IsTrue(reads.Wait(TimeSpan.FromSeconds(10)), "a read blocked or ran away");
        CollectionAssert.AreEqual(new string?[] { null, null, null }, reads.Result);

        RecordingLog log = new();
        SettingsService s = Service(store, log);
        Assert.AreEqual(DeviceSettings.DefaultGroupTopic, s.Current.GroupTopic);
    }
}
