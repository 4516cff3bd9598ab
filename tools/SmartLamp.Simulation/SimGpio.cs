using System;
using System.Collections;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Simulation
{
    /// <summary>Receives every simulated level change (time in clock ms).</summary>
    public delegate void PinTraceHandler(long timeMs, int pin, bool level);

    /// <summary>
    /// Simulated GPIO controller. Records every level change of every pin with the clock's time
    /// (the pin trace, printed as lines "t_ms pin level"), lets tests and the simulator drive input
    /// pins, and enforces the rules the ESP32 driver enforces (a pin opens once; GPIO34-39 are
    /// input-only; writes only to outputs).
    /// </summary>
    public sealed class SimGpio : IGpio
    {
        private readonly IClock _clock;
        private readonly ArrayList _trace = new ArrayList();
        private readonly SimPin[] _pins = (SimPin[])ArraySlots.Nulls(new SimPin[40]);
        private readonly int[] _presets = new int[40]; // 0 none, 1 low, 2 high

        /// <summary>Creates a controller that stamps the trace with <paramref name="clock"/>.</summary>
        public SimGpio(IClock clock)
        {
            _clock = clock;
        }

        /// <summary>Called for every recorded level change (e.g. to append to a --gpio-trace file).</summary>
        public event PinTraceHandler Traced;

        /// <summary>Number of recorded level changes.</summary>
        public int TraceCount
        {
            get { return _trace.Count; }
        }

        /// <summary>Recorded change number <paramref name="i"/>.</summary>
        public TraceEntry TraceAt(int i)
        {
            return (TraceEntry)_trace[i];
        }

        /// <summary>The trace as text, one "t_ms pin level" line per change (level 0 or 1).</summary>
        public string TraceText()
        {
            string text = string.Empty;
            for (int i = 0; i < _trace.Count; i++)
            {
                text += ((TraceEntry)_trace[i]).ToString() + "\n";
            }

            return text;
        }

        /// <summary>Forgets the recorded trace.</summary>
        public void ClearTrace()
        {
            _trace.Clear();
        }

        /// <summary>True when <paramref name="pin"/> is open.</summary>
        public bool IsOpen(int pin)
        {
            return pin >= 0 && pin < _pins.Length && _pins[pin] != null;
        }

        /// <summary>True when <paramref name="pin"/> is open as an output.</summary>
        public bool IsOutput(int pin)
        {
            return IsOpen(pin) && _pins[pin].Output;
        }

        /// <inheritdoc />
        public void OpenOutput(int pin, bool level)
        {
            CheckFree(pin);
            if (pin >= 34 && pin <= 39)
            {
                throw new InvalidOperationException("GPIO" + pin + " is input-only");
            }

            SimPin p = new SimPin();
            p.Output = true;
            p.Level = level;
            _pins[pin] = p;
            Record(pin, level);
        }

        /// <inheritdoc />
        public void OpenInput(int pin, PinPull pull, PinEdgeHandler onEdge)
        {
            CheckFree(pin);
            SimPin p = new SimPin();
            p.Output = false;
            p.Level = _presets[pin] == 0 ? pull != PinPull.Down : _presets[pin] == 2;
            p.OnEdge = onEdge;
            _pins[pin] = p;
            Record(pin, p.Level);
        }

        /// <inheritdoc />
        public void Write(int pin, bool level)
        {
            SimPin p = Get(pin);
            if (!p.Output)
            {
                throw new InvalidOperationException("GPIO" + pin + " is not an output");
            }

            if (p.Level != level)
            {
                p.Level = level;
                Record(pin, level);
            }
        }

        /// <inheritdoc />
        public bool Read(int pin)
        {
            return Get(pin).Level;
        }

        /// <summary>
        /// The level an input shows when it is opened later (a button held or stuck before power-on),
        /// instead of its pull level.
        /// </summary>
        public void PresetInput(int pin, bool level)
        {
            if (pin < 0 || pin >= _pins.Length)
            {
                throw new ArgumentOutOfRangeException("pin");
            }

            _presets[pin] = level ? 2 : 1;
        }

        /// <summary>Drives an input pin from outside (a button, a switch); raises its edge callback on a change.</summary>
        public void SetInput(int pin, bool level)
        {
            SimPin p = Get(pin);
            if (p.Output)
            {
                throw new InvalidOperationException("GPIO" + pin + " is an output");
            }

            if (p.Level == level)
            {
                return;
            }

            p.Level = level;
            Record(pin, level);
            PinEdgeHandler h = p.OnEdge;
            if (h != null)
            {
                h(pin, level);
            }
        }

        private void Record(int pin, bool level)
        {
            TraceEntry e = new TraceEntry(_clock.NowMs, pin, level);
            _trace.Add(e);
            PinTraceHandler h = Traced;
            if (h != null)
            {
                h(e.TimeMs, pin, level);
            }
        }

        private void CheckFree(int pin)
        {
            if (pin < 0 || pin >= _pins.Length)
            {
                throw new ArgumentOutOfRangeException("pin");
            }

            if (_pins[pin] != null)
            {
                throw new InvalidOperationException("GPIO" + pin + " is already open");
            }
        }

        private SimPin Get(int pin)
        {
            if (!IsOpen(pin))
            {
                throw new InvalidOperationException("GPIO" + pin + " is not open");
            }

            return _pins[pin];
        }

        private sealed class SimPin
        {
            public bool Output;
            public bool Level;
            public PinEdgeHandler OnEdge;
        }
    }

    /// <summary>One recorded level change.</summary>
    public sealed class TraceEntry
    {
        /// <summary>Creates an entry.</summary>
        public TraceEntry(long timeMs, int pin, bool level)
        {
            TimeMs = timeMs;
            Pin = pin;
            Level = level;
        }

        /// <summary>Clock time of the change.</summary>
        public long TimeMs { get; }

        /// <summary>GPIO number.</summary>
        public int Pin { get; }

        /// <summary>New level.</summary>
        public bool Level { get; }

        /// <summary>"t_ms pin level" with level 0 or 1.</summary>
        public override string ToString()
        {
            return TimeMs.ToString() + " " + Pin.ToString() + " " + (Level ? "1" : "0");
        }
    }
}
