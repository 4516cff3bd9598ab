using SmartLamp.Boards.Host;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Bench;

/// <summary>
/// Flash wear: settings writes caused by 1,000 relay TOGGLEs in 10 s of virtual time (a whole
/// DeviceApp on simulated ports, the journal writing into a MemorySettingsStore), for several
/// SaveData/SetOption0 settings and toggle cadences. Writes are counted after the boot save.
/// </summary>
public static class WearBench
{
    private const string Mac = "AABBCC00BE0C";

    /// <summary>Prints the table.</summary>
    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("Flash wear: settings writes for 1,000 TOGGLEs in 10 s of virtual time (then 5 s quiet)");
        var rows = new List<string[]>
        {
            Row("SaveData 1 (default), SetOption0 1, every 10 ms", 1, true, _ => 10, null),
            Row("SaveData 1, SetOption0 1, 9 ms then 11 ms", 1, true, i => i < 500 ? 9 : 11, null),
            Row("SaveData 1, SetOption0 1, random 1..19 ms (seed 5)", 1, true, Random(5), null),
            Row("SaveData 10, SetOption0 1, random 1..19 ms (seed 5)", 10, true, Random(5), null),
            Row("SaveData 0, SetOption0 1, random; then Restart 1", 0, true, Random(5), "Restart 1"),
            Row("SaveData 1, SetOption0 0, random 1..19 ms (seed 5)", 1, false, Random(5), null),
        };
        Table.Print(new[] { "case", "writes", "≈ chars written", "virtual s" }, rows.ToArray());
        Console.WriteLine("A write happens only when the state at the end of a SaveData period differs from the stored one: with exactly");
        Console.WriteLine("100 toggles per second every period ends where it began (0 writes); 1,000 toggles end where they began, so");
        Console.WriteLine("Restart 1 has nothing to write either. At most one write per SaveData seconds in every case (<= 10 here).");
    }

    private static Func<int, int> Random(int seed)
    {
        var r = new Random(seed);
        int[] steps = new int[1000];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = r.Next(1, 20);
        }

        return i => steps[i];
    }

    private static string[] Row(string name, int saveData, bool saveState, Func<int, int> stepMs, string after)
    {
        BoardProfile board = BoardProfileFiles.Load("default");
        var store = new MemorySettingsStore();
        var clock = new VirtualClock();
        var ports = new DevicePorts
        {
            Gpio = new ArrayGpio(),
            Clock = clock,
            Mqtt = new CountingMqttLink(),
            Network = new SimNetworkLink(Mac),
            Storage = store,
            Serial = null,
            Log = new NullLog(),
            System = new FakeSystemControl(),
        };
        var app = new DeviceApp(ports, board);
        app.Start();
        app.ExecuteCommand("SaveData " + saveData);
        app.ExecuteCommand("SetOption0 " + (saveState ? 1 : 0));
        clock.Advance(15000);
        int writes0 = store.Saves;
        long start = clock.NowMs;
        for (int i = 0; i < 1000; i++)
        {
            app.ExecuteCommand("Power TOGGLE");
            clock.Advance(stepMs(i));
        }

        long toggling = clock.NowMs - start;
        clock.Advance(5000);
        if (after != null)
        {
            app.ExecuteCommand(after);
            clock.Advance(1000);
        }

        int writes = store.Saves - writes0;
        return new[] { name, writes.ToString(), (writes * (long)(store.Text?.Length ?? 0)).ToString("N0"), (toggling / 1000.0).ToString("0.0") };
    }
}
