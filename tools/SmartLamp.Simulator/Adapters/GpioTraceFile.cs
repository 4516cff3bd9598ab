using System.Globalization;
using SmartLamp.Simulation;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// Appends one "t_ms pin level" line (level 0 or 1) to a file for every level change of a
/// <see cref="SimGpio"/> (its <see cref="SimGpio.Traced"/> event). The file is flushed after every
/// line so other processes (tests, tail -f) see changes at once. t_ms is the time of the clock the
/// SimGpio was built with (the simulator uses one clock per process, so the trace never goes back
/// across warm restarts and power cycles).
/// </summary>
public sealed class GpioTraceFile : IDisposable
{
    private readonly object _gate = new();
    private readonly StreamWriter _writer;
    private readonly List<SimGpio> _attached = new();
    private bool _disposed;

    /// <summary>Opens (creates or appends to) <paramref name="path"/>.</summary>
    public GpioTraceFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        string dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _writer = new StreamWriter(stream) { AutoFlush = true, NewLine = "\n" };
    }

    /// <summary>Full path of the trace file.</summary>
    public string Path { get; }

    /// <summary>Lines written so far.</summary>
    public int Lines { get; private set; }

    /// <summary>Starts tracing <paramref name="gpio"/> (several controllers may share one file).</summary>
    public void Attach(SimGpio gpio)
    {
        lock (_gate)
        {
            _attached.Add(gpio);
        }

        gpio.Traced += OnTraced;
    }

    /// <summary>Stops tracing <paramref name="gpio"/>.</summary>
    public void Detach(SimGpio gpio)
    {
        gpio.Traced -= OnTraced;
        lock (_gate)
        {
            _attached.Remove(gpio);
        }
    }

    /// <summary>Writes one line (also used for an explicit entry).</summary>
    public void Append(long timeMs, int pin, bool level)
    {
        string line = timeMs.ToString(CultureInfo.InvariantCulture) + " " + pin.ToString(CultureInfo.InvariantCulture) + (level ? " 1" : " 0");
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _writer.WriteLine(line);
            Lines++;
        }
    }

    /// <summary>Detaches from every controller and closes the file.</summary>
    public void Dispose()
    {
        SimGpio[] all;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            all = _attached.ToArray();
            _attached.Clear();
            _writer.Dispose();
        }

        foreach (SimGpio g in all)
        {
            g.Traced -= OnTraced;
        }
    }

    private void OnTraced(long timeMs, int pin, bool level)
    {
        Append(timeMs, pin, level);
    }
}
