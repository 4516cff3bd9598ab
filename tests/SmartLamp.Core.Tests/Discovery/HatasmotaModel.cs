using SmartLamp.Core.Json;

namespace SmartLamp.Core.Tests.Discovery
{
    /// <summary>
    /// How hatasmota (utils.py, relay.py, status_sensor.py) reads a discovery config, re-stated
    /// independently of SmartLamp: topics from "ft" with %hostname%, %id% (last 6 MAC digits),
    /// %prefix% and %topic% replaced in that order; Power&lt;idx+1&gt; commands with state[1]/state[0];
    /// the state from key POWER&lt;idx+1&gt;, or POWER for idx 0.
    /// </summary>
    public sealed class HatasmotaModel
    {
        private readonly JsonNode _c;

        public HatasmotaModel(string configPayload)
        {
            _c = JsonReader.Parse(configPayload);
        }

        public string Topic(int prefixIndex)
        {
            string t = _c.Get("ft").StringValue;
            string mac = _c.Get("mac").StringValue;
            t = DiscoveryRig.Swap(t, "%hostname%", _c.Get("hn").StringValue);
            t = DiscoveryRig.Swap(t, "%id%", mac.Substring(mac.Length - 6));
            t = DiscoveryRig.Swap(t, "%prefix%", _c.Get("tp")[prefixIndex].StringValue);
            return DiscoveryRig.Swap(t, "%topic%", _c.Get("t").StringValue);
        }

        public string CommandPowerTopic(int idx)
        {
            return Topic(0) + "POWER" + (idx + 1).ToString();
        }

        public string PollTopic
        {
            get { return Topic(0) + "STATE"; }
        }

        public string StatusCommandTopic
        {
            get { return Topic(0) + "STATUS"; }
        }

        public string ResultTopic
        {
            get { return Topic(1) + "RESULT"; }
        }

        public string StatusTopic(int n)
        {
            return Topic(1) + "STATUS" + n.ToString();
        }

        public string TeleStateTopic
        {
            get { return Topic(2) + "STATE"; }
        }

        public string WillTopic
        {
            get { return Topic(2) + "LWT"; }
        }

        public string Online
        {
            get { return _c.Get("onln").StringValue; }
        }

        public string StateOn
        {
            get { return _c.Get("state")[1].StringValue; }
        }

        public string StateOff
        {
            get { return _c.Get("state")[0].StringValue; }
        }

        /// <summary>hatasmota get_state_power: null when the message says nothing about relay idx.</summary>
        public static string StatePower(string payload, int idx)
        {
            if (payload == null)
            {
                return null;
            }

            JsonNode s;
            try
            {
                s = JsonReader.Parse(payload);
            }
            catch (JsonException)
            {
                return null;
            }

            if (s.Kind != JsonKind.Object)
            {
                return null;
            }

            if (idx == 0 && s.Has("POWER"))
            {
                return s.Get("POWER").StringValue;
            }

            string key = "POWER" + (idx + 1).ToString();
            return s.Has(key) ? s.Get(key).StringValue : null;
        }

        /// <summary>hatasmota get_value_by_path on a parsed status payload; null when a step is missing.</summary>
        public static JsonNode Path(string payload, string a, string b, string c)
        {
            JsonNode n = JsonReader.Parse(payload);
            string[] steps = new string[] { a, b, c };
            for (int i = 0; i < steps.Length && steps[i] != null; i++)
            {
                if (n.Kind != JsonKind.Object || !n.Has(steps[i]))
                {
                    return null;
                }

                n = n.Get(steps[i]);
            }

            return n;
        }
    }
}
