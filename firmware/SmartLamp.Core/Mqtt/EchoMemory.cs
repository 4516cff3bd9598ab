using SmartLamp.Core.Text;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// The last few messages the device published (topic, payload, time and a number its owner chooses), so a
    /// message that comes back from the broker can be recognised as the echo of one of them; each remembered
    /// publish matches once, and the oldest is overwritten when all slots are in use. The slots are allocated
    /// by the first <see cref="Remember"/>. Used by the publisher's loop guard (Prefix1 == Prefix2) and by the
    /// rules' chain guard (the number is the chain depth).
    /// </summary>
    public sealed class EchoMemory
    {
        private readonly int _slots;
        private string[] _topic;
        private string[] _payload;
        private long[] _at;
        private int[] _tag;
        private int _next;

        /// <summary>A memory of the last <paramref name="slots"/> publishes.</summary>
        public EchoMemory(int slots)
        {
            _slots = slots;
        }

        /// <summary>Remembers <paramref name="topic"/>/<paramref name="payload"/>, published at <paramref name="nowMs"/>, with <paramref name="tag"/> (0 or more).</summary>
        public void Remember(string topic, string payload, long nowMs, int tag)
        {
            if (_topic == null)
            {
                _topic = ArraySlots.Strings(_slots);
                _payload = ArraySlots.Strings(_slots);
                _at = new long[_slots];
                _tag = new int[_slots];
            }

            _topic[_next] = topic;
            _payload[_next] = payload;
            _at[_next] = nowMs;
            _tag[_next] = tag;
            _next = (_next + 1) % _slots;
        }

        /// <summary>
        /// The tag of a remembered publish of <paramref name="topic"/>/<paramref name="payload"/> at most
        /// <paramref name="maxAgeMs"/> before <paramref name="nowMs"/>, which is forgotten with that; -1 when there is none.
        /// </summary>
        public int Take(string topic, string payload, long nowMs, long maxAgeMs)
        {
            if (_topic == null)
            {
                return -1;
            }

            for (int i = 0; i < _slots; i++)
            {
                if (_topic[i] != null && nowMs - _at[i] <= maxAgeMs && _topic[i] == topic && _payload[i] == payload)
                {
                    _topic[i] = null;
                    _payload[i] = null;
                    return _tag[i];
                }
            }

            return -1;
        }
    }
}
