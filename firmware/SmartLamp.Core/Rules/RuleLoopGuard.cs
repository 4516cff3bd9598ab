namespace SmartLamp.Core.Rules
{
    /// <summary>The rules' loop protection: echoes of the device's own publishes, the relay switch rate and the chained-action rate.</summary>
    public sealed partial class RulesEngine
    {
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

            _echoes.Remember(topic, payload, _clock.NowMs, _depth);
        }

        /// <summary>
        /// For a message that arrived: the chain depth of the rule whose publish it echoes (same topic and
        /// payload, less than <see cref="ChainWindowMs"/> ago; each publish is matched once), or -1.
        /// </summary>
        public int EchoDepth(string topic, string payload)
        {
            return _echoes.Take(topic, payload, _clock.NowMs, ChainWindowMs - 1); // whole ms: less than ChainWindowMs
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
    }
}
