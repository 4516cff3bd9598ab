using System;
using System.Collections;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Commands that only set one stored value, made from its line in <see cref="SettingsSchema"/>:
    /// the line gives the name the answer uses and the allowed range or length; the registration gives
    /// what a change affects (<see cref="SettingsChange"/>, 0 = only stored) and a few options. One
    /// handler serves them all and stores through <see cref="SettingsService.Set(ref int, int, int)"/>,
    /// so such a command has no handwritten code and can neither forget to save nor to tell the
    /// listeners. Every call answers the current value, as Tasmota does:
    /// <list type="bullet">
    /// <item>a number (<see cref="Add(string, int)"/>): read as Tasmota reads it;
    ///   out of range or text changes nothing; <c>{"MqttRetry":10}</c>;</item>
    /// <item>a text (<see cref="AddText"/>, <see cref="AddTexts"/> for Prefix1..3-like lines): "1"
    ///   stores the default, "0" clears with <see cref="ZeroClears"/>, control characters or a length
    ///   outside the line's limits answer {"Command":"Error"}; <c>{"MqttHost":"broker"}</c>, a
    ///   <see cref="Secret"/> answers "****";</item>
    /// <item>an on/off value (<see cref="AddFlag"/>), read and answered by <see cref="OnOff"/>:
    ///   <c>{"MqttRetainedCmnd":"ON"}</c> (StateText).</item>
    /// </list>
    /// </summary>
    public sealed class SchemaCommands
    {
        // Options of a registration, OR'ed (the kind of line says which apply):
        public const int ZeroClears = 1; // text: "0" stores "" (refused where the line needs a character)
        public const int OneIsDefault = 2; // number: "1" stores the default (MqttPort 1 = 1883); a text always does
        public const int Secret = 4; // text: answered "****" (Asterisks), never the value
        public const int ReplaceMqtt = 8; // text: '+', '#' and ' ' become '_' (Tasmota's MakeValidMqtt for a topic part)
        public const int DeleteMqtt = 16; // text: '+', '#' and ' ' are removed (MakeValidMqtt for FullTopic)

        private readonly SettingsService _service;
        private readonly Line _line;
        private bool _registered;
        private readonly ArrayList _entries = new ArrayList();

        /// <summary>Commands over the settings of <paramref name="service"/>; add each with the Add methods, then <see cref="Register"/> them all at once.</summary>
        public SchemaCommands(SettingsService service)
        {
            Require.NotNull(service, "service");

            _service = service;
            _line = new Line(service);
        }

        /// <summary>What a <see cref="Secret"/> answers instead of its value.</summary>
        public const string Asterisks = "****";

        /// <summary>Adds the command named like the Int schema line <paramref name="key"/> (see <see cref="Register"/>); a change raises <paramref name="changeFlags"/>.</summary>
        public void Add(string key, int changeFlags)
        {
            AddLine(key, 0, Line.Number, changeFlags, 0);
        }

        /// <summary>As <see cref="Add(string, int)"/> with <paramref name="options"/> (<see cref="OneIsDefault"/>).</summary>
        public void Add(string key, int changeFlags, int options)
        {
            AddLine(key, 0, Line.Number, changeFlags, options);
        }

        /// <summary>Adds the command named like the Text schema line <paramref name="key"/>; <paramref name="options"/>: <see cref="ZeroClears"/>, <see cref="Secret"/>, <see cref="ReplaceMqtt"/>, <see cref="DeleteMqtt"/>.</summary>
        public void AddText(string key, int changeFlags, int options)
        {
            AddLine(key, 0, Line.TextLine, changeFlags, options);
        }

        /// <summary>
        /// Adds <paramref name="name"/>1..<paramref name="count"/> (Text lines) as one indexed
        /// command: <c>Prefix2 x</c> sets one, <c>Prefix</c> lists all, an index outside 1..count is an error.
        /// </summary>
        public void AddTexts(string name, int count, int changeFlags, int options)
        {
            AddLine(name, count, Line.TextLine, changeFlags, options);
        }

        /// <summary>Adds the command named like the Flag schema line <paramref name="key"/>.</summary>
        public void AddFlag(string key, int changeFlags)
        {
            AddLine(key, 0, Line.FlagLine, changeFlags, 0);
        }

        private void AddLine(string name, int count, int kind, int changeFlags, int options)
        {
            if (_registered)
            {
                throw new InvalidOperationException("schema commands already registered");
            }

            for (int i = count == 0 ? 0 : 1; i <= count; i++)
            {
                string key = count == 0 ? name : name + i.ToString();
                _line.Start(key, null, 0, 0, false);
                SettingsSchema.Visit(_service.Current, _line);
                if (_line.Kind != kind)
                {
                    throw new ArgumentException("no such line in the settings schema", key);
                }
            }

            Entry e = new Entry();
            e.Name = name;
            e.Command = Upper(name);
            e.Count = count;
            e.Kind = kind;
            e.Changes = changeFlags;
            e.Options = options;
            _entries.Add(e);
        }

        /// <summary>
        /// Registers every command added so far on <paramref name="d"/> as one capability (one handler, one
        /// name table); call it once, after the Add calls. A later Add throws: its command would never run.
        /// </summary>
        public void Register(CommandDispatcher d)
        {
            Require.NotNull(d, "d");

            if (_registered)
            {
                throw new InvalidOperationException("schema commands registered twice");
            }

            string[] names = ArraySlots.Strings(_entries.Count);
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = ((Entry)_entries[i]).Command;
            }

            d.Register(names, Cmnd);
            _registered = true;
        }

        private static string Upper(string key)
        {
            char[] c = key.ToCharArray();
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = CommandValue.ToUpperAscii(c[i]);
            }

            return new string(c);
        }

        private void Cmnd(CommandRequest req, CommandResponse resp)
        {
            Entry e = (Entry)_entries[req.Command]; // the table registered holds the entries' names in order

            if (e.Count == 0)
            {
                Run(e, e.Name, req.Payload, resp, 0);
                return;
            }

            if (req.Index < 1 || req.Index > e.Count)
            {
                return; // {"Command":"Error"}
            }

            if (req.HasIndex)
            {
                Run(e, e.Name + req.Index.ToString(), req.Payload, resp, req.Index);
                return;
            }

            for (int i = 1; i <= e.Count; i++)
            {
                Run(e, e.Name + i.ToString(), string.Empty, resp, i);
            }
        }

        /// <summary>Applies <paramref name="payload"/> to the line <paramref name="key"/> and adds the answer (indexed when <paramref name="index"/> &gt; 0); nothing when refused.</summary>
        private void Run(Entry e, string key, string payload, CommandResponse resp, int index)
        {
            bool toDefault = e.Kind == Line.TextLine ? CommandValue.IsChar(payload, '1') : (e.Options & OneIsDefault) != 0 && CommandValue.Parse(payload) == 1;
            if (toDefault)
            {
                // "1" asks for the default: read it from a default copy (only on this rare command).
                _line.Start(key, null, 0, 0, false);
                SettingsSchema.Visit(DeviceSettings.CreateDefaults(_service.Mac), _line);
            }

            _line.Start(key, payload, e.Options, e.Changes, toDefault);
            SettingsSchema.Visit(_service.Current, _line);
            if (_line.Refused)
            {
                return;
            }

            if (_line.Kind == Line.Number)
            {
                resp.Add(e.Name, _line.NumberValue); // numbers are never indexed (AddTexts only)
                return;
            }

            string text = _line.Kind == Line.FlagLine ? OnOff.Text(_service.Current.StateText, _line.FlagValue) : ((e.Options & Secret) != 0 ? Asterisks : _line.TextValue);
            if (index == 0)
            {
                resp.Add(e.Name, text);
            }
            else
            {
                resp.AddIndexed(e.Name, index, text);
            }
        }

        /// <summary>
        /// The text a text command's <paramref name="payload"/> asks for: <paramref name="value"/> null
        /// for a query (empty payload), "" for "0" with <see cref="ZeroClears"/>,
        /// <paramref name="defaultValue"/> for "1", else the payload (made valid for MQTT with
        /// <see cref="ReplaceMqtt"/>/<see cref="DeleteMqtt"/>). False (answer {"Command":"Error"}) when
        /// it has control characters or its length is outside <paramref name="minLength"/>..<paramref name="maxLength"/>.
        /// </summary>
        public static bool TryText(string payload, string defaultValue, int options, int minLength, int maxLength, out string value)
        {
            value = null;
            if (payload == null || payload.Length == 0)
            {
                return true;
            }

            if ((options & ZeroClears) != 0 && CommandValue.IsChar(payload, '0'))
            {
                value = string.Empty;
                return minLength == 0;
            }

            if (CommandValue.IsChar(payload, '1'))
            {
                value = defaultValue;
                return true;
            }

            string v = (options & (ReplaceMqtt | DeleteMqtt)) != 0 ? Chars.MakeValidMqtt(payload, (options & DeleteMqtt) != 0) : payload;
            if (v.Length < minLength || v.Length == 0 || !SettingsCodec.IsCleanText(v, maxLength))
            {
                return false;
            }

            value = v;
            return true;
        }

        private sealed class Entry
        {
            public string Name;
            public string Command;
            public int Count;
            public int Kind;
            public int Changes;
            public int Options;
        }

        /// <summary>Finds one line by its key and, given a payload, sets it through the service when the value is valid.</summary>
        private sealed class Line : SettingsVisitor
        {
            public const int None = 0;
            public const int Number = 1;
            public const int TextLine = 2;
            public const int FlagLine = 3;

            private readonly SettingsService _service;
            private string _key;
            private string _payload;
            private int _options;
            private int _changes;
            private bool _useDefault;

            public int Kind;
            public bool Refused;
            public int NumberValue;
            public string TextValue;
            public bool FlagValue;

            public Line(SettingsService service)
            {
                _service = service;
            }

            /// <summary>
            /// Looks for <paramref name="key"/>; a null or empty <paramref name="payload"/> only reads the
            /// value. With <paramref name="useDefault"/> the value the previous visit read (of the default
            /// copy) is stored instead of the payload's.
            /// </summary>
            public void Start(string key, string payload, int options, int changes, bool useDefault)
            {
                _key = key;
                _payload = payload;
                _options = options;
                _changes = changes;
                _useDefault = useDefault;
                Kind = None;
                Refused = false;
            }

            private bool Wants(string key, int kind)
            {
                if (Kind != None || key != _key)
                {
                    return false;
                }

                Kind = kind;
                return true;
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                if (!Wants(key, Number))
                {
                    return;
                }

                if (_payload != null && _payload.Length > 0)
                {
                    int v = _useDefault ? NumberValue : CommandValue.Parse(_payload);
                    if (v >= min && v <= max)
                    {
                        _service.Set(ref field, v, _changes);
                    }
                }

                NumberValue = field;
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                if (!Wants(key, TextLine))
                {
                    return;
                }

                string v;
                if (!TryText(_payload, _useDefault ? TextValue : null, _options, minLength, maxLength, out v))
                {
                    Refused = true;
                    return;
                }

                if (v != null)
                {
                    _service.Set(ref field, v, _changes);
                }

                TextValue = field;
            }

            public override void Flag(string key, ref bool field)
            {
                if (!Wants(key, FlagLine))
                {
                    return;
                }

                int v = OnOff.Read(_payload);
                if (v == OnOff.Refused)
                {
                    Refused = true;
                    return;
                }

                if (v != OnOff.Query)
                {
                    _service.Set(ref field, v == OnOff.On, _changes);
                }

                FlagValue = field;
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
            }
        }
    }
}
