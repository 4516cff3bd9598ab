using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Inputs;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;

namespace SmartLamp.Core.Switches
{
    /// <summary>
    /// Wall-switch terminals as Tasmota's support_switch handles them (docs/switches.md):
    /// <list type="bullet">
    /// <item>Debounce by timestamps (<see cref="PinInputs"/>): a level counts once the newest edge is
    /// SwitchDebounce ms old (default 50, 40..1000). No timer per edge; the holds use the same timer.</item>
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
    /// Level changes in the first <see cref="PinInputs.BootIgnoreMs"/> after boot only move the resting state.
    /// The commands are in SwitchCommands.cs.
    /// </summary>
    public sealed partial class SwitchInputs : PinInputs
    {
        /// <summary>Switch&lt;n&gt;#State values (Tasmota's POWER_OFF, POWER_ON, POWER_TOGGLE, POWER_HOLD).</summary>
        public const int StateOff = 0, StateOn = 1, StateToggle = 2, StateHold = 3;

        private const int NoAction = -1;

        private readonly TelemetryService _telemetry;

        /// <summary>
        /// Creates the switches of <paramref name="switches"/> (opened by <see cref="PinInputs.Open"/>). SwitchTopic
        /// and SetOption114 actions publish through <paramref name="publisher"/> (topics from
        /// <paramref name="topics"/>, while <paramref name="session"/> is connected); modes 15/16 publish
        /// tele SENSOR through <paramref name="telemetry"/>. The MQTT arguments and telemetry may be null.
        /// </summary>
        public SwitchInputs(IGpio gpio, ButtonConfig[] switches, int relayCount, PowerController power, SettingsService settings, EventLoop clock, ILog log,
            MqttPublisher publisher, TopicSet topics, MqttSession session, TelemetryService telemetry)
            : base(gpio, switches, relayCount, power, settings, clock, log, publisher, topics, session, "SWT", CommandNames)
        {
            _telemetry = telemetry;
        }

        // The commands PinInputs.Register registers.
        private static readonly string[] CommandNames = new string[] { "SWITCHMODE", "SWITCHTOPIC", "SWITCHDEBOUNCE" };

        /// <inheritdoc />
        protected override int Debounce
        {
            get { return DebounceOf(Settings.SwitchDebounce); }
        }

        /// <inheritdoc />
        protected override void OnDue(int i)
        {
            Act(i, StateHold); // the hold of modes 5/6
        }

        /// <summary>True while switch <paramref name="index0"/> is (debounced) closed.</summary>
        public bool IsClosed(int index0)
        {
            return IsDown(index0);
        }

        /// <summary>Tasmota's SwitchState: ON when closed, inverted in the *_INV modes (2, 4, 6, 10, 12, 14, 16).</summary>
        public bool StateOf(int index0)
        {
            return IsClosed(index0) != IsInverted(ModeOf(index0));
        }

        /// <summary>Writes "Switch&lt;n&gt;":"ON|OFF" for every switch (tele SENSOR, Status 8); false when there are none.</summary>
        public bool WriteSensor(CommandResponse r)
        {
            for (int i = 0; i < Count; i++)
            {
                r.Add(NameOf(i), Power.StateText(StateOf(i)));
            }

            return Count > 0;
        }

        /// <summary>"Switch1".."Switch8".</summary>
        public static string NameOf(int index0)
        {
            return "Switch" + (index0 + 1).ToString();
        }

        private int ModeOf(int index0)
        {
            int[] modes = Settings.SwitchMode;
            return modes != null && index0 >= 0 && index0 < modes.Length ? modes[index0] : 0;
        }

        private static bool IsInverted(int mode)
        {
            return mode == 2 || mode == 4 || mode == 6 || mode == 10 || mode == 12 || mode == 14 || mode == 16;
        }

        /// <inheritdoc />
        protected override void OnSettled(int i, bool closed)
        {
            int mode = ModeOf(i);
            bool inv = IsInverted(mode);
            bool pressed = closed != inv; // the "active" edge of the push-button modes
            int flag = NoAction;
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
                    flag = pressed ? StateToggle : NoAction;
                    break;
                case 5:
                case 6:
                    if (pressed)
                    {
                        DueAt[i] = Clock.NowMs + HoldMs;
                    }
                    else if (DueAt[i] != None)
                    {
                        DueAt[i] = None;
                        flag = StateToggle;
                    }

                    break;
                case 13:
                case 14:
                    flag = pressed ? StateOn : NoAction;
                    break;
                default:
                    if (_telemetry != null)
                    {
                        _telemetry.PublishSensor(); // 15/16: only the SENSOR message
                    }

                    break;
            }

            if (flag != NoAction)
            {
                Act(i, flag);
            }
        }

        /// <summary>Tasmota's switch action <paramref name="state"/> (0 OFF, 1 ON, 2 TOGGLE, 3 HOLD).</summary>
        private void Act(int i, int state)
        {
            if (!SetOptionFlags.Get(Settings, 114))
            {
                if (!SendKey(i, state) && state != StateHold)
                {
                    Power.SetPower(i < RelayCount ? i : 0, state, RelayChangeReason.Switch);
                }

                return;
            }

            // SetOption114: detached, the action goes out as {"Switch<n>":{"Action":"..."}}.
            if (Settings.DiscoveryOff)
            {
                if (state == StateHold)
                {
                    SendKey(i, state);
                }

                return; // Tasmota publishes the action only while its discovery is on
            }

            SendKey(i, state);
            PublishAction(i, Settings.StateText[state]);
        }

        private void PublishAction(int i, string action)
        {
            PublishAction(NameOf(i), i, action);
        }

        /// <summary>Tasmota's SendKey for switches: SwitchTopic publish, else Switch&lt;n&gt;#State to the rules. True when the local action is taken over.</summary>
        private bool SendKey(int i, int state)
        {
            string st = Settings.SwitchTopic;
            if (!TopicActive(st))
            {
                return Raise(i, state);
            }

            bool forceLocal = SetOptionFlags.Get(Settings, 61);
            string payload;
            if (state == StateToggle && (forceLocal || st == Settings.Topic || st == Settings.GroupTopic))
            {
                payload = ToggledText(i < RelayCount ? i : 0);
            }
            else
            {
                payload = Settings.StateText[state];
            }

            bool retain = Settings.SwitchRetain && (state != StateHold || !SetOptionFlags.Get(Settings, 62));
            PublishKey(st, "POWER" + (i + 1).ToString(), payload, retain);
            return !forceLocal;
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        protected override void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndSwitchMode(req, resp); break;
                case 1: CmndSwitchTopic(req, resp); break;
                case 2: CmndSwitchDebounce(req, resp); break;
            }
        }
    }
}
