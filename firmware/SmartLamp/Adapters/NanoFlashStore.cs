using System;
using System.IO;
using System.Text;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ISettingsStore"/> as files on the internal LittleFS volume I: (partition "config"),
    /// one file per blob: <c>I:\settings.a.json</c>, <c>I:\settings.b.json</c> (and the version-1
    /// <c>I:\smartlamp.cfg</c>, read once for migration, deleted after the first JSON save). Text is
    /// stored as UTF-8 bytes without BOM. Never throws: a failed read is null, a failed write false,
    /// both logged as "CFG: ...".
    /// </summary>
    /// <remarks>
    /// Written against nanoFramework.System.IO.FileSystem 1.1.93 (File.Exists, File.ReadAllBytes,
    /// File.Delete, FileStream(string, FileMode, FileAccess)), nanoFramework.System.Text 1.3.42
    /// (Encoding.UTF8.GetBytes(string), GetString(byte[], int, int)) and mscorlib 1.17.11; not compiled
    /// in this repository's CI (see firmware/SmartLamp/README.md).
    /// The volume also holds the CLR's own network/Wi-Fi/certificate files (<c>con_*.sys</c>): this
    /// adapter never formats I:, never lists or deletes other files, and refuses any blob name that
    /// is not a plain file name or that looks like one of those files.
    /// A write replaces the file in place (FileMode.Create); it is NOT atomic and does not need to
    /// be: the core's SettingsJournal writes the two copies alternately, so a power cut can only
    /// damage the copy being written and the other one still holds the previous settings.
    /// The JSON is produced and parsed by the core (SmartLamp.Core.Settings.SettingsCodec,
    /// mscorlib-only), not by nanoFramework.Json: the same code runs and is tested on the host, it
    /// tolerates wrong types and unknown keys field by field, and it needs no reflection; so this
    /// project does not reference the nanoFramework.Json package.
    /// </remarks>
    public sealed class NanoFlashStore : ISettingsStore
    {
        /// <summary>Folder of the blobs.</summary>
        public const string Root = "I:\\";

        private readonly string _root;
        private readonly ILog _log;

        /// <summary>Stores in <see cref="Root"/>; <paramref name="log"/> may be null.</summary>
        public NanoFlashStore(ILog log)
            : this(Root, log)
        {
        }

        /// <summary>Stores in <paramref name="root"/> (absolute, ending with '\', e.g. "I:\\").</summary>
        public NanoFlashStore(string root, ILog log)
        {
            _root = root;
            _log = log;
        }

        /// <inheritdoc />
        public string Read(string name)
        {
            try
            {
                string path = PathOf(name);
                if (path == null || !File.Exists(path))
                {
                    return null;
                }

                byte[] bytes = File.ReadAllBytes(path);
                if (bytes == null)
                {
                    return null;
                }

                return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            }
            catch (Exception e)
            {
                Log("read failed: ", name, e.Message);
                return null;
            }
        }

        /// <inheritdoc />
        public bool Write(string name, string text)
        {
            if (text == null)
            {
                return false;
            }

            try
            {
                string path = PathOf(name);
                if (path == null)
                {
                    Log("refused blob name ", name, null);
                    return false;
                }

                byte[] bytes = Encoding.UTF8.GetBytes(text);
                using (FileStream fs = new FileStream(path, FileMode.Create, FileAccess.Write))
                {
                    fs.Write(bytes, 0, bytes.Length);
                    fs.Flush();
                }

                return true;
            }
            catch (Exception e)
            {
                _problem = name + ": " + e.Message;
                Log("write failed: ", name, e.Message);
                return false;
            }
        }

        /// <inheritdoc />
        public bool Delete(string name)
        {
            try
            {
                string path = PathOf(name);
                if (path == null)
                {
                    return false;
                }

                if (File.Exists(path))
                {
                    File.Delete(path);
                }

                return true;
            }
            catch (Exception e)
            {
                Log("delete failed: ", name, e.Message);
                return false;
            }
        }

        /// <summary>I:\name, or null for anything but a plain name (no separators, no drive, not con_*.sys).</summary>
        private string PathOf(string name)
        {
            if (name == null || name.Length == 0 || name.Length > 64 || name.IndexOf('\\') >= 0 || name.IndexOf('/') >= 0
                || name.IndexOf(':') >= 0 || name.IndexOf("..") >= 0 || name.ToLower().StartsWith("con_") || name.ToLower().EndsWith(".sys"))
            {
                return null;
            }

            return _root + name;
        }

        private string _problem;

        /// <inheritdoc />
        public string Problem
        {
            get { return _problem; }
        }

        /// <inheritdoc />
        public bool AtomicWrites
        {
            get { return false; } // FileMode.Create truncates in place
        }

        private void Log(string what, string name, string detail)
        {
            if (_log != null)
            {
                _log.Write("CFG", what, name, detail == null ? null : " (" + detail + ")");
            }
        }
    }
}
