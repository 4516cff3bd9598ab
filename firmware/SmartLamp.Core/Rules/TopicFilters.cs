using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Rules
{
    /// <summary>MQTT topic filters: which are valid, and whether a topic matches one (+ and # wildcards).</summary>
    public sealed partial class MqttSubscriptions : IMqttSessionClient
    {
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
    }
}
