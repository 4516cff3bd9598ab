using System;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Keeps the settings in two blobs of the <see cref="ISettingsStore"/>, <see cref="NameA"/> and
    /// <see cref="NameB"/>, written alternately: a save always overwrites the copy that is NOT the
    /// newest valid one, with the next sequence number. A power cut in the middle of a save can only
    /// damage the copy being written, so a load finds the previous settings in the other one. Load
    /// picks the valid copy with the highest "Seq" (A on a tie). With no valid copy it falls back to
    /// defaults and reports why.
    /// </summary>
    public sealed class SettingsJournal
    {
        /// <summary>First copy.</summary>
        public const string NameA = "settings.a.json";

        /// <summary>Second copy.</summary>
        public const string NameB = "settings.b.json";

        /// <summary>Load result: nothing stored at all (first boot); defaults.</summary>
        public const int Empty = 0;

        /// <summary>Load result: a valid copy was loaded (possibly with some values replaced, see the problems).</summary>
        public const int Loaded = 1;

        /// <summary>Load result: something was stored but no copy is valid; defaults.</summary>
        public const int Unreadable = 3;

        private readonly ISettingsStore _store;
        private string _newest;
        private int _seq;

        /// <summary>A journal over <paramref name="store"/>.</summary>
        public SettingsJournal(ISettingsStore store)
        {
            Require.NotNull(store, "store");

            _store = store;
        }

        /// <summary>Sequence number of the newest valid copy (0 when none): Tasmota's SaveCount.</summary>
        public int Seq
        {
            get { return _seq; }
        }

        /// <summary>Name of the newest valid copy, or null.</summary>
        public string Newest
        {
            get { return _newest; }
        }

        /// <summary>
        /// Fills <paramref name="target"/> (defaults first) from the newest valid copy. Returns
        /// <see cref="Empty"/>, <see cref="Loaded"/>, <see cref="Migrated"/> or <see cref="Unreadable"/>;
        /// <paramref name="report"/> receives what went wrong, "; " separated (copies refused with their
        /// reason, values replaced by defaults, unknown keys). Never throws.
        /// </summary>
        public int Load(DeviceSettings target, string mac, TextBuffer report)
        {
            target.ApplyDefaults(mac);
            _newest = null;
            _seq = 0;

            string textA = Read(NameA);
            string textB = Read(NameB);
            int seqA = -1;
            int seqB = -1;
            string errorA = "missing";
            string errorB = "missing";
            SettingsFileReader reader = textA == null && textB == null ? null : new SettingsFileReader(); // no JSON tree: one strict walk, values read in place
            bool a = reader != null && reader.Open(textA, out seqA, out errorA);
            bool b = reader != null && reader.Open(textB, out seqB, out errorB);

            if (a || b)
            {
                bool useA = a && (!b || seqA >= seqB);
                if (useA && !b && textB != null)
                {
                    Append(report, NameB + " " + errorB);
                }
                else if (!useA && !a && textA != null)
                {
                    Append(report, NameA + " " + errorA);
                }

                if (useA)
                {
                    reader.Open(textA, out seqA, out errorA); // the reader holds the last copy opened (B)
                }

                _newest = useA ? NameA : NameB;
                _seq = useA ? seqA : seqB;
                reader.Decode(target, report);
                return Loaded;
            }

            if (textA == null && textB == null && report.Length == 0)
            {
                return Empty;
            }

            if (textA != null || textB != null)
            {
                Append(report, NameA + " " + errorA);
                Append(report, NameB + " " + errorB);
            }

            return Unreadable;
        }

        /// <summary>
        /// True when <paramref name="body"/> (from <see cref="SettingsCodec.EncodeBody"/>) is what the newest
        /// copy holds. The copy is read back from the store and compared in place: nothing of it is kept on
        /// the heap between saves (a save is rare; the body is the largest thing a device would keep).
        /// </summary>
        public bool IsStored(string body)
        {
            return _newest != null && SettingsCodec.IsBodyOf(Read(_newest), _seq, body);
        }

        /// <summary>
        /// Writes <paramref name="body"/> as the next copy (sequence number + 1) over the older copy.
        /// False when the store refused or threw (the newest valid copy is then unchanged). Never throws.
        /// </summary>
        public bool Save(string body)
        {
            string target = _newest == NameA ? NameB : NameA;
            int seq = _seq + 1;
            string file = SettingsCodec.EncodeFile(body, seq); // a buffer of the file's size, for this save only
            LastProblem = null;
            bool ok = TryWrite(target, file);
            if (!ok && (_newest == null || _store.AtomicWrites))
            {
                // This copy cannot be written (a directory in its place, a bad sector): try the other one
                // when it holds nothing valid, or when a failed write leaves it intact (atomic store).
                string problem = LastProblem;
                target = target == NameA ? NameB : NameA;
                ok = TryWrite(target, file);
                if (!ok)
                {
                    LastProblem = problem + "; " + LastProblem;
                }
            }

            if (!ok)
            {
                return false;
            }

            _newest = target;
            _seq = seq;

            return true;
        }

        /// <summary>Why the last <see cref="Save"/> failed ("settings.b.json: disk full"), or null.</summary>
        public string LastProblem { get; private set; }

        private bool TryWrite(string name, string file)
        {
            try
            {
                if (_store.Write(name, file))
                {
                    return true;
                }

                string why = _store.Problem;
                LastProblem = why != null && why.Length > 0 ? why : name + ": the store refused the write";
            }
            catch (Exception e)
            {
                LastProblem = name + ": " + e.Message;
            }

            return false;
        }

        private string Read(string name)
        {
            try
            {
                return _store.Read(name);
            }
            catch (Exception)
            {
                return null;
            }
        }

        private static void Append(TextBuffer report, string text)
        {
            if (report.Length > 0)
            {
                report.Append("; ");
            }

            report.Append(text);
        }
    }
}
