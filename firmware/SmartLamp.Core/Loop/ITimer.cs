namespace SmartLamp.Core.Loop
{
    /// <summary>
    /// A named timeout of the <see cref="EventLoop"/> (<see cref="EventLoop.Timeout"/>): one-shot or periodic,
    /// its tick runs on the loop's thread. Start and Stop are called on that thread too.
    /// </summary>
    public interface ITimer
    {
        /// <summary>(Re)arms it: first tick after <paramref name="dueMs"/>, then every <paramref name="periodMs"/> (0 = one shot).</summary>
        void Start(long dueMs, long periodMs);

        /// <summary>Disarms it; a stopped timeout never ticks.</summary>
        void Stop();

        /// <summary>True while it will tick again.</summary>
        bool IsRunning { get; }
    }

    /// <summary>What a timeout runs when it falls due.</summary>
    public delegate void TimerTick();

    /// <summary>What an inbox event runs on the loop's thread; <paramref name="e"/> is reused: copy what you keep.</summary>
    public delegate void LoopHandler(LoopEvent e);

    /// <summary>The values one posted event carries (a reused object: valid during the handler only).</summary>
    public sealed class LoopEvent
    {
        /// <summary>A number (pin, reason code, flags).</summary>
        public int Number;

        /// <summary>First text (topic, line).</summary>
        public string Text;

        /// <summary>Second text (payload).</summary>
        public string Text2;

        /// <summary>Anything else (a request waiting for its answer).</summary>
        public object Item;

        // The event's name ("APP: name failed") and handler, kept with its values in the inbox's slot.
        internal string Name;
        internal LoopHandler Handler;

        internal void CopyTo(LoopEvent to)
        {
            to.Set(Name, Handler, Number, Text, Text2, Item);
        }

        // Every field at once (the inbox fills, copies and frees its slots with it).
        internal void Set(string name, LoopHandler handler, int number, string text, string text2, object item)
        {
            Name = name;
            Handler = handler;
            Number = number;
            Text = text;
            Text2 = text2;
            Item = item;
        }
    }
}
