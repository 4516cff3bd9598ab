using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Relays
{
    /// <summary>Power commands and power state publishing (skeleton).</summary>
    public sealed class PowerController
    {
        private readonly RelayDriver _relays;
        private readonly DeviceSettings _settings;

        /// <summary>Creates the controller.</summary>
        public PowerController(RelayDriver relays, DeviceSettings settings, IClock clock, ICommandOutput output)
        {
            _relays = relays;
            _settings = settings;
        }

        /// <summary>Registers POWER and friends.</summary>
        public void Register(CommandDispatcher d)
        {
        }

        /// <summary>Publishes RESULT then stat POWER for one relay.</summary>
        public void PublishPowerState(int relayIndex0, CommandRequest requestOrNull)
        {
        }

        /// <summary>Publishes every relay's state.</summary>
        public void PublishAllPowerStates()
        {
        }

        /// <summary>Adds "POWER":"ON" (or POWER1..n).</summary>
        public void AppendPowerState(CommandResponse r)
        {
        }

        /// <summary>"POWER" or "POWER&lt;n&gt;".</summary>
        public string PowerKey(int relayIndex0)
        {
            return "POWER";
        }

        /// <summary>StateText1 or StateText2.</summary>
        public string StateText(bool on)
        {
            return on ? _settings.StateText[1] : _settings.StateText[0];
        }
    }
}
