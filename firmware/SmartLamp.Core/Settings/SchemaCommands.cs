using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Commands that only set one stored number, made from its line in <see cref="SettingsSchema"/>:
    /// the line gives the name the answer uses and the allowed range; the registration gives what a
    /// change affects (<see cref="SettingsChange"/>, 0 = only stored). One handler serves them all: it
    /// reads the number as Tasmota does, stores it when it is in range and different, and raises the
    /// change itself, so such a command has no handwritten code and can neither forget to save nor to
    /// tell the listeners. A value out of range (or text) changes nothing; every call answers the
    /// current value, <c>{"MqttRetry":10}</c>, as Tasmota does.
    /// </summary>
    public sealed class SchemaCommands
    {
        private readonly SettingsService _service;
        private readonly NumberLine _line = new NumberLine();
        private readonly CommandHandler _cmnd;
        private string[] _names = ArraySlots.Strings(4);
        private int[] _changes = new int[4];
        private int _count;

        /// <summary>Commands over the settings of <paramref name="service"/>; add each with <see cref="Add"/>.</summary>
        public SchemaCommands(SettingsService service)
        {
            if (service == null)
            {
                throw new ArgumentNullException("service");
            }

            _service = service;
            _cmnd = Cmnd; // one delegate for every command added
        }

        /// <summary>
        /// Registers the command named like the schema line <paramref name="key"/> (an Int line) on
        /// <paramref name="d"/>; a change raises <paramref name="changeFlags"/>.
        /// </summary>
        public void Add(CommandDispatcher d, string key, int changeFlags)
        {
            if (d == null)
            {
                throw new ArgumentNullException("d");
            }

            _line.Start(key, null);
            SettingsSchema.Visit(_service.Current, _line);
            if (!_line.Found)
            {
                throw new ArgumentException("no number line in the settings schema", key);
            }

            if (_count == _names.Length)
            {
                string[] names = ArraySlots.Strings(_count * 2);
                int[] changes = new int[_count * 2];
                Array.Copy(_names, names, _count);
                Array.Copy(_changes, changes, _count);
                _names = names;
                _changes = changes;
            }

            _names[_count] = key;
            _changes[_count] = changeFlags;
            _count++;
            d.Register(Upper(key), _cmnd);
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
            int i = 0;
            while (i < _count && !CommandValue.EqualsIgnoreCase(_names[i], req.Name))
            {
                i++;
            }

            if (i == _count)
            {
                return; // not one of ours: the dispatcher answers Unknown
            }

            _line.Start(_names[i], req.Payload);
            SettingsSchema.Visit(_service.Current, _line);
            if (_line.Changed)
            {
                _service.Changed(_changes[i]);
            }

            resp.Add(_names[i], _line.Value);
        }

        /// <summary>Finds one Int line by its key and, given a payload, sets it when the number is in range.</summary>
        private sealed class NumberLine : SettingsVisitor
        {
            private string _key;
            private string _payload;

            public bool Found;
            public bool Changed;
            public int Value;

            public void Start(string key, string payload)
            {
                _key = key;
                _payload = payload;
                Found = false;
                Changed = false;
                Value = 0;
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                if (Found || key != _key)
                {
                    return;
                }

                Found = true;
                if (_payload != null && _payload.Length > 0)
                {
                    int v = CommandValue.Parse(_payload);
                    if (v >= min && v <= max && v != field)
                    {
                        field = v;
                        Changed = true;
                    }
                }

                Value = field;
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
            }

            public override void Flag(string key, ref bool field)
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
