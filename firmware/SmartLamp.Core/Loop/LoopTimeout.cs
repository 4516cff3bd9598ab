namespace SmartLamp.Core.Loop
{
    /// <summary>One entry of the loop's list of due times (see <see cref="EventLoop"/>).</summary>
    internal sealed class LoopTimeout : ITimer
    {
        private readonly EventLoop _loop;

        internal LoopTimeout(EventLoop loop, string name, TimerTick tick)
        {
            _loop = loop;
            Name = name;
            Tick = tick;
        }

        internal readonly string Name;
        internal readonly TimerTick Tick;
        internal long DueAt;
        internal long Period;
        internal bool Armed;

        public bool IsRunning
        {
            get { return Armed; }
        }

        public void Start(long dueMs, long periodMs)
        {
            if (dueMs < 0 || periodMs < 0)
            {
                throw new System.ArgumentOutOfRangeException("dueMs");
            }

            DueAt = _loop.NowMs + dueMs;
            Period = periodMs;
            Armed = true;
        }

        public void Stop()
        {
            Armed = false;
        }
    }
}
