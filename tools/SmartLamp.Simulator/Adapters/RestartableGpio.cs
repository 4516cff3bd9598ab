using SmartLamp.Core.Ports;
using SmartLamp.Simulation;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The pins of one simulated board across warm restarts. <see cref="SimGpio"/> (like the ESP32
/// driver) refuses to open a pin twice; after a warm restart the new core opens the same pins again
/// while the hardware keeps its state, so this wrapper turns a repeated open into "reconfigure":
/// an output already open is driven to the requested level, an input already open gets the new edge
/// handler. Everything else goes straight to the <see cref="SimGpio"/>, which records the trace.
/// A cold power cycle replaces the controller (<see cref="PowerCycle"/>): all pins start unopened.
/// </summary>
public sealed class RestartableGpio : IGpio
{
    private readonly object _gate = new();
    private readonly IClock _clock;
    private readonly PinEdgeHandler[] _handlers = new PinEdgeHandler[40];

    /// <summary>Creates the pins of a board stamped by <paramref name="clock"/> (the process clock).</summary>
    public RestartableGpio(IClock clock)
    {
        _clock = clock;
        Pins = new SimGpio(clock);
    }

    /// <summary>Raised after <see cref="PowerCycle"/> created a new controller (e.g. to attach a trace file).</summary>
    public event Action<SimGpio, SimGpio> Replaced;

    /// <summary>The current simulated controller (trace, inputs).</summary>
    public SimGpio Pins { get; private set; }

    /// <summary>Power is removed: a fresh controller, every pin unopened, every handler forgotten.</summary>
    public void PowerCycle()
    {
        SimGpio old;
        SimGpio fresh = new SimGpio(_clock);
        lock (_gate)
        {
            old = Pins;
            Pins = fresh;
            Array.Clear(_handlers);
        }

        Replaced?.Invoke(old, fresh);
    }

    /// <inheritdoc />
    public void OpenOutput(int pin, bool level)
    {
        SimGpio g = Pins;
        if (g.IsOutput(pin))
        {
            g.Write(pin, level);
            return;
        }

        g.OpenOutput(pin, level);
    }

    /// <inheritdoc />
    public void OpenInput(int pin, PinPull pull, PinEdgeHandler onEdge)
    {
        SimGpio g = Pins;
        if (pin < 0 || pin >= _handlers.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pin));
        }

        lock (_gate)
        {
            _handlers[pin] = onEdge;
        }

        if (g.IsOpen(pin) && !g.IsOutput(pin))
        {
            return;
        }

        g.OpenInput(pin, pull, Forward);
    }

    /// <inheritdoc />
    public void Write(int pin, bool level)
    {
        Pins.Write(pin, level);
    }

    /// <inheritdoc />
    public bool Read(int pin)
    {
        return Pins.Read(pin);
    }

    /// <summary>Drives an input from outside (a button); the core's edge handler runs on this thread.</summary>
    public void SetInput(int pin, bool level)
    {
        Pins.SetInput(pin, level);
    }

    private void Forward(int pin, bool level)
    {
        PinEdgeHandler h;
        lock (_gate)
        {
            h = _handlers[pin];
        }

        h?.Invoke(pin, level);
    }
}
