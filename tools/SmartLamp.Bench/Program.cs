namespace SmartLamp.Bench;

/// <summary>dotnet run -c Release --project tools/SmartLamp.Bench -- alloc|web|latency|fleet|wear|all [--commands N] [--devices N] [--broker-nodelay]</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0].ToLowerInvariant() : "all";
        int commands = IntOption(args, "--commands", 3000);
        int devices = IntOption(args, "--devices", 1000);
        int allocCommands = IntOption(args, "--alloc-commands", 100000);
        BenchBroker.TcpNoDelay = Array.IndexOf(args, "--broker-nodelay") >= 0;
        if (mode != "alloc" && mode != "latency" && mode != "fleet" && mode != "wear" && mode != "web" && mode != "all")
        {
            Console.Error.WriteLine("usage: SmartLamp.Bench alloc|web|latency|fleet|wear|all [--commands N (latency, default 3000)] [--devices N (fleet, default 1000)] [--alloc-commands N (default 100000)] [--broker-nodelay (mosquitto set_tcp_nodelay true)]");
            return 2;
        }

#if DEBUG
        Console.WriteLine("WARNING: Debug build; run with -c Release for figures worth recording.");
#endif
        Console.WriteLine("SmartLamp bench: " + Environment.ProcessorCount + " CPUs, " + System.Runtime.InteropServices.RuntimeInformation.OSDescription + ", .NET " + Environment.Version);
        if (mode == "alloc" || mode == "all")
        {
            AllocationBench.Run(allocCommands);
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
            await LatencyBench.RunAsync(commands);
        }

        if (mode == "fleet" || mode == "all")
        {
            await FleetBench.RunAsync(devices);
        }

        return 0;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out int v) ? v : fallback;
    }
}
