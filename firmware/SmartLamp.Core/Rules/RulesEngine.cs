using SmartLamp.Core.Loop;
using System;
using SmartLamp.Core.Commands;
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
    /// device's Backlog queue (<see cref="AttachBacklog"/>) so the wait is real. %value% (any case) is replaced by the event's value in each
    /// command after the split, so a ';' in a received payload cannot smuggle in more commands; the
    /// same goes for %var&lt;n&gt;%, %mem&lt;n&gt;%, %timestamp% and %topic%.
    /// </para>
    /// Malformed rule texts are refused with {"Command":"Error","Rule1":"&lt;what is wrong&gt;"} and the
    /// previous set is kept. Nothing is queued (and nothing allocated) while no rule set is on.
    /// Not thread-safe: the owner (DeviceApp) serialises every call.
    /// </summary>
    public sealed class RulesEngine
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
        public const int MaxBacklog = 30;

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
        private BacklogQueue _backlog;
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

        // Publishes made while rules ran (their echo continues the chain); allocated by the first one.
        private string[] _echoTopic;
        private string[] _echoPayload;
        private long[] _echoAt;
        private int[] _echoDepth;
        private int _echoNext;

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

        /// <summary>Creates the engine; commands come with <see cref="Register"/>, events only after <see cref="Start"/>.</summary>
        public RulesEngine(SettingsService settings, CommandDispatcher dispatcher, ICommandOutput output, EventLoop clock, ILog log)
        {
            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (dispatcher == null)
            {
                throw new ArgumentNullException("dispatcher");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _service = settings;
            _s = settings.Current;
            _dispatcher = dispatcher;
            _output = output;
            _log = log;
            _clock = clock;
            _timer = clock.Timeout("Rules", OnTimer);
            _subscriptions = new MqttSubscriptions(this, settings, log);
            _variables = new RuleVariables(this, settings, clock);
            _if = new RuleIf(_variables, clock);
        }

        /// <summary>
        /// Gives the engine the device's Backlog queue: a Delay inside a rule's Backlog hands itself and the
        /// commands after it to that queue so the wait is real. Without one, Delay only answers.
        /// </summary>
        public void AttachBacklog(BacklogQueue backlog)
        {
            _backlog = backlog;
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

        /// <summary>Registers Rule, Event, Subscribe and Unsubscribe.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("RULE", CmndRule);
            d.Register("EVENT", CmndEvent);
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
                if (text.Length == 0 && (_s.RulesEnabled & (1 << i)) != 0)
                {
                    _s.RulesEnabled &= ~(1 << i);
                    _service.Changed(0);
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

        /// <summary>Relays changed (RelayDriver.Changed): Power&lt;n&gt;#State with 0/1 for every changed relay.</summary>
        public void OnRelaysChanged(int changedMask, int powerMask)
        {
            if (!Active)
            {
                return;
            }

            for (int i = 0; i < 8; i++)
            {
                if ((changedMask & (1 << i)) != 0)
                {
                    Raise(PowerName(i), "State", Bit(powerMask, i));
                }
            }
        }

        /// <summary>
        /// A button event: Button&lt;index0+1&gt;#State with <paramref name="state"/> (Tasmota: 0 OFF,
        /// 1 ON, 2 TOGGLE, 3 HOLD). True when an enabled rule is written for this event (Tasmota then
        /// skips the button's own action).
        /// </summary>
        public bool OnButton(int index0, int state)
        {
            if (!Active || index0 < 0 || index0 >= 8)
            {
                return false;
            }

            string value = Number(state);
            string name = ButtonName(index0);
            bool handled = HasRuleFor(name, "State", value);
            Raise(name, "State", value);
            return handled;
        }

        /// <summary>
        /// A switch event: Switch&lt;index0+1&gt;#State with <paramref name="state"/> (0 OFF, 1 ON, 2 TOGGLE,
        /// 3 HOLD). True when an enabled rule is written for this event (Tasmota then skips the switch's action).
        /// </summary>
        public bool OnSwitch(int index0, int state)
        {
            if (!Active || index0 < 0 || index0 >= 8)
            {
                return false;
            }

            string value = Number(state);
            string name = "Switch" + (index0 + 1).ToString();
            bool handled = HasRuleFor(name, "State", value);
            Raise(name, "State", value);
            return handled;
        }

        /// <summary>MQTT session up (MqttSession.Connected): Mqtt#Connected.</summary>
        public void OnMqttConnected(bool firstSinceBoot)
        {
            _mqttUp = true;
            _connectedDue = 0; // the event below runs every set's Mqtt#Connected rules
            Raise("MQTT", "Connected", "1");
        }

        /// <summary>MQTT session lost (MqttSession.Disconnected): Mqtt#Disconnected.</summary>
        public void OnMqttDisconnected()
        {
            _mqttUp = false;
            _connectedDue = 0;
            Raise("MQTT", "Disconnected", "1");
        }

        /// <summary>The network got an address: Wifi#Connected.</summary>
        public void OnWifiConnected()
        {
            Raise("WIFI", "Connected", "1");
        }

        /// <summary>The network is gone: Wifi#Disconnected.</summary>
        public void OnWifiDisconnected()
        {
            Raise("WIFI", "Disconnected", "1");
        }

        /// <summary>Raises Event#<paramref name="name"/> with <paramref name="value"/> (the Event command).</summary>
        public void RaiseEvent(string name, string value)
        {
            Raise("Event", name, value);
        }

        /// <summary>
        /// Raises Event#<paramref name="name"/> for a message on a subscribed topic.
        /// <paramref name="echoDepth"/> is what <see cref="EchoDepth"/> said for the message: -1 for a
        /// message the device did not cause (a new chain), else the chain continues one level deeper.
        /// </summary>
        public void RaiseSubscribed(string name, string value, int echoDepth)
        {
            if (echoDepth >= 0 && !_busy)
            {
                Enqueue("Event", name, value, echoDepth + 1);
                return;
            }

            Raise("Event", name, value);
        }

        /// <summary>
        /// The device published <paramref name="topic"/>/<paramref name="payload"/> (MqttPublisher.Published):
        /// remembered when a rule caused it, so its echo from the broker can be recognised.
        /// </summary>
        public void OnPublished(string topic, string payload)
        {
            if (!_busy || !Active)
            {
                return;
            }

            if (_echoTopic == null)
            {
                _echoTopic = ArraySlots.Strings(EchoSlots);
                _echoPayload = ArraySlots.Strings(EchoSlots);
                _echoAt = new long[EchoSlots];
                _echoDepth = new int[EchoSlots];
            }

            _echoTopic[_echoNext] = topic;
            _echoPayload[_echoNext] = payload;
            _echoAt[_echoNext] = _clock.NowMs;
            _echoDepth[_echoNext] = _depth;
            _echoNext = (_echoNext + 1) % EchoSlots;
        }

        /// <summary>
        /// For a message that arrived: the chain depth of the rule whose publish it echoes (same topic and
        /// payload, less than <see cref="ChainWindowMs"/> ago; each publish is matched once), or -1.
        /// </summary>
        public int EchoDepth(string topic, string payload)
        {
            if (_echoTopic == null)
            {
                return -1;
            }

            long now = _clock.NowMs;
            for (int i = 0; i < EchoSlots; i++)
            {
                if (_echoTopic[i] != null && now - _echoAt[i] < ChainWindowMs && _echoTopic[i] == topic && _echoPayload[i] == payload)
                {
                    _echoTopic[i] = null;
                    _echoPayload[i] = null;
                    return _echoDepth[i];
                }
            }

            return -1;
        }

        /// <summary>
        /// Asked by the PowerController before relay <paramref name="relayIndex0"/> changes: false (logged
        /// once per burst) when rules are running and already switched it <see cref="MaxRuleSwitchesPerSecond"/>
        /// times in the last second. Always true outside rules.
        /// </summary>
        public bool AllowRelaySwitch(int relayIndex0)
        {
            if (!_busy || relayIndex0 < 0 || relayIndex0 >= 8)
            {
                return true;
            }

            if (_switchAt == null)
            {
                _switchAt = new long[8 * MaxRuleSwitchesPerSecond];
                _switchNext = new int[8];
                for (int i = 0; i < _switchAt.Length; i++)
                {
                    _switchAt[i] = long.MinValue / 2;
                }
            }

            long now = _clock.NowMs;
            int slot = (relayIndex0 * MaxRuleSwitchesPerSecond) + _switchNext[relayIndex0];
            int bit = 1 << relayIndex0;
            if (now - _switchAt[slot] < 1000)
            {
                if ((_refusedMask & bit) == 0)
                {
                    _refusedMask |= bit;
                    Log("Relay ", (relayIndex0 + 1).ToString(), " switched " + MaxRuleSwitchesPerSecond.ToString() + " times within 1 s by rules, further switching by rules refused");
                }

                return false;
            }

            _refusedMask &= ~bit;
            _switchAt[slot] = now;
            _switchNext[relayIndex0] = (_switchNext[relayIndex0] + 1) % MaxRuleSwitchesPerSecond;
            return true;
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

        /// <summary>
        /// Runs the Mqtt#Connected rules of the sets switched on or rewritten while the session was up,
        /// once, as if the session had just come up (only those sets: the others already ran at connect).
        /// </summary>
        private void RunConnectedDue()
        {
            int due = _connectedDue;
            _connectedDue = 0;
            if (due == 0 || !_mqttUp || !Active || _busy)
            {
                return;
            }

            _busy = true;
            try
            {
                for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
                {
                    if ((due & (1 << set)) != 0 && (_s.RulesEnabled & (1 << set)) != 0)
                    {
                        _depth = 0;
                        ProcessSet(set, "MQTT", "Connected", "1");
                    }
                }
            }
            finally
            {
                _busy = false;
                _depth = 0;
            }
        }

        /// <summary>
        /// After a Rule command: a set that is now on and was off before, or whose text changed, gets its
        /// Mqtt#Connected rules run right after the answer when the session is up (Tasmota waits for the
        /// next reconnect, so its "ON Mqtt#Connected DO Subscribe ..." idiom did nothing until then).
        /// </summary>
        private void ConnectedNowIfChanged(int set, int enabledBefore, string textBefore)
        {
            int bit = 1 << set;
            if (!_mqttUp || !_started || (_s.RulesEnabled & bit) == 0)
            {
                return;
            }

            if ((enabledBefore & bit) != 0 && RuleText(set) == textBefore)
            {
                return;
            }

            _connectedDue |= bit;
            if (!_busy && !_timer.IsRunning)
            {
                _timer.Start(0, 0);
            }
        }

        private void ProcessSet(int set, string name, string key, string value)
        {
            string text = RuleText(set);
            if (text.Length == 0)
            {
                return;
            }

            bool once = (_s.RulesOnce & (1 << set)) != 0;
            bool stopped = false;
            RuleScanner scan = _scanner;
            scan.Reset(text);
            while (scan.Next())
            {
                int m = RuleTrigger.Evaluate(text, scan.TriggerStart, scan.TriggerEnd, name, key, value);
                if (m == RuleTrigger.NotThisEvent)
                {
                    continue;
                }

                bool match = m == RuleTrigger.Match && !stopped;
                if (once && scan.RuleIndex < MaxOnceRules)
                {
                    // Once: fire on the change from "not matching" to "matching" only.
                    int bit = 1 << scan.RuleIndex;
                    if (match)
                    {
                        if ((_onceState[set] & bit) != 0)
                        {
                            match = false;
                        }
                        else
                        {
                            _onceState[set] |= bit;
                        }
                    }
                    else
                    {
                        _onceState[set] &= ~bit;
                    }
                }

                if (!match)
                {
                    continue;
                }

                if (scan.IsBreak)
                {
                    stopped = true;
                }

                int triggerStart = scan.TriggerStart;
                int triggerEnd = scan.TriggerEnd;
                int commandStart = scan.CommandStart;
                int commandEnd = scan.CommandEnd;
                Perform(text, triggerStart, triggerEnd, commandStart, commandEnd, value);
            }
        }

        /// <summary>True when an enabled rule set has a rule whose trigger matches the event (nothing runs).</summary>
        private bool HasRuleFor(string name, string key, string value)
        {
            RuleScanner scan = _probe;
            for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
            {
                if ((_s.RulesEnabled & (1 << set)) == 0)
                {
                    continue;
                }

                string text = RuleText(set);
                scan.Reset(text);
                while (scan.Next())
                {
                    if (RuleTrigger.Evaluate(text, scan.TriggerStart, scan.TriggerEnd, name, key, value) == RuleTrigger.Match)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private void Perform(string text, int triggerStart, int triggerEnd, int commandStart, int commandEnd, string value)
        {
            string commands = text.Substring(commandStart, commandEnd - commandStart);
            bool hasValue = commands.IndexOf('%') >= 0;
            string trigger = text.Substring(triggerStart, triggerEnd - triggerStart);
            string shown = hasValue ? _variables.Substitute(commands, value) : commands;
            Log(trigger, " performs '", SmartLamp.Core.Console.SecretMask.Inline(shown) + "'");

            int p = BacklogWordEnd(commands, 0);
            bool noDelay = p >= 0 && IsBacklogZero(commands);
            if (RuleIf.StartsWithIf(commands, p < 0 ? 0 : p))
            {
                // IF ... ENDIF: the chosen commands run as a Backlog (Tasmota implies one), still unsubstituted.
                string error;
                commands = _if.Resolve(p < 0 ? commands : commands.Substring(p), value, out error);
                if (commands == null)
                {
                    Log(trigger, ": ", error);
                    return;
                }

                p = 0;
                hasValue = commands.IndexOf('%') >= 0;
            }
            else if (p < 0)
            {
                Execute(shown);
                return;
            }

            int run = 0;
            int start;
            int end;
            while (NextItem(commands, ref p, out start, out end))
            {
                if (start >= end)
                {
                    continue; // empty, or Reset (never from a Backlog, as in Tasmota)
                }

                if (run == MaxBacklog)
                {
                    Log("Backlog in a rule holds more than ", MaxBacklog.ToString(), " commands, the rest is dropped");
                    return;
                }

                run++;

                if (_backlog != null && IsDelay(commands, start))
                {
                    // A Delay must really wait: it and the rest go to the Backlog queue, as Tasmota runs a
                    // rule's Backlog. What ran before it stays in this event's chain.
                    HandOver(commands, start, value, hasValue, noDelay, MaxBacklog - run + 1);
                    return;
                }

                // %value% is put in per command, after the split: a ';' in a received value cannot add commands.
                string one = commands.Substring(start, end - start);
                Execute(hasValue ? _variables.Substitute(one, value) : one);
            }
        }

        /// <summary>True when the command at <paramref name="start"/> is "Delay" (followed by a space or the end).</summary>
        private static bool IsDelay(string s, int start)
        {
            if (!CommandValue.StartsWithIgnoreCase(s, start, "DELAY"))
            {
                return false;
            }

            int p = start + 5;
            return p >= s.Length || s[p] == ' ' || s[p] == ';';
        }

        /// <summary>Queues the commands from <paramref name="p"/> on (at most <paramref name="room"/>) in the Backlog queue.</summary>
        private void HandOver(string commands, int p, string value, bool hasValue, bool noDelay, int room)
        {
            int dropped = 0;
            int start;
            int end;
            while (NextItem(commands, ref p, out start, out end))
            {
                if (start >= end)
                {
                    continue;
                }

                string one = CommandDispatcher.TrimPayload(commands.Substring(start, end - start));
                if (room <= 0 || !_backlog.Add(hasValue ? _variables.Substitute(one, value) : one, noDelay))
                {
                    dropped++;
                    continue;
                }

                room--;
            }

            if (dropped > 0)
            {
                Log("Backlog in a rule is full, dropped ", dropped.ToString(), " command(s)");
            }

            _backlog.RunNow();
        }

        /// <summary>
        /// The next command of a Backlog list at <paramref name="p"/>: [start, end) without nested Backlog words
        /// and leading spaces (start == end for an empty item or a Reset, which a Backlog never runs, as in
        /// Tasmota); <paramref name="p"/> moves past it. False at the end of the text.
        /// </summary>
        private static bool NextItem(string commands, ref int p, out int start, out int end)
        {
            if (p >= commands.Length)
            {
                start = p;
                end = p;
                return false;
            }

            end = CommandValue.BacklogItemEnd(commands, p);
            start = p;
            p = end + 1;
            int inner = BacklogWordEnd(commands, start);
            while (inner >= 0 && inner < end)
            {
                start = inner;
                inner = BacklogWordEnd(commands, start);
            }

            while (start < end && commands[start] == ' ')
            {
                start++;
            }

            if (start < end && CommandValue.StartsWithIgnoreCase(commands, start, "RESET"))
            {
                start = end;
            }

            return true;
        }

        private void Execute(string line)
        {
            if (_depth > 0 && !ChainedActionAllowed())
            {
                return;
            }

            try
            {
                _dispatcher.ExecuteLine(CommandSource.Internal, line);
            }
            catch (Exception e)
            {
                Log("Command failed: ", e.Message, null);
            }
        }

        /// <summary>True when the commands start with "Backlog0" or "Backlog2" (no spacing).</summary>
        private static bool IsBacklogZero(string s)
        {
            int p = 0;
            while (p < s.Length && s[p] == ' ')
            {
                p++;
            }

            p += 7;
            return p < s.Length && (s[p] == '0' || s[p] == '2') && (p + 1 == s.Length || s[p + 1] == ' ');
        }

        /// <summary>Counts a command of a chained event; false (logged once per second) beyond <see cref="MaxChainedActionsPerSecond"/>.</summary>
        private bool ChainedActionAllowed()
        {
            long now = _clock.NowMs;
            if (now - _actionWindowStart >= 1000)
            {
                _actionWindowStart = now;
                _actionCount = 0;
                _actionsLogged = false;
            }

            if (_actionCount >= MaxChainedActionsPerSecond)
            {
                if (!_actionsLogged)
                {
                    _actionsLogged = true;
                    Log("Loop stopped: more than ", MaxChainedActionsPerSecond.ToString(), " commands in 1 s from events the rules caused themselves");
                }

                return false;
            }

            _actionCount++;
            return true;
        }

        /// <summary>Index after a leading "Backlog"/"BacklogN" word (and its spaces) at <paramref name="from"/>, or -1.</summary>
        private static int BacklogWordEnd(string s, int from)
        {
            while (from < s.Length && s[from] == ' ')
            {
                from++;
            }

            if (!CommandValue.StartsWithIgnoreCase(s, from, "BACKLOG"))
            {
                return -1;
            }

            int p = from + 7;
            while (p < s.Length && s[p] >= '0' && s[p] <= '9')
            {
                p++;
            }

            if (p < s.Length && s[p] != ' ')
            {
                return -1; // "BacklogX" is some other word
            }

            while (p < s.Length && s[p] == ' ')
            {
                p++;
            }

            return p;
        }

        private void CmndEvent(CommandRequest req, CommandResponse resp)
        {
            string data = req.Payload;
            if (data.Length > 0)
            {
                int eq = data.IndexOf('=');
                int nameEnd = eq < 0 ? data.Length : eq;
                string name = data.Substring(0, nameEnd).Trim();
                string value = eq < 0 ? string.Empty : data.Substring(eq + 1).Trim();
                if (name.Length == 0)
                {
                    return; // {"Command":"Error"}
                }

                RaiseEvent(name, value);
            }

            resp.Add("Event", "Done");
        }

        private void CmndRule(CommandRequest req, CommandResponse resp)
        {
            int index = req.HasIndex ? req.Index : 1;
            string data = req.Payload;
            if (index == 0)
            {
                RuleZero(req, data, resp);
                return;
            }

            if (index < 1 || index > DeviceSettings.RuleSetCount)
            {
                return; // {"Command":"Error"}
            }

            int set = index - 1;
            if (data.Length > 0)
            {
                int enabledBefore = _s.RulesEnabled;
                string textBefore = RuleText(set);
                int v = CommandValue.Parse(data);
                if (v >= 0 && v <= 10)
                {
                    SetFlag(set, v);
                }
                else
                {
                    string error = SetText(set, data);
                    if (error != null)
                    {
                        resp.Add("Command", "Error").Add(RuleKey(set), error);
                        return;
                    }
                }

                _onceState[set] = 0;
                ConnectedNowIfChanged(set, enabledBefore, textBefore);
            }

            WriteStatus(set, resp);
        }

        /// <summary>Rule0: the same flag change or clear for every set, then one answer per set (Tasmota publishes three).</summary>
        private void RuleZero(CommandRequest req, string data, CommandResponse resp)
        {
            int v = data.Length > 0 ? CommandValue.Parse(data) : CommandValue.None;
            int enabledBefore = _s.RulesEnabled;
            for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
            {
                if (v >= 0 && v <= 10)
                {
                    SetFlag(set, v);
                    _onceState[set] = 0;
                    ConnectedNowIfChanged(set, enabledBefore, RuleText(set));
                }
                else if (data.Length > 0 && data[0] == '"')
                {
                    SetText(set, data);
                    _onceState[set] = 0;
                }
            }

            if (_scratch == null)
            {
                _scratch = new CommandResponse();
            }

            for (int set = 0; set < DeviceSettings.RuleSetCount; set++)
            {
                _scratch.Clear();
                WriteStatus(set, _scratch);
                if (_output != null)
                {
                    _output.CommandResult(req, _scratch.ToJson());
                }
            }

            resp.Suppress();
        }

        private void SetFlag(int set, int v)
        {
            int bit = 1 << set;
            switch (v)
            {
                case 0:
                case 1:
                case 2:
                    _s.RulesEnabled = Apply(_s.RulesEnabled, bit, v);
                    break;
                case 4:
                case 5:
                case 6:
                    _s.RulesOnce = Apply(_s.RulesOnce, bit, v - 4);
                    break;
                case 8:
                case 9:
                case 10:
                    _s.RulesStopOnError = Apply(_s.RulesStopOnError, bit, v - 8);
                    break;
                default:
                    return; // 3 and 7 change nothing (Tasmota)
            }

            _service.Changed(0);
        }

        /// <summary>0 clears, 1 sets, 2 toggles <paramref name="bit"/>.</summary>
        private static int Apply(int flags, int bit, int action)
        {
            if (action == 0)
            {
                return flags & ~bit;
            }

            if (action == 1)
            {
                return flags | bit;
            }

            return flags ^ bit;
        }

        /// <summary>Stores a new text for the set ('"' clears, a leading '+' appends); null, or what is wrong (the set is kept).</summary>
        private string SetText(int set, string data)
        {
            string text;
            if (data[0] == '"')
            {
                text = string.Empty;
            }
            else if (data[0] == '+')
            {
                // Tasmota turns the '+' into a space and appends.
                string current = RuleText(set);
                string added = data.Substring(1);
                if (current.Length + 1 + added.Length > DeviceSettings.MaxRuleLength)
                {
                    return TooLong(current.Length + 1 + added.Length);
                }

                text = current + " " + added;
            }
            else
            {
                text = data;
            }

            if (text.Length > DeviceSettings.MaxRuleLength)
            {
                return TooLong(text.Length);
            }

            text = SpacesForLineBreaks(text);
            if (text == null)
            {
                return "control characters are not allowed";
            }

            text = text.Trim();
            if (!Chars.IsMqttText(text))
            {
                return "control characters, non-characters and lone surrogates are not allowed";
            }

            string error = RuleScanner.Validate(text);
            if (error != null)
            {
                return error;
            }

            _s.Rules[set] = text;
            _service.Changed(0);
            return null;
        }

        private static string TooLong(int length)
        {
            return "too long: " + length.ToString() + " characters, at most " + DeviceSettings.MaxRuleLength.ToString();
        }

        /// <summary>Tabs and line breaks become spaces (a pasted multi-line rule works); null when other control characters remain.</summary>
        private static string SpacesForLineBreaks(string text)
        {
            char[] chars = null;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= ' ' && c != '\u007F')
                {
                    continue;
                }

                if (c != '\t' && c != '\r' && c != '\n')
                {
                    return null;
                }

                if (chars == null)
                {
                    chars = text.ToCharArray();
                }

                chars[i] = ' ';
            }

            return chars == null ? text : new string(chars);
        }

        private void WriteStatus(int set, CommandResponse resp)
        {
            string text = RuleText(set);
            resp.BeginObject(RuleKey(set))
                .Add("State", OnOff((_s.RulesEnabled & (1 << set)) != 0))
                .Add("Once", OnOff((_s.RulesOnce & (1 << set)) != 0))
                .Add("StopOnError", OnOff((_s.RulesStopOnError & (1 << set)) != 0))
                .Add("Length", text.Length)
                .Add("Free", DeviceSettings.MaxRuleLength - text.Length)
                .Add("Rules", SmartLamp.Core.Console.SecretMask.Inline(text))
                .End();
        }

        private string OnOff(bool on)
        {
            string[] texts = _s.StateText;
            int i = on ? 1 : 0;
            if (texts != null && texts.Length > i && texts[i] != null && texts[i].Length > 0)
            {
                return texts[i];
            }

            return on ? "ON" : "OFF";
        }

        private static string RuleKey(int set)
        {
            return set == 0 ? "Rule1" : (set == 1 ? "Rule2" : "Rule3");
        }

        /// <summary>"Power1".."Power8" without allocating.</summary>
        private static string PowerName(int i)
        {
            switch (i)
            {
                case 0:
                    return "Power1";
                case 1:
                    return "Power2";
                case 2:
                    return "Power3";
                case 3:
                    return "Power4";
                case 4:
                    return "Power5";
                case 5:
                    return "Power6";
                case 6:
                    return "Power7";
                default:
                    return "Power8";
            }
        }

        /// <summary>"Button1".."Button8" without allocating.</summary>
        private static string ButtonName(int i)
        {
            switch (i)
            {
                case 0:
                    return "Button1";
                case 1:
                    return "Button2";
                case 2:
                    return "Button3";
                case 3:
                    return "Button4";
                case 4:
                    return "Button5";
                case 5:
                    return "Button6";
                case 6:
                    return "Button7";
                default:
                    return "Button8";
            }
        }

        private static string Bit(int mask, int i)
        {
            return (mask & (1 << i)) != 0 ? "1" : "0";
        }

        private static string Number(int v)
        {
            switch (v)
            {
                case 0:
                    return "0";
                case 1:
                    return "1";
                case 2:
                    return "2";
                case 3:
                    return "3";
                default:
                    return v.ToString();
            }
        }

        private void Log(string a, string b, string c)
        {
            if (_log == null)
            {
                return;
            }

            try
            {
                _log.Write("RUL", a, b, c);
            }
            catch (Exception)
            {
                // a failing log must never stop the rules
            }
        }
    }
}
