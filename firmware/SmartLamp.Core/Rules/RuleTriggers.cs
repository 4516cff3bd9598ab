using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Rules
{
    /// <summary>What the device tells the rules: relay, button and switch changes, MQTT and Wi-Fi up/down, events and subscribed messages, each turned into a trigger (Power1#State, Mqtt#Connected, Event#ALARM ...).</summary>
    public sealed partial class RulesEngine
    {
        /// <summary>Relay pins switched (PowerController.Changed, report Switched): Power&lt;n&gt;#State with 0/1 for every changed relay.</summary>
        public void OnRelaysChanged(RelayChangeReason reason, int changedMask, int powerMask, RelayReport report)
        {
            if (!Active || report != RelayReport.Switched)
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
    }
}
