namespace SmartLamp.Core.Time
{
    /// <summary>A rule event name#key=value (wired to RulesEngine.Raise by the app).</summary>
    public delegate void TimeEventHandler(string name, string key, string value);

    /// <summary>A new wall-clock minute started (Unix minutes, UTC); also called after the clock stepped backwards.</summary>
    public delegate void MinuteHandler(long utcMinute);
}
