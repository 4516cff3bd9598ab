using System.Text;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The device's flash on the host: one file per blob (<c>settings.a.json</c>, <c>settings.b.json</c>)
/// inside the --flash folder, UTF-8 without BOM. A write goes to a temporary file that is flushed to
/// disk and renamed over the old one, so a host crash leaves the old or the new file (the core's
/// journal would survive a torn file anyway). Read never throws: a missing, unreadable or
/// non-UTF-8 file gives null, exactly like erased flash. Blob names are plain file names; anything
/// with a path separator or ".." is refused.
/// </summary>
public sealed class FileSettingsStore : ISettingsStore
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly object _gate = new();

    /// <summary>Creates a store for the flash folder <paramref name="directory"/> (created on first write).</summary>
    public FileSettingsStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Path.GetFullPath(directory);
    }

    /// <summary>The flash folder.</summary>
    public string Directory { get; }

    /// <summary>Successful writes by this instance.</summary>
    public int Saves { get; private set; }

    /// <summary>The last exception a read, write or delete swallowed (diagnostics), or null.</summary>
    public Exception LastError { get; private set; }

    /// <summary>Full path of blob <paramref name="name"/>.</summary>
    public string PathOf(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/') || name.Contains('\\') || name.Contains("..") || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException("not a plain blob name: " + name, nameof(name));
        }

        return System.IO.Path.Combine(Directory, name);
    }

    /// <inheritdoc />
    public string Read(string name)
    {
        lock (_gate)
        {
            try
            {
                string path = PathOf(name);
                if (!File.Exists(path))
                {
                    return null;
                }

                return StrictUtf8.GetString(File.ReadAllBytes(path));
            }
            catch (Exception e)
            {
                LastError = e;
                return null;
            }
        }
    }

    /// <inheritdoc />
    public bool Write(string name, string text)
    {
        if (text == null)
        {
            return false;
        }

        lock (_gate)
        {
            string temp = null;
            try
            {
                string path = PathOf(name);
                temp = path + ".tmp";
                System.IO.Directory.CreateDirectory(Directory);
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    byte[] bytes = StrictUtf8.GetBytes(text);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, path, overwrite: true);
                Saves++;
                return true;
            }
            catch (Exception e)
            {
                LastError = e;
                try
                {
                    if (temp != null)
                    {
                        File.Delete(temp);
                    }
                }
                catch
                {
                    // nothing more to do: the old file is still intact
                }

                return false;
            }
        }
    }

    /// <inheritdoc />
    public bool Delete(string name)
    {
        lock (_gate)
        {
            try
            {
                File.Delete(PathOf(name));
                return true;
            }
            catch (Exception e)
            {
                LastError = e;
                return false;
            }
        }
    }
}
