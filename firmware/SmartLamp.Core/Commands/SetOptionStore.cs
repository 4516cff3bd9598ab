using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// The SetOptions no capability owns, stored and answered as Tasmota's CmndSetoptionBase does, so a
    /// Tasmota configuration (a Backlog of SetOptions) applies without errors and reads back the same:
    /// <list type="bullet">
    /// <item>SetOption0..31 and 50..177 are on/off, read and answered by <see cref="OnOff"/>: 0/1/off/on/false/true
    ///   set, a query (also text that is no number, as in Tasmota) answers <c>{"SetOption59":"ON"}</c> (StateText),
    ///   2 and above answer {"Command":"Error"};</item>
    /// <item>SetOption32..49 are numbers 0..255 (SetOption33: 1..250): answered <c>{"SetOption34":200}</c>,
    ///   out of range {"Command":"Error"};</item>
    /// <item>SetOption5, 6, 7, 9, 14, 22, 23, 25, 27 cannot be set (Tasmota: use PowerRetain, ButtonRetain,
    ///   SwitchRetain, SensorRetain, Interlock ...): setting answers {"Command":"Error"}, a query answers
    ///   the value of the command that owns it;</item>
    /// <item>above 177: {"Command":"Error"} (left to ConfigCommands).</item>
    /// </list>
    /// SetOption30, 36, 59 and 114 have an effect (discovery as lights, boot-loop threshold, tele STATE on power changes,
    /// detached switches); which others only are stored is listed in docs/tasmota-compatibility.md.
    /// Register LAST with <see cref="ConfigCommands.AddSetOptions"/>: capabilities that own an option answer first.
    /// </summary>
    public sealed class SetOptionStore
    {
        private readonly SettingsService _service;

        /// <summary>Creates the store over the live settings.</summary>
        public SetOptionStore(SettingsService service)
        {
            _service = service;
        }

        /// <summary>For <see cref="ConfigCommands.AddSetOptions"/>: true when this store answered.</summary>
        public bool HandleSetOption(CommandRequest req, CommandResponse resp)
        {
            int n = req.Index;
            if (n == 0 || n == 4 || n == 26 || n < 0 || n > SetOptionFlags.MaxOption)
            {
                return false;
            }

            DeviceSettings s = _service.Current;
            if (SetOptionFlags.IsParam(n))
            {
                int low = n == 33 ? 1 : 0;
                int high = n == 33 ? 250 : 255;
                int p = req.IsQuery ? -1 : CommandValue.Parse(req.Payload);
                if (!req.IsQuery && p < 0)
                {
                    return true; // not a number: {"Command":"Error"}
                }

                if (p >= 0)
                {
                    if (p < low || p > high)
                    {
                        return true;
                    }

                    _service.Set(ref s.SetOptionParams[n - 32], p, 0);
                }

                resp.Add("SetOption" + n.ToString(), s.SetOptionParams[n - 32]);
                return true;
            }

            int v = OnOff.Read(req.Payload);
            if (v == OnOff.Refused)
            {
                return true; // {"Command":"Error"}
            }

            bool guarded = n == 5 || n == 6 || n == 7 || n == 9 || n == 14 || n == 22 || n == 23 || n == 25 || n == 27;
            if (v >= 0 && guarded)
            {
                return true; // Tasmota refuses these through SetOption
            }

            if (v >= 0)
            {
                SetOptionFlags.Set(_service, n, v == 1, n == 30 || n == 114 ? SettingsChange.Discovery : 0);
            }

            resp.AddIndexed("SetOption", n, OnOff.Text(s.StateText, Current(s, n)));
            return true;
        }

        /// <summary>The value a query of option <paramref name="n"/> shows (the owning command's value for the guarded ones).</summary>
        private static bool Current(DeviceSettings s, int n)
        {
            switch (n)
            {
                case 5: return s.PowerRetain;
                case 6: return s.ButtonRetain;
                case 7: return s.SwitchRetain;
                case 9: return s.SensorRetain;
                case 14: return s.Interlock;
                default: return SetOptionFlags.Get(s, n);
            }
        }
    }
}
