namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Why the relay bank raised <see cref="PowerController.Changed"/>: a Power / TimedPower
    /// <c>Command</c> (its response carries the first RESULT, the state publisher sends the rest after
    /// it), a <c>Button</c> press, a wall <c>Switch</c>, a <c>Timer</c> (Timer1..16, a due TimedPower),
    /// a <c>PulseEnd</c>, a <c>BlinkEnd</c> after BlinkCount cycles, a relay <c>Rule</c> enforced
    /// (Interlock's delayed switch-on, "Interlock 1", the PowerOnState 4 lock), or <c>Show</c>: every
    /// state announced again after an MQTT connect.
    /// </summary>
    public enum RelayChangeReason
    {
        Command, Button, Switch, Timer, PulseEnd, BlinkEnd, Rule, Show,
    }

    /// <summary>
    /// What a <see cref="PowerController.Changed"/> event announces for its relays: the <c>State</c>
    /// (RESULT {"POWER":"ON"} then stat/&lt;t&gt;/POWER ON), or that a blink started (<c>BlinkOn</c>,
    /// RESULT {"POWER":"BLINK ON"} only) or ended (<c>BlinkOff</c>, also BlinkOff without a blink).
    /// </summary>
    public enum RelayReport
    {
        State, BlinkOn, BlinkOff,
    }

    /// <summary>
    /// The relay bank's one change event: the states of the relays in <paramref name="relayMask"/> (bit i =
    /// relay i) are to be announced as <paramref name="report"/>, because of <paramref name="reason"/>;
    /// <paramref name="powerMask"/> is the logical power state at that moment. Raised after every switch,
    /// also when the relay already was in the asked state or only its state was asked for (Tasmota
    /// announces every Power command).
    /// </summary>
    public delegate void RelayChangeHandler(RelayChangeReason reason, int relayMask, int powerMask, RelayReport report);
}
