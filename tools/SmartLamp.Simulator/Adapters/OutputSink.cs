namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// Where a simulated device's text goes (log lines and serial console output): stdout in the CLI,
/// a recorder in tests, nowhere in benchmarks. Thread-safe; every line is written whole.
/// </summary>
public sealed class OutputSink
{
    private static readonly object ConsoleGate = new();
    private readonly Action<string> _write;

    /// <summary>Creates a sink that hands every line to <paramref name="write"/> (null = discard).</summary>
    public OutputSink(Action<string> write)
    {
        _write = write;
    }

    /// <summary>A sink that discards everything.</summary>
    public static OutputSink Null { get; } = new(null);

    /// <summary>Standard output, one lock for the whole process so lines of many devices never interleave.</summary>
    public static OutputSink StandardOutput { get; } = new(line =>
    {
        lock (ConsoleGate)
        {
            Console.Out.WriteLine(line);
        }
    });

    /// <summary>Writes one line.</summary>
    public void WriteLine(string line)
    {
        _write?.Invoke(line);
    }

    /// <summary>A sink that writes through this one with <paramref name="prefix"/> in front of every line ("" = unchanged).</summary>
    public OutputSink WithPrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || _write == null)
        {
            return this;
        }

        return new OutputSink(line => _write(prefix + line));
    }
}
