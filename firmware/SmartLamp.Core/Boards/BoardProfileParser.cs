using SmartLamp.Core.Json;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Boards
{
    /// <summary>
    /// Reads and validates a board profile (hardware/README.md describes the format). Every error is
    /// a <see cref="BoardProfileException"/> naming the source and the JSON field path. Pin rules are
    /// those of the classic ESP32: GPIO 0..39; 24 and 28..31 do not exist; 6, 7, 8 and 11 belong to
    /// the SPI flash; 34..39 are input-only and have no internal pull resistors; 1 and 3 are UART0
    /// (COM1, the nanoFramework debugger), so the serial console cannot use them; every pin may
    /// appear only once in a profile.
    /// </summary>
    public static partial class BoardProfileParser
    {
        /// <summary>Most relays a profile may declare (same as <see cref="SmartLamp.Core.Relays.RelayDriver.MaxRelays"/>).</summary>
        public const int MaxRelays = SmartLamp.Core.Relays.RelayDriver.MaxRelays;

        /// <summary>Most buttons a profile may declare.</summary>
        public const int MaxButtons = 8;

        /// <summary>Most switch inputs a profile may declare (Tasmota's Switch1..8).</summary>
        public const int MaxSwitches = 8;

        /// <summary>Most LEDs a profile may declare.</summary>
        public const int MaxLeds = 8;

        /// <summary>Longest profile name.</summary>
        public const int MaxNameLength = 40;

        /// <summary>Highest ESP32 GPIO number.</summary>
        public const int MaxPin = 39;

        /// <summary>Largest profile file in characters.</summary>
        public const int MaxLength = 16384;

        /// <summary>Deepest nesting a profile needs is 3 (root, array, entry); a little slack for notes.</summary>
        public const int MaxDepth = 4;

        private const string TopLevelFields = "name, description, relays, buttons, switches, leds, serial, sources, notes, nanoffTarget";

        /// <summary>
        /// Parses <paramref name="json"/>. <paramref name="source"/> names the profile in error
        /// messages (pass the file path).
        /// </summary>
        public static BoardProfile Parse(string json, string source)
        {
            if (json == null)
            {
                throw new BoardProfileException(source, null, "no content");
            }

            JsonNode root;
            try
            {
                root = JsonReader.Parse(json, MaxDepth, MaxLength);
            }
            catch (JsonException e)
            {
                throw new BoardProfileException(source, null, e.Message, e);
            }

            if (root.Kind != JsonKind.Object)
            {
                throw new BoardProfileException(source, null, "expected a JSON object at the top level, got " + Article(root));
            }

            for (int i = 0; i < root.Count; i++)
            {
                string key = root.KeyAt(i);
                if (!IsTopLevelField(key))
                {
                    throw new BoardProfileException(source, key, "unknown field (known fields: " + TopLevelFields + ")");
                }
            }

            string[] owners = ArraySlots.Strings(MaxPin + 1);
            string name = ReadName(root, source);
            string description = OptionalString(root, "description", source);

            // The nanoff --target for flash.ps1; the firmware only checks that it is a string.
            OptionalString(root, "nanoffTarget", source);
            PinConfig[] relays = ReadOutputs(root, "relays", MaxRelays, true, "drive a relay", owners, source);
            ButtonConfig[] buttons = ReadInputs(root, "buttons", MaxButtons, owners, source);
            ButtonConfig[] switches = ReadInputs(root, "switches", MaxSwitches, owners, source);
            PinConfig[] leds = ReadOutputs(root, "leds", MaxLeds, false, "drive an LED", owners, source);
            int serialTx = BoardProfile.NoPin;
            int serialRx = BoardProfile.NoPin;
            JsonNode serial = root.Get("serial");
            if (serial != null && !serial.IsNull)
            {
                ExpectKind(serial, JsonKind.Object, "serial", source);
                CheckFields(serial, "serial", "tx, rx", source);
                serialTx = ReadPin(serial, "tx", "serial.tx", source);
                CheckSerialPin(serialTx, "serial.tx", source);
                CheckOutput(serialTx, "serial.tx", "be a UART TX", source);
                Claim(owners, serialTx, "serial.tx", source);
                serialRx = ReadPin(serial, "rx", "serial.rx", source);
                CheckSerialPin(serialRx, "serial.rx", source);
                Claim(owners, serialRx, "serial.rx", source);
            }

            string[] sources = ReadStrings(root, "sources", source);
            ReadStrings(root, "notes", source);
            return new BoardProfile(name, description, relays, buttons, switches, leds, serialTx, serialRx, sources);
        }

        private static bool IsTopLevelField(string key)
        {
            return key == "name" || key == "description" || key == "relays" || key == "buttons" || key == "switches" || key == "leds"
                || key == "serial" || key == "sources" || key == "notes" || key == "nanoffTarget";
        }

        private static string ReadName(JsonNode root, string source)
        {
            JsonNode node = root.Get("name");
            if (node == null || node.IsNull)
            {
                throw new BoardProfileException(source, "name", "missing; every board profile needs a name");
            }

            ExpectKind(node, JsonKind.String, "name", source);
            string name = node.StringValue;
            if (name.Length == 0)
            {
                throw new BoardProfileException(source, "name", "must not be empty");
            }

            if (name.Length > MaxNameLength)
            {
                throw new BoardProfileException(source, "name", "is " + name.Length.ToString() + " characters long, at most " + MaxNameLength.ToString() + " are allowed");
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    throw new BoardProfileException(source, "name", "\"" + name + "\" may only contain lower-case letters, digits, '-' and '_'");
                }
            }

            return name;
        }

        private static PinConfig[] ReadOutputs(JsonNode root, string field, int max, bool required, string purpose, string[] owners, string source)
        {
            JsonNode list = root.Get(field);
            if (list == null || list.IsNull)
            {
                if (required)
                {
                    throw new BoardProfileException(source, field, "missing; a board needs at least one relay");
                }

                return new PinConfig[0];
            }

            ExpectKind(list, JsonKind.Array, field, source);
            if (required && list.Count == 0)
            {
                throw new BoardProfileException(source, field, "empty; a board needs at least one relay");
            }

            CheckMax(list, field, max, source);

            PinConfig[] result = (PinConfig[])ArraySlots.Nulls(new PinConfig[list.Count]);
            for (int i = 0; i < list.Count; i++)
            {
                int pin;
                bool activeLow;
                PinEntry(list, field, i, "pin, activeLow", purpose, owners, source, out pin, out activeLow);
                result[i] = new PinConfig(pin, activeLow);
            }

            return result;
        }

        // "buttons" and "switches": the same entry form (pin, activeLow = pressed/closed reads low, pull).
        private static ButtonConfig[] ReadInputs(JsonNode root, string field, int max, string[] owners, string source)
        {
            JsonNode list = root.Get(field);
            if (list == null || list.IsNull)
            {
                return new ButtonConfig[0];
            }

            ExpectKind(list, JsonKind.Array, field, source);
            CheckMax(list, field, max, source);

            ButtonConfig[] result = (ButtonConfig[])ArraySlots.Nulls(new ButtonConfig[list.Count]);
            for (int i = 0; i < list.Count; i++)
            {
                int pin;
                bool activeLow;
                JsonNode entry = PinEntry(list, field, i, "pin, activeLow, pull", null, owners, source, out pin, out activeLow);
                string path = EntryPath(field, i);
                PinPull pull = ReadPull(entry, path + ".pull", source);
                if (pull != PinPull.None && IsInputOnly(pin))
                {
                    throw new BoardProfileException(source, path + ".pull", "GPIO" + pin.ToString() + " has no internal pull resistors; use \"none\" and an external resistor");
                }

                result[i] = new ButtonConfig(pin, activeLow, pull);
            }

            return result;
        }

        private static void CheckMax(JsonNode list, string field, int max, string source)
        {
            if (list.Count > max)
            {
                throw new BoardProfileException(source, field, list.Count.ToString() + " entries, at most " + max.ToString() + " are supported");
            }
        }

        private static string EntryPath(string field, int i)
        {
            return field + "[" + i.ToString() + "]";
        }

        // Entry i of a pin list: an object holding only the given fields, its pin (checked as an output
        // for a purpose, when given, then claimed) and its explicit activeLow.
        private static JsonNode PinEntry(JsonNode list, string field, int i, string fields, string purpose, string[] owners, string source, out int pin, out bool activeLow)
        {
            string path = EntryPath(field, i);
            JsonNode entry = list[i];
            ExpectKind(entry, JsonKind.Object, path, source);
            CheckFields(entry, path, fields, source);
            pin = ReadPin(entry, "pin", path + ".pin", source);
            if (purpose != null)
            {
                CheckOutput(pin, path + ".pin", purpose, source);
            }

            Claim(owners, pin, path + ".pin", source);
            activeLow = RequiredBool(entry, "activeLow", path + ".activeLow", source);
            return entry;
        }

        private static bool RequiredBool(JsonNode entry, string key, string path, string source)
        {
            JsonNode node = entry.Get(key);
            if (node == null || node.IsNull)
            {
                throw new BoardProfileException(source, path, "missing; expected true or false (polarity must be explicit)");
            }

            if (node.Kind != JsonKind.Boolean)
            {
                throw new BoardProfileException(source, path, "expected true or false, got " + Article(node));
            }

            return node.BoolValue;
        }

        private static string OptionalString(JsonNode root, string key, string source)
        {
            JsonNode node = root.Get(key);
            if (node == null || node.IsNull)
            {
                return string.Empty;
            }

            ExpectKind(node, JsonKind.String, key, source);
            return node.StringValue;
        }

        private static string[] ReadStrings(JsonNode root, string key, string source)
        {
            JsonNode list = root.Get(key);
            if (list == null || list.IsNull)
            {
                return new string[0];
            }

            ExpectKind(list, JsonKind.Array, key, source);
            string[] result = ArraySlots.Strings(list.Count);
            for (int i = 0; i < list.Count; i++)
            {
                string path = key + "[" + i.ToString() + "]";
                ExpectKind(list[i], JsonKind.String, path, source);
                result[i] = list[i].StringValue;
            }

            return result;
        }

        private static void CheckFields(JsonNode entry, string path, string allowed, string source)
        {
            for (int i = 0; i < entry.Count; i++)
            {
                string key = entry.KeyAt(i);
                if (!IsListed(key, allowed))
                {
                    throw new BoardProfileException(source, path + "." + key, "unknown field (known fields: " + allowed + ")");
                }
            }
        }

        // allowed is "a, b, c"; true when key is one of the names.
        private static bool IsListed(string key, string allowed)
        {
            string[] names = allowed.Split(',');
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i].Trim() == key)
                {
                    return true;
                }
            }

            return false;
        }

        private static void ExpectKind(JsonNode node, JsonKind kind, string path, string source)
        {
            if (node.Kind != kind)
            {
                throw new BoardProfileException(source, path, "expected " + ArticleOf(kind) + ", got " + Article(node));
            }
        }

        // "a string", "an array", "null", "the number 12.5" — what was found, for messages.
        private static string Article(JsonNode node)
        {
            if (node.Kind == JsonKind.Null)
            {
                return "null";
            }

            if (node.Kind == JsonKind.Number)
            {
                return "the number " + node.NumberText;
            }

            if (node.Kind == JsonKind.Boolean)
            {
                return node.BoolValue ? "true" : "false";
            }

            return ArticleOf(node.Kind);
        }

        private static string ArticleOf(JsonKind kind)
        {
            if (kind == JsonKind.Boolean)
            {
                return "true or false";
            }

            if (kind == JsonKind.Null)
            {
                return "null";
            }

            return (kind == JsonKind.Array || kind == JsonKind.Object ? "an " : "a ") + JsonNode.NameOf(kind);
        }
    }
}
