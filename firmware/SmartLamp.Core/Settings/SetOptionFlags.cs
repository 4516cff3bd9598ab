namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Where Tasmota's numbered options live in <see cref="DeviceSettings"/>: SetOption0..31 and
    /// SetOption50..177 are on/off flags kept as bits of <see cref="DeviceSettings.SetOptionBits"/>
    /// (flag number = option for 0..31, option - 18 for 50..177, 16 flags per word);
    /// SetOption32..49 are numbers 0..255 in <see cref="DeviceSettings.SetOptionParams"/>.
    /// Options a capability keeps in a field of its own (SetOption0, 1, 4, 13, 19, 26, 31, 32, 73, 103)
    /// are answered by that capability; their bits here stay unused.
    /// </summary>
    public static class SetOptionFlags
    {
        /// <summary>Highest SetOption number (Tasmota 14/15: flag6 ends at 177).</summary>
        public const int MaxOption = 177;

        /// <summary>True for SetOption32..49 (numbers, not flags).</summary>
        public static bool IsParam(int option)
        {
            return option >= 32 && option <= 49;
        }

        /// <summary>True for a valid flag option (0..31, 50..177).</summary>
        public static bool IsFlag(int option)
        {
            return (option >= 0 && option <= 31) || (option >= 50 && option <= MaxOption);
        }

        /// <summary>The on/off value of flag option <paramref name="option"/> (false for anything that is not a flag option).</summary>
        public static bool Get(DeviceSettings s, int option)
        {
            int f = StoredFlag(s, option);
            return f >= 0 && (s.SetOptionBits[f >> 4] & (1 << (f & 15))) != 0;
        }

        /// <summary>Sets flag option <paramref name="option"/>; returns false when it is not a flag option.</summary>
        public static bool Set(DeviceSettings s, int option, bool on)
        {
            int f = StoredFlag(s, option);
            if (f >= 0)
            {
                s.SetOptionBits[f >> 4] = With(s.SetOptionBits[f >> 4], f, on);
            }

            return f >= 0;
        }

        /// <summary>
        /// Sets flag option <paramref name="option"/> of <paramref name="service"/>'s settings through
        /// <see cref="SettingsService.Set(ref int, int, int)"/>, which raises <paramref name="changeFlags"/>
        /// when it changed. True when it changed.
        /// </summary>
        public static bool Set(SettingsService service, int option, bool on, int changeFlags)
        {
            DeviceSettings s = service.Current;
            int f = StoredFlag(s, option);
            return f >= 0 && service.Set(ref s.SetOptionBits[f >> 4], With(s.SetOptionBits[f >> 4], f, on), changeFlags);
        }

        private static int With(int word, int flag, bool on)
        {
            int bit = 1 << (flag & 15);
            return on ? word | bit : word & ~bit;
        }

        /// <summary>The flag number of <paramref name="option"/> when <paramref name="s"/> stores it, else -1.</summary>
        private static int StoredFlag(DeviceSettings s, int option)
        {
            int f = FlagNumber(option);
            return f < 0 || s.SetOptionBits == null || (f >> 4) >= s.SetOptionBits.Length ? -1 : f;
        }

        /// <summary>SetOption32..49 value (0 for anything else).</summary>
        public static int GetParam(DeviceSettings s, int option)
        {
            return IsParam(option) && s.SetOptionParams != null ? s.SetOptionParams[option - 32] : 0;
        }

        private static int FlagNumber(int option)
        {
            if (option >= 0 && option <= 31)
            {
                return option;
            }

            if (option >= 50 && option <= MaxOption)
            {
                return option - 18;
            }

            return -1;
        }
    }
}
