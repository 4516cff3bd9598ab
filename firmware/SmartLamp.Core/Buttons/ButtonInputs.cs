using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Inputs;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Buttons
{
    /// <summary>
    /// Push buttons as Tasmota's support_button handles them, event-driven over the GPIO and clock ports:
    /// <list type="bullet">
    /// <item>Debounce (<see cref="PinInputs"/>, by timestamps): a level counts once it has been stable for
    /// ButtonDebounce ms (default 50; a level held exactly that long counts).</item>
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
    /// What a press does is in ButtonActions.cs, the commands in ButtonCommands.cs. Callbacks run on the event loop, which catches and logs.
    /// </summary>
    public sealed partial class ButtonInputs : PinInputs
    {
        /// <summary>Time after the last press within which another press adds to the count (Tasmota's DOUBLE_CLICK_WINDOW).</summary>
        public const int MultiPressWindowMs = 500;

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

        private readonly CommandDispatcher _dispatcher;
        private Button[] _buttons = new Button[0];

        /// <summary>
        /// Creates the buttons of <paramref name="buttons"/> (opened by <see cref="Open"/>): Reset 1 and
        /// SetOption13 0 run through <paramref name="dispatcher"/>, SetOption73 actions and ButtonTopic
        /// publish through <paramref name="publisher"/> (topics from <paramref name="topics"/>, only while
        /// <paramref name="session"/> is connected). The MQTT arguments and the dispatcher may be null (that part stays off).
        /// </summary>
        public ButtonInputs(IGpio gpio, ButtonConfig[] buttons, int relayCount, PowerController power, SettingsService settings, EventLoop clock, ILog log,
            CommandDispatcher dispatcher, MqttPublisher publisher, TopicSet topics, MqttSession session)
            : base(gpio, buttons, relayCount, power, settings, clock, log, publisher, topics, session, "BTN", CommandNames)
        {
            _dispatcher = dispatcher;
        }

        // The commands PinInputs.Register registers.
        private static readonly string[] CommandNames = new string[] { "BUTTONDEBOUNCE", "BUTTONTOPIC" };

        /// <summary>Opens every button pin and samples its resting level; the boot ignore window starts now.</summary>
        public override void Open()
        {
            Button[] buttons = (Button[])ArraySlots.Nulls(new Button[Count]);
            for (int i = 0; i < buttons.Length; i++)
            {
                buttons[i] = new Button(this, i < RelayCount ? i : 0, i);
            }

            _buttons = buttons;
            base.Open();
        }

        /// <summary>Stops every button timer.</summary>
        public override void Stop()
        {
            base.Stop();
            for (int i = 0; i < _buttons.Length; i++)
            {
                _buttons[i].Window.Stop();
            }
        }

        /// <summary>True while button <paramref name="index0"/> is (debounced) pressed.</summary>
        public bool IsPressed(int index0)
        {
            return IsDown(index0);
        }

        /// <inheritdoc />
        protected override int Debounce
        {
            get { return DebounceOf(Settings.ButtonDebounce); }
        }

        /// <inheritdoc />
        protected override void OnSettled(int index0, bool down)
        {
            if (index0 >= _buttons.Length)
            {
                return;
            }

            if (down)
            {
                OnPress(_buttons[index0]);
            }
            else
            {
                OnRelease(_buttons[index0]);
            }
        }

        /// <inheritdoc />
        protected override void OnDue(int index0)
        {
            if (index0 < _buttons.Length)
            {
                OnHold(_buttons[index0]); // the hold time (and the reset hold) of a pressed button
            }
        }

        private void OnPress(Button b)
        {
            b.Held = false;
            b.ResetArmed = false;
            b.Armed = true;
            if (Settings.ButtonSingle)
            {
                DueAt[b.Index] = Clock.NowMs + HoldMs * ResetHoldFactor;
                Act(b, 1);
                return;
            }

            b.PressCount = b.Window.IsRunning ? b.PressCount + 1 : 1;
            b.Window.Start(MultiPressWindowMs, 0);
            DueAt[b.Index] = Clock.NowMs + HoldMs;
        }

        private void OnRelease(Button b)
        {
            DueAt[b.Index] = None;
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

            if (b.Held && Settings.MqttButtons)
            {
                Raise(b.Index, StateClear);
                PublishAction(b.Index, "CLEAR");
            }

            if (!Settings.ButtonSingle && !b.Window.IsRunning && b.PressCount > 0)
            {
                ActOnPresses(b);
            }
        }

        private void OnWindow(Button b)
        {
            if (IsDown(b.Index) || b.PressCount == 0)
            {
                return; // still down: the release acts (unless a hold dropped the presses)
            }

            ActOnPresses(b);
        }

        // The multi-press is complete: act on the presses counted so far, and count from 0 again.
        private void ActOnPresses(Button b)
        {
            int count = b.PressCount;
            b.PressCount = 0;
            Act(b, count);
        }

        private void OnHold(Button b)
        {
            if (!IsDown(b.Index))
            {
                return;
            }

            if (Settings.ButtonSingle)
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
                if (Settings.MqttButtons)
                {
                    PublishAction(b.Index, Settings.StateText[3]);
                }
                else
                {
                    SendKey(b.Index, StateHold);
                }

                if (!Settings.ButtonRestrict)
                {
                    DueAt[b.Index] = Clock.NowMs + HoldMs * (ResetHoldFactor - 1);
                }

                return;
            }

            b.ResetArmed = true;
            Log("Button" + (b.Index + 1).ToString(), " held for the reset time: release to reset (SetOption1 1 disables)", null);
        }

        private sealed class Button
        {
            private readonly ButtonInputs _owner;

            public Button(ButtonInputs owner, int relay, int index)
            {
                _owner = owner;
                Relay = relay;
                Index = index;
                Window = owner.Clock.Timeout("Button multi-press", OnWindow);
            }

            public int Relay { get; }

            public int Index { get; }

            public ITimer Window { get; }

            /// <summary>A press was seen after the boot window and not released yet.</summary>
            public bool Armed;

            public bool Held;

            public bool ResetArmed;

            public int PressCount;

            private void OnWindow()
            {
                _owner.OnWindow(this);
            }
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        protected override void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndButtonDebounce(req, resp); break;
                case 1: CmndButtonTopic(req, resp); break;
            }
        }
    }
}
