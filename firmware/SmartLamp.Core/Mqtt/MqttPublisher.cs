using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>The device published <paramref name="payload"/> on <paramref name="topic"/>.</summary>
    public delegate void MqttPublishedHandler(string topic, string payload);

    /// <summary>
    /// Publishes everything the device says, on the topics of a <see cref="TopicSet"/>, and logs it the
    /// way Tasmota's MqttPublishPayload does:
    /// <list type="bullet">
    /// <item>connected: "MQT: &lt;topic&gt; = &lt;payload&gt;" plus " (retained)";</item>
    /// <item>not connected (or the link refused): nothing is published and the log reads
    ///   "RSL: &lt;last topic level&gt; = &lt;payload&gt;", e.g. "RSL: RESULT = {"POWER":"ON"}", "RSL: POWER = ON".</item>
    /// </list>
    /// Command answers (<see cref="ICommandOutput"/>) go to stat/&lt;t&gt;/RESULT, or with SetOption4 to
    /// stat/&lt;t&gt;/&lt;COMMAND&gt; (Tasmota's upper-cased command name without index; power states use
    /// their key POWER/POWER2; unknown commands use COMMAND); commands that came in on the fallback
    /// topic are answered on stat/&lt;MqttClient&gt;_fb/. Publishing a known subtopic allocates nothing.
    /// <para>
    /// Loop guard (Tasmota's mqtt_cmnd_blocked, made exact): when Prefix1 equals Prefix2 the device's
    /// replies land on its own command topic. While subscribed, the last <see cref="EchoSlots"/>
    /// publishes on topics starting with Prefix1 are remembered for 4 s; an incoming message with the
    /// same topic and payload is taken as the broker's echo of one of them and dropped (once per
    /// publish). Tasmota only counts publishes, so it may drop a real command instead of an echo.
    /// </para>
    /// </summary>
    public sealed partial class MqttPublisher : ICommandOutput, ICapturingOutput
    {
        /// <summary>Milliseconds an own publish is remembered by the loop guard (Tasmota: 4 s).</summary>
        public const int EchoWindowMs = 4000;

        private const string ResultSubtopic = "RESULT";
        private const string RetainedSuffix = " (retained)";

        private readonly IMqttLink _link;
        private readonly TopicSet _topics;
        private readonly DeviceSettings _settings;
        private readonly IClock _clock;
        private readonly ILog _log;
        /// <summary>How many own publishes the loop guard remembers.</summary>
        public const int EchoSlots = 8;

        // Publishes that can echo (Prefix1 == Prefix2 only); its slots are allocated by the first one.
        private readonly EchoMemory _echoes = new EchoMemory(EchoSlots);

        /// <summary>Creates the publisher.</summary>
        public MqttPublisher(IMqttLink link, TopicSet topics, DeviceSettings settings, IClock clock, ILog log)
        {
            _link = link;
            _topics = topics;
            _settings = settings;
            _clock = clock;
            _log = log;
        }

        /// <summary>Told of every message the broker accepted (the rules engine recognises its own echoes with it); null = nobody.</summary>
        public MqttPublishedHandler Published { get; set; }

        /// <summary>While not null, every payload sent is also given to it (the web's /cm answer); see <see cref="AnswerCapture.Silent"/>.</summary>
        public AnswerCapture Capture { get; set; }

        /// <summary>Set by the session while its subscriptions are in place (enables echo counting).</summary>
        public bool Subscribed { get; set; }

        /// <summary>
        /// Publishes <paramref name="payload"/> on &lt;prefix&gt;/&lt;t&gt;/&lt;subtopic&gt; (prefixIndex 0 cmnd,
        /// 1 stat, 2 tele). False when nothing was sent (not connected: logged as RSL).
        /// </summary>
        public bool Publish(int prefixIndex, string subtopic, string payload, bool retain)
        {
            EnsureTopics();
            return PublishSlot(_topics.Find(prefixIndex, false, subtopic), payload, retain);
        }

        /// <summary>Publishes on an arbitrary full topic (allocates for the log line; not for hot paths).</summary>
        public bool PublishTopic(string topic, string payload, bool retain)
        {
            return Send(topic, topic + " = ", LastLevel(topic), payload, retain);
        }

        /// <inheritdoc />
        public void CommandResult(CommandRequest request, string json)
        {
            EnsureTopics();
            bool fallback = IsFallback(request);
            int slot;
            if (!_settings.ResultOnCommandTopic)
            {
                slot = _topics.Find(TopicSet.Stat, fallback, ResultSubtopic);
            }
            else if (request == null || request.Name == null || request.Name.Length == 0 || request.Name == "POWER")
            {
                slot = FirstKeySlot(json, fallback);
            }
            else
            {
                slot = _topics.Find(TopicSet.Stat, fallback, request.Name);
            }

            PublishSlot(slot, json, false);
        }

        /// <inheritdoc />
        public void Stat(CommandRequest request, string subtopic, string payload, bool retain)
        {
            EnsureTopics();
            PublishSlot(_topics.Find(TopicSet.Stat, IsFallback(request), subtopic), payload, retain);
        }

        /// <summary>
        /// Loop guard: true when <paramref name="topic"/>/<paramref name="payload"/> is the echo of one of
        /// the device's own publishes (only while Prefix1 == Prefix2) and must be dropped.
        /// </summary>
        public bool ConsumeEcho(string topic, string payload)
        {
            return _topics.PrefixesCollide && _echoes.Take(topic, payload, _clock.NowMs, EchoWindowMs) >= 0;
        }

        /// <summary>Builds the topics from the settings if nobody did yet (a publish before DeviceApp.Start).</summary>
        private void EnsureTopics()
        {
            if (_topics.Version == 0)
            {
                _topics.Rebuild(_settings);
            }
        }

        private static bool IsFallback(CommandRequest request)
        {
            return request != null && request.Source == CommandSource.Fallback;
        }

        private bool PublishSlot(int slot, string payload, bool retain)
        {
            return Send(_topics.CachedTopic(slot), _topics.CachedLogPrefix(slot), _topics.CachedSubtopic(slot), payload, retain);
        }

        private bool Send(string topic, string logPrefix, string subtopic, string payload, bool retain)
        {
            if (payload == null)
            {
                payload = string.Empty;
            }

            AnswerCapture capture = Capture;
            if (capture != null)
            {
                capture.Add(payload);
                if (capture.Silent)
                {
                    return true;
                }
            }

            // Last guard (settings are checked at the door): a topic the broker would refuse makes it drop
            // the connection, so it is never sent; a lone surrogate cannot be encoded and becomes U+FFFD.
            if (!Chars.IsMqttText(topic))
            {
                _log.Write("MQT", "Not published, the topic holds a character MQTT forbids: ", subtopic, null);
                return false;
            }

            payload = Chars.RepairSurrogates(payload);
            if (_link.IsConnected && _link.Publish(topic, payload, retain, false))
            {
                if (Subscribed && _topics.PrefixesCollide && TopicText.StartsWith(topic, _topics.CmndPrefix))
                {
                    _echoes.Remember(topic, payload, _clock.NowMs, 0);
                }

                _log.Write("MQT", logPrefix, payload, retain ? RetainedSuffix : null);
                MqttPublishedHandler h = Published;
                if (h != null)
                {
                    h(topic, payload);
                }

                return true;
            }

            _log.Write("RSL", subtopic, " = ", payload);
            return false;
        }

        /// <summary>SetOption4 topic from the first key of a {"KEY":...} answer (POWER2, COMMAND); RESULT when there is none.</summary>
        private int FirstKeySlot(string json, bool fallback)
        {
            if (json != null && json.Length > 3 && json[0] == '{' && json[1] == '"')
            {
                int end = json.IndexOf('"', 2);
                if (end > 2)
                {
                    return _topics.FindUpper(TopicSet.Stat, fallback, json, 2, end - 2);
                }
            }

            return _topics.Find(TopicSet.Stat, fallback, ResultSubtopic);
        }

        private static string LastLevel(string topic)
        {
            int slash = topic.LastIndexOf('/');
            return slash < 0 ? topic : topic.Substring(slash + 1);
        }
    }
}
