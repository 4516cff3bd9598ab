using SmartLamp.Core.Json;

namespace SmartLamp.Core.Tests.Discovery
{
    /// <summary>
    /// The consumers' rules, written from their sources and not from SmartLamp's producer:
    /// hatasmota's TASMOTA_DISCOVERY_SCHEMA / TASMOTA_OPTIONS_SCHEMA / TASMOTA_SENSOR_DISCOVERY_SCHEMA
    /// (discovery.py, config_validation.py: string = not null/list/dict, bit = int 0..1,
    /// positive_int = int &gt;= 0, ensure_list), its topic rule (utils.py TOPIC_MATCHER and the
    /// topic-vs-payload MAC check), and Home Assistant's MQTT switch discovery (mqtt.markdown,
    /// switch.mqtt.markdown). Stricter than the consumers where the right type is known: strings must
    /// be JSON strings and ints JSON integers. Each check returns null when valid, else the first problem.
    /// </summary>
    public static class DiscoverySchema
    {
        /// <summary>Checks a tasmota/discovery/&lt;MAC&gt;/config message (topic and payload).</summary>
        public static string CheckTasmotaConfig(string topic, string payload)
        {
            string mac = TopicMac(topic, "config");
            if (mac == null)
            {
                return "topic " + topic + " does not match tasmota/discovery/([A-Z0-9_-]+)/config";
            }

            JsonNode c;
            try
            {
                c = JsonReader.Parse(payload);
            }
            catch (JsonException e)
            {
                return "not JSON: " + e.Message;
            }

            if (c.Kind != JsonKind.Object)
            {
                return "payload is not an object";
            }

            string e1 =
                IntList(c, "btn", 0, true) ?? Str(c, "dn") ?? OptStrList(c, "fn", true) ?? Str(c, "ft") ?? Str(c, "hn") ??
                OptBit(c, "if") ?? Str(c, "ip") ?? Int(c, "lt_st", 0, int.MaxValue, true) ?? Int(c, "lk", 0, 1, true) ??
                Str(c, "mac") ?? Str(c, "md") ?? Str(c, "ofln") ?? Str(c, "onln") ?? Options(c) ??
                StrList(c, "tp", 3) ?? StrList(c, "state", 4) ?? OptIntList(c, "bat") ?? OptIntList(c, "dslp") ??
                OptIntList(c, "sho") ?? Tilt(c) ?? Str(c, "sw") ?? IntList(c, "swc", -1, true) ??
                OptStrList(c, "swn", false) ?? IntList(c, "rl", 0, true) ?? Str(c, "t") ?? Int(c, "ty", 0, 1, true) ??
                Int(c, "ver", 1, 1, true);
            if (e1 != null)
            {
                return e1;
            }

            if (c.Get("mac").StringValue != mac)
            {
                return "MAC mismatch between topic and payload, '" + mac + "' != '" + c.Get("mac").StringValue + "'";
            }

            return null;
        }

        /// <summary>Checks a tasmota/discovery/&lt;MAC&gt;/sensors message.</summary>
        public static string CheckTasmotaSensors(string topic, string payload)
        {
            if (TopicMac(topic, "sensors") == null)
            {
                return "topic " + topic + " does not match tasmota/discovery/([A-Z0-9_-]+)/sensors";
            }

            JsonNode c;
            try
            {
                c = JsonReader.Parse(payload);
            }
            catch (JsonException e)
            {
                return "not JSON: " + e.Message;
            }

            if (c.Kind != JsonKind.Object || !c.Has("sn") || c.Get("sn").Kind != JsonKind.Object)
            {
                return "sn: required dict";
            }

            return Int(c, "ver", 1, 1, true);
        }

        /// <summary>
        /// Checks a native homeassistant/switch/&lt;object_id&gt;/config message: the keys the issue lists with
        /// their types, IDs of [a-zA-Z0-9_-] with object_id = unique_id, the MAC connection matching
        /// <paramref name="mac12"/>.
        /// </summary>
        public static string CheckHassSwitch(string topic, string payload, string mac12)
        {
            JsonNode c;
            try
            {
                c = JsonReader.Parse(payload);
            }
            catch (JsonException e)
            {
                return "not JSON: " + e.Message;
            }

            if (c.Kind != JsonKind.Object)
            {
                return "payload is not an object";
            }

            string e1 = OptStr(c, "name") ?? Str(c, "unique_id") ?? Str(c, "command_topic") ?? Str(c, "state_topic") ??
                Str(c, "payload_on") ?? Str(c, "payload_off") ?? Str(c, "availability_topic") ??
                Str(c, "payload_available") ?? Str(c, "payload_not_available");
            if (e1 != null)
            {
                return e1;
            }

            string id = c.Get("unique_id").StringValue;
            if (!IsId(id))
            {
                return "unique_id: only [a-zA-Z0-9_-] allowed";
            }

            if (topic != "homeassistant/switch/" + id + "/config")
            {
                return "topic " + topic + " is not homeassistant/switch/<unique_id>/config";
            }

            if (!c.Has("device") || c.Get("device").Kind != JsonKind.Object)
            {
                return "device: required object";
            }

            JsonNode d = c.Get("device");
            e1 = StrList(d, "identifiers", 1) ?? Str(d, "manufacturer") ?? Str(d, "model") ?? Str(d, "sw_version") ?? Str(d, "name");
            if (e1 != null)
            {
                return "device." + e1;
            }

            if (!d.Has("connections") || d.Get("connections").Kind != JsonKind.Array || d.Get("connections").Count < 1)
            {
                return "device.connections: required list";
            }

            JsonNode pair = d.Get("connections")[0];
            if (pair.Kind != JsonKind.Array || pair.Count != 2 || pair[0].Kind != JsonKind.String || pair[1].Kind != JsonKind.String)
            {
                return "device.connections[0]: must be [type, value]";
            }

            if (pair[0].StringValue != "mac" || !SameMac(pair[1].StringValue, mac12))
            {
                return "device.connections[0]: expected [\"mac\", " + mac12 + "], got [" + pair[0].StringValue + ", " + pair[1].StringValue + "]";
            }

            return null;
        }

        /// <summary>hatasmota's TOPIC_MATCHER on tasmota/discovery/&lt;mac&gt;/&lt;kind&gt;: the MAC, or null.</summary>
        public static string TopicMac(string topic, string kind)
        {
            const string prefix = "tasmota/discovery/";
            string suffix = "/" + kind;
            if (topic == null || !topic.StartsWith(prefix) || !topic.EndsWith(suffix))
            {
                return null;
            }

            string mac = topic.Substring(prefix.Length, topic.Length - prefix.Length - suffix.Length);
            if (mac.Length == 0)
            {
                return null;
            }

            for (int i = 0; i < mac.Length; i++)
            {
                char ch = mac[i];
                if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
                {
                    return null;
                }
            }

            return mac;
        }

        private static bool IsId(string s)
        {
            if (s.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                char ch = s[i];
                if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SameMac(string colons, string mac12)
        {
            if (colons.Length != 17)
            {
                return false;
            }

            int n = 0;
            for (int i = 0; i < 17; i++)
            {
                char ch = colons[i];
                if (i % 3 == 2)
                {
                    if (ch != ':')
                    {
                        return false;
                    }

                    continue;
                }

                char up = ch >= 'a' && ch <= 'f' ? (char)(ch - 32) : ch;
                if (up != mac12[n++])
                {
                    return false;
                }
            }

            return true;
        }

        private static string Str(JsonNode o, string key)
        {
            if (!o.Has(key))
            {
                return key + ": required key missing";
            }

            return o.Get(key).Kind == JsonKind.String ? null : key + ": expected a string, got " + o.Get(key).KindName;
        }

        private static string OptStr(JsonNode o, string key)
        {
            if (!o.Has(key))
            {
                return key + ": required key missing";
            }

            JsonKind k = o.Get(key).Kind;
            return k == JsonKind.String || k == JsonKind.Null ? null : key + ": expected a string or null, got " + o.Get(key).KindName;
        }

        private static string Int(JsonNode o, string key, int min, int max, bool required)
        {
            if (!o.Has(key))
            {
                return required ? key + ": required key missing" : null;
            }

            int v;
            if (!o.Get(key).TryGetInt32(min, max, out v))
            {
                return key + ": expected an integer " + min.ToString() + ".." + max.ToString();
            }

            return null;
        }

        private static string OptBit(JsonNode o, string key)
        {
            return Int(o, key, 0, 1, false);
        }

        private static string IntList(JsonNode o, string key, int min, bool required)
        {
            if (!o.Has(key))
            {
                return required ? key + ": required key missing" : null;
            }

            JsonNode a = o.Get(key);
            if (a.Kind != JsonKind.Array)
            {
                return key + ": expected a list";
            }

            for (int i = 0; i < a.Count; i++)
            {
                int v;
                if (!a[i].TryGetInt32(min, int.MaxValue, out v))
                {
                    return key + "[" + i.ToString() + "]: expected an integer >= " + min.ToString();
                }
            }

            return null;
        }

        private static string OptIntList(JsonNode o, string key)
        {
            if (o.Has(key) && o.Get(key).Kind == JsonKind.Number)
            {
                return Int(o, key, 0, int.MaxValue, true); // ensure_list: a single positive int is a list of one
            }

            return IntList(o, key, 0, false);
        }

        private static string Tilt(JsonNode o)
        {
            if (!o.Has("sht"))
            {
                return null;
            }

            JsonNode a = o.Get("sht");
            if (a.Kind != JsonKind.Array)
            {
                return "sht: expected a list";
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (a[i].Kind != JsonKind.Array)
                {
                    return "sht[" + i.ToString() + "]: expected a list of ints";
                }
            }

            return null;
        }

        private static string StrList(JsonNode o, string key, int minCount)
        {
            if (!o.Has(key))
            {
                return key + ": required key missing";
            }

            JsonNode a = o.Get(key);
            if (a.Kind != JsonKind.Array || a.Count < minCount)
            {
                return key + ": expected a list of at least " + minCount.ToString() + " strings";
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (a[i].Kind != JsonKind.String)
                {
                    return key + "[" + i.ToString() + "]: expected a string";
                }
            }

            return null;
        }

        private static string OptStrList(JsonNode o, string key, bool required)
        {
            if (!o.Has(key))
            {
                return required ? key + ": required key missing" : null;
            }

            JsonNode a = o.Get(key);
            if (a.Kind != JsonKind.Array)
            {
                return key + ": expected a list";
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (a[i].Kind != JsonKind.String && a[i].Kind != JsonKind.Null)
                {
                    return key + "[" + i.ToString() + "]: expected a string or null";
                }
            }

            return null;
        }

        private static string Options(JsonNode c)
        {
            if (!c.Has("so"))
            {
                return "so: required key missing";
            }

            string[] RequiredOptions = new string[] { "11", "13", "17", "20", "30", "68", "73", "82" };
            string[] OptionalOptions = new string[] { "4", "80", "114", "117" };
            JsonNode so = c.Get("so");
            if (so.Kind != JsonKind.Object)
            {
                return "so: expected an object";
            }

            for (int i = 0; i < RequiredOptions.Length; i++)
            {
                string e = Int(so, RequiredOptions[i], 0, 1, true);
                if (e != null)
                {
                    return "so." + e;
                }
            }

            for (int i = 0; i < OptionalOptions.Length; i++)
            {
                string e = Int(so, OptionalOptions[i], 0, 1, false);
                if (e != null)
                {
                    return "so." + e;
                }
            }

            return null;
        }
    }
}
