namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Where command answers go. The MQTT side implements it (stat/&lt;t&gt;/RESULT, or
    /// stat/&lt;t&gt;/&lt;COMMAND&gt; with SetOption4, or the fallback topic; a log line
    /// "MQT: topic = json", or "RSL: RESULT = json" while MQTT is down).
    /// </summary>
    public interface ICommandOutput
    {
        /// <summary>Publishes a command's JSON answer for <paramref name="request"/>.</summary>
        void CommandResult(CommandRequest request, string json);

        /// <summary>Publishes <paramref name="payload"/> on stat/&lt;t&gt;/&lt;subtopic&gt; (e.g. "POWER", "STATUS5").</summary>
        void Stat(CommandRequest request, string subtopic, string payload, bool retain);
    }
}
