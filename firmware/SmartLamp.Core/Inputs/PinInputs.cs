using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
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
    /// <item>An owner deadline per input (<see cref="DueAt"/>, a switch's hold) runs on the same timer.</item>
    /// </list>
    /// Edge callbacks arrive on GPIO threads and take the device lock; timer ticks come through the
    /// device's locking clock. Every callback catches and logs.
    /// </summary>
    public abstract class PinInputs
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
        protected readonly IClock Clock;

        /// <summary>Owner deadline per input (<see cref="None"/> = none); checked with the debounce.</summary>
        protected readonly long[] DueAt;

        private readonly IGpio _gpio;
        private readonly ButtonConfig[] _configs;
        private readonly object _sync;
        private readonly ILog _log;
        private readonly string _tag;
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
        /// </summary>
        protected PinInputs(IGpio gpio, ButtonConfig[] configs, int relayCount, PowerController power, SettingsService service, IClock clock, object sync, ILog log,
            MqttPublisher publisher, TopicSet topics, MqttSession session, string tag)
        {
            _gpio = gpio;
            _configs = configs == null ? new ButtonConfig[0] : configs;
            RelayCount = relayCount;
            Power = power;
            _service = service;
            Settings = service.Current;
            Clock = clock;
            _sync = sync;
            _log = log;
            _publisher = publisher;
            _topics = topics;
            _session = session;
            _tag = tag;
            _down = new bool[_configs.Length];
            _edgeAt = new long[_configs.Length];
            DueAt = new long[_configs.Length];
            Forget();
            _timer = clock.CreateTimer(OnTick);
            _request.Name = string.Empty;
            _request.Payload = string.Empty;
            _request.HasIndex = true;
            _request.Source = CommandSource.Internal;
        }

        /// <summary>
        /// Raised (under the device lock) for every input event with its <c>#State</c> number, before the
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

        /// <summary>Raises StateChanged; true when a handler called <see cref="MarkHandled"/>.</summary>
        protected bool Raise(int index0, int state)
        {
            InputStateHandler handler = StateChanged;
            if (handler == null)
            {
                return false;
            }

            _handled = false;
            try
            {
                handler(index0, state);
            }
            catch (System.Exception e)
            {
                LogError("State handler failed: ", e);
            }

            bool handled = _handled;
            _handled = false;
            return handled;
        }

        /// <summary>Publishes {"&lt;name&gt;":{"Action":"..."}} as a command result (RESULT, or stat/&lt;t&gt;/&lt;NAME&gt; with SetOption4).</summary>
        protected void PublishAction(string name, int index0, string action)
        {
            if (_publisher == null)
            {
                return;
            }

            CommandResponse r = new CommandResponse();
            r.BeginObject(name).Add("Action", action).End();
            _request.Index = index0 + 1;
            _publisher.CommandResult(_request, r.ToJson());
        }

        /// <summary>True when <paramref name="topic"/> (ButtonTopic, SwitchTopic) is set, not "0", and MQTT is connected.</summary>
        protected bool TopicActive(string topic)
        {
            return topic != null && topic.Length > 0 && topic != "0" && _publisher != null && _topics != null && _session != null && _session.IsConnected;
        }

        /// <summary>Publishes cmnd/&lt;topic&gt;/&lt;key&gt; <paramref name="payload"/> (Tasmota's SendKey).</summary>
        protected void PublishKey(string topic, string key, string payload, bool retain)
        {
            _publisher.PublishTopic(_topics.CmndBaseOf(topic) + key, payload, retain);
        }

        /// <summary>The state text relay <paramref name="relay"/> gets from a TOGGLE (ON when it is off).</summary>
        protected string ToggledText(int relay)
        {
            return Power.StateText((Power.PowerState & (1 << relay)) == 0);
        }

        /// <summary>
        /// The ButtonTopic / SwitchTopic command: the new value in <paramref name="value"/> ("1" = the own
        /// Topic), or <paramref name="current"/> for a query or a group command. False for a wildcard, a
        /// space or a slash (answered {"Command":"Error"}).
        /// </summary>
        protected bool TopicValue(CommandRequest req, string current, out string value)
        {
            string p = req.Payload;
            value = current;
            if (req.IsQuery || req.Source == CommandSource.Group)
            {
                return true;
            }

            if (CommandValue.IsChar(p, '1'))
            {
                value = Settings.Topic;
                return true;
            }

            value = p;
            return SettingsCodec.IsCleanText(p, DeviceSettings.MaxTopicLength) && p.IndexOf('+') < 0 && p.IndexOf('#') < 0 && p.IndexOf(' ') < 0 && p.IndexOf('/') < 0;
        }

        /// <summary>The ButtonDebounce / SwitchDebounce command: a valid new value (40..1000 ms) or <paramref name="current"/>.</summary>
        protected static int DebounceValue(CommandRequest req, int current)
        {
            int v = CommandValue.Parse(req.Payload);
            return v >= MinDebounceMs && v <= MaxDebounceMs ? v : current;
        }

        /// <summary>Saves the settings (<paramref name="change"/>: SettingsChange flags).</summary>
        protected void Persist(int change)
        {
            if (_service != null)
            {
                _service.Changed(change);
            }
        }

        /// <summary>Writes a log line with this input kind's tag.</summary>
        protected void Log(string a, string b, string c)
        {
            if (_log != null)
            {
                _log.Write(_tag, a, b, c);
            }
        }

        /// <summary>Logs an exception a callback caught (never throws).</summary>
        protected void LogError(string where, System.Exception e)
        {
            try
            {
                Log(where, e.GetType().Name, ": " + e.Message);
            }
            catch (System.Exception)
            {
                // ignore
            }
        }

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
            lock (_sync)
            {
                try
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
                catch (System.Exception e)
                {
                    LogError("Edge failed: ", e);
                }
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
            try
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
            catch (System.Exception e)
            {
                LogError("Input failed: ", e);
            }
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
