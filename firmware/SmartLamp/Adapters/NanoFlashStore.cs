using System;
using System.IO;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="ISettingsStore"/> as a text file on the internal LittleFS volume I: (partition "config",
    /// shared with the device's own Wi-Fi/certificate files - never format it or delete unknown files).
    /// Never throws: a failed load is null, a failed save is false, both logged.
    /// </summary>
    /// <remarks>
    /// Save: write <c>smartlamp.cfg.tmp</c>, read it back, rename the current file to <c>smartlamp.cfg.bak</c>
    /// (replacing the previous backup), rename the temp file to <c>smartlamp.cfg</c>. File.Move refuses to
    /// overwrite and there is no File.Replace, so this is not atomic: between the two renames no
    /// <c>smartlamp.cfg</c> exists. A power cut inside that window leaves the previous settings in the
    /// .bak file, and Load falls back to it. The .tmp file is never loaded (it may be half written).
    /// </remarks>
    public sealed class NanoFlashStore : ISettingsStore
    {
        /// <summary>Default settings file.</summary>
        public const string DefaultPath = "I:\\smartlamp.cfg";

        private readonly string _path;
        private readonly string _tmp;
        private readonly string _bak;
        private readonly ILog _log;

        /// <summary>Stores at <see cref="DefaultPath"/>; <paramref name="log"/> may be null.</summary>
        public NanoFlashStore(ILog log)
            : this(DefaultPath, log)
        {
        }

        /// <summary>Stores at <paramref name="path"/> (absolute, e.g. "I:\\x.cfg").</summary>
        public NanoFlashStore(string path, ILog log)
        {
            _path = path;
            _tmp = path + ".tmp";
            _bak = path + ".bak";
            _log = log;
        }

        /// <inheritdoc />
        public string Load()
        {
            string text = TryRead(_path);
            if (text != null)
            {
                return text;
            }

            text = TryRead(_bak);
            if (text != null)
            {
                Log("settings file missing or unreadable, using backup ", _bak);
            }

            return text;
        }

        /// <inheritdoc />
        public bool Save(string text)
        {
            if (text == null)
            {
                return false;
            }

            try
            {
                if (File.Exists(_tmp))
                {
                    File.Delete(_tmp);
                }

                File.WriteAllText(_tmp, text);
                string check = File.ReadAllText(_tmp);
                if (check != text)
                {
                    Log("settings write verify failed: ", _tmp);
                    File.Delete(_tmp);
                    return false;
                }

                if (File.Exists(_path))
                {
                    if (File.Exists(_bak))
                    {
                        File.Delete(_bak);
                    }

                    // Non-atomic window starts here (see the class remarks).
                    File.Move(_path, _bak);
                }

                File.Move(_tmp, _path);
                return true;
            }
            catch (Exception e)
            {
                Log("settings save failed: ", e.Message);
                return false;
            }
        }

        private string TryRead(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return null;
                }

                return File.ReadAllText(path);
            }
            catch (Exception e)
            {
                Log("settings read failed: ", e.Message);
                return null;
            }
        }

        private void Log(string what, string detail)
        {
            if (_log != null)
            {
                _log.Write("CFG", what, detail, null);
            }
        }
    }
}
