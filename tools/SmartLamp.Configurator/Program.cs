namespace SmartLamp.Configurator;

/// <summary>Executable entry: dotnet run --project tools/SmartLamp.Configurator -- --port /dev/ttyUSB0 send "Status 0".</summary>
public static class Program
{
    /// <summary>Runs the CLI on the process's standard streams.</summary>
    public static int Main(string[] args)
    {
        return ConfiguratorCli.Run(args, Console.Out, Console.Error);
    }
}
