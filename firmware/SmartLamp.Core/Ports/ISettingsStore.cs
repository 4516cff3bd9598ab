namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Non-volatile storage of small named text blobs (the settings copies "settings.a.json" and
    /// "settings.b.json"; names are plain file names: letters, digits, '.', '_', '-'). The adapter
    /// converts text to bytes as UTF-8. Device: files on the I: LittleFS volume
    /// (SmartLamp.Device.Adapters.NanoFlashStore); host: files in the simulator's --flash folder
    /// (FileSettingsStore); tests: SmartLamp.Simulation.MemorySettingsStore, which can tear a write.
    /// Atomicity is NOT required: the core's SettingsJournal survives a write cut at any byte.
    /// </summary>
    public interface ISettingsStore
    {
        /// <summary>The blob's text, or null when it does not exist or cannot be read (never throws for a missing blob).</summary>
        string Read(string name);

        /// <summary>Replaces the blob's text (creating it); false when the write failed.</summary>
        bool Write(string name, string text);

        /// <summary>Removes the blob; true when it no longer exists afterwards.</summary>
        bool Delete(string name);

        /// <summary>Why the last failed Read, Write or Delete failed (for the log: "disk full", "is a directory"), or null.</summary>
        string Problem { get; }

        /// <summary>
        /// True when a failed Write leaves the old blob intact (write to a temporary file, then rename).
        /// Only then may the journal overwrite its newest copy when the other copy cannot be written.
        /// </summary>
        bool AtomicWrites { get; }
    }
}
