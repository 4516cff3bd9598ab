using System;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Tasmota's Backlog queue and its Delay command (support_command CmndBacklog/CmndDelay and the
    /// backlog loop). Commands wait in one queue of <see cref="MaxBacklog"/>; each entry remembers
    /// whether the Backlog that queued it was Backlog0 (no spacing).
    /// <list type="bullet">
    /// <item>Backlog commands run <see cref="SpacingMs"/> apart (SetOption34's default); Backlog0
    ///   commands run one right after the other.</item>
    /// <item>A new Backlog appends to the queue and the queue resumes at once: a running Delay or
    ///   spacing ends (Tasmota resets its backlog timer on every Backlog).</item>
    /// <item><c>Delay n</c> (n in 0.1 s, <see cref="MinDelay"/>..<see cref="MaxDelay"/>) makes the
    ///   next queued command wait n × 100 ms instead of the spacing; <c>Delay -1</c> waits until the
    ///   next whole second. Other values change nothing. The answer is {"Delay":&lt;wait in 0.1 s&gt;}:
    ///   the wait before the next queued command, never less than the spacing (Tasmota answers 2 to a
    ///   bare Delay). Inside a Backlog0 sequence Delay has no effect and answers 0, as in Tasmota.</item>
    /// <item>Delay from outside the queue (console, MQTT) also sets the wait of the queue.</item>
    /// </list>
    /// Difference from Tasmota, on purpose: a command from elsewhere (MQTT, console, a rule) while a
    /// Delay runs does not shorten or restart it (Tasmota re-arms its backlog timer on every command).
    /// Not thread-safe: the owner serialises every call.
    /// </summary>
    public sealed class BacklogQueue
    {
        /// <summary>Most commands the queue holds (Tasmota's MAX_BACKLOG).</summary>
        public const int MaxBacklog = 30;

        /// <summary>Wait between Backlog commands (Tasmota's SetOption34 default).</summary>
        public const int SpacingMs = 200;

        /// <summary>Smallest Delay that changes the wait, in 0.1 s (Tasmota's MIN_BACKLOG_DELAY / 100).</summary>
        public const int MinDelay = 2;

        /// <summary>Largest Delay, in 0.1 s (six minutes).</summary>
        public const int MaxDelay = 3600;

        private readonly CommandDispatcher _dispatcher;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly ITimer _timer;
        private string[] _queue; // allocated by the first Backlog
        private bool[] _noDelay;
        private int _head;
        private int _count;
        private bool _running;          // a queued command runs now
        private bool _currentNoDelay;   // ... and it came from Backlog0
        private bool _delayed;          // Delay ran during that command: keep _dueMs
        private long _dueMs;            // when the next queued command may run

        /// <summary>Creates the queue; nothing is allocated until the first command is queued.</summary>
        public BacklogQueue(CommandDispatcher dispatcher, EventLoop clock, ILog log)
        {
            Require.NotNull(dispatcher, "dispatcher");
            Require.NotNull(clock, "clock");

            _dispatcher = dispatcher;
            _clock = clock;
            _log = log;
            _timer = clock.Timeout("Backlog", OnTimer);
        }

        /// <summary>Commands waiting.</summary>
        public int Count
        {
            get { return _count; }
        }

        private static readonly string[] CommandNames = new string[] { "DELAY" };

        /// <summary>Registers Delay.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, CmndDelay);
        }

        /// <summary>
        /// Appends one command (already split, trimmed, without a leading Backlog word). False when the
        /// queue is full (the command is dropped). Call <see cref="RunNow"/> after the last one.
        /// </summary>
        public bool Add(string command, bool noDelay)
        {
            if (_count >= MaxBacklog)
            {
                return false;
            }

            if (_queue == null)
            {
                _queue = ArraySlots.Strings(MaxBacklog);
                _noDelay = new bool[MaxBacklog];
                for (int i = 0; i < MaxBacklog; i++)
                {
                    _queue[i] = null;
                }
            }

            int slot = (_head + _count) % MaxBacklog;
            _queue[slot] = command;
            _noDelay[slot] = noDelay;
            _count++;
            return true;
        }

        /// <summary>A Backlog arrived: the next queued command runs at once (ends a running Delay, as in Tasmota).</summary>
        public void RunNow()
        {
            _dueMs = _clock.NowMs;
            _delayed = false;
            if (_count > 0 && !_running)
            {
                _timer.Start(0, 0);
            }
        }

        /// <summary>Empties the queue; true when something was waiting.</summary>
        public bool Clear()
        {
            bool had = _count > 0;
            for (int i = 0; _queue != null && i < MaxBacklog; i++)
            {
                _queue[i] = null;
            }

            _head = 0;
            _count = 0;
            _timer.Stop();
            return had;
        }

        private void CmndDelay(CommandRequest req, CommandResponse resp)
        {
            long now = _clock.NowMs; // one instant for setting and answering: the answer of "Delay 20" is 20
            bool inNoDelay = _running && _currentNoDelay;
            int v;
            if (!inNoDelay && req.Payload.Length > 0 && CommandValue.TryParseNumber(req.Payload, out v))
            {
                long wait = -1;
                if (v == -1)
                {
                    wait = 1000 - _clock.UtcNow.Millisecond; // until the next whole second
                }
                else if (v >= MinDelay && v <= MaxDelay)
                {
                    wait = 100L * v;
                }

                if (wait >= 0)
                {
                    _dueMs = now + wait;
                    if (_running)
                    {
                        _delayed = true;
                    }
                    else if (_count > 0)
                    {
                        _timer.Start(wait, 0);
                    }
                }
            }

            long left = 0;
            if (!inNoDelay)
            {
                left = _dueMs - now;
                if (left < SpacingMs)
                {
                    left = SpacingMs;
                }
            }

            resp.Add("Delay", left / 100);
        }

        private void OnTimer()
        {
            if (_running)
            {
                return;
            }

            // Backlog0 runs its commands in one go; a nested Backlog may add more, so bound it.
            int budget = MaxBacklog * 2;
            while (_count > 0 && budget-- > 0)
            {
                string cmd = _queue[_head];
                bool noDelay = _noDelay[_head];
                _queue[_head] = null;
                _head = (_head + 1) % MaxBacklog;
                _count--;
                _running = true;
                _currentNoDelay = noDelay;
                _delayed = false;
                try
                {
                    _dispatcher.ExecuteLine(CommandSource.Backlog, cmd);
                }
                catch (Exception ex)
                {
                    Log("Backlog failed: ", ex.Message);
                }
                finally
                {
                    _running = false;
                }

                long now = _clock.NowMs;
                if (_delayed)
                {
                    _delayed = false; // Delay set _dueMs
                }
                else if (noDelay && (_count == 0 || _noDelay[_head]))
                {
                    _dueMs = now;
                    continue;
                }
                else
                {
                    _dueMs = noDelay ? now : now + SpacingMs;
                }

                break;
            }

            if (_count > 0 && !_timer.IsRunning)
            {
                long wait = _dueMs - _clock.NowMs;
                _timer.Start(wait > 0 ? wait : 0, 0);
            }
        }

        private void Log(string a, string b)
        {
            SafeLog.Write(_log, "CMD", a, b, null);
        }
    }
}
