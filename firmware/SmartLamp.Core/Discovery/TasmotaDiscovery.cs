using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Discovery
{
    /// <summary>
    /// Tasmota's own discovery messages (xdrv_12_discovery.ino), read by Home Assistant's Tasmota
    /// integration (hatasmota): retained tasmota/discovery/&lt;MAC&gt;/config and .../sensors.
    /// Keys in Tasmota's order; every key hatasmota's TASMOTA_DISCOVERY_SCHEMA requires is written with
    /// its type (strings, int lists, the "so" object with 4/11/13/17/20/30/68/73/82/114/117), plus the
    /// optional ones Tasmota writes (if, bat, dslp, sho, sht). A plain relay device: rl 1 per relay of
    /// the board, ty 0, if 0, lk 0, lt_st 0, swc = SwitchMode and swn = "Switch&lt;n&gt;" for each switch
    /// input of the board while SetOption114 sends switch actions (else -1 / null, as Tasmota), btn 1 per input of the board only while SetOption73 sends button actions, "so" 4/13/73 from
    /// the device's SetOption4/13/73 and every other option 0 (no lights, no button swap).
    /// </summary>
    public static class TasmotaDiscovery
    {
        /// <summary>Topic prefix (Tasmota's fixed "tasmota/discovery").</summary>
        public const string TopicPrefix = "tasmota/discovery/";

        /// <summary>Discovery format version ("ver").</summary>
        public const int FormatVersion = 1;

        /// <summary>tasmota/discovery/&lt;MAC&gt;/config.</summary>
        public static string ConfigTopic(string mac)
        {
            return TopicPrefix + mac + "/config";
        }

        /// <summary>tasmota/discovery/&lt;MAC&gt;/sensors.</summary>
        public static string SensorsTopic(string mac)
        {
            return TopicPrefix + mac + "/sensors";
        }

        /// <summary>The config payload for <paramref name="d"/>, written with <paramref name="r"/> (cleared first).</summary>
        public static string Config(CommandResponse r, DeviceDescription d)
        {
            int slots = DeviceDescription.Slots;
            r.Clear();
            r.Add("ip", d.IpAddress);
            r.Add("dn", d.DeviceName);
            r.BeginArray("fn");
            for (int i = 0; i < slots; i++)
            {
                r.Item(i < d.RelayCount ? d.FriendlyName(i) : null);
            }

            r.End();
            r.Add("hn", d.Hostname);
            r.Add("mac", d.Mac);
            r.Add("md", d.Model);
            r.Add("ty", 0);
            r.Add("if", 0);
            r.Add("ofln", Mqtt.MqttSession.LwtOffline);
            r.Add("onln", Mqtt.MqttSession.LwtOnline);
            r.BeginArray("state");
            for (int i = 0; i < 4; i++)
            {
                r.Item(d.StateText[i]);
            }

            r.End();
            r.Add("sw", d.BareVersion());
            r.Add("t", d.Topic);
            r.Add("ft", d.FullTopic);
            r.BeginArray("tp");
            for (int i = 0; i < 3; i++)
            {
                r.Item(d.Prefix[i]);
            }

            r.End();
            r.BeginArray("rl");
            for (int i = 0; i < slots; i++)
            {
                r.Item(i < d.RelayCount ? 1 : 0);
            }

            r.End();
            r.BeginArray("swc");
            for (int i = 0; i < slots; i++)
            {
                r.Item(i < d.SwitchCount && d.MqttSwitches ? d.SwitchModes[i] : -1);
            }

            r.End();
            r.BeginArray("swn");
            for (int i = 0; i < slots; i++)
            {
                r.Item(i < d.SwitchCount && d.MqttSwitches ? "Switch" + (i + 1).ToString() : null);
            }

            r.End();
            r.BeginArray("btn");
            for (int i = 0; i < slots; i++)
            {
                r.Item(i < d.ButtonCount && d.MqttButtons ? 1 : 0);
            }

            r.End();
            r.BeginObject("so");
            r.Add("4", d.ResultOnCommandTopic ? 1 : 0);
            r.Add("11", 0);
            r.Add("13", d.ButtonSingle ? 1 : 0);
            r.Add("17", 0);
            r.Add("20", 0);
            r.Add("30", d.RelaysAsLights ? 1 : 0);
            r.Add("68", 0);
            r.Add("73", d.MqttButtons ? 1 : 0);
            r.Add("82", 0);
            r.Add("114", d.MqttSwitches ? 1 : 0);
            r.Add("117", 0);
            r.End();
            r.Add("lk", 0);
            r.Add("lt_st", 0);
            r.Add("bat", 0);
            r.Add("dslp", 0);
            r.BeginArray("sho");
            r.End();
            r.BeginArray("sht");
            r.End();
            r.Add("ver", FormatVersion);
            return r.ToJson();
        }

        /// <summary>
        /// The sensors payload {"sn":{"Time":"..."},"ver":1}: Tasmota's MqttShowSensor, which for a
        /// device without sensors holds only the time.
        /// </summary>
        public static string Sensors(CommandResponse r, string isoTime)
        {
            r.Clear();
            r.BeginObject("sn");
            r.Add("Time", isoTime);
            r.End();
            r.Add("ver", FormatVersion);
            return r.ToJson();
        }
    }
}
