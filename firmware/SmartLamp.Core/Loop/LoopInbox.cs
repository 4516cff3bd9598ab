using SmartLamp.Core.Text;

namespace SmartLamp.Core.Loop
{
    /// <summary>
    /// The event loop's inbox: a ring of reused event slots, filled from any thread and emptied by the
    /// loop's. Its lock is the only lock of the core and is held just to enqueue or dequeue one event.
    /// Adding allocates nothing; a burst that fills the ring doubles it (keeping the order) up to
    /// <see cref="EventLoop.MaxSlots"/>, beyond which events are dropped and counted.
    /// </summary>
    internal sealed class LoopInbox
    {
        private const int FirstSlots = 4;

        private readonly object _lock = new object();
        private LoopEvent[] _slots;
        private int _head;
        private int _count;

        internal LoopInbox()
        {
            _slots = Slots(FirstSlots, null, 0);
        }

        /// <summary>Events dropped because the ring was full.</summary>
        internal int Dropped;

        internal bool IsEmpty
        {
            get
            {
                lock (_lock)
                {
                    return _count == 0;
                }
            }
        }

        /// <summary>Queues one event; false when the ring is full at its largest (the event is counted as dropped).</summary>
        internal bool Add(string name, LoopHandler handler, int number, string text, string text2, object item)
        {
            lock (_lock)
            {
                if (_count == _slots.Length && !Grow())
                {
                    Dropped++;
                    return false;
                }

                _slots[(_head + _count) % _slots.Length].Set(name, handler, number, text, text2, item);
                _count++;
                return true;
            }
        }

        /// <summary>Copies the oldest event into <paramref name="into"/> and frees its slot; false when empty.</summary>
        internal bool Take(LoopEvent into)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    return false;
                }

                LoopEvent e = _slots[_head];
                e.CopyTo(into);
                e.Set(null, null, 0, null, null, null); // the slot keeps no reference to what it carried
                _head = (_head + 1) % _slots.Length;
                _count--;
                return true;
            }
        }

        // Caller holds the lock and the ring is full.
        private bool Grow()
        {
            if (_slots.Length >= EventLoop.MaxSlots)
            {
                return false;
            }

            _slots = Slots(_slots.Length * 2, _slots, _head);
            _head = 0;
            return true;
        }

        // A ring of size slots: the old ring's slots first, oldest first, then new ones.
        private static LoopEvent[] Slots(int size, LoopEvent[] old, int head)
        {
            LoopEvent[] slots = (LoopEvent[])ArraySlots.Nulls(new LoopEvent[size]);
            int kept = old == null ? 0 : old.Length;
            for (int i = 0; i < size; i++)
            {
                slots[i] = i < kept ? old[(head + i) % kept] : new LoopEvent();
            }

            return slots;
        }
    }
}
