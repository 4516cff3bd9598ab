using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Buttons
{
    /// <summary>
    /// A button event with Tasmota's <c>Button&lt;n&gt;#State</c> number (see <see cref="ButtonInputs.StateChanged"/>).
    /// <paramref name="buttonIndex0"/> is 0-based (Button1 = 0).
    /// </summary>
    public delegate void ButtonStateHandler(int buttonIndex0, int state);

    /// <summary>
    /// Push buttons as Tasmota's support_button handles them, event-driven over the GPIO and clock ports:
    /// <list type="bullet">
    /// <item>Debounce: a level counts once it has been stable for ButtonDebounce ms (default 50; a level
    /// held exactly that long counts).</item>
    /// <item>Multi-press: presses less than <see cref="MultiPressWindowMs"/> apart add up; the action runs
    /// when the window after the last press has passed and the button is released. 1 press toggles the
    /// button's relay (button i -&gt; relay i, or relay 1 when the board has fewer relays); 2..5 presses
    /// on Button1 toggle relay 2..5 where present; 6 presses would be WifiConfig 2, which SmartLamp does
    /// not have (logged).</item>
    /// <item>Hold: after SetOption32 x 0.1 s (default 4 s) HOLD is raised and the pending presses are dropped.
    /// After 10 x SetOption32 (40 s) Reset 1 is armed unless SetOption1; it runs when the button is
    /// released (see the stuck-button guard below).</item>
    /// <item>SetOption13: every press acts at once (no multi-press); holding 10 x SetOption32 runs
    /// "SetOption13 0".</item>
    /// <item>SetOption73: buttons are detached from the relays and publish
    /// <c>{"Button1":{"Action":"SINGLE|DOUBLE|TRIPLE|QUAD|PENTA|HOLD|CLEAR"}}</c> (RESULT, or stat/&lt;t&gt;/BUTTON1
    /// with SetOption4); CLEAR is the release after a hold.</item>
    /// <item>ButtonTopic (not "0") while MQTT is connected: a single press publishes
    /// <c>cmnd/&lt;ButtonTopic&gt;/POWER&lt;n&gt; TOGGLE</c> (StateText3; an explicit ON/OFF when ButtonTopic is
    /// the device's own Topic or GroupTopic) instead of toggling locally, a hold publishes HOLD (StateText4).</item>
    /// </list>
    /// <para>
    /// Stuck or inverted buttons cannot factory-reset a just-powered device, by three guards:
    /// (1) the level read when the pins are opened is the resting state, so a button that reads
    /// "pressed" at boot (stuck, or wired with the wrong polarity in the profile) is not a press;
    /// (2) for the first <see cref="BootIgnoreMs"/> after boot level changes only move that resting state
    /// (Tasmota's 4 s ignore), so nothing that happens while the supply settles counts; (3) hold and reset
    /// timing starts only at a released-to-pressed transition seen after that, and Reset 1 runs at the
    /// RELEASE that ends a hold of 10 x SetOption32 (Tasmota resets while still held): a button that stays
    /// down for ever never releases and never resets. SetOption1 1 disables the reset altogether.
    /// </para>
    /// Edge callbacks arrive on GPIO threads: they take the device lock; timer ticks come through the
    /// device's locking clock. Every callback catches and logs ("BTN: ...").
    /// </summary>
    public sealed class ButtonInputs
    {
        /// <summary>Default ButtonDebounce in ms.</summary>
        public const int DebounceMs = 50;

        /// <summary>Lowest ButtonDebounce.</summary>
        public const int MinDebounceMs = 40;

        /// <summary>Highest ButtonDebounce.</summary>
        public const int MaxDebounceMs = 1000;

        /// <summary>Time after the last press within which another press adds to the count (Tasmota's DOUBLE_CLICK_WINDOW).</summary>
        public const int MultiPressWindowMs = 500;

        /// <summary>Presses are ignored for this long after the pins are opened at boot.</summary>
        public const int BootIgnoreMs = 4000;

        /// <summary>Hold time factor of the Reset 1 (and SetOption13 0) hold (Tasmota's IMMINENT_RESET_FACTOR).</summary>
        public const int ResetHoldFactor = 10;

        /// <summary>Highest relay Button1 multi-press reaches (Tasmota's MAX_RELAY_BUTTON1).</summary>
        public const int MaxRelayButton1 = 5;

        /// <summary>Button&lt;n&gt;#State 2: single press (TOGGLE), also the immediate press of SetOption13.</summary>
        public const int StateToggle = 2;

        /// <summary>Button&lt;n&gt;#State 3: held for SetOption32 (HOLD).</summary>
        public const int StateHold = 3;

        /// <summary>Button&lt;n&gt;#State 10: single press with SetOption73 (action SINGLE).</summary>
        public const int StateSingle = 10;

        /// <summary>Button&lt;n&gt;#State 11..14: double..penta press (action DOUBLE..PENTA); presses + 9.</summary>
        public const int StateDouble = 11;

        /// <summary>Button&lt;n&gt;#State 15: released after a hold with SetOption73 (action CLEAR).</summary>
        public const int StateClear = 15;

        private readonly IGpio _gpio;
        private readonly ButtonConfig[] _configs;
        private readonly int _relayCount;
        private readonly PowerController _power;
        private readonly DeviceSettings _settings;
        private readonly EventLoop _clock;
        private readonly object _sync;
        private readonly ILog _log;
        private readonly CommandRequest _request = new CommandRequest();
        private Button[] _buttons = new Button[0];
        private CommandDispatcher _dispatcher;
        private MqttPublisher _publisher;
        private TopicSet _topics;
        private MqttSession _session;
        private SettingsService _service;
        private long _openedAt;
        private bool _handled;

        /// <summary>Creates the inputs (not opened yet). <paramref name="settings"/> is the live settings instance.</summary>
        public ButtonInputs(IGpio gpio, ButtonConfig[] buttons, int relayCount, PowerController power, DeviceSettings settings, EventLoop clock, object sync, ILog log)
        {
            _gpio = gpio;
            _configs = buttons == null ? new ButtonConfig[0] : buttons;
            _relayCount = relayCount;
            _power = power;
            _settings = settings;
            _clock = clock;
            _sync = sync;
            _log = log;
            _request.Name = string.Empty;
            _request.Payload = string.Empty;
            _request.HasIndex = true;
            _request.Source = CommandSource.Internal;
        }

        /// <summary>
        /// Raised (under the device lock) for every button event with Tasmota's <c>Button&lt;n&gt;#State</c>
        /// value, as Tasmota's SendKey reports it to rules (<c>{"Button1":{"State":2}}</c>):
        /// 2 = TOGGLE (single press, or any press with SetOption13), 3 = HOLD (held SetOption32 x 0.1 s),
        /// 11, 12, 13, 14 = double, triple, quad, penta press (press count + 9);
        /// with SetOption73 (buttons detached): 10 = SINGLE, 11..14 = DOUBLE..PENTA, 3 = HOLD, 15 = CLEAR
        /// (released after a hold). Raised before the relay action; a handler that takes over a single
        /// press (a rule matched Button&lt;n&gt;#State, as in Tasmota) calls <see cref="MarkHandled"/> and the
        /// relay is not toggled.
        /// </summary>
        public event ButtonStateHandler StateChanged;

        /// <summary>Number of buttons.</summary>
        public int Count
        {
            get { return _configs.Length; }
        }

        /// <summary>
        /// Connects the commands, MQTT output and persistence: Reset 1 / SetOption13 0 run through
        /// <paramref name="dispatcher"/>, SetOption73 actions and ButtonTopic publish through
        /// <paramref name="publisher"/> (topics from <paramref name="topics"/>, only while
        /// <paramref name="session"/> is connected). Any argument may be null (that part stays off).
        /// </summary>
        public void Attach(CommandDispatcher dispatcher, MqttPublisher publisher, TopicSet topics, MqttSession session, SettingsService service)
        {
            _dispatcher = dispatcher;
            _publisher = publisher;
            _topics = topics;
            _session = session;
            _service = service;
        }

        /// <summary>Registers BUTTONDEBOUNCE and BUTTONTOPIC.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("BUTTONDEBOUNCE", CmndButtonDebounce);
            d.Register("BUTTONTOPIC", CmndButtonTopic);
        }

        /// <summary>Called by a <see cref="StateChanged"/> handler that took over the event: the press does not toggle the relay.</summary>
        public void MarkHandled()
        {
            _handled = true;
        }

        /// <summary>Opens every button pin and samples its resting level; the boot ignore window starts now.</summary>
        public void Open()
        {
            Button[] buttons = (Button[])ArraySlots.Nulls(new Button[_configs.Length]);
            for (int i = 0; i < _configs.Length; i++)
            {
                int relay = i < _relayCount ? i : 0;
                buttons[i] = new Button(this, _configs[i], relay, i);
            }

            _buttons = buttons;
            _openedAt = _clock.NowMs;
            for (int i = 0; i < buttons.Length; i++)
            {
                Button b = buttons[i];
                _gpio.OpenInput(b.Config.Pin, b.Config.Pull, OnEdge);
                b.Pressed = b.Config.IsPressed(_gpio.Read(b.Config.Pin));
            }
        }

        /// <summary>Stops every button timer.</summary>
        public void Stop()
        {
            for (int i = 0; i < _buttons.Length; i++)
            {
                _buttons[i].StopTimers();
            }
        }

        /// <summary>Milliseconds until presses count (the 4 s boot window); 0 once it has passed.</summary>
        public long BootWindowLeftMs
        {
            get
            {
                long left = BootIgnoreMs - (_clock.NowMs - _openedAt);
                return left > 0 ? left : 0;
            }
        }

        /// <summary>True while button <paramref name="index0"/> is (debounced) pressed.</summary>
        public bool IsPressed(int index0)
        {
            return index0 >= 0 && index0 < _buttons.Length && _buttons[index0].Pressed;
        }

        private int HoldMs
        {
            get
            {
                int h = _settings.HoldTime;
                return (h < 1 ? 40 : h) * 100;
            }
        }

        private int Debounce
        {
            get
            {
                int d = _settings.ButtonDebounce;
                return d < MinDebounceMs || d > MaxDebounceMs ? DebounceMs : d;
            }
        }

        private void OnEdge(int pin, bool level)
        {
            lock (_sync)
            {
                try
                {
                    for (int i = 0; i < _buttons.Length; i++)
                    {
                        if (_buttons[i].Config.Pin == pin)
                        {
                            _buttons[i].Debounce.Start(Debounce, 0);
                        }
                    }
                }
                catch (System.Exception e)
                {
                    LogError("Edge failed: ", e);
                }
            }
        }

        /// <summary>Raises StateChanged; true when a handler called <see cref="MarkHandled"/>.</summary>
        private bool Raise(int index, int state)
        {
            ButtonStateHandler handler = StateChanged;
            if (handler == null)
            {
                return false;
            }

            _handled = false;
            try
            {
                handler(index, state);
            }
            catch (System.Exception e)
            {
                LogError("State handler failed: ", e);
            }

            bool handled = _handled;
            _handled = false;
            return handled;
        }

        private void OnSettled(Button b)
        {
            bool pressed = b.Config.IsPressed(_gpio.Read(b.Config.Pin));
            if (pressed == b.Pressed)
            {
                return;
            }

            b.Pressed = pressed;
            if (_clock.NowMs - _openedAt < BootIgnoreMs)
            {
                return; // boot: only the resting level moves
            }

            if (pressed)
            {
                OnPress(b);
            }
            else
            {
                OnRelease(b);
            }
        }

        private void OnPress(Button b)
        {
            b.Held = false;
            b.ResetArmed = false;
            b.Armed = true;
            if (_settings.ButtonSingle)
            {
                b.Hold.Start((long)HoldMs * ResetHoldFactor, 0);
                Act(b, 1);
                return;
            }

            b.PressCount = b.Window.IsRunning ? b.PressCount + 1 : 1;
            b.Window.Start(MultiPressWindowMs, 0);
            b.Hold.Start(HoldMs, 0);
        }

        private void OnRelease(Button b)
        {
            b.Hold.Stop();
            if (!b.Armed)
            {
                return; // released without a press seen after boot
            }

            b.Armed = false;
            if (b.ResetArmed)
            {
                b.ResetArmed = false;
                Log("Button" + (b.Index + 1).ToString() + " held ", "for the reset time: Reset 1", null);
                Execute("Reset 1");
                return;
            }

            if (b.Held && _settings.MqttButtons)
            {
                Raise(b.Index, StateClear);
                PublishAction(b.Index, "CLEAR");
            }

            if (!_settings.ButtonSingle && !b.Window.IsRunning && b.PressCount > 0)
            {
                int count = b.PressCount;
                b.PressCount = 0;
                Act(b, count);
            }
        }

        private void OnWindow(Button b)
        {
            if (b.Pressed || b.PressCount == 0)
            {
                return; // still down: the release acts (unless a hold dropped the presses)
            }

            int count = b.PressCount;
            b.PressCount = 0;
            Act(b, count);
        }

        private void OnHold(Button b)
        {
            if (!b.Pressed)
            {
                return;
            }

            if (_settings.ButtonSingle)
            {
                Log("Button" + (b.Index + 1).ToString(), " held: SetOption13 0", null);
                Execute("SetOption13 0");
                return;
            }

            if (!b.Held)
            {
                b.Held = true;
                b.PressCount = 0;
                b.Window.Stop();
                Raise(b.Index, StateHold);
                if (_settings.MqttButtons)
                {
                    PublishAction(b.Index, _settings.StateText[3]);
                }
                else
                {
                    SendKey(b.Index, StateHold);
                }

                if (!_settings.ButtonRestrict)
                {
                    b.Hold.Start((long)HoldMs * (ResetHoldFactor - 1), 0);
                }

                return;
            }

            b.ResetArmed = true;
            Log("Button" + (b.Index + 1).ToString(), " held for the reset time: release to reset (SetOption1 1 disables)", null);
        }

        /// <summary>Runs the action of <paramref name="count"/> presses.</summary>
        private void Act(Button b, int count)
        {
            if (_settings.MqttButtons)
            {
                if (count >= 1 && count <= 5)
                {
                    Raise(b.Index, count + 9);
                    PublishAction(b.Index, ActionName(count));
                }

                return;
            }

            if (count == 1)
            {
                if (Raise(b.Index, StateToggle))
                {
                    return;
                }

                if (SendKey(b.Index, StateToggle))
                {
                    return;
                }

                _power.SetPower(b.Relay, CommandValue.Toggle, null);
                return;
            }

            if (count <= 5)
            {
                Raise(b.Index, count + 9);
                if (b.Index == 0 && count <= _relayCount && count <= MaxRelayButton1)
                {
                    _power.SetPower(count - 1, CommandValue.Toggle, null);
                }

                return;
            }

            if (!_settings.ButtonRestrict)
            {
                Log("Button" + (b.Index + 1).ToString(), " pressed 6 times: WifiConfig 2 is not implemented", null);
            }
        }

        private static string ActionName(int count)
        {
            switch (count)
            {
                case 1:
                    return "SINGLE";
                case 2:
                    return "DOUBLE";
                case 3:
                    return "TRIPLE";
                case 4:
                    return "QUAD";
                default:
                    return "PENTA";
            }
        }

        /// <summary>Publishes {"Button&lt;n&gt;":{"Action":"..."}} as a command result (RESULT, or stat/&lt;t&gt;/BUTTON&lt;n&gt; with SetOption4).</summary>
        private void PublishAction(int index, string action)
        {
            if (_publisher == null)
            {
                return;
            }

            CommandResponse r = new CommandResponse();
            r.BeginObject("Button" + (index + 1).ToString()).Add("Action", action).End();
            _request.Index = index + 1;
            _publisher.CommandResult(_request, r.ToJson());
        }

        /// <summary>Tasmota's SendKey for ButtonTopic: publishes cmnd/&lt;ButtonTopic&gt;/POWER&lt;n&gt; and returns true when a ButtonTopic is active.</summary>
        private bool SendKey(int index, int state)
        {
            string bt = _settings.ButtonTopic;
            if (bt == null || bt.Length == 0 || bt == "0" || _publisher == null || _topics == null || _session == null || !_session.IsConnected)
            {
                return false;
            }

            int device = index < _relayCount ? index : 0;
            string payload;
            if (state == StateToggle && (bt == _settings.Topic || bt == _settings.GroupTopic))
            {
                payload = _power.StateText((_power.PowerState & (1 << device)) == 0);
            }
            else
            {
                payload = _settings.StateText[state == StateHold ? 3 : 2];
            }

            _publisher.PublishTopic(_topics.CmndBaseOf(bt) + _power.PowerKey(device), payload, false);
            return true;
        }

        private void Execute(string line)
        {
            if (_dispatcher != null)
            {
                _dispatcher.ExecuteLine(CommandSource.Internal, line);
            }
        }

        /// <summary>
        /// SetOption1 (restrict: no 40 s Reset 1), SetOption13 (immediate press), SetOption32 (hold time,
        /// 1..250 x 0.1 s), SetOption73 (detached buttons); for ConfigCommands.AddSetOptions.
        /// </summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            int index = req.Index;
            if (index != 1 && index != 13 && index != 32 && index != 73)
            {
                return false;
            }

            int v = CommandValue.Parse(req.Payload);
            if (index == 32)
            {
                if (v >= 0)
                {
                    if (v < 1 || v > 250)
                    {
                        return true; // {"Command":"Error"}
                    }

                    if (v != _settings.HoldTime)
                    {
                        _settings.HoldTime = v;
                        Persist();
                    }
                }

                resp.Add("SetOption32", _settings.HoldTime);
                return true;
            }

            bool current = index == 1 ? _settings.ButtonRestrict : (index == 13 ? _settings.ButtonSingle : _settings.MqttButtons);
            if (v >= 0)
            {
                if (v > 1)
                {
                    return true; // {"Command":"Error"}
                }

                bool on = v == 1;
                if (on != current)
                {
                    if (index == 1)
                    {
                        _settings.ButtonRestrict = on;
                    }
                    else if (index == 13)
                    {
                        _settings.ButtonSingle = on;
                    }
                    else
                    {
                        _settings.MqttButtons = on;
                    }

                    current = on;
                    Persist();
                }
            }

            resp.AddIndexed("SetOption", index, _power.StateText(current));
            return true;
        }

        private void CmndButtonDebounce(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= MinDebounceMs && v <= MaxDebounceMs && v != _settings.ButtonDebounce)
            {
                _settings.ButtonDebounce = v;
                Persist();
            }

            resp.Add("ButtonDebounce", _settings.ButtonDebounce);
        }

        private void CmndButtonTopic(CommandRequest req, CommandResponse resp)
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

                if (value != _settings.ButtonTopic)
                {
                    _settings.ButtonTopic = value;
                    Persist();
                }
            }

            resp.Add("ButtonTopic", _settings.ButtonTopic);
        }

        private void Persist()
        {
            if (_service != null)
            {
                _service.Changed(0);
            }
        }

        private void Log(string a, string b, string c)
        {
            if (_log != null)
            {
                _log.Write("BTN", a, b, c);
            }
        }

        private void LogError(string where, System.Exception e)
        {
            try
            {
                if (_log != null)
                {
                    _log.Write("BTN", where, e.GetType().Name, ": " + e.Message);
                }
            }
            catch (System.Exception)
            {
                // ignore
            }
        }

        private sealed class Button
        {
            private readonly ButtonInputs _owner;

            public Button(ButtonInputs owner, ButtonConfig config, int relay, int index)
            {
                _owner = owner;
                Config = config;
                Relay = relay;
                Index = index;
                Debounce = owner._clock.Timeout("Button debounce", OnDebounce);
                Window = owner._clock.Timeout("Button multi-press", OnWindow);
                Hold = owner._clock.Timeout("Button hold", OnHold);
            }

            public ButtonConfig Config { get; }

            public int Relay { get; }

            public int Index { get; }

            public ITimer Debounce { get; }

            public ITimer Window { get; }

            public ITimer Hold { get; }

            /// <summary>Debounced level (true = pressed).</summary>
            public bool Pressed;

            /// <summary>A press was seen after the boot window and not released yet.</summary>
            public bool Armed;

            public bool Held;

            public bool ResetArmed;

            public int PressCount;

            public void StopTimers()
            {
                Debounce.Stop();
                Window.Stop();
                Hold.Stop();
            }

            private void OnDebounce()
            {
                try
                {
                    _owner.OnSettled(this);
                }
                catch (System.Exception e)
                {
                    _owner.LogError("Button failed: ", e);
                }
            }

            private void OnWindow()
            {
                try
                {
                    _owner.OnWindow(this);
                }
                catch (System.Exception e)
                {
                    _owner.LogError("Button failed: ", e);
                }
            }

            private void OnHold()
            {
                try
                {
                    _owner.OnHold(this);
                }
                catch (System.Exception e)
                {
                    _owner.LogError("Button failed: ", e);
                }
            }
        }
    }
}
