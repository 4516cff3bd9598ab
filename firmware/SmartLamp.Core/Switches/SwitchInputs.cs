using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;

namespace SmartLamp.Core.Switches
{
    /// <summary>
    /// A switch event with Tasmota's <c>Switch&lt;n&gt;#State</c> number (0 OFF, 1 ON, 2 TOGGLE, 3 HOLD).
    /// <paramref name="switchIndex0"/> is 0-based (Switch1 = 0).
    /// </summary>
    public delegate void SwitchStateHandler(int switchIndex0, int state);

    /// <summary>
    /// Wall-switch terminals as Tasmota's support_switch handles them (docs/switches.md):
    /// <list type="bullet">
    /// <item>Debounce by timestamps: an edge only records its time; one shared clock timer looks at the
    /// pin when the newest edge is SwitchDebounce ms old (default 50, 40..1000). No timer per edge.</item>
    /// <item>Switch state "closed" is the contact made (the board profile's polarity); SwitchMode
    /// 0 toggle on every change, 1 follow (closed = ON), 2 inverted follow, 3 push button (closing
    /// toggles), 4 inverted push button (opening toggles), 5/6 push button with hold (released before
    /// SetOption32 x 0.1 s toggles, held that long sends HOLD), 7 toggle on every change, 13/14 push
    /// on (closing / opening switches ON), 15/16 no relay action, tele SENSOR on every change.
    /// 8..12 (multi-press variants) act as their basic mode (8 = 0, 9 = 1, 10 = 2, 11 = 3, 12 = 4).</item>
    /// <item>SwitchTopic (not "0", MQTT connected): the action goes to cmnd/&lt;SwitchTopic&gt;/POWER&lt;n&gt;
    /// (always indexed; TOGGLE becomes ON/OFF when it is the own Topic or GroupTopic, or with
    /// SetOption61) instead of the relay, retained with SwitchRetain (HOLD not with SetOption62).</item>
    /// <item>Otherwise <see cref="StateChanged"/> carries Switch&lt;n&gt;#State to the rules; a handler
    /// that takes the event over calls <see cref="MarkHandled"/> and the relay is left alone.</item>
    /// <item>SetOption114: switches are detached; every action publishes
    /// <c>{"Switch1":{"Action":"ON"}}</c> (stat/&lt;t&gt;/RESULT, stat/&lt;t&gt;/SWITCH1 with SetOption4) while
    /// Tasmota discovery is on (SetOption19 0), as Tasmota does.</item>
    /// </list>
    /// Level changes in the first <see cref="BootIgnoreMs"/> after boot only move the resting state.
    /// Edge callbacks take the device lock; the timer ticks come through the device's locking clock.
    /// </summary>
    public sealed class SwitchInputs
    {
        /// <summary>Default SwitchDebounce in ms.</summary>
        public const int DebounceMs = 50;

        /// <summary>Lowest SwitchDebounce.</summary>
        public const int MinDebounceMs = 40;

        /// <summary>Highest SwitchDebounce.</summary>
        public const int MaxDebounceMs = 1000;

        /// <summary>Changes are ignored (they move the resting state) this long after the pins are opened.</summary>
        public const int BootIgnoreMs = 4000;

        /// <summary>Switch&lt;n&gt;#State values (Tasmota's POWER_OFF, POWER_ON, POWER_TOGGLE, POWER_HOLD).</summary>
        public const int StateOff = 0, StateOn = 1, StateToggle = 2, StateHold = 3;

        private const int None = -1;

        private readonly IGpio _gpio;
        private readonly ButtonConfig[] _configs;
        private readonly int _relayCount;
        private readonly PowerController _power;
        private readonly DeviceSettings _settings;
        private readonly IClock _clock;
        private readonly object _sync;
        private readonly ILog _log;
        private readonly CommandRequest _request = new CommandRequest();
        private readonly bool[] _closed;
        private readonly long[] _edgeAt;
        private readonly long[] _holdAt;
        private readonly ITimer _timer;
        private MqttPublisher _publisher;
        private TopicSet _topics;
        private MqttSession _session;
        private SettingsService _service;
        private TelemetryService _telemetry;
        private long _openedAt;
        private bool _opened;
        private bool _handled;

        /// <summary>Creates the inputs (not opened yet). <paramref name="settings"/> is the live settings instance.</summary>
        public SwitchInputs(IGpio gpio, ButtonConfig[] switches, int relayCount, PowerController power, DeviceSettings settings, EventLoop clock, object sync, ILog log)
        {
            _gpio = gpio;
            _configs = switches == null ? new ButtonConfig[0] : switches;
            _relayCount = relayCount;
            _power = power;
            _settings = settings;
            _clock = clock;
            _sync = sync;
            _log = log;
            _closed = new bool[_configs.Length];
            _edgeAt = new long[_configs.Length];
            _holdAt = new long[_configs.Length];
            for (int i = 0; i < _configs.Length; i++)
            {
                _edgeAt[i] = None;
                _holdAt[i] = None;
            }

            _timer = clock.Timeout("Switch debounce", OnTick);
            _request.Name = string.Empty;
            _request.Payload = string.Empty;
            _request.HasIndex = true;
            _request.Source = CommandSource.Internal;
        }

        /// <summary>
        /// Raised (under the device lock) with Switch&lt;n&gt;#State when no SwitchTopic takes the action:
        /// 0 OFF, 1 ON, 2 TOGGLE, 3 HOLD. Raised before the relay action; a handler that takes the event
        /// over (a rule is written for it, as in Tasmota) calls <see cref="MarkHandled"/>.
        /// </summary>
        public event SwitchStateHandler StateChanged;

        /// <summary>Number of switch inputs.</summary>
        public int Count
        {
            get { return _configs.Length; }
        }

        /// <summary>Connects MQTT output (SwitchTopic, SetOption114 actions), persistence and tele SENSOR (modes 15/16). Any may be null.</summary>
        public void Attach(MqttPublisher publisher, TopicSet topics, MqttSession session, SettingsService service, TelemetryService telemetry)
        {
            _publisher = publisher;
            _topics = topics;
            _session = session;
            _service = service;
            _telemetry = telemetry;
        }

        /// <summary>Registers SWITCHMODE, SWITCHTOPIC and SWITCHDEBOUNCE.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("SWITCHMODE", CmndSwitchMode);
            d.Register("SWITCHTOPIC", CmndSwitchTopic);
            d.Register("SWITCHDEBOUNCE", CmndSwitchDebounce);
        }

        /// <summary>Called by a <see cref="StateChanged"/> handler that took the event over: the relay is left alone.</summary>
        public void MarkHandled()
        {
            _handled = true;
        }

        /// <summary>Opens every switch pin and samples its resting level; the boot window starts now.</summary>
        public void Open()
        {
            _openedAt = _clock.NowMs;
            for (int i = 0; i < _configs.Length; i++)
            {
                ButtonConfig c = _configs[i];
                _gpio.OpenInput(c.Pin, c.Pull, OnEdge);
                _closed[i] = c.IsPressed(_gpio.Read(c.Pin));
                _edgeAt[i] = None;
                _holdAt[i] = None;
            }

            _opened = true;
        }

        /// <summary>Stops the timer and forgets pending edges and holds.</summary>
        public void Stop()
        {
            _timer.Stop();
            for (int i = 0; i < _configs.Length; i++)
            {
                _edgeAt[i] = None;
                _holdAt[i] = None;
            }
        }

        /// <summary>True while switch <paramref name="index0"/> is (debounced) closed.</summary>
        public bool IsClosed(int index0)
        {
            return index0 >= 0 && index0 < _closed.Length && _closed[index0];
        }

        /// <summary>Tasmota's SwitchState: ON when closed, inverted in the *_INV modes (2, 4, 6, 10, 12, 14, 16).</summary>
        public bool StateOf(int index0)
        {
            return IsClosed(index0) != IsInverted(ModeOf(index0));
        }

        /// <summary>Writes "Switch&lt;n&gt;":"ON|OFF" for every switch (tele SENSOR, Status 8); false when there are none.</summary>
        public bool WriteSensor(CommandResponse r)
        {
            for (int i = 0; i < _configs.Length; i++)
            {
                r.Add(NameOf(i), _power.StateText(StateOf(i)));
            }

            return _configs.Length > 0;
        }

        /// <summary>"Switch1".."Switch8".</summary>
        public static string NameOf(int index0)
        {
            return "Switch" + (index0 + 1).ToString();
        }

        private int ModeOf(int index0)
        {
            int[] modes = _settings.SwitchMode;
            return modes != null && index0 >= 0 && index0 < modes.Length ? modes[index0] : 0;
        }

        private static bool IsInverted(int mode)
        {
            return mode == 2 || mode == 4 || mode == 6 || mode == 10 || mode == 12 || mode == 14 || mode == 16;
        }

        private int Debounce
        {
            get
            {
                int d = _settings.SwitchDebounce;
                return d < MinDebounceMs || d > MaxDebounceMs ? DebounceMs : d;
            }
        }

        private long HoldMs
        {
            get
            {
                int h = _settings.HoldTime;
                return (h < 1 ? 40 : h) * 100L;
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

                    long now = _clock.NowMs;
                    for (int i = 0; i < _configs.Length; i++)
                    {
                        if (_configs[i].Pin == pin)
                        {
                            _edgeAt[i] = now;
                        }
                    }

                    Schedule(now);
                }
                catch (System.Exception e)
                {
                    LogError("Edge failed: ", e);
                }
            }
        }

        /// <summary>Starts the shared timer for the earliest pending debounce end or hold.</summary>
        private void Schedule(long now)
        {
            long next = long.MaxValue;
            int debounce = Debounce;
            for (int i = 0; i < _configs.Length; i++)
            {
                if (_edgeAt[i] != None && _edgeAt[i] + debounce < next)
                {
                    next = _edgeAt[i] + debounce;
                }

                if (_holdAt[i] != None && _holdAt[i] < next)
                {
                    next = _holdAt[i];
                }
            }

            if (next == long.MaxValue)
            {
                _timer.Stop();
                return;
            }

            _timer.Start(next > now ? next - now : 0, 0);
        }

        private void OnTick()
        {
            try
            {
                long now = _clock.NowMs;
                int debounce = Debounce;
                for (int i = 0; i < _configs.Length; i++)
                {
                    if (_edgeAt[i] != None && now - _edgeAt[i] >= debounce)
                    {
                        _edgeAt[i] = None;
                        Settle(i);
                    }

                    if (_holdAt[i] != None && now >= _holdAt[i])
                    {
                        _holdAt[i] = None;
                        Act(i, StateHold);
                    }
                }

                Schedule(_clock.NowMs);
            }
            catch (System.Exception e)
            {
                LogError("Switch failed: ", e);
            }
        }

        private void Settle(int i)
        {
            bool closed = _configs[i].IsPressed(_gpio.Read(_configs[i].Pin));
            if (closed == _closed[i])
            {
                return;
            }

            _closed[i] = closed;
            if (_clock.NowMs - _openedAt < BootIgnoreMs)
            {
                return; // boot: only the resting state moves
            }

            int mode = ModeOf(i);
            bool inv = IsInverted(mode);
            bool pressed = closed != inv; // the "active" edge of the push-button modes
            int flag = None;
            switch (mode)
            {
                case 0:
                case 7:
                case 8:
                    flag = StateToggle;
                    break;
                case 1:
                case 2:
                case 9:
                case 10:
                    flag = pressed ? StateOn : StateOff;
                    break;
                case 3:
                case 4:
                case 11:
                case 12:
                    flag = pressed ? StateToggle : None;
                    break;
                case 5:
                case 6:
                    if (pressed)
                    {
                        _holdAt[i] = _clock.NowMs + HoldMs;
                    }
                    else if (_holdAt[i] != None)
                    {
                        _holdAt[i] = None;
                        flag = StateToggle;
                    }

                    break;
                case 13:
                case 14:
                    flag = pressed ? StateOn : None;
                    break;
                default:
                    if (_telemetry != null)
                    {
                        _telemetry.PublishSensor(); // 15/16: only the SENSOR message
                    }

                    break;
            }

            if (flag != None)
            {
                Act(i, flag);
            }
        }

        /// <summary>Tasmota's switch action <paramref name="state"/> (0 OFF, 1 ON, 2 TOGGLE, 3 HOLD).</summary>
        private void Act(int i, int state)
        {
            if (!SetOptionFlags.Get(_settings, 114))
            {
                if (!SendKey(i, state) && state != StateHold)
                {
                    _power.SetPower(i < _relayCount ? i : 0, state, null);
                }

                return;
            }

            // SetOption114: detached, the action goes out as {"Switch<n>":{"Action":"..."}}.
            if (_settings.DiscoveryOff)
            {
                if (state == StateHold)
                {
                    SendKey(i, state);
                }

                return; // Tasmota publishes the action only while its discovery is on
            }

            SendKey(i, state);
            PublishAction(i, _settings.StateText[state]);
        }

        private void PublishAction(int i, string action)
        {
            if (_publisher == null)
            {
                return;
            }

            CommandResponse r = new CommandResponse();
            r.BeginObject(NameOf(i)).Add("Action", action).End();
            _request.Index = i + 1;
            _publisher.CommandResult(_request, r.ToJson());
        }

        /// <summary>Tasmota's SendKey for switches: SwitchTopic publish, else Switch&lt;n&gt;#State to the rules. True when the local action is taken over.</summary>
        private bool SendKey(int i, int state)
        {
            string st = _settings.SwitchTopic;
            bool topicActive = st != null && st.Length > 0 && st != "0" && _publisher != null && _topics != null && _session != null && _session.IsConnected;
            if (!topicActive)
            {
                return Raise(i, state);
            }

            bool forceLocal = SetOptionFlags.Get(_settings, 61);
            string payload;
            if (state == StateToggle && (forceLocal || st == _settings.Topic || st == _settings.GroupTopic))
            {
                int relay = i < _relayCount ? i : 0;
                payload = _power.StateText((_power.PowerState & (1 << relay)) == 0);
            }
            else
            {
                payload = _settings.StateText[state];
            }

            bool retain = _settings.SwitchRetain && (state != StateHold || !SetOptionFlags.Get(_settings, 62));
            _publisher.PublishTopic(_topics.CmndBaseOf(st) + "POWER" + (i + 1).ToString(), payload, retain);
            return !forceLocal;
        }

        private bool Raise(int i, int state)
        {
            SwitchStateHandler handler = StateChanged;
            if (handler == null)
            {
                return false;
            }

            _handled = false;
            try
            {
                handler(i, state);
            }
            catch (System.Exception e)
            {
                LogError("State handler failed: ", e);
            }

            bool handled = _handled;
            _handled = false;
            return handled;
        }

        private void CmndSwitchMode(CommandRequest req, CommandResponse resp)
        {
            int index = req.HasIndex ? req.Index : 1;
            if (index < 1 || index > DeviceSettings.SwitchCount)
            {
                return; // {"Command":"Error"}
            }

            int v = CommandValue.Parse(req.Payload);
            if (v >= 0 && v <= DeviceSettings.MaxSwitchMode && v != _settings.SwitchMode[index - 1])
            {
                _settings.SwitchMode[index - 1] = v;
                if (index - 1 < _holdAt.Length)
                {
                    _holdAt[index - 1] = None; // a pending hold belongs to the old mode
                }

                Persist(SettingsChange.Discovery);
            }

            resp.Add("SwitchMode" + index.ToString(), _settings.SwitchMode[index - 1]);
        }

        private void CmndSwitchTopic(CommandRequest req, CommandResponse resp)
        {
            string p = req.Payload;
            if (!req.IsQuery && req.Source != CommandSource.Group)
            {
                string value = p;
                if (CommandValue.IsChar(p, '1'))
                {
                    value = _settings.Topic;
                }
                else if (!SettingsCodec.IsCleanText(p, DeviceSettings.MaxTopicLength) || p.IndexOf('+') >= 0 || p.IndexOf('#') >= 0 || p.IndexOf(' ') >= 0 || p.IndexOf('/') >= 0)
                {
                    return; // {"Command":"Error"}
                }

                if (value != _settings.SwitchTopic)
                {
                    _settings.SwitchTopic = value;
                    Persist(0);
                }
            }

            resp.Add("SwitchTopic", _settings.SwitchTopic);
        }

        private void CmndSwitchDebounce(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= MinDebounceMs && v <= MaxDebounceMs && v != _settings.SwitchDebounce)
            {
                _settings.SwitchDebounce = v;
                Persist(0);
            }

            resp.Add("SwitchDebounce", _settings.SwitchDebounce);
        }

        private void Persist(int change)
        {
            if (_service != null)
            {
                _service.Changed(change);
            }
        }

        private void LogError(string where, System.Exception e)
        {
            try
            {
                if (_log != null)
                {
                    _log.Write("SWT", where, e.GetType().Name, ": " + e.Message);
                }
            }
            catch (System.Exception)
            {
                // ignore
            }
        }
    }
}
