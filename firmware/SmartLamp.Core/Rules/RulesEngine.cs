using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Tasmota's rules (xdrv_10_rules.ino) for SmartLamp: three rule sets "ON &lt;trigger&gt; DO
    /// &lt;command&gt; ENDON|BREAK ...", the commands Rule&lt;x&gt;, Event, Subscribe and Unsubscribe
    /// (Var, Mem, RuleTimer and the arithmetic commands live in <see cref="RuleVariables"/>),
    /// and the events Event#&lt;name&gt;, Power&lt;n&gt;#State, Power&lt;n&gt;#Boot, Button&lt;n&gt;#State,
    /// System#Boot, Mqtt#Connected, Mqtt#Disconnected, Wifi#Connected and Wifi#Disconnected.
    /// <para>
    /// Events are queued and handled one after the other from a 0 ms timer, so the command that caused
    /// an event is answered first (Tasmota handles them on its next 50 ms tick). An event raised while
    /// a rule's commands run (a rule switching a relay, or running Event) is chained: it is handled
    /// right after the current one, one level deeper. Chains deeper than <see cref="MaxChainDepth"/>
    /// are cut with the log line "RUL: Loop stopped ...", so a rule that triggers itself can neither
    /// overflow the stack nor publish forever (Tasmota loops for ever there). A loop can also run through
    /// the broker (a rule's publish arrives again on a subscribed topic): a subscribed message with the
    /// topic and payload of something the device published while a rule ran, less than
    /// <see cref="ChainWindowMs"/> before, counts as a consequence of that rule, one level deeper, so
    /// such a loop is cut the same way. Any other message (a phone, another device) starts a new chain:
    /// a message the device did not cause is never dropped as a loop.
    /// </para>
    /// <para>
    /// Volume bounds, besides the depth: rules switch a relay at most <see cref="MaxRuleSwitchesPerSecond"/>
    /// times in any second (further switching by rules is refused and logged; commands, buttons and
    /// timers are not limited), and events the device caused itself (depth 1 and deeper) run at most
    /// <see cref="MaxChainedActionsPerSecond"/> commands per second. Events from outside always run.
    /// </para>
    /// <para>
    /// A rule's commands run at once through the dispatcher with <see cref="CommandSource.Internal"/>;
    /// "Backlog a; b; c" inside DO runs a, b and c in order right away (as Backlog0), which keeps
    /// their events in the same chain, until a Delay: the Delay and the commands after it go to the
    /// device's Backlog queue (given to the constructor) so the wait is real. %value% (any case) is replaced by the event's value in each
    /// command after the split, so a ';' in a received payload cannot smuggle in more commands; the
    /// same goes for %var&lt;n&gt;%, %mem&lt;n&gt;%, %timestamp% and %topic%.
    /// </para>
    /// Malformed rule texts are refused with {"Command":"Error","Rule1":"&lt;what is wrong&gt;"} and the
    /// previous set is kept. Nothing is queued (and nothing allocated) while no rule set is on.
    /// Not thread-safe: the owner (DeviceApp) serialises every call.
    /// </summary>
    public sealed partial class RulesEngine
    {
        /// <summary>Events a chain may add one after the other before it is cut.</summary>
        public const int MaxChainDepth = 8;

        /// <summary>A subscribed message this soon after a rule ran continues that rule's chain.</summary>
        public const int ChainWindowMs = 1000;

        /// <summary>Times rules may switch one relay within any 1000 ms; further switching by rules is refused.</summary>
        public const int MaxRuleSwitchesPerSecond = 4;

        /// <summary>Commands that rules run per second for events the device caused itself (chain depth 1 and deeper).</summary>
        public const int MaxChainedActionsPerSecond = 50;

        /// <summary>Own publishes made while rules ran that are remembered to recognise their echo.</summary>
        public const int EchoSlots = 8;

        /// <summary>Events waiting at most.</summary>
        public const int QueueSize = 16;

        /// <summary>Commands a Backlog inside DO runs at most (Tasmota's MAX_BACKLOG).</summary>
        public const int MaxBacklog = BacklogQueue.MaxBacklog;

        private const int MaxOnceRules = 32;

        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly CommandDispatcher _dispatcher;
        private readonly ICommandOutput _output;
        private readonly ILog _log;
        private readonly ITimer _timer;
        private readonly IClock _clock;
        private readonly RuleScanner _scanner = new RuleScanner();
        private readonly RuleScanner _probe = new RuleScanner(); // HasRuleFor (a button press), apart from a running Drain
        private CommandResponse _scratch; // Rule0 only
        private readonly BacklogQueue _backlog;
        private readonly MqttSubscriptions _subscriptions;
        private readonly RuleVariables _variables;
        private readonly RuleIf _if;
        private readonly int[] _onceState = new int[DeviceSettings.RuleSetCount];

        // The queue, allocated by the first event (never while no rule set is on).
        private string[] _qName;
        private string[] _qKey;
        private string[] _qValue;
        private int[] _qDepth;
        private int _qHead;
        private int _qCount;

        private bool _started;
        private bool _busy;
        private int _depth;

        // Publishes made while rules ran (their echo continues the chain), tagged with the chain depth.
        private readonly EchoMemory _echoes = new EchoMemory(EchoSlots);

        // Relay switches by rules: the last MaxRuleSwitchesPerSecond times per relay (ring), allocated by the first.
        private long[] _switchAt;
        private int[] _switchNext;
        private int _refusedMask;

        // Chained actions in the current 1 s window.
        private long _actionWindowStart;
        private int _actionCount;
        private bool _actionsLogged;

        // MQTT session state and the rule sets whose Mqtt#Connected rules are still to run now (bit per
        // set): a set switched on or rewritten while connected would otherwise wait for the next reconnect.
        private bool _mqttUp;
        private int _connectedDue;

        /// <summary>
        /// Creates the engine; commands come with <see cref="Register"/>, events only after <see cref="Start"/>.
        /// <paramref name="backlog"/> is the device's Backlog queue: a Delay inside a rule's Backlog hands itself
        /// and the commands after it to that queue so the wait is real. Without one (null), Delay only answers.
        /// </summary>
        public RulesEngine(SettingsService settings, CommandDispatcher dispatcher, ICommandOutput output, EventLoop clock, ILog log, BacklogQueue backlog)
        {
            Require.NotNull(settings, "settings");
            Require.NotNull(dispatcher, "dispatcher");
            Require.NotNull(clock, "clock");

            _service = settings;
            _s = settings.Current;
            _dispatcher = dispatcher;
            _output = output;
            _log = log;
            _clock = clock;
            _backlog = backlog;
            _timer = clock.Timeout("Rules", OnTimer);
            _subscriptions = new MqttSubscriptions(this, settings, log);
            _variables = new RuleVariables(this, settings, clock);
            _if = new RuleIf(_variables, clock);
        }

        /// <summary>The Subscribe/Unsubscribe part; add it to the MQTT session with <c>AddClient</c>.</summary>
        public MqttSubscriptions Subscriptions
        {
            get { return _subscriptions; }
        }

        /// <summary>Var, Mem, RuleTimer and the %...% substitutions (set <see cref="RuleVariables.Timestamp"/> for %timestamp%).</summary>
        public RuleVariables Variables
        {
            get { return _variables; }
        }

        /// <summary>Events waiting to be handled.</summary>
        public int PendingEvents
        {
            get { return _qCount; }
        }

        private static readonly string[] CommandNames = new string[] { "RULE", "EVENT" };

        /// <summary>Registers Rule, Event, Subscribe and Unsubscribe.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
            _subscriptions.Register(d);
            _variables.Register(d);
        }

        /// <summary>
        /// Boot, after the settings are loaded: switches off rule sets that are empty (as Tasmota's
        /// RulesInit), logs a stored set that no longer parses, then raises Power&lt;n&gt;#Boot for
        /// every relay (its state) and System#Boot.
        /// </summary>
        public void Start(int relayCount, int powerMask)
        {
            _started = true;
            for (int i = 0; i < DeviceSettings.RuleSetCount; i++)
            {
                string text = RuleText(i);
                if (text.Length == 0)
                {
                    _service.Set(ref _s.RulesEnabled, _s.RulesEnabled & ~(1 << i), 0);
                }

                string error = RuleScanner.Validate(text);
                if (error != null)
                {
                    Log(RuleKey(i), " stored text is invalid (", error + "); its rules stop there");
                }
            }

            for (int i = 0; i < relayCount && i < 8; i++)
            {
                Raise(PowerName(i), "Boot", Bit(powerMask, i));
            }

            Raise("System", "Boot", "1");
        }

        /// <summary>Stops handling events (Shutdown).</summary>
        public void Stop()
        {
            _started = false;
            _timer.Stop();
            _qCount = 0;
        }

        /// <summary>
        /// Queues the event <paramref name="name"/>#<paramref name="key"/> = <paramref name="value"/>.
        /// Ignored before <see cref="Start"/> and while no rule set is on; dropped with a log line when
        /// the chain is too deep or the queue is full.
        /// </summary>
        public void Raise(string name, string key, string value)
        {
            Enqueue(name, key, value, _busy ? _depth + 1 : 0);
        }

        private void Enqueue(string name, string key, string value, int depth)
        {
            if (!Active)
            {
                return;
            }

            if (depth > MaxChainDepth)
            {
                Log("Loop stopped: ", name + "#" + key, " not handled, rules triggered each other " + MaxChainDepth.ToString() + " times in a row");
                return;
            }

            if (_qCount == QueueSize)
            {
                Log("Too many events, ", name + "#" + key, " dropped");
                return;
            }

            if (_qName == null)
            {
                _qName = ArraySlots.Strings(QueueSize);
                _qKey = ArraySlots.Strings(QueueSize);
                _qValue = ArraySlots.Strings(QueueSize);
                _qDepth = new int[QueueSize];
            }

            int slot = (_qHead + _qCount) % QueueSize;
            _qName[slot] = name;
            _qKey[slot] = key;
            _qValue[slot] = value == null ? string.Empty : value;
            _qDepth[slot] = depth;
            _qCount++;
            if (!_busy && !_timer.IsRunning)
            {
                _timer.Start(0, 0);
            }
        }

        /// <summary>The stored text of rule set <paramref name="index0"/> (0..2), "" when empty.</summary>
        public string RuleText(int index0)
        {
            string[] rules = _s.Rules;
            if (rules == null || index0 < 0 || index0 >= rules.Length || rules[index0] == null)
            {
                return string.Empty;
            }

            return rules[index0];
        }

        private bool Active
        {
            get { return _started && _s.RulesEnabled != 0; }
        }

        private void OnTimer()
        {
            try
            {
                // A rule may switch on or rewrite a set itself; bounded like any chain.
                for (int round = 0; round <= MaxChainDepth; round++)
                {
                    RunConnectedDue();
                    Drain();
                    if (_connectedDue == 0)
                    {
                        break;
                    }
                }
            }
            catch (Exception e)
            {
                Log("Event handling failed: ", e.Message, null);
            }
        }

        private void Drain()
        {
            if (_busy)
            {
                return;
            }

            _busy = true;
            try
            {
                while (_qCount > 0)
                {
                    int slot = _qHead;
                    string name = _qName[slot];
                    string key = _qKey[slot];
                    string value = _qValue[slot];
                    _depth = _qDepth[slot];
                    _qName[slot] = null;
                    _qKey[slot] = null;
                    _qValue[slot] = null;
                    _qHead = (_qHead + 1) % QueueSize;
                    _qCount--;
                    for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
                    {
                        if ((_s.RulesEnabled & (1 << set)) == 0)
                        {
                            continue;
                        }

                        try
                        {
                            ProcessSet(set, name, key, value);
                        }
                        catch (Exception e)
                        {
                            // One broken set must not stop the others nor the events behind this one.
                            Log(RuleKey(set), " failed on " + name + "#" + key + ": ", e.Message);
                        }
                    }
                }
            }
            finally
            {
                _busy = false;
                _depth = 0;
            }
        }

        private void Log(string a, string b, string c)
        {
            SafeLog.Write(_log, "RUL", a, b, c);
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndRule(req, resp); break;
                case 1: CmndEvent(req, resp); break;
            }
        }
    }
}
