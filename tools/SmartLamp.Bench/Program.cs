namespace SmartLamp.Bench;

/// <summary>dotnet run -c Release --project tools/SmartLamp.Bench -- alloc|web|latency|fleet|sweep|wear|all [--commands N] [--devices N] [--sizes a,b,..] [--plots DIR] [--broker-nodelay]</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0].ToLowerInvariant() : "all";
        int commands = IntOption(args, "--commands", 3000);
        int devices = IntOption(args, "--devices", 1000);
        int allocCommands = IntOption(args, "--alloc-commands", 100000);
        int[] sizes = SizesOption(args, "--sizes", new[] { 100, 1000, 5000, 10000 });
        string plots = StringOption(args, "--plots", null);
        BenchBroker.TcpNoDelay = Array.IndexOf(args, "--broker-nodelay") >= 0;
        if (mode != "alloc" && mode != "latency" && mode != "fleet" && mode != "sweep" && mode != "wear" && mode != "web" && mode != "all" || sizes == null)
        {
            Console.Error.WriteLine("usage: SmartLamp.Bench alloc|web|latency|fleet|sweep|wear|all [--commands N (latency, default 3000)] [--devices N (fleet, default 1000)] "
                + "[--sizes 100,1000,5000,10000 (sweep and all)] [--plots DIR (SVG plots of sweep/latency, e.g. docs/performance)] [--alloc-commands N (default 100000)] [--broker-nodelay (mosquitto set_tcp_nodelay true)]");
            return 2;
        }

        string machine = Environment.ProcessorCount + " CPUs";
        AllocationBench.Result alloc = null;
        LatencyBench.Result latency = null;
        List<FleetBench.Result> fleet = null;

#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth recording.");
#endif
        Console.WriteLine("SmartLamp bench: " + Environment.ProcessorCount + " CPUs, " + System.Runtime.InteropServices.RuntimeInformation.OSDescription + ", .NET " + Environment.Version);
        if (mode == "alloc" || mode == "all")
        {
            alloc = AllocationBench.Run(allocCommands);
        }

        if (mode == "web" || mode == "all")
        {
            WebBench.Run(2000);
        }

        if (mode == "wear" || mode == "all")
        {
            WearBench.Run();
        }

        if (mode == "latency" || mode == "all")
        {
            latency = await LatencyBench.RunAsync(commands);
            if (plots != null)
            {
                Plots.WriteLatency(plots, latency, machine);
            }
        }

        if (mode == "fleet")
        {
            fleet = new List<FleetBench.Result> { await FleetBench.RunAsync(devices) };
        }

        if (mode == "sweep" || mode == "all")
        {
            fleet = await FleetBench.SweepAsync(sizes);
            if (plots != null)
            {
                Plots.WriteFleet(plots, fleet, machine);
            }
        }

        Goals.Print(alloc, latency, fleet, sizes);

        return 0;
    }

    private static string StringOption(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    private static int[] SizesOption(string[] args, string name, int[] fallback)
    {
        string text = StringOption(args, name, null);
        if (text == null)
        {
            return fallback;
        }

        var list = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part.Replace("_", string.Empty), out int v) || v < 1 || v > SmartLamp.Simulator.Fleet.MaxDevices)
            {
                return null;
            }

            list.Add(v);
        }

        return list.Count > 0 ? list.ToArray() : null;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
    }
}
