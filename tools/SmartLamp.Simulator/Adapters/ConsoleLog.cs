using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// <see cref="ILog"/> for the simulator: prints "TAG: text" exactly as the core composes it (e.g.
/// "RSL: RESULT = {"POWER":"ON"}" or "MQT: stat/lamp/RESULT = {...}"), the way Tasmota's serial
/// console shows it. <see cref="LineWritten"/> lets tests and the console watch the lines.
/// </summary>
public sealed class ConsoleLog : ILog
{
    private readonly OutputSink _sink;

    /// <summary>Creates a log writing to <paramref name="sink"/>.</summary>
    public ConsoleLog(OutputSink sink)
    {
        _sink = sink ?? OutputSink.Null;
    }

    /// <summary>Raised with each formatted line (without the sink's prefix).</summary>
    public event Action<string> LineWritten;

    /// <summary>When false, lines are still raised through <see cref="LineWritten"/> but not printed.</summary>
    public bool Echo { get; set; } = true;

    /// <inheritdoc />
    public void Write(string tag, string a, string b, string c)
    {
        string line = string.Concat(tag, ": ", a, b, c);
        if (Echo)
        {
            _sink.WriteLine(line);
        }

        LineWritten?.Invoke(line);
    }
}
