using System.Text;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The device's flash on the host: one text file (<see cref="FileName"/>) inside the --flash folder.
/// Saves write a temporary file next to it, flush it to disk and rename it over the old one, so a
/// crash mid-write leaves either the old or the new text, never a torn file. Load never throws: a
/// missing, unreadable or non-UTF-8 file gives null, exactly like erased flash.
/// </summary>
public sealed class FileSettingsStore : ISettingsStore
{
    /// <summary>Name of the settings file inside the flash folder.</summary>
    public const string FileName = "settings.txt";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly object _gate = new();

    /// <summary>Creates a store for the flash folder <paramref name="directory"/> (created on first save).</summary>
    public FileSettingsStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        Path = System.IO.Path.Combine(Directory, FileName);
    }

    /// <summary>The flash folder.</summary>
    public string Directory { get; }

    /// <summary>Full path of the settings file.</summary>
    public string Path { get; }

    /// <summary>Successful saves by this instance.</summary>
    public int Saves { get; private set; }

    /// <summary>The last exception a load or save swallowed (diagnostics), or null.</summary>
    public Exception LastError { get; private set; }

    /// <inheritdoc />
    public string Load()
    {
        lock (_gate)
        {
            try
            {
                if (!File.Exists(Path))
                {
                    return null;
                }

                byte[] bytes = File.ReadAllBytes(Path);
                string text = StrictUtf8.GetString(bytes);
                return text.IndexOf('\0') >= 0 ? null : text;
            }
            catch (Exception e)
            {
                LastError = e;
                return null;
            }
        }
    }

    /// <inheritdoc />
    public bool Save(string text)
    {
        if (text == null)
        {
            return false;
        }

        lock (_gate)
        {
            string temp = Path + ".tmp";
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    byte[] bytes = StrictUtf8.GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, Path, overwrite: true);
                Saves++;
                return true;
            }
            catch (Exception e)
            {
                LastError = e;
                try
                {
                    File.Delete(temp);
                }
                catch
                {
                    // nothing more to do: the old file is still intact
                }

                return false;
            }
        }
    }
}
