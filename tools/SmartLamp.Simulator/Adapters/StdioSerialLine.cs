using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The device's serial console on the host: lines typed on the simulator's standard input are fed in
/// through <see cref="Feed"/> (the console router reads stdin and decides which device gets the line),
/// lines the device writes go to standard output (or whatever <see cref="OutputSink"/> is given).
/// </summary>
public sealed class StdioSerialLine : ISerialLine
{
    private readonly OutputSink _sink;
    private ISerialLineListener _listener;

    /// <summary>Creates a console writing to <paramref name="sink"/>.</summary>
    public StdioSerialLine(OutputSink sink)
    {
        _sink = sink ?? OutputSink.Null;
    }

    /// <summary>Raised with every line the device writes.</summary>
    public event Action<string> LineWritten;

    /// <summary>True once the device attached its listener.</summary>
    public bool IsAttached => _listener != null;

    /// <inheritdoc />
    public void Attach(ISerialLineListener listener)
    {
        _listener = listener;
    }

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        _sink.WriteLine(line);
        LineWritten?.Invoke(line);
    }

    /// <summary>Hands one input line (without terminator) to the device; false when nothing is attached.</summary>
    public bool Feed(string line)
    {
        ISerialLineListener l = _listener;
        if (l == null)
        {
            return false;
        }

        l.OnSerialLine(line ?? string.Empty);
        return true;
    }
}
