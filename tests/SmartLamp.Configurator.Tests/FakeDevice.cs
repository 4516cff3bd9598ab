using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

/// <summary>
/// A scripted serial console: every line written to it is answered at once by <see cref="Respond"/>;
/// ReadLine hands out what is queued and returns null (a timeout) as soon as nothing is left, so tests
/// never wait.
/// </summary>
public sealed class FakeDevice : IConsoleLink
{
    private readonly Queue<string> _pending = new();

    /// <summary>Lines the tool sent.</summary>
    public List<string> Sent { get; } = new();

    /// <summary>Answers one sent line with the lines the device would print.</summary>
    public Func<string, IEnumerable<string>> Respond { get; set; } = _ => Array.Empty<string>();

    /// <summary>True once disposed.</summary>
    public bool Disposed { get; private set; }

    /// <summary>A SmartLamp-like device: echoes with a time stamp (passwords masked) and answers {"Cmd":"value"}.</summary>
    public static FakeDevice SmartLamp()
    {
        var d = new FakeDevice();
        d.Respond = line => new[] { "00:00:01.000 CMD: " + global::SmartLamp.Core.Console.SecretMask.CommandLine(line), "00:00:01.001 MQT: stat/lamp/RESULT = {\"" + line.Split(' ')[0] + "\":\"" + (line.Contains(' ') ? line.Substring(line.IndexOf(' ') + 1) : string.Empty) + "\"}" };
        return d;
    }

    /// <summary>Queues lines as if the device printed them unprompted.</summary>
    public void Print(params string[] lines)
    {
        foreach (string l in lines)
        {
            _pending.Enqueue(l);
        }
    }

    /// <inheritdoc />
    public void WriteLine(string line)
    {
        Sent.Add(line);
        foreach (string l in Respond(line))
        {
            _pending.Enqueue(l);
        }
    }

    /// <inheritdoc />
    public string ReadLine(TimeSpan timeout)
    {
        return _pending.Count > 0 ? _pending.Dequeue() : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Disposed = true;
    }
}
