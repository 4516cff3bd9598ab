using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Discovery
{
    /// <summary>
    /// Home Assistant's native MQTT discovery for the relays: one retained
    /// homeassistant/switch/&lt;unique_id&gt;/config per relay (or homeassistant/light/... with
    /// SetOption30 1, see <see cref="Config"/>), unique_id = &lt;MAC&gt;_RL_&lt;n&gt;
    /// (Tasmota's former HASS discovery used the same "_RL_" form). The switch commands with
    /// cmnd/&lt;t&gt;/POWER&lt;n&gt; ON|OFF and reads the plain state the device publishes on
    /// stat/&lt;t&gt;/POWER (one relay) or stat/&lt;t&gt;/POWER&lt;n&gt; (StateText1/2 as state_off/state_on),
    /// which also works with SetOption4, where RESULT is not published. Availability is the LWT
    /// (Online/Offline). The device block names the device by its topic, with the MAC as identifier
    /// and connection, manufacturer SmartLamp, the board as model and the firmware version.
    /// </summary>
    public static class HassDiscovery
    {
        /// <summary>Home Assistant's default discovery prefix.</summary>
        public const string Prefix = "homeassistant/";

        /// <summary>Where Home Assistant publishes its birth ("online") and last will ("offline").</summary>
        public const string StatusTopic = "homeassistant/status";

        /// <summary>Birth payload of Home Assistant's MQTT integration.</summary>
        public const string Online = "online";

        /// <summary>Manufacturer in the device block.</summary>
        public const string Manufacturer = "SmartLamp";

        /// <summary>Unique id of relay <paramref name="index0"/>: &lt;MAC&gt;_RL_&lt;n&gt; (n from 1).</summary>
        public static string UniqueId(string mac, int index0)
        {
            return mac + "_RL_" + (index0 + 1).ToString();
        }

        /// <summary>homeassistant/switch/&lt;unique_id&gt;/config.</summary>
        public static string ConfigTopic(string mac, int index0)
        {
            return ConfigTopic(mac, index0, false);
        }

        /// <summary>homeassistant/light/&lt;unique_id&gt;/config (<paramref name="light"/>) or homeassistant/switch/&lt;unique_id&gt;/config.</summary>
        public static string ConfigTopic(string mac, int index0, bool light)
        {
            return Prefix + (light ? "light/" : "switch/") + UniqueId(mac, index0) + "/config";
        }

        /// <summary>
        /// The config of relay <paramref name="index0"/> for its kind, written with <paramref name="r"/>
        /// (cleared first): a light with SetOption30 1 (<see cref="DeviceDescription.RelaysAsLights"/>), else a
        /// switch. The light schema (Home Assistant's default, on/off only) has no state_on/state_off: it
        /// compares the state with payload_on/payload_off, so those are StateText2/StateText1, which POWER
        /// also accepts as commands. A switch is commanded ON/OFF and reports StateText2/StateText1.
        /// </summary>
        public static string Config(CommandResponse r, DeviceDescription d, int index0)
        {
            r.Clear();
            // One relay: null inherits the device name (the entity is "the lamp"); more: FriendlyName<n>.
            r.Add("name", d.RelayCount > 1 ? d.FriendlyName(index0) : null);
            r.Add("unique_id", UniqueId(d.Mac, index0));
            r.Add("command_topic", d.CmndBase + "POWER" + (index0 + 1).ToString());
            r.Add("state_topic", d.StatBase + d.PowerKeys[index0]);
            bool light = d.RelaysAsLights;
            r.Add("payload_on", light ? d.StateText[1] : "ON");
            r.Add("payload_off", light ? d.StateText[0] : "OFF");
            if (!light)
            {
                r.Add("state_on", d.StateText[1]);
                r.Add("state_off", d.StateText[0]);
            }

            AddCommon(r, d);
            return r.ToJson();
        }

        /// <summary>Availability (the LWT), qos and the device block, shared by both kinds.</summary>
        private static void AddCommon(CommandResponse r, DeviceDescription d)
        {
            r.Add("availability_topic", d.TeleBase + "LWT");
            r.Add("payload_available", Mqtt.MqttSession.LwtOnline);
            r.Add("payload_not_available", Mqtt.MqttSession.LwtOffline);
            r.Add("qos", 0);
            r.BeginObject("device");
            r.BeginArray("identifiers");
            r.Item(d.Mac);
            r.End();
            r.AddRaw("connections", "[[\"mac\",\"" + d.MacColonsLower() + "\"]]");
            r.Add("name", d.DeviceName);
            r.Add("manufacturer", Manufacturer);
            r.Add("model", d.Model);
            r.Add("sw_version", d.Version);
            r.End();
        }
    }
}
