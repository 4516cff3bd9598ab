using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Watchdog
{
    /// <summary>
    /// <c>MqttWatchdog &lt;minutes&gt;</c> (SmartLamp's own): how long MQTT may be down before the
    /// <see cref="ConnectivityWatchdog"/> asks for a recovery (rejoin Wi-Fi); 0 = off, 1..1440, default 15.
    /// Answers {"MqttWatchdog":15}. The device never restarts for an MQTT outage, whatever the value.
    /// </summary>
    public sealed class WatchdogCommand
    {
        private readonly SettingsService _service;
        private readonly ConnectivityWatchdog _watchdog;

        private WatchdogCommand(SettingsService service, ConnectivityWatchdog watchdog)
        {
            _service = service;
            _watchdog = watchdog;
        }

        /// <summary>Registers MQTTWATCHDOG.</summary>
        public static void Register(CommandDispatcher d, SettingsService service, ConnectivityWatchdog watchdog)
        {
            d.Register("MQTTWATCHDOG", new WatchdogCommand(service, watchdog).Cmnd);
        }

        private void Cmnd(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.IsQuery)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v < 0 || v > DeviceSettings.MaxMqttWatchdog)
                {
                    return; // {"Command":"Error"}
                }

                if (v != s.MqttWatchdog)
                {
                    s.MqttWatchdog = v;
                    _watchdog.LimitMs = ConnectivityWatchdog.MinutesToMs(v);
                    _service.Changed(0);
                }
            }

            resp.Add("MqttWatchdog", s.MqttWatchdog);
        }
    }
}
