using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// The persistence commands: <c>SaveData</c> (Tasmota's CmndSavedata). <c>SaveData 0..3600</c>
    /// sets the period and, as in Tasmota, every SaveData command (also a query) writes the settings
    /// at once. Answers <c>{"SaveData":"OFF"}</c> (0), <c>{"SaveData":"ON"}</c> (1, StateText1/2) or
    /// <c>{"SaveData":"Every 60 seconds"}</c>. Out-of-range values change nothing.
    /// </summary>
    public sealed class SettingsCommands
    {
        private readonly SettingsService _service;

        private SettingsCommands(SettingsService service)
        {
            _service = service;
        }

        private static readonly string[] CommandNames = new string[] { "SAVEDATA" };

        /// <summary>Registers SAVEDATA on <paramref name="d"/>.</summary>
        public static SettingsCommands Register(CommandDispatcher d, SettingsService service)
        {
            Require.NotNull(d, "d");
            Require.NotNull(service, "service");

            SettingsCommands c = new SettingsCommands(service);
            d.Register(CommandNames, c.CmndSaveData);
            return c;
        }

        private void CmndSaveData(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            int v = CommandValue.Parse(req.Payload);
            if (SettingsRules.CheckValue(s, "SaveData", v) == null && _service.Set(ref s.SaveData, v, 0))
            {
                _service.SaveDataChanged();
            }

            _service.SaveNow();
            if (s.SaveData > 1)
            {
                resp.Add("SaveData", "Every " + s.SaveData.ToString() + " seconds");
            }
            else
            {
                resp.Add("SaveData", s.StateText[s.SaveData]);
            }
        }
    }
}
