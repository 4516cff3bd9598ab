using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// Tasmota's Publish and Publish2 (xdrv_02_mqtt CmndPublish): "Publish &lt;topic&gt; &lt;payload&gt;" sends
    /// the payload (everything after the first space, "" when none) on the topic; Publish2 retains it.
    /// A '#' in the topic stands for a space, as in Tasmota. Publish answers nothing; without a
    /// topic it answers {"Command":"Error"}. Used inside rules with %value% and the other substitutions.
    /// <para>
    /// Difference from Tasmota, on purpose: a topic the broker would refuse (a '+' wildcard, a control
    /// character, more than <see cref="MaxTopicLength"/> characters, which Tasmota cuts silently) answers
    /// {"Command":"Error"} with a log line and is not sent: a refused publish can cost the connection.
    /// </para>
    /// </summary>
    public sealed partial class MqttPublisher
    {
        /// <summary>Longest topic (Tasmota's TOPSZ less its terminator).</summary>
        public const int MaxTopicLength = 150;

        private static readonly string[] CommandNames = new string[] { "PUBLISH" };

        /// <summary>Registers Publish (Publish2 = retained) on <paramref name="d"/>.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, CmndPublish);
        }

        /// <summary>
        /// Null when <paramref name="topic"/> can be published on, else what is wrong with it.
        /// </summary>
        public static string TopicProblem(string topic)
        {
            if (topic == null || topic.Length == 0)
            {
                return "no topic";
            }

            if (topic.Length > MaxTopicLength)
            {
                return "topic longer than " + MaxTopicLength.ToString() + " characters";
            }

            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '+' || c == '#')
                {
                    return "wildcards are not allowed in a topic to publish on";
                }

                if (c < ' ' || c == '\u007F')
                {
                    return "control characters are not allowed in a topic";
                }
            }

            return null;
        }

        private void CmndPublish(CommandRequest req, CommandResponse resp)
        {
            string data = req.Payload;
            if (data.Length == 0)
            {
                return; // {"Command":"Error"}
            }

            int space = data.IndexOf(' ');
            string topic = space < 0 ? data : data.Substring(0, space);
            string payload = space < 0 ? string.Empty : data.Substring(space + 1);
            if (topic.IndexOf('#') >= 0)
            {
                char[] chars = topic.ToCharArray();
                for (int i = 0; i < chars.Length; i++)
                {
                    if (chars[i] == '#')
                    {
                        chars[i] = ' '; // Tasmota: '#' stands for a space in the topic
                    }
                }

                topic = new string(chars);
            }

            string problem = TopicProblem(topic);
            if (problem != null)
            {
                if (_log != null)
                {
                    _log.Write("MQT", "Publish refused: ", problem, null);
                }

                return; // {"Command":"Error"}
            }

            PublishTopic(topic, payload, req.HasIndex && req.Index == 2);
            resp.Suppress(); // Tasmota answers nothing
        }
    }
}
