namespace SmartLamp.Core.Commands
{
    /// <summary>Where a command came from; decides where the answer goes and which commands are allowed.</summary>
    public enum CommandSource
    {
        /// <summary>cmnd/&lt;topic&gt;/... on the device's own topic.</summary>
        Mqtt = 0,

        /// <summary>cmnd/&lt;grouptopic&gt;/... (Topic, MqttClient, ... are ignored from here, as in Tasmota).</summary>
        Group = 1,

        /// <summary>cmnd/&lt;mqttclient&gt;_fb/... (answers go to stat/&lt;mqttclient&gt;_fb/...).</summary>
        Fallback = 2,

        /// <summary>Serial console (or the simulator's stdin).</summary>
        Console = 3,

        /// <summary>A command queued by Backlog.</summary>
        Backlog = 4,

        /// <summary>Issued by the firmware itself (rules, buttons, timers).</summary>
        Internal = 5,

        /// <summary>The web server: /cm, the console page and the configuration forms.</summary>
        Web = 6,
    }
}
