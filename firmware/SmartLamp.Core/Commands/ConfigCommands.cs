using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Commands
{
    /// <summary>Configuration commands (skeleton).</summary>
    public sealed class ConfigCommands
    {
        private ConfigCommands()
        {
        }

        /// <summary>Registers MqttHost ... Backlog, Restart, Reset.</summary>
        public static ConfigCommands Register(CommandDispatcher d, SettingsService s, PowerController power, IClock clock, ISystemControl system, ILog log)
        {
            return new ConfigCommands();
        }
    }
}
