using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;

namespace SmartLamp.Core.Buttons
{
    /// <summary>
    /// A button event with Tasmota's <c>Button&lt;n&gt;#State</c> number (see <see cref="ButtonInputs.StateChanged"/>).
    /// <paramref name="buttonIndex0"/> is 0-based (Button1 = 0).
    /// </summary>
    public delegate void ButtonStateHandler(int buttonIndex0, int state);

    /// <summary>
    /// Minimal push-button support (a later issue adds multi-press, hold and switch modes):
    /// every board button is opened as an input with its pull; edges are debounced for
    /// <see cref="DebounceMs"/> through the clock; a press (released -&gt; pressed) toggles the relay
    /// of the same index (button i -&gt; relay i, or relay 0 when the board has fewer relays) through
    /// <see cref="PowerController.SetPower"/>, so the usual RESULT/POWER state is published.
    /// The level at open time is taken as the resting state, so a button held during boot does not
    /// toggle anything. Unlike Tasmota, presses are not ignored during the first 4 s after boot.
    /// Edge callbacks arrive on GPIO threads: they take the device lock.
    /// </summary>
    public sealed class ButtonInputs
    {
        /// <summary>Debounce time in milliseconds.</summary>
        public const int DebounceMs = 50;

        private readonly IGpio _gpio;
        private readonly ButtonConfig[] _configs;
        private readonly int _relayCount;
        private readonly PowerController _power;
        private readonly IClock _clock;
        private readonly object _sync;
        private readonly ILog _log;
        private Button[] _buttons = new Button[0];

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

        /// <summary>
        /// Raised (under the device lock) for every button event with Tasmota's <c>Button&lt;n&gt;#State</c>
        /// value, as Tasmota's SendKey reports it to rules (<c>{"Button1":{"State":2}}</c>):
        /// 2 = TOGGLE (single press, or any press with SetOption13), 3 = HOLD (held SetOption32 x 0.1 s),
        /// 11, 12, 13, 14 = double, triple, quad, penta press (press count + 9);
        /// with SetOption73 (buttons detached): 10 = SINGLE, 11..14 = DOUBLE..PENTA, 3 = HOLD, 15 = CLEAR
        /// (released after a hold). Raised before the relay action.
        /// </summary>
        public event ButtonStateHandler StateChanged;

        /// <summary>Creates the inputs (not opened yet).</summary>
        public ButtonInputs(IGpio gpio, ButtonConfig[] buttons, int relayCount, PowerController power, IClock clock, object sync, ILog log)
        {
            _gpio = gpio;
            _configs = buttons == null ? new ButtonConfig[0] : buttons;
            _relayCount = relayCount;
            _power = power;
            _clock = clock;
            _sync = sync;
            _log = log;
        }

        /// <summary>Opens every button pin and samples its resting level.</summary>
        public void Open()
        {
            Button[] buttons = new Button[_configs.Length];
            for (int i = 0; i < _configs.Length; i++)
            {
                int relay = i < _relayCount ? i : 0;
                buttons[i] = new Button(this, _configs[i], relay, i);
            }

            _buttons = buttons;
            for (int i = 0; i < buttons.Length; i++)
            {
                Button b = buttons[i];
                _gpio.OpenInput(b.Config.Pin, b.Config.Pull, OnEdge);
                b.Pressed = b.Config.IsPressed(_gpio.Read(b.Config.Pin));
            }
        }

        /// <summary>Stops pending debounce timers.</summary>
        public void Stop()
        {
            for (int i = 0; i < _buttons.Length; i++)
            {
                _buttons[i].Timer.Stop();
            }
        }

        private void Raise(int index, int state)
        {
            ButtonStateHandler handler = StateChanged;
            if (handler == null)
            {
                return;
            }

            try
            {
                handler(index, state);
            }
            catch (System.Exception e)
            {
                _log.Write("BTN", "State handler failed: ", e.GetType().Name, ": " + e.Message);
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
                            _buttons[i].Timer.Start(DebounceMs, 0);
                        }
                    }
                }
                catch (System.Exception e)
                {
                    _log.Write("BTN", "Edge failed: ", e.GetType().Name, ": " + e.Message);
                }
            }
        }

        private sealed class Button
        {
            private readonly ButtonInputs _owner;
            private readonly int _relay;

            public Button(ButtonInputs owner, ButtonConfig config, int relay, int index)
            {
                _owner = owner;
                Index = index;
                Config = config;
                _relay = relay;
                Timer = owner._clock.CreateTimer(OnSettled);
            }

            public ButtonConfig Config { get; }

            public int Index { get; }

            public ITimer Timer { get; }

            public bool Pressed { get; set; }

            private void OnSettled()
            {
                bool pressed = Config.IsPressed(_owner._gpio.Read(Config.Pin));
                if (pressed == Pressed)
                {
                    return;
                }

                Pressed = pressed;
                if (pressed)
                {
                    _owner.Raise(Index, StateToggle);
                    _owner._power.SetPower(_relay, CommandValue.Toggle, null);
                }
            }
        }
    }
}
