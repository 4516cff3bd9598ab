using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;

namespace SmartLamp.Bench;

/// <summary>An <see cref="ILog"/> that drops everything without allocating (the core's own cost only).</summary>
public sealed class NullLog : ILog
{
    /// <summary>Lines written.</summary>
    public long Lines;

    /// <inheritdoc />
    public void Write(string tag, string a, string b, string c)
    {
        Lines++;
    }
}

/// <summary>
/// The device's log path minus the device's Console: each line formatted once by the core's
/// <see cref="LogLine"/> (time of the clock first) into its reused buffer and handed to an <see cref="ILogOutput"/>
/// (what the device's NanoLog does before it makes the one string Console needs).
/// </summary>
public sealed class FormattingLog : ILog
{
    private readonly ILogOutput _output;
    private readonly IClock _clock;
    private readonly LogLine _line = new();

    /// <summary>Creates the log writing to <paramref name="output"/>; <paramref name="clock"/> stamps each line.</summary>
    public FormattingLog(ILogOutput output, IClock clock)
    {
        _output = output;
        _clock = clock;
    }

    /// <inheritdoc />
    public void Write(string tag, string a, string b, string c)
    {
        _line.Format(true, _clock.UtcNow, tag, a, b, c);
        _output.WriteLine(_line.Chars, _line.Length);
    }
}

/// <summary>The log adapter's end of the real log path: reads every character of each formatted line, keeps nothing.</summary>
public sealed class CountingLogOutput : ILogOutput
{
    /// <summary>Lines written.</summary>
    public long Lines;

    /// <summary>Sum of all characters (so the buffer is really read).</summary>
    public long Checksum;

    /// <inheritdoc />
    public void WriteLine(char[] line, int length)
    {
        Lines++;
        for (int i = 0; i < length; i++)
        {
            Checksum += line[i];
        }
    }
}

/// <summary>
/// An <see cref="IMqttLink"/> that plays the broker synchronously like FakeMqttLink but records
/// nothing (counts only), so the bytes measured around it are the core's alone.
/// </summary>
public sealed class CountingMqttLink : IMqttLink
{
    private IMqttLinkListener _listener;

    /// <summary>Publishes so far.</summary>
    public long Publishes;

    /// <summary>Topic of the last publish (reference only, no copy).</summary>
    public string LastTopic;

    /// <summary>Payload of the last publish.</summary>
    public string LastPayload;

    /// <summary>True after Connect until AcceptConnect.</summary>
    public bool ConnectPending;

    /// <summary>Called for every publish (may be null).</summary>
    public Action<string, string> OnPublish;

    /// <inheritdoc />
    public bool IsConnected { get; private set; }

    /// <inheritdoc />
    public void Attach(IMqttLinkListener listener) => _listener = listener;

    /// <inheritdoc />
    public void Connect(MqttConnectOptions options) => ConnectPending = true;

    /// <summary>The broker accepts the pending connect.</summary>
    public void AcceptConnect()
    {
        ConnectPending = false;
        IsConnected = true;
        _listener.OnMqttConnected();
    }

    /// <summary>The broker delivers a message.</summary>
    public void Deliver(string topic, string payload) => _listener.OnMqttMessage(topic, payload, false);

    /// <inheritdoc />
    public void Disconnect() => IsConnected = false;

    /// <inheritdoc />
    public bool Publish(string topic, string payload, bool retain, bool qos1)
    {
        if (!IsConnected)
        {
            return false;
        }

        Publishes++;
        LastTopic = topic;
        LastPayload = payload;
        OnPublish?.Invoke(topic, payload);
        return true;
    }

    /// <inheritdoc />
    public void Subscribe(string topicFilter)
    {
    }

    /// <inheritdoc />
    public void Unsubscribe(string topicFilter)
    {
    }
}

/// <summary>An <see cref="IGpio"/> that keeps pin levels in an array and records nothing (SimGpio's trace allocates a TraceEntry per change).</summary>
public sealed class ArrayGpio : IGpio
{
    private readonly bool[] _levels = new bool[40];
    private readonly PinEdgeHandler[] _edges = new PinEdgeHandler[40];

    /// <summary>Level changes written.</summary>
    public long Writes;

    /// <inheritdoc />
    public void OpenOutput(int pin, bool level) => _levels[pin] = level;

    /// <inheritdoc />
    public void OpenInput(int pin, PinPull pull, PinEdgeHandler onEdge)
    {
        _levels[pin] = pull != PinPull.Down;
        _edges[pin] = onEdge;
    }

    /// <inheritdoc />
    public void Write(int pin, bool level)
    {
        if (_levels[pin] != level)
        {
            Writes++;
        }

        _levels[pin] = level;
    }

    /// <inheritdoc />
    public bool Read(int pin) => _levels[pin];
}
