namespace SmartLamp.Core.Relays
{
    /// <summary>Why the relay bank raised <see cref="PowerController.Changed"/>.</summary>
    public enum RelayChangeReason
    {
        /// <summary>A Power / TimedPower command: its response carries the first RESULT, the state publisher the rest after it.</summary>
        Command = 0,

        /// <summary>A button press.</summary>
        Button = 1,

        /// <summary>A wall switch.</summary>
        Switch = 2,

        /// <summary>Timer1..16 or a due TimedPower.</summary>
        Timer = 3,

        /// <summary>A PulseTime ran out.</summary>
        PulseEnd = 4,

        /// <summary>A blink ended after BlinkCount cycles.</summary>
        BlinkEnd = 5,

        /// <summary>A relay rule was enforced: Interlock (its delayed switch-on, "Interlock 1") or the PowerOnState 4 lock.</summary>
        Rule = 6,

        /// <summary>Every state announced again (after each MQTT connect).</summary>
        Show = 7,
    }

    /// <summary>What a <see cref="PowerController.Changed"/> event announces for its relays.</summary>
    public enum RelayReport
    {
        /// <summary>The relay state: RESULT {"POWER":"ON"} then stat/&lt;t&gt;/POWER ON.</summary>
        State = 0,

        /// <summary>A blink started: RESULT {"POWER":"BLINK ON"} only.</summary>
        BlinkOn = 1,

        /// <summary>A blink ended (or BlinkOff without a blink): RESULT {"POWER":"BLINK OFF"} only.</summary>
        BlinkOff = 2,
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
