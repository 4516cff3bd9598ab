namespace SmartLamp.Bench;

/// <summary>The goal table: each measure of this run next to its goal, and whether it is met.</summary>
public static class Goals
{
    /// <summary>Boot allocation goal (bytes, core, boot to first state publish).</summary>
    public const long BootBytes = 16 * 1024;

    /// <summary>Managed heap per fleet device goal (KiB).</summary>
    public const double HeapKiB = 32;

    /// <summary>Latency ratio goal (device / floor at p50 and p99).</summary>
    public const double LatencyRatio = 1.1;

    /// <summary>Prints the rows the run measured (a part that did not run has no row).</summary>
    public static void Print(AllocationBench.Result alloc, LatencyBench.Result latency, List<FleetBench.Result> fleet, int[] sizes)
    {
        var rows = new List<string[]>();
        if (fleet != null && fleet.Count > 0)
        {
            FleetBench.Result big = fleet.MaxBy(r => r.Devices);
            FleetBench.Result small = fleet.MinBy(r => r.Devices);
            rows.Add(Row("fleet size in one process, one mosquitto", big.Devices.ToString("N0") + " (all Online, group command answered by all, clean shutdown)", "10,000", big.Devices >= 10000));
            rows.Add(Row("managed heap per device at " + big.Devices.ToString("N0"), big.HeapKiBPerDevice.ToString("0.0") + " KiB", "<= 32 KiB", big.HeapKiBPerDevice <= HeapKiB));
            double growth = (big.GroupMs / small.GroupMs) / ((double)big.Devices / small.Devices);
            rows.Add(Row(
                "group TOGGLE until every device answered",
                string.Join(", ", fleet.Select(r => r.GroupMs.ToString("0") + " ms at " + r.Devices.ToString("N0"))) + " (time grows " + growth.ToString("0.00") + "x as fast as the size)",
                "every size; linear or better",
                fleet.Count == sizes.Length && growth <= 1.0));
        }

        if (latency != null)
        {
            rows.Add(LatencyRow("command -> state vs floor, p50 / p99", latency.Device, latency.Floor));
            rows.Add(LatencyRow("message, then command vs floor (a message, then the echo trigger), p50 / p99", latency.AfterMessage, latency.FloorAfterMessage));
        }

        if (alloc != null)
        {
            rows.Add(Row("core allocation per Power command (real log path)", alloc.PerCommand.ToString("0.0") + " B", "0 B", alloc.PerCommand < 0.5));
            rows.Add(Row("core allocation, boot to first state publish", alloc.BootEmpty.ToString("N0") + " B / " + alloc.BootStored.ToString("N0") + " B with settings", "<= 16 KB", alloc.BootEmpty <= BootBytes && alloc.BootStored <= BootBytes));
            rows.Add(Row("core heap retained per booted device (alloc part, bench doubles)", (alloc.RetainedPerDevice / 1024).ToString("0.0") + " KiB", "<= 32 KiB", alloc.RetainedPerDevice / 1024 <= HeapKiB));
        }

        if (rows.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Goals");
        Table.Print(new[] { "measure", "now", "goal", "met?" }, rows.ToArray());
    }

    private static string[] LatencyRow(string name, List<double> device, List<double> floor)
    {
        double p50 = LatencyBench.Quantile(device, 0.50) / LatencyBench.Quantile(floor, 0.50);
        double p99 = LatencyBench.Quantile(device, 0.99) / LatencyBench.Quantile(floor, 0.99);
        return Row(name, p50.ToString("0.00") + "x / " + p99.ToString("0.00") + "x", "<= 1.1x both", p50 <= LatencyRatio && p99 <= LatencyRatio);
    }

    private static string[] Row(string measure, string now, string goal, bool met) => new[] { measure, now, goal, met ? "yes" : "NO" };
}
