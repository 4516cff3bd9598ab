using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>
    /// Tasmota's Subscribe/Unsubscribe (xdrv_10_rules.ino, SUPPORT_MQTT_EVENT, compiled out of Tasmota's
    /// release builds; always present here):
    /// <list type="bullet">
    /// <item>"Subscribe ALARM, stat/phone" subscribes stat/phone/# ("/#" is added unless the topic ends in
    ///   '#'; Subscribe2 takes the topic as it is) and answers {"Subscribe":"ALARM,stat/phone/#"}. The
    ///   event name is kept upper case; subscribing an existing name replaces it.</item>
    /// <item>"Subscribe DnTemp, tele/x/SENSOR, DS18B20.Temperature" takes that JSON member (one '.' level)
    ///   from the payload as the value.</item>
    /// <item>A message on a subscribed topic (any payload but an empty one) raises
    ///   {"Event":{"ALARM":"&lt;value&gt;"}}, i.e. the trigger Event#ALARM with %value%.</item>
    /// <item>"Subscribe" lists {"Subscribe":"ALARM,stat/phone/#; ..."} (each entry as its Subscribe
    ///   answered; Tasmota drops the "/#" there) or {"Subscribe":"Empty"};
    ///   "Unsubscribe ALARM" answers {"Unsubscribe":"ALARM"}, "Unsubscribe" removes all: {"Unsubscribe":"Done"}.</item>
    /// </list>
    /// SmartLamp differences: subscriptions persist in the settings and are subscribed again on every
    /// (re)connect (Tasmota forgets them at restart, hence its "ON Mqtt#Connected DO Subscribe" idiom,
    /// which works here too); topics are checked as MQTT filters before they reach the broker (an invalid
    /// filter would make it drop the connection); at most <see cref="DeviceSettings.MaxSubscriptions"/>;
    /// a filter still used by another entry stays subscribed on Unsubscribe; messages match by MQTT's
    /// wildcard rules; retained messages count, as in Tasmota.
    /// </summary>
    public sealed partial class MqttSubscriptions : IMqttSessionClient
    {
        /// <summary>Longest event name.</summary>
        public const int MaxEventLength = 32;

        /// <summary>Longest topic filter.</summary>
        public const int MaxTopicLength = 100;

        /// <summary>Longest JSON key.</summary>
        public const int MaxKeyLength = 64;

        private readonly RulesEngine _engine;
        private readonly SettingsService _service;
        private readonly DeviceSettings _s;
        private readonly ILog _log;
        private MqttSession _session;

        // Parsed form of _s.Subscriptions, rebuilt when an entry string changes (reference compare);
        // allocated by the first subscription, so a device without any carries empty arrays.
        private string[] _parsedFrom;
        private string[] _event;
        private string[] _filter;
        private string[] _key;

        internal MqttSubscriptions(RulesEngine engine, SettingsService service, ILog log)
        {
            _engine = engine;
            _service = service;
            _s = service.Current;
            _log = log;
            string[] none = new string[0];
            _parsedFrom = none;
            _event = none;
            _filter = none;
            _key = none;
        }

        /// <summary>Number of subscriptions.</summary>
        public int Count
        {
            get
            {
                Refresh();
                int n = 0;
                for (int i = 0; i < _event.Length; i++)
                {
                    if (_event[i] != null)
                    {
                        n++;
                    }
                }

                return n;
            }
        }

        private static readonly string[] CommandNames = new string[] { "SUBSCRIBE", "UNSUBSCRIBE" };

        /// <summary>Registers Subscribe and Unsubscribe.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
        }

        /// <inheritdoc />
        public void OnSubscribing(MqttSession session)
        {
            _session = session;
            Refresh();
            for (int i = 0; i < _filter.Length; i++)
            {
                if (_filter[i] != null && FirstUse(i))
                {
                    session.Subscribe(_filter[i]);
                }
            }
        }

        /// <inheritdoc />
        public bool Holds(string topicFilter)
        {
            Refresh();
            return topicFilter != null && InUse(topicFilter);
        }

        /// <inheritdoc />
        public void OnForeignMessage(string topic, string payload, bool retained)
        {
            if (payload == null || payload.Length == 0)
            {
                return; // Tasmota ignores empty messages
            }

            Refresh();
            int echoDepth = -2; // looked up once, by the first matching subscription
            for (int i = 0; i < _filter.Length; i++)
            {
                if (_filter[i] == null || !Matches(_filter[i], topic))
                {
                    continue;
                }

                string value;
                if (_key[i] == null)
                {
                    value = payload.Trim();
                }
                else
                {
                    value = KeyValue(payload, _key[i]);
                    if (value == null)
                    {
                        continue; // no such member: no event (Tasmota)
                    }
                }

                if (echoDepth == -2)
                {
                    echoDepth = _engine.EchoDepth(topic, payload);
                }

                _engine.RaiseSubscribed(_event[i], value, echoDepth);
            }
        }

        private bool InUse(string filter)
        {
            for (int i = 0; i < _filter.Length; i++)
            {
                if (_filter[i] == filter)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when no earlier slot has the same filter (subscribe each filter once).</summary>
        private bool FirstUse(int slot)
        {
            for (int i = 0; i < slot; i++)
            {
                if (_filter[i] == _filter[slot])
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Re-reads changed entries of the settings ("EVENT,filter[,key]"); malformed entries are skipped.</summary>
        private void Refresh()
        {
            string[] entries = _s.Subscriptions;
            if (_event.Length == 0)
            {
                if (entries == null || entries.Length == 0)
                {
                    return;
                }

                _parsedFrom = ArraySlots.Strings(DeviceSettings.MaxSubscriptions);
                _event = ArraySlots.Strings(DeviceSettings.MaxSubscriptions);
                _filter = ArraySlots.Strings(DeviceSettings.MaxSubscriptions);
                _key = ArraySlots.Strings(DeviceSettings.MaxSubscriptions);
            }

            for (int i = 0; i < _event.Length; i++)
            {
                string e = entries != null && i < entries.Length ? entries[i] : null;
                if (e != null && (object)e == (object)_parsedFrom[i])
                {
                    continue;
                }

                _parsedFrom[i] = e;
                _event[i] = null;
                _filter[i] = null;
                _key[i] = null;
                if (e == null || e.Length == 0)
                {
                    continue;
                }

                int c1 = e.IndexOf(',');
                int c2 = c1 < 0 ? -1 : e.IndexOf(',', c1 + 1);
                if (c1 <= 0)
                {
                    continue;
                }

                string filter = c2 < 0 ? e.Substring(c1 + 1) : e.Substring(c1 + 1, c2 - c1 - 1);
                if (!IsValidFilter(filter))
                {
                    continue;
                }

                _event[i] = e.Substring(0, c1);
                _filter[i] = filter;
                _key[i] = c2 < 0 || c2 == e.Length - 1 ? null : e.Substring(c2 + 1);
                for (int k = 0; k < i; k++)
                {
                    // share the string, so reference compares find equal filters and names
                    if (_filter[k] != null && _filter[k] == filter)
                    {
                        _filter[i] = _filter[k];
                    }
                }
            }
        }

        /// <summary>The member "A" or "A.B" of the JSON object in <paramref name="payload"/> as trimmed text, or null (also when the payload is not JSON).</summary>
        private static string KeyValue(string payload, string key)
        {
            string text = JsonPath.Scalar(payload, 8, 1200, key, 0, key.Length, '.', 2);
            return text == null ? null : text.Trim();
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndSubscribe(req, resp); break;
                case 1: CmndUnsubscribe(req, resp); break;
            }
        }
    }
}
