using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Collects the JSON a command publishes while it runs, for the web's /cm and console (Tasmota
    /// gathers the JSON of the log lines a web command produced): each JSON object payload is merged
    /// into one object ({"POWER":"ON"} and {"Status":{...}} give {"POWER":"ON","Status":{...}}).
    /// Plain payloads (stat/&lt;t&gt;/POWER ON) are not JSON and are left out. Bounded by
    /// <see cref="MaxLength"/> characters: what does not fit is dropped whole. One instance is reused.
    /// </summary>
    public sealed class AnswerCapture
    {
        /// <summary>Most characters one capture holds.</summary>
        public const int MaxLength = 3000;

        private readonly TextBuffer _text = new TextBuffer(256);

        /// <summary>True: the publisher only captures and sends nothing (reading a value for a page).</summary>
        public bool Silent;

        /// <summary>JSON objects captured so far.</summary>
        public int Count { get; private set; }

        /// <summary>True when something did not fit.</summary>
        public bool Truncated { get; private set; }

        /// <summary>Forgets what was captured.</summary>
        public void Clear()
        {
            _text.Clear();
            Count = 0;
            Truncated = false;
            Silent = false;
        }

        /// <summary>Adds a published payload (ignored unless it is a JSON object).</summary>
        public void Add(string payload)
        {
            if (payload == null)
            {
                return;
            }

            int start = 0;
            int end = payload.Length;
            while (start < end && payload[start] <= ' ')
            {
                start++;
            }

            while (end > start && payload[end - 1] <= ' ')
            {
                end--;
            }

            if (end - start < 2 || payload[start] != '{' || payload[end - 1] != '}')
            {
                return;
            }

            int inner = end - start - 2;
            if (_text.Length + inner + 3 > MaxLength)
            {
                Truncated = true;
                return;
            }

            if (inner == 0)
            {
                Count++;
                return;
            }

            _text.Append(_text.Length == 0 ? '{' : ',');
            for (int i = start + 1; i < end - 1; i++)
            {
                _text.Append(payload[i]);
            }

            Count++;
        }

        /// <summary>The merged object ("{}" when nothing was captured).</summary>
        public string ToJson()
        {
            if (_text.Length == 0)
            {
                return "{}";
            }

            return _text.ToString() + "}";
        }
    }
}
