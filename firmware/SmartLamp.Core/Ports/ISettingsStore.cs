namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Non-volatile storage for the settings text. Device: a file on the I: LittleFS volume; host:
    /// a file under the simulator's --flash folder; tests: SmartLamp.Simulation.MemorySettingsStore.
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>The stored text, or null when nothing was ever saved or it cannot be read.</summary>
        string Load();

        /// <summary>Replaces the stored text; false when the write failed.</summary>
        bool Save(string text);
    }
}
