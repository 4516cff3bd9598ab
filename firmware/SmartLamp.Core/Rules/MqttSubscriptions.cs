using System;
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
    public sealed class MqttSubscriptions : IMqttSessionClient
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

        /// <summary>Registers Subscribe and Unsubscribe.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register("SUBSCRIBE", CmndSubscribe);
            d.Register("UNSUBSCRIBE", CmndUnsubscribe);
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

        /// <summary>
        /// True when <paramref name="filter"/> is a valid MQTT subscription filter: not empty, no control
        /// characters, '#' only as the whole last level, '+' only as a whole level.
        /// </summary>
        public static bool IsValidFilter(string filter)
        {
            if (filter == null || filter.Length == 0 || filter.Length > MaxTopicLength || !Chars.IsMqttText(filter))
            {
                return false;
            }

            for (int i = 0; i < filter.Length; i++)
            {
                char c = filter[i];
                if (c < ' ' || c == '\u007F')
                {
                    return false;
                }

                bool levelStart = i == 0 || filter[i - 1] == '/';
                bool levelEnd = i == filter.Length - 1 || filter[i + 1] == '/';
                if (c == '#' && (!levelStart || i != filter.Length - 1))
                {
                    return false;
                }

                if (c == '+' && (!levelStart || !levelEnd))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="topic"/> matches the MQTT filter (levels split at '/', '+' one level, '#' the rest including the parent).</summary>
        public static bool Matches(string filter, string topic)
        {
            if (topic == null)
            {
                return false;
            }

            int f = 0;
            int t = 0;
            int fn = filter.Length;
            int tn = topic.Length;
            while (true)
            {
                if (f < fn && filter[f] == '#')
                {
                    return true;
                }

                int fEnd = LevelEnd(filter, f);
                int tEnd = LevelEnd(topic, t);
                if (t > tn)
                {
                    // topic ran out: only "a/#" still matches "a"
                    return false;
                }

                bool plus = fEnd - f == 1 && filter[f] == '+';
                if (!plus)
                {
                    if (fEnd - f != tEnd - t)
                    {
                        return false;
                    }

                    for (int i = 0; i < fEnd - f; i++)
                    {
                        if (filter[f + i] != topic[t + i])
                        {
                            return false;
                        }
                    }
                }

                bool fLast = fEnd >= fn;
                bool tLast = tEnd >= tn;
                if (fLast && tLast)
                {
                    return true;
                }

                if (tLast)
                {
                    // "a/#" matches "a"
                    return fEnd + 2 == fn && filter[fEnd + 1] == '#';
                }

                if (fLast)
                {
                    return false;
                }

                f = fEnd + 1;
                t = tEnd + 1;
            }
        }

        private static int LevelEnd(string s, int from)
        {
            int i = from;
            while (i < s.Length && s[i] != '/')
            {
                i++;
            }

            return i;
        }

        private void CmndSubscribe(CommandRequest req, CommandResponse resp)
        {
            Refresh();
            string data = req.Payload;
            if (data.Length == 0)
            {
                List(resp);
                return;
            }

            // strtok(",") as Tasmota: empty fields are skipped.
            string name = null;
            string topic = null;
            string key = null;
            int p = 0;
            while (p <= data.Length)
            {
                int comma = data.IndexOf(',', p);
                int end = comma < 0 ? data.Length : comma;
                string field = data.Substring(p, end - p).Trim();
                if (field.Length > 0)
                {
                    if (name == null)
                    {
                        name = field;
                    }
                    else if (topic == null)
                    {
                        topic = field;
                    }
                    else if (key == null)
                    {
                        key = field;
                    }
                }

                p = end + 1;
            }

            if (name == null || topic == null)
            {
                resp.Add("Command", "Error").Add("Subscribe", "use Subscribe <event>, <topic>[, <key>]");
                return;
            }

            name = name.ToUpper();
            string problem = CheckName(name);
            if (problem == null && key != null && !CleanText(key, MaxKeyLength))
            {
                problem = "key must be 1.." + MaxKeyLength.ToString() + " characters without control characters";
            }

            string filter = topic;
            if (!(req.HasIndex && req.Index == 2) && topic[topic.Length - 1] != '#')
            {
                filter = topic[topic.Length - 1] == '/' ? topic + "#" : topic + "/#";
            }

            if (problem == null && !IsValidFilter(filter))
            {
                problem = "topic '" + topic + "' is not a valid MQTT topic filter (at most " + MaxTopicLength.ToString() + " characters)";
            }

            int slot = Find(name);
            if (problem == null && slot < 0 && Count >= DeviceSettings.MaxSubscriptions)
            {
                problem = "all " + DeviceSettings.MaxSubscriptions.ToString() + " subscriptions are in use";
            }

            string entry = key == null ? name + "," + filter : name + "," + filter + "," + key;
            if (problem == null && entry.Length > DeviceSettings.MaxSubscriptionLength)
            {
                problem = "longer than " + DeviceSettings.MaxSubscriptionLength.ToString() + " characters";
            }

            if (problem != null)
            {
                resp.Add("Command", "Error").Add("Subscribe", problem);
                return;
            }

            if (slot >= 0 && _s.Subscriptions[slot] == entry)
            {
                // Unchanged (the "ON Mqtt#Connected DO Subscribe ..." idiom on every connect): keep it as it is.
                resp.Add("Subscribe", entry);
                return;
            }

            string oldFilter = slot >= 0 ? _filter[slot] : null;
            if (slot >= 0)
            {
                _s.Subscriptions[slot] = entry;
            }
            else
            {
                slot = Entries().Length;
                _s.Subscriptions = Copy(Entries(), -1, entry);
            }

            Refresh();
            if (FirstUse(slot) && _session != null)
            {
                _session.Subscribe(filter);
            }

            if (oldFilter != null && _session != null && !InUse(oldFilter))
            {
                _session.Unsubscribe(oldFilter);
            }

            _service.Changed(0);
            resp.Add("Subscribe", entry);
        }

        private void CmndUnsubscribe(CommandRequest req, CommandResponse resp)
        {
            Refresh();
            string data = req.Payload;
            if (data.Length == 0 || (data.Length == 1 && data[0] == '*'))
            {
                while (Entries().Length > 0)
                {
                    Remove(Entries().Length - 1);
                }

                _service.Changed(0);
                resp.Add("Unsubscribe", data.Length == 0 ? "Done" : "*");
                return;
            }

            string name = data.ToUpper();
            int slot = Find(name);
            if (slot < 0)
            {
                resp.Add("Command", "Error").Add("Unsubscribe", "no subscription named " + name);
                return;
            }

            Remove(slot);
            _service.Changed(0);
            resp.Add("Unsubscribe", name);
        }

        /// <summary>
        /// {"Subscribe":"EVENT,filter[,key]; ..."} or "Empty". Each entry reads exactly as the Subscribe
        /// command answered it (the filter really subscribed, "stat/phone/#"); Tasmota lists the topic
        /// without its "/#", which hides whether Subscribe or Subscribe2 (exact topic) made the entry.
        /// </summary>
        private void List(CommandResponse resp)
        {
            string list = null;
            for (int i = 0; i < _event.Length; i++)
            {
                if (_event[i] == null)
                {
                    continue;
                }

                string item = _event[i] + "," + _filter[i] + (_key[i] == null ? string.Empty : "," + _key[i]);
                list = list == null ? item : list + "; " + item;
            }

            resp.Add("Subscribe", list == null ? "Empty" : list);
        }

        /// <summary>Removes entry <paramref name="slot"/>; unsubscribes its filter when no other entry uses it.</summary>
        private void Remove(int slot)
        {
            string filter = _filter[slot];
            _s.Subscriptions = Copy(Entries(), slot, null);
            Refresh();
            if (filter != null && _session != null && !InUse(filter))
            {
                _session.Unsubscribe(filter);
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

        /// <summary>The stored entries (never null).</summary>
        private string[] Entries()
        {
            return _s.Subscriptions == null ? new string[0] : _s.Subscriptions;
        }

        /// <summary>A copy of <paramref name="items"/> without item <paramref name="skip"/> (-1: none) and with <paramref name="add"/> at the end (null: none).</summary>
        private static string[] Copy(string[] items, int skip, string add)
        {
            int n = items.Length - (skip >= 0 && skip < items.Length ? 1 : 0) + (add != null ? 1 : 0);
            string[] copy = ArraySlots.Strings(n);
            int k = 0;
            for (int i = 0; i < items.Length; i++)
            {
                if (i != skip)
                {
                    copy[k++] = items[i];
                }
            }

            if (add != null)
            {
                copy[k] = add;
            }

            return copy;
        }

        /// <summary>Index of the subscription named <paramref name="upperName"/>, or -1.</summary>
        private int Find(string upperName)
        {
            for (int i = 0; i < _event.Length; i++)
            {
                if (_event[i] != null && _event[i] == upperName)
                {
                    return i;
                }
            }

            return -1;
        }

        private static string CheckName(string name)
        {
            if (name.Length > MaxEventLength)
            {
                return "event name longer than " + MaxEventLength.ToString() + " characters";
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
                {
                    return "event name '" + name + "' may hold only letters, digits, '_', '-' and '.'";
                }
            }

            return null;
        }

        private static bool CleanText(string s, int max)
        {
            if (s.Length == 0 || s.Length > max || !Chars.IsMqttText(s))
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] < ' ' || s[i] == '\u007F')
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
    }
}
