using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>
/// Simulated devices inside the test process, started exactly as the CLI starts them
/// (<see cref="Fleet.StartAsync"/> with the broker as --mqtt-host/--mqtt-port), each test with a
/// unique topic and a throw-away flash folder. Records every line the devices print.
/// </summary>
public sealed class InProcessSim : IAsyncDisposable
{
    private readonly List<string> _lines = new();
    private readonly string _flash;

    private InProcessSim(string flash)
    {
        _flash = flash;
    }

    /// <summary>The running fleet.</summary>
    public Fleet Fleet { get; private set; }

    /// <summary>Device 1.</summary>
    public SimulatedDevice Device => Fleet[1];

    /// <summary>Device 1's topic.</summary>
    public string Topic => Device.Topic;

    /// <summary>Every line the devices printed so far.</summary>
    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    /// <summary>A topic no other test uses ("it&lt;name&gt;_&lt;6 hex&gt;").</summary>
    public static string UniqueTopic(string name)
    {
        return "it" + name + "_" + Guid.NewGuid().ToString("N").Substring(0, 6);
    }

    /// <summary>Boots devices against <paramref name="broker"/>; <paramref name="configure"/> may adjust the configuration.</summary>
    public static async Task<InProcessSim> StartAsync(TestBroker broker, string topic, Action<SimulatorConfig> configure = null)
    {
        string flash = Path.Combine(Path.GetTempPath(), "smartlamp-it-flash-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        var sim = new InProcessSim(flash);
        var config = new SimulatorConfig
        {
            MqttHost = broker.Host,
            MqttPort = broker.Port,
            Topic = topic,
            Flash = flash,
        };
        configure?.Invoke(config);
        var sink = new OutputSink(line =>
        {
            lock (sim._lines)
            {
                sim._lines.Add(line);
            }
        });
        sim.Fleet = await Fleet.StartAsync(config, sink);
        return sim;
    }

    /// <summary>True when a device printed a line containing <paramref name="text"/>.</summary>
    public bool Printed(string text)
    {
        return Lines.Any(l => l.Contains(text, StringComparison.Ordinal));
    }

    /// <summary>How many times the first device's pin trace recorded <paramref name="pin"/>.</summary>
    public int PinTraceCount(int pin)
    {
        var pins = Device.Gpio.Pins;
        int n = 0;
        for (int i = 0; i < pins.TraceCount; i++)
        {
            if (pins.TraceAt(i).Pin == pin)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The level the first device last wrote to <paramref name="pin"/> (false when never written).</summary>
    public bool LastPinLevel(int pin)
    {
        var pins = Device.Gpio.Pins;
        for (int i = pins.TraceCount - 1; i >= 0; i--)
        {
            if (pins.TraceAt(i).Pin == pin)
            {
                return pins.TraceAt(i).Level;
            }
        }

        return false;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="patience"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan patience)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > patience)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Shuts the devices down cleanly and deletes the flash.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Fleet != null)
        {
            await Fleet.ShutdownAsync(TimeSpan.FromSeconds(5));
        }

        try
        {
            Directory.Delete(_flash, true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
