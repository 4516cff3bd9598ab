using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// Every MQTT topic the device uses, built once per settings change the way Tasmota's GetTopic_P
    /// builds them (support_tasmota.ino):
    /// <list type="number">
    /// <item>FullTopic (a cmnd FullTopic without %prefix% gets "/%prefix%" appended, Tasmota's loop guard);</item>
    /// <item>%prefix% -&gt; Prefix1/2/3, %topic% -&gt; Topic (or GroupTopic for the group topic),
    ///   %hostname% -&gt; <see cref="Hostname"/>, %id% -&gt; the 12-digit MAC;</item>
    /// <item>every '#' removed, "//" replaced by "/" (one left-to-right pass, as Arduino's String::replace),
    ///   a trailing '/' added when missing.</item>
    /// </list>
    /// The fallback topic ignores FullTopic and the prefixes: always cmnd/&lt;MqttClient&gt;_fb/, replies on
    /// stat/&lt;MqttClient&gt;_fb/. The group topic uses Tasmota's default SetOption75=0 form: GroupTopic
    /// takes the place of %topic% in FullTopic.
    /// <para>
    /// Hot-path topics are cached: <see cref="Find"/> returns an entry holding the full topic and the
    /// log prefix "&lt;topic&gt; = ", so publishing a subtopic a second time allocates nothing. The
    /// cache is cleared on every <see cref="Rebuild"/> (RESULT is prebuilt); other subtopics (POWER,
    /// POWER2, LWT, STATE, ...) are added on first use, so a device only pays for the topics it uses.
    /// </para>
    /// </summary>
    public sealed partial class TopicSet
    {
        /// <summary>Prefix index of cmnd (Prefix1).</summary>
        public const int Cmnd = 0;

        /// <summary>Prefix index of stat (Prefix2).</summary>
        public const int Stat = 1;

        /// <summary>Prefix index of tele (Prefix3).</summary>
        public const int Tele = 2;

        /// <summary>Tasmota's MQTT_MAX_PACKET_SIZE: incoming topic + payload above this many bytes are dropped.</summary>
        public const int MaxMessageBytes = 1200;

        private const int CacheSize = 24;
        private const string TokenPrefix = "%prefix%";
        private const string TokenTopic = "%topic%";
        private const string TokenHostname = "%hostname%";
        private const string TokenId = "%id%";

        private readonly string _mac;
        private readonly string _chipSuffix;
        private readonly string[] _bases = ArraySlots.Strings(3);
        private string _fullTopic = DeviceSettings.DefaultFullTopic;
        private readonly string[] _fallbackBases = ArraySlots.Strings(3);
        private readonly string[] _groupBases = ArraySlots.Strings(4);
        private char[] _buf = new char[96];
        private char[] _tmp = new char[96];
        private int _length;

        private readonly int[] _cachePrefix = new int[CacheSize];
        private readonly bool[] _cacheFallback = new bool[CacheSize];
        private readonly string[] _cacheSub = ArraySlots.Strings(CacheSize);
        private readonly string[] _cacheTopic = ArraySlots.Strings(CacheSize);
        private readonly string[] _cacheLog = ArraySlots.Strings(CacheSize);
        private int _cacheCount;

        /// <summary>Creates an empty set for the device with this MAC (12 hex digits); call <see cref="Rebuild"/> before use.</summary>
        public TopicSet(string mac)
        {
            _mac = mac == null ? string.Empty : mac.ToUpper();
            _chipSuffix = "-" + ChipIdDigits(_mac);
        }

        /// <summary>The device topic (%topic%).</summary>
        public string Topic { get; private set; }

        /// <summary>The group topic value ("" = none).</summary>
        public string GroupTopic { get; private set; }

        /// <summary>The MQTT client id the fallback topic is built from.</summary>
        public string MqttClient { get; private set; }

        /// <summary>
        /// Host name: the Hostname setting, or for Tasmota's default pattern "%s-%04d" (any value holding
        /// '%') Topic, '-', and (chip id &amp; 0x1FFF) in four decimal digits, where the ESP32 chip id is
        /// the last three MAC bytes (e.g. smartlamp_E0B7C9-6089).
        /// Used for %hostname%, INFO2 and Status 5.
        /// </summary>
        public string Hostname { get; private set; }

        /// <summary>Incremented by every <see cref="Rebuild"/>.</summary>
        public int Version { get; private set; }

        /// <summary>Own topic base for cmnd ("cmnd/&lt;t&gt;/").</summary>
        public string CmndBase
        {
            get { return _bases[Cmnd]; }
        }

        /// <summary>Own topic base for stat ("stat/&lt;t&gt;/").</summary>
        public string StatBase
        {
            get { return _bases[Stat]; }
        }

        /// <summary>Own topic base for tele ("tele/&lt;t&gt;/").</summary>
        public string TeleBase
        {
            get { return _bases[Tele]; }
        }

        /// <summary>Group command base of GroupTopic1 ("cmnd/tasmotas/"), null when GroupTopic is empty.</summary>
        public string GroupCmndBase { get; private set; }

        /// <summary>Command bases of GroupTopic1..4 (index 0..3), null for an empty slot.</summary>
        public string GroupCmndBaseAt(int index0)
        {
            return _groupBases[index0];
        }

        /// <summary>"cmnd/&lt;GroupTopic&lt;index0+1&gt;&gt;/#", null when that slot is empty or not subscribed (FullTopic without %topic%).</summary>
        public string GroupSubscriptionAt(int index0)
        {
            return UsesGroupAndFallback && _groupBases[index0] != null ? _groupBases[index0] + "#" : null;
        }

        /// <summary>Fallback command base ("cmnd/&lt;client&gt;_fb/").</summary>
        public string FallbackCmndBase
        {
            get { return _fallbackBases[Cmnd]; }
        }

        /// <summary>Fallback reply base ("stat/&lt;client&gt;_fb/").</summary>
        public string FallbackStatBase
        {
            get { return _fallbackBases[Stat]; }
        }

        /// <summary>
        /// True when FullTopic contains %topic%: only then does Tasmota subscribe to (and accept) the
        /// group and fallback topics.
        /// </summary>
        public bool UsesGroupAndFallback { get; private set; }

        /// <summary>"cmnd/&lt;t&gt;/#".</summary>
        public string CmndSubscription { get; private set; }

        /// <summary>"cmnd/&lt;group&gt;/#", null when not subscribed.</summary>
        public string GroupSubscription { get; private set; }

        /// <summary>"cmnd/&lt;client&gt;_fb/#", null when not subscribed.</summary>
        public string FallbackSubscription { get; private set; }

        /// <summary>"tele/&lt;t&gt;/LWT" (cached).</summary>
        public string TeleLwt
        {
            get { return TopicOf(Tele, false, "LWT"); }
        }

        /// <summary>"cmnd/&lt;t&gt;/POWER" (the empty publish after connect; cached).</summary>
        public string CmndPower
        {
            get { return TopicOf(Cmnd, false, "POWER"); }
        }

        /// <summary>The configured Prefix1 (cmnd), used by the loop guard.</summary>
        public string CmndPrefix { get; private set; }

        /// <summary>The FullTopic pattern in use (the default when the setting is empty).</summary>
        public string FullTopic
        {
            get { return _fullTopic; }
        }

        /// <summary>True when Prefix1 equals Prefix2: the device would receive its own replies.</summary>
        public bool PrefixesCollide { get; private set; }

        /// <summary>Base of prefix <paramref name="prefixIndex"/> (0 cmnd, 1 stat, 2 tele); the fallback base when <paramref name="fallback"/>.</summary>
        public string Base(int prefixIndex, bool fallback)
        {
            return fallback ? _fallbackBases[prefixIndex] : _bases[prefixIndex];
        }

        /// <summary>Rebuilds every topic from <paramref name="s"/> and clears the cache.</summary>
        public void Rebuild(DeviceSettings s)
        {
            string topic = s.Topic == null ? string.Empty : s.Topic;
            Topic = topic;
            GroupTopic = s.GroupTopic == null ? string.Empty : s.GroupTopic;
            MqttClient = s.MqttClient == null ? string.Empty : s.MqttClient;
            string h = s.Hostname;
            Hostname = h == null || h.Length == 0 || h.IndexOf('%') >= 0 ? topic + _chipSuffix : h;

            string fullTopic = s.FullTopic == null || s.FullTopic.Length == 0 ? DeviceSettings.DefaultFullTopic : s.FullTopic;
            _fullTopic = fullTopic;
            for (int i = 0; i < 3; i++)
            {
                _bases[i] = Expand(fullTopic, PrefixOf(s, i), topic, i);
                Load(DefaultPrefix(i));
                Append("/");
                Append(MqttClient);
                Append("_fb");
                _fallbackBases[i] = NormalizeBuffer();
            }

            CmndPrefix = PrefixOf(s, Cmnd);
            PrefixesCollide = CmndPrefix == PrefixOf(s, Stat);
            UsesGroupAndFallback = TopicText.Contains(fullTopic, TokenTopic);
            GroupCmndBase = GroupTopic.Length == 0 ? null : Expand(fullTopic, CmndPrefix, GroupTopic, Cmnd);
            _groupBases[0] = GroupCmndBase;
            for (int i = 1; i < _groupBases.Length; i++)
            {
                string g = s.MoreGroupTopics != null && s.MoreGroupTopics.Length >= i ? s.MoreGroupTopics[i - 1] : null;
                _groupBases[i] = g == null || g.Length == 0 ? null : Expand(fullTopic, CmndPrefix, g, Cmnd);
            }
            CmndSubscription = _bases[Cmnd] + "#";
            GroupSubscription = UsesGroupAndFallback && GroupCmndBase != null ? GroupCmndBase + "#" : null;
            FallbackSubscription = UsesGroupAndFallback ? _fallbackBases[Cmnd] + "#" : null;
            _cacheCount = 0;
            for (int i = 0; i < CacheSize; i++)
            {
                _cacheSub[i] = null;
                _cacheTopic[i] = null;
                _cacheLog[i] = null;
            }

            Find(Stat, false, "RESULT");
            Version++;
        }

        /// <summary>Full topic of &lt;base&gt;&lt;subtopic&gt; (cached).</summary>
        public string TopicOf(int prefixIndex, bool fallback, string subtopic)
        {
            return _cacheTopic[Find(prefixIndex, fallback, subtopic)];
        }

        /// <summary>
        /// Cache slot of &lt;base&gt;&lt;subtopic&gt;, adding it when missing (allocates once per new
        /// subtopic). When the cache is full the entry is built into the spare last slot, which is
        /// overwritten by the next miss.
        /// </summary>
        public int Find(int prefixIndex, bool fallback, string subtopic)
        {
            for (int i = 0; i < _cacheCount; i++)
            {
                if (_cachePrefix[i] == prefixIndex && _cacheFallback[i] == fallback && (object)_cacheSub[i] == (object)subtopic)
                {
                    return i;
                }
            }

            for (int i = 0; i < _cacheCount; i++)
            {
                if (_cachePrefix[i] == prefixIndex && _cacheFallback[i] == fallback && _cacheSub[i] == subtopic)
                {
                    return i;
                }
            }

            return Add(prefixIndex, fallback, subtopic);
        }

        /// <summary>
        /// Cache slot of the subtopic spelled by <paramref name="text"/>[start..start+length) upper-cased
        /// (SetOption4 topics such as POWER2 taken from a JSON key); allocates only on a miss.
        /// </summary>
        public int FindUpper(int prefixIndex, bool fallback, string text, int start, int length)
        {
            for (int i = 0; i < _cacheCount; i++)
            {
                string sub = _cacheSub[i];
                if (_cachePrefix[i] != prefixIndex || _cacheFallback[i] != fallback || sub.Length != length)
                {
                    continue;
                }

                int j = 0;
                while (j < length && sub[j] == TopicText.Upper(text[start + j]))
                {
                    j++;
                }

                if (j == length)
                {
                    return i;
                }
            }

            return Add(prefixIndex, fallback, text.Substring(start, length).ToUpper());
        }

        /// <summary>The full topic in cache slot <paramref name="slot"/>.</summary>
        public string CachedTopic(int slot)
        {
            return _cacheTopic[slot];
        }

        /// <summary>"&lt;topic&gt; = " for cache slot <paramref name="slot"/> (log line prefix).</summary>
        public string CachedLogPrefix(int slot)
        {
            return _cacheLog[slot];
        }

        /// <summary>The subtopic of cache slot <paramref name="slot"/> (e.g. "RESULT").</summary>
        public string CachedSubtopic(int slot)
        {
            return _cacheSub[slot];
        }

        /// <summary>
        /// Matches an incoming topic against the own, group and fallback command topics without
        /// allocating. On a match, the command name is topic[nameStart .. nameStart+nameLength) — the
        /// last topic level, as Tasmota's CommandHandler takes it — and <paramref name="source"/> says
        /// which topic it came through. Group and fallback only match while <see cref="UsesGroupAndFallback"/>.
        /// </summary>
        public bool MatchCommand(string topic, out CommandSource source, out int nameStart, out int nameLength)
        {
            source = CommandSource.Mqtt;
            nameStart = 0;
            nameLength = 0;
            if (topic == null || _bases[Cmnd] == null)
            {
                return false;
            }

            int best = -1;
            int bestLength = -1;
            if (TopicText.StartsWith(topic, _bases[Cmnd]))
            {
                best = 0;
                bestLength = _bases[Cmnd].Length;
            }

            if (UsesGroupAndFallback)
            {
                for (int g = 0; g < _groupBases.Length; g++)
                {
                    string gb = _groupBases[g];
                    if (gb != null && gb.Length > bestLength && TopicText.StartsWith(topic, gb))
                    {
                        best = 1;
                        bestLength = gb.Length;
                    }
                }

                string fb = _fallbackBases[Cmnd];
                if (fb.Length > bestLength && TopicText.StartsWith(topic, fb))
                {
                    best = 2;
                    bestLength = fb.Length;
                }
            }

            if (best < 0)
            {
                return false;
            }

            source = best == 0 ? CommandSource.Mqtt : (best == 1 ? CommandSource.Group : CommandSource.Fallback);
            int start = bestLength;
            for (int i = topic.Length - 1; i >= bestLength; i--)
            {
                if (topic[i] == '/')
                {
                    start = i + 1;
                    break;
                }
            }

            nameStart = start;
            nameLength = topic.Length - start;
            return true;
        }

        /// <summary>Command base of another device's topic, e.g. "cmnd/&lt;buttontopic&gt;/" (ButtonTopic; allocates).</summary>
        public string CmndBaseOf(string topic)
        {
            return Expand(_fullTopic, CmndPrefix == null ? "cmnd" : CmndPrefix, topic, Cmnd);
        }

        private int Add(int prefixIndex, bool fallback, string subtopic)
        {
            int slot = _cacheCount < CacheSize ? _cacheCount++ : CacheSize - 1;
            string topic = Base(prefixIndex, fallback) + subtopic;
            _cachePrefix[slot] = prefixIndex;
            _cacheFallback[slot] = fallback;
            _cacheSub[slot] = subtopic;
            _cacheTopic[slot] = topic;
            _cacheLog[slot] = topic + " = ";
            return slot;
        }
    }
}
