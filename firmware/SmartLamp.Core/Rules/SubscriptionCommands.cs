using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>The Subscribe and Unsubscribe commands: checking an entry, storing it, listing the table.</summary>
    public sealed partial class MqttSubscriptions : IMqttSessionClient
    {
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
                _service.Set(ref _s.Subscriptions[slot], entry, 0);
            }
            else
            {
                slot = Entries().Length;
                _service.Set(ref _s.Subscriptions, Copy(Entries(), -1, entry), 0);
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
            _service.Set(ref _s.Subscriptions, Copy(Entries(), slot, null), 0);
            Refresh();
            if (filter != null && _session != null && !InUse(filter))
            {
                _session.Unsubscribe(filter);
            }
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
    }
}
