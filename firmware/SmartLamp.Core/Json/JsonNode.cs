using System.Collections;

namespace SmartLamp.Core.Json
{
    /// <summary>
    /// One parsed JSON value (DOM-light, no generics). Objects keep their members in document order
    /// as parallel key/value lists; member names are unique (the reader rejects duplicates). Every
    /// node remembers where it started in the text, so callers can report semantic errors with a
    /// position too. Accessors for the wrong kind throw <see cref="System.InvalidOperationException"/>;
    /// check <see cref="Kind"/> first (or use the Is*/TryGet* members) when the input is untrusted.
    /// </summary>
    public sealed class JsonNode
    {
        // NameOf: JsonKind.Null .. JsonKind.Array in order.
        private static readonly string[] KindNames = new string[] { "null", "boolean", "number", "string", "array" };

        private readonly JsonKind _kind;
        private readonly bool _bool;
        private readonly string _text;
        private readonly long _long;
        private readonly bool _isInteger;
        private readonly ArrayList _values;
        private readonly ArrayList _keys;

        private JsonNode(JsonKind kind, int line, int column, bool boolValue, string text, long longValue, bool isInteger)
        {
            _kind = kind;
            Line = line;
            Column = column;
            _bool = boolValue;
            _text = text;
            _long = longValue;
            _isInteger = isInteger;
            if (kind == JsonKind.Array || kind == JsonKind.Object)
            {
                _values = new ArrayList();
            }

            if (kind == JsonKind.Object)
            {
                _keys = new ArrayList();
            }
        }

        /// <summary>What this node holds.</summary>
        public JsonKind Kind
        {
            get { return _kind; }
        }

        /// <summary>"null", "boolean", "number", "string", "array" or "object" (for error messages).</summary>
        public string KindName
        {
            get { return NameOf(_kind); }
        }

        /// <summary>1-based line where the value starts.</summary>
        public int Line { get; }

        /// <summary>1-based column where the value starts.</summary>
        public int Column { get; }

        /// <summary>True for the literal null.</summary>
        public bool IsNull
        {
            get { return _kind == JsonKind.Null; }
        }

        /// <summary>The value of true/false.</summary>
        public bool BoolValue
        {
            get
            {
                Expect(JsonKind.Boolean);
                return _bool;
            }
        }

        /// <summary>The (unescaped) value of a string.</summary>
        public string StringValue
        {
            get
            {
                Expect(JsonKind.String);
                return _text;
            }
        }

        /// <summary>A number exactly as written in the document, e.g. "-12", "1.5e3".</summary>
        public string NumberText
        {
            get
            {
                Expect(JsonKind.Number);
                return _text;
            }
        }

        /// <summary>True for a number written without fraction or exponent that fits in a long.</summary>
        public bool IsInteger
        {
            get { return _kind == JsonKind.Number && _isInteger; }
        }

        /// <summary>The value of an integer number (<see cref="IsInteger"/>).</summary>
        public long LongValue
        {
            get
            {
                Expect(JsonKind.Number);
                if (!_isInteger)
                {
                    throw new System.InvalidOperationException("JSON number " + _text + " is not an integer");
                }

                return _long;
            }
        }

        /// <summary>The value of any number as a double (computed without System.Math; exact for integers up to 2^53).</summary>
        public double DoubleValue
        {
            get
            {
                Expect(JsonKind.Number);
                return _isInteger ? (double)_long : ParseDouble(_text);
            }
        }

        /// <summary>Number of array items or object members; 0 for scalars.</summary>
        public int Count
        {
            get { return _values == null ? 0 : _values.Count; }
        }

        /// <summary>Array item <paramref name="index"/> (also the value of object member <paramref name="index"/>).</summary>
        public JsonNode this[int index]
        {
            get
            {
                if (_values == null)
                {
                    throw new System.InvalidOperationException("JSON " + KindName + " has no items");
                }

                return (JsonNode)_values[index];
            }
        }

        /// <summary>True when this is an integer in [<paramref name="min"/>, <paramref name="max"/>]; the value goes to <paramref name="value"/>.</summary>
        public bool TryGetInt32(int min, int max, out int value)
        {
            value = 0;
            if (!IsInteger || _long < min || _long > max)
            {
                return false;
            }

            value = (int)_long;
            return true;
        }

        /// <summary>Name of object member <paramref name="index"/>.</summary>
        public string KeyAt(int index)
        {
            Expect(JsonKind.Object);
            return (string)_keys[index];
        }

        /// <summary>Value of object member <paramref name="index"/>.</summary>
        public JsonNode ValueAt(int index)
        {
            Expect(JsonKind.Object);
            return (JsonNode)_values[index];
        }

        /// <summary>Value of member <paramref name="key"/>, or null when this object has no such member.</summary>
        public JsonNode Get(string key)
        {
            int i = IndexOf(key);
            return i < 0 ? null : (JsonNode)_values[i];
        }

        /// <summary>True when this object has a member <paramref name="key"/>.</summary>
        public bool Has(string key)
        {
            return IndexOf(key) >= 0;
        }

        /// <summary>Index of member <paramref name="key"/> (ordinal comparison) or -1.</summary>
        public int IndexOf(string key)
        {
            Expect(JsonKind.Object);
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == key)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>Text name of a kind.</summary>
        public static string NameOf(JsonKind kind)
        {
            return kind >= JsonKind.Null && kind < JsonKind.Object ? KindNames[(int)kind] : "object";
        }

        internal static JsonNode NewNull(int line, int column)
        {
            return new JsonNode(JsonKind.Null, line, column, false, null, 0, false);
        }

        internal static JsonNode NewBool(bool value, int line, int column)
        {
            return new JsonNode(JsonKind.Boolean, line, column, value, null, 0, false);
        }

        internal static JsonNode NewString(string value, int line, int column)
        {
            return new JsonNode(JsonKind.String, line, column, false, value, 0, false);
        }

        internal static JsonNode NewNumber(string text, long value, bool isInteger, int line, int column)
        {
            return new JsonNode(JsonKind.Number, line, column, false, text, value, isInteger);
        }

        internal static JsonNode NewArray(int line, int column)
        {
            return new JsonNode(JsonKind.Array, line, column, false, null, 0, false);
        }

        internal static JsonNode NewObject(int line, int column)
        {
            return new JsonNode(JsonKind.Object, line, column, false, null, 0, false);
        }

        internal void AddItem(JsonNode value)
        {
            _values.Add(value);
        }

        internal void AddMember(string key, JsonNode value)
        {
            _keys.Add(key);
            _values.Add(value);
        }

        private void Expect(JsonKind kind)
        {
            if (_kind != kind)
            {
                throw new System.InvalidOperationException("JSON " + KindName + " is not a " + NameOf(kind));
            }
        }

        // Text already matched the JSON number grammar: -?int(.frac)?([eE][+-]?exp)?
        private static double ParseDouble(string text)
        {
            int i = 0;
            bool negative = false;
            if (text[i] == '-')
            {
                negative = true;
                i++;
            }

            double mantissa = 0;
            int scale = 0;
            while (i < text.Length && text[i] >= '0' && text[i] <= '9')
            {
                mantissa = (mantissa * 10) + (text[i] - '0');
                i++;
            }

            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && text[i] >= '0' && text[i] <= '9')
                {
                    mantissa = (mantissa * 10) + (text[i] - '0');
                    scale--;
                    i++;
                }
            }

            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                i++;
                bool expNegative = false;
                if (text[i] == '+' || text[i] == '-')
                {
                    expNegative = text[i] == '-';
                    i++;
                }

                int exp = 0;
                while (i < text.Length)
                {
                    if (exp < 100000)
                    {
                        exp = (exp * 10) + (text[i] - '0');
                    }

                    i++;
                }

                scale += expNegative ? -exp : exp;
            }

            double value = mantissa;
            // Scale in chunks of at most 10^22 (the largest power of ten a double holds exactly), so
            // ordinary numbers like 0.25 or 1.5e3 round only once.
            int steps = scale < 0 ? -scale : scale;
            while (steps > 0 && value != 0 && value < double.PositiveInfinity)
            {
                int chunk = steps > 22 ? 22 : steps;
                double power = 1;
                for (int k = 0; k < chunk; k++)
                {
                    power *= 10;
                }

                value = scale < 0 ? value / power : value * power;
                steps -= chunk;
            }

            return negative ? -value : value;
        }
    }
}
