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

    /// <summary>Longest blob this store reads (the core's settings files are far smaller).</summary>
    public const int MaxBlobBytes = 64 * 1024;

    /// <inheritdoc />
    public string Problem => LastError?.Message;

    /// <inheritdoc />
    public bool AtomicWrites => true;

    /// <inheritdoc />
    /// <remarks>
    /// Only a regular file is read: a symbolic link (it could lead to <c>/dev/zero</c> or another
    /// user's file), a directory, a FIFO or device (their length is 0: never opened, so a FIFO cannot
    /// block the boot) or a file over <see cref="MaxBlobBytes"/> reads as missing.
    /// </remarks>
    public string Read(string name)
    {
        lock (_gate)
        {
            try
            {
                string path = PathOf(name);
                var info = new FileInfo(path);
                if (info.LinkTarget != null)
                {
                    throw new IOException(name + " is a symbolic link, not read");
                }

                if (!info.Exists)
                {
                    return null; // missing, or a directory (FileInfo.Exists is false for directories)
                }

                if (info.Length == 0)
                {
                    return null; // empty, or not a regular file
                }

                if (info.Length > MaxBlobBytes)
                {
                    throw new IOException(name + " is " + info.Length + " bytes, more than " + MaxBlobBytes);
                }

                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                byte[] buffer = new byte[MaxBlobBytes + 1];
                int total = 0;
                int n;
                while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0)
                {
                    total += n;
                }

                if (total > MaxBlobBytes)
                {
                    throw new IOException(name + " grew beyond " + MaxBlobBytes + " bytes while read");
                }

                return StrictUtf8.GetString(buffer, 0, total);
            }
            catch (Exception e)
            {
                LastError = e;
                return null;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// The text goes to <c>&lt;name&gt;.tmp</c>, created new (a planted file or link of that name is
    /// removed first, never followed) with mode 0600 on Unix (the settings hold passwords), then
    /// renamed over the blob (a link in the blob's place is replaced, not followed). A directory in
    /// the blob's place makes the write fail with that reason.
    /// </remarks>
    public bool Write(string name, string text)
    {
        if (text == null)
        {
            return false;
        }

        lock (_gate)
        {
            string temp = null;
            bool created = false;
            try
            {
                string path = PathOf(name);
                temp = path + ".tmp";
                if (OperatingSystem.IsWindows())
                {
                    System.IO.Directory.CreateDirectory(Directory);
                }
                else if (!System.IO.Directory.Exists(Directory))
                {
                    System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                if (System.IO.Directory.Exists(path))
                {
                    throw new IOException(name + " is a directory");
                }

                if (System.IO.Directory.Exists(temp) && new FileInfo(temp).LinkTarget == null)
                {
                    throw new IOException(name + ".tmp is a directory");
                }

                File.Delete(temp); // a planted link is removed, not followed
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using (var stream = new FileStream(temp, options))
                {
                    created = true;
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
                    if (temp != null && created)
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
