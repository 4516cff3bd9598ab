using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Network
{
    /// <summary>
    /// When the device joins Wi-Fi and how long it waits after a failed join, on the loop's "Wi-Fi rejoin"
    /// timeout (the radio adapter only makes one attempt per <see cref="INetworkLink.Join"/> and reports
    /// up, down or join failed). It joins at start and at once after a loss; after a failed join, or one
    /// unanswered in <see cref="JoinTimeoutMs"/>, it waits 5 s, 10 s, 20 s, ... doubling up to 5 minutes,
    /// alternating slot 1 and slot 2 when both SSIDs are set (Tasmota's AP1/AP2 fallback). An address
    /// resets the backoff; new credentials and the connectivity watchdog's recovery leave the network and
    /// join again at once with a fresh backoff; after <see cref="Stop"/> (shutdown) it never joins again.
    /// On the loop's thread only.
    /// </summary>
    public sealed class WifiRejoin
    {
        /// <summary>Wait after the first failed join; the longest wait; the time after which an unanswered join counts as failed (the device's attempt itself gives up after 60 s).</summary>
        public const int FirstRetryMs = 5000, MaxRetryMs = 300000, JoinTimeoutMs = 70000;

        private readonly INetworkLink _link;
        private readonly ILog _log;
        private readonly ITimer _timer;
        private bool _running;
        private bool _joining;
        private bool _twoSlots;
        private int _slot = 1;
        private int _failures;

        /// <summary>A policy for <paramref name="link"/> on the loop <paramref name="loop"/>; <paramref name="log"/> may be null.</summary>
        public WifiRejoin(INetworkLink link, EventLoop loop, ILog log)
        {
            _link = link;
            _log = log;
            _timer = loop.Timeout("Wi-Fi rejoin", OnTick);
        }

        /// <summary>Failed joins in a row.</summary>
        public int Failures
        {
            get { return _failures; }
        }

        /// <summary>The wait after <paramref name="failures"/> failed joins in a row: 5 s doubling, at most 5 min.</summary>
        public static int RetryDelayMs(int failures)
        {
            int wait = FirstRetryMs;
            for (int i = 1; i < failures && wait < MaxRetryMs; i++)
            {
                wait *= 2;
            }

            return wait > MaxRetryMs ? MaxRetryMs : wait;
        }

        /// <summary>Hands the credentials to the link; when they changed while running, leaves and joins again at once.</summary>
        public void Configure(string ssid1, string password1, string ssid2, string password2, bool changed)
        {
            _link.Configure(ssid1, password1, ssid2, password2);
            bool has1 = ssid1 != null && ssid1.Length > 0;
            bool has2 = ssid2 != null && ssid2.Length > 0;
            _twoSlots = has1 && has2;
            _slot = !has1 && has2 ? 2 : 1;
            if (_running && changed)
            {
                Restart();
            }
        }

        /// <summary>Starts: joins at once unless the link is already up.</summary>
        public void Start()
        {
            _running = true;
            if (!_link.IsUp)
            {
                JoinNow();
            }
        }

        /// <summary>Stops for good (shutdown): no join follows.</summary>
        public void Stop()
        {
            _running = false;
            _joining = false;
            _timer.Stop();
        }

        /// <summary>Leaves the network and joins again at once with a fresh backoff (the connectivity watchdog's recovery).</summary>
        public void Restart()
        {
            if (!_running)
            {
                return;
            }

            _failures = 0;
            _link.Leave();
            JoinNow();
        }

        /// <summary>The link got an address: the backoff starts over.</summary>
        public void OnUp()
        {
            _failures = 0;
            _joining = false;
            _timer.Stop();
        }

        /// <summary>The link lost its address: join again at once (unless a join is already under way).</summary>
        public void OnDown()
        {
            if (_running && !_joining)
            {
                JoinNow();
            }
        }

        /// <summary>The running join failed: wait the backoff, then try again (the other slot when two are set).</summary>
        public void OnJoinFailed()
        {
            if (!_running || !_joining)
            {
                return;
            }

            _joining = false;
            _failures++;
            if (_twoSlots)
            {
                _slot = _slot == 1 ? 2 : 1;
            }

            int wait = RetryDelayMs(_failures);
            if (_log != null)
            {
                _log.Write("WIF", "Wi-Fi join failed, retry in ", (wait / 1000).ToString(), " s");
            }

            _timer.Start(wait, 0);
        }

        private void OnTick()
        {
            if (!_running || _link.IsUp)
            {
                _joining = false;
                return;
            }

            if (_joining)
            {
                // No answer in time: as good as a failure.
                OnJoinFailed();
                return;
            }

            JoinNow();
        }

        private void JoinNow()
        {
            _joining = true;
            _timer.Start(JoinTimeoutMs, 0);
            _link.Join(_slot);
        }
    }
}
