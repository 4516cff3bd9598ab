namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Why the relay bank raised <see cref="PowerController.Changed"/>: a Power / TimedPower
    /// <c>Command</c> (its response carries the first RESULT, the state publisher sends the rest after
    /// it), a <c>Button</c> press, a wall <c>Switch</c>, a <c>Timer</c> (Timer1..16, a due TimedPower),
    /// a <c>PulseEnd</c>, a <c>Blink</c> (its toggles and its end after BlinkCount cycles), a relay
    /// <c>Rule</c> enforced (Interlock's delayed switch-on, "Interlock 1", the PowerOnState 4 lock),
    /// the <c>Boot</c> state (PowerOnState), or <c>Show</c>: every state announced again after an MQTT
    /// connect.
    /// </summary>
    public enum RelayChangeReason
    {
        Command, Button, Switch, Timer, PulseEnd, Blink, Rule, Boot, Show,
    }

    /// <summary>
    /// What a <see cref="PowerController.Changed"/> event says about its relays: <c>Switched</c>, their
    /// pins switched (what follows the pins listens to this: the status LED, the rules' Power&lt;n&gt;#State,
    /// SetOption59's tele STATE; blink toggles included, nothing is published for it); or the relays'
    /// <c>State</c> is to be announced (RESULT {"POWER":"ON"} then stat/&lt;t&gt;/POWER ON), or that a
    /// blink started (<c>BlinkOn</c>, RESULT {"POWER":"BLINK ON"} only) or ended (<c>BlinkOff</c>,
    /// also BlinkOff without a blink).
    /// </summary>
    public enum RelayReport
    {
        Switched, State, BlinkOn, BlinkOff,
    }

    /// <summary>
    /// The relay bank's one change event, about the relays in <paramref name="relayMask"/> (bit i =
    /// relay i), because of <paramref name="reason"/>. <see cref="RelayReport.Switched"/>: those pins
    /// switched and <paramref name="powerMask"/> is the pins' state. Otherwise their state is to be
    /// announced as <paramref name="report"/> and <paramref name="powerMask"/> is the logical power
    /// state: raised after every Power switch, also when the relay already was in the asked state or
    /// only its state was asked for (Tasmota announces every Power command).
    /// </summary>
    public delegate void RelayChangeHandler(RelayChangeReason reason, int relayMask, int powerMask, RelayReport report);
}
