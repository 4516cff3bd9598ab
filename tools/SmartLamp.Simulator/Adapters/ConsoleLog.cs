using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// <see cref="ILog"/> for the simulator: prints "TAG: text" exactly as the core composes it (e.g.
/// "RSL: RESULT = {"POWER":"ON"}" or "MQT: stat/lamp/RESULT = {...}"), the way Tasmota's serial
/// console shows it. The core's <see cref="LogLine"/> formats the line into a reused buffer; one
/// string is made only when someone reads it (the sink or <see cref="LineWritten"/>).
/// <see cref="LineWritten"/> lets tests and the console watch the lines.
/// </summary>
public sealed class ConsoleLog : ILog
{
    private readonly OutputSink _sink;
    private readonly LogLine _line = new();

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
        bool print = Echo && _sink != OutputSink.Null;
        Action<string> watchers = LineWritten;
        if (!print && watchers == null)
        {
            return;
        }

        string line;
        lock (_line)
        {
            _line.Format(false, default, tag, a, b, c);
            line = _line.ToString();
        }

        if (print)
        {
            _sink.WriteLine(line);
        }

        watchers?.Invoke(line);
    }
}
