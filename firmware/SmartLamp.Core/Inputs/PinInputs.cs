using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Inputs
{
    /// <summary>
    /// An input event with Tasmota's <c>Button&lt;n&gt;#State</c> or <c>Switch&lt;n&gt;#State</c> number.
    /// <paramref name="index0"/> is 0-based (Button1/Switch1 = 0).
    /// </summary>
    public delegate void InputStateHandler(int index0, int state);

    /// <summary>
    /// What buttons and switches share: the input pins, debounce, the boot window, the state event for the
    /// rules and the MQTT output.
    /// <list type="bullet">
    /// <item>Debounce by timestamps: an edge only records its time. One clock timer for all pins looks at a
    /// pin when its newest edge is <see cref="Debounce"/> ms old (a level held exactly that long counts);
    /// finding a newer edge it waits for that one. Contact bounce starts no timer.</item>
    /// <item>Boot window: the level read when the pins are opened is the resting state, and level changes
    /// in the first <see cref="BootIgnoreMs"/> only move it (nothing counts while the supply settles).</item>
    /// <item>An owner deadline per input (<see cref="DueAt"/>: a button's or a switch's hold) runs on the same timer.</item>
    /// </list>
    /// The state event's raising, the MQTT output and the shared command checks are in InputReports.cs.
    /// Edges are posted to the event loop (App/LoopGpio.cs) and timer ticks are its timeouts, so everything
    /// here runs on the loop's one thread, which catches and logs a failure.
    /// </summary>
    public abstract partial class PinInputs
    {
        /// <summary>Default ButtonDebounce / SwitchDebounce in ms.</summary>
        public const int DebounceMs = 50;

        /// <summary>Lowest ButtonDebounce / SwitchDebounce.</summary>
        public const int MinDebounceMs = 40;

        /// <summary>Highest ButtonDebounce / SwitchDebounce.</summary>
        public const int MaxDebounceMs = 1000;

        /// <summary>Level changes are ignored (they move the resting state) this long after the pins are opened.</summary>
        public const int BootIgnoreMs = 4000;

        /// <summary>No edge pending, no deadline set.</summary>
        protected const long None = -1;

        /// <summary>The live settings.</summary>
        protected readonly DeviceSettings Settings;

        /// <summary>The relays the inputs act on.</summary>
        protected readonly PowerController Power;

        /// <summary>Number of relays of the board.</summary>
        protected readonly int RelayCount;

        /// <summary>The clock (now, timers).</summary>
        protected readonly EventLoop Clock;

        /// <summary>Owner deadline per input (<see cref="None"/> = none); checked with the debounce.</summary>
        protected readonly long[] DueAt;

        private readonly IGpio _gpio;
        private readonly ButtonConfig[] _configs;
        private readonly ILog _log;
        private readonly string _tag;
        private readonly string[] _commands;
        private readonly SettingsService _service;
        private readonly MqttPublisher _publisher;
        private readonly TopicSet _topics;
        private readonly MqttSession _session;
        private readonly CommandRequest _request = new CommandRequest();
        private readonly bool[] _down;
        private readonly long[] _edgeAt;
        private readonly ITimer _timer;
        private long _openedAt;
        private long _tickAt;
        private bool _opened;
        private bool _handled;

        /// <summary>
        /// Creates the inputs of <paramref name="configs"/> (not opened yet). MQTT output goes through
        /// <paramref name="publisher"/> to <paramref name="topics"/> while <paramref name="session"/> is
        /// connected; setting changes are saved through <paramref name="service"/>. The MQTT arguments may be null.
        /// <paramref name="commands"/> are the names <see cref="Register"/> registers for <see cref="OnCommand"/>.
        /// </summary>
        protected PinInputs(IGpio gpio, ButtonConfig[] configs, int relayCount, PowerController power, SettingsService service, EventLoop clock, ILog log,
            MqttPublisher publisher, TopicSet topics, MqttSession session, string tag, string[] commands)
        {
            _gpio = gpio;
            _configs = configs == null ? new ButtonConfig[0] : configs;
            RelayCount = relayCount;
            Power = power;
            _service = service;
            Settings = service.Current;
            Clock = clock;
            _log = log;
            _publisher = publisher;
            _topics = topics;
            _session = session;
            _tag = tag;
            _commands = commands;
            _down = new bool[_configs.Length];
            _edgeAt = new long[_configs.Length];
            DueAt = new long[_configs.Length];
            Forget();
            _timer = clock.Timeout("Input debounce", OnTick);
            _request.Name = string.Empty;
            _request.Payload = string.Empty;
            _request.HasIndex = true;
            _request.Source = CommandSource.Internal;
        }

        /// <summary>
        /// Raised (on the loop) for every input event with its <c>#State</c> number, before the
        /// relay action; a handler that takes the event over (a rule matched it, as in Tasmota) calls
        /// <see cref="MarkHandled"/> and the relay is left alone.
        /// </summary>
        public event InputStateHandler StateChanged;

        /// <summary>Number of inputs.</summary>
        public int Count
        {
            get { return _configs.Length; }
        }

        /// <summary>Milliseconds until level changes count (the boot window); 0 once it has passed.</summary>
        public long BootWindowLeftMs
        {
            get
            {
                long left = BootIgnoreMs - (Clock.NowMs - _openedAt);
                return left > 0 ? left : 0;
            }
        }

        /// <summary>Called by a <see cref="StateChanged"/> handler that took the event over: the relay is left alone.</summary>
        public void MarkHandled()
        {
            _handled = true;
        }

        /// <summary>Registers this kind of input's commands (ButtonDebounce, SwitchMode, ...).</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(_commands, OnCommand);
        }

        /// <summary>Opens every pin and samples its resting level; the boot window starts now.</summary>
        public virtual void Open()
        {
            _openedAt = Clock.NowMs;
            for (int i = 0; i < _configs.Length; i++)
            {
                ButtonConfig c = _configs[i];
                _gpio.OpenInput(c.Pin, c.Pull, OnEdge);
                _down[i] = c.IsPressed(_gpio.Read(c.Pin));
            }

            Forget();
            _opened = true;
        }

        /// <summary>Stops the timer and forgets pending edges and deadlines.</summary>
        public virtual void Stop()
        {
            _timer.Stop();
            Forget();
        }

        /// <summary>True while input <paramref name="index0"/> is (debounced) down: pressed / closed.</summary>
        protected bool IsDown(int index0)
        {
            return index0 >= 0 && index0 < _down.Length && _down[index0];
        }

        /// <summary>The debounce time now (the setting, or the default when out of range).</summary>
        protected static int DebounceOf(int setting)
        {
            return setting < MinDebounceMs || setting > MaxDebounceMs ? DebounceMs : setting;
        }

        /// <summary>The hold time of SetOption32 in ms (0.1 s units, 4 s when unset).</summary>
        protected long HoldMs
        {
            get
            {
                int h = Settings.HoldTime;
                return (h < 1 ? 40 : h) * 100L;
            }
        }

        /// <summary>The debounce setting of this kind of input, in ms.</summary>
        protected abstract int Debounce { get; }

        /// <summary>Input <paramref name="index0"/> settled at <paramref name="down"/> after the boot window.</summary>
        protected abstract void OnSettled(int index0, bool down);

        /// <summary><see cref="DueAt"/> of input <paramref name="index0"/> was reached (it is cleared first).</summary>
        protected abstract void OnDue(int index0);

        /// <summary>Runs the one of the registered commands that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        protected abstract void OnCommand(CommandRequest req, CommandResponse resp);

        private void Forget()
        {
            for (int i = 0; i < _configs.Length; i++)
            {
                _edgeAt[i] = None;
                DueAt[i] = None;
            }
        }

        private void OnEdge(int pin, bool level)
        {
            if (!_opened)
            {
                return;
            }

            long now = Clock.NowMs;
            for (int i = 0; i < _configs.Length; i++)
            {
                if (_configs[i].Pin == pin)
                {
                    _edgeAt[i] = now;
                }
            }

            if (!_timer.IsRunning || _tickAt > now + Debounce)
            {
                Schedule(now); // a bounce within a running debounce only moves its timestamp
            }
        }

        /// <summary>Starts the timer for the earliest debounce end or deadline (stops it when there is none).</summary>
        protected void Schedule(long now)
        {
            long next = long.MaxValue;
            int debounce = Debounce;
            for (int i = 0; i < _configs.Length; i++)
            {
                if (_edgeAt[i] != None && _edgeAt[i] + debounce < next)
                {
                    next = _edgeAt[i] + debounce;
                }

                if (DueAt[i] != None && DueAt[i] < next)
                {
                    next = DueAt[i];
                }
            }

            if (next == long.MaxValue)
            {
                _timer.Stop();
                return;
            }

            _tickAt = next > now ? next : now;
            _timer.Start(_tickAt - now, 0);
        }

        private void OnTick()
        {
            long now = Clock.NowMs;
            int debounce = Debounce;
            for (int i = 0; i < _configs.Length; i++)
            {
                if (_edgeAt[i] != None && now - _edgeAt[i] >= debounce)
                {
                    _edgeAt[i] = None;
                    Settle(i);
                }

                if (DueAt[i] != None && now >= DueAt[i])
                {
                    DueAt[i] = None;
                    OnDue(i);
                }
            }

            Schedule(Clock.NowMs);
        }

        private void Settle(int i)
        {
            bool down = _configs[i].IsPressed(_gpio.Read(_configs[i].Pin));
            if (down == _down[i])
            {
                return;
            }

            _down[i] = down;
            if (Clock.NowMs - _openedAt >= BootIgnoreMs)
            {
                OnSettled(i, down);
            }
        }
    }
}
