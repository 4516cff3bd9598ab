// Written against nanoFramework.System.Device.Wifi 1.5.149, nanoFramework.System.Net 1.11.60, nanoFramework.System.Threading 1.1.52.
using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="INetworkLink"/> for the ESP32 Wi-Fi station. One worker thread joins with
    /// <c>WifiNetworkHelper.ConnectDhcp(..., token)</c> (60 s per attempt, slot 1 then slot 2 in turn) and
    /// watches the station's IPv4 address; NetworkChange events only wake it early, because
    /// NetworkAddressChanged is not reliable on ESP32 (nanoFramework Home #1103), so the address is also
    /// polled. Up/down reports come from the worker thread.
    /// </summary>
    /// <remarks>
    /// Without any SSID configured the worker waits for the credentials stored on the device
    /// (Visual Studio Device Explorer / nanoff --networkdeployment) with WifiNetworkHelper.Reconnect.
    /// ConnectDhcp writes the credentials it connects with to flash (I:\con_WN1_0.sys); that is the
    /// library's behaviour, not ours. BSSID, channel and RSSI are not exposed by the station API
    /// without a scan, so they read as unknown.
    /// </remarks>
    public sealed partial class NanoWifiLink : INetworkLink
    {
        private const int ConnectTimeoutMs = 60000;
        private const int PollUpMs = 2000;
        private const int RetryPauseMs = 5000;
        private const int MaxRetryPauseMs = 300000;
        private const string NoAddress = "0.0.0.0";

        private readonly object _lock = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ILog _log;
        private INetworkLinkListener _listener;
        private string _ssid1 = string.Empty;
        private string _password1 = string.Empty;
        private string _ssid2 = string.Empty;
        private string _password2 = string.Empty;
        private bool _reconfigure;      // credentials changed after the first Configure: leave and rejoin
        private bool _configured;       // Configure was called at least once
        private bool _started;          // worker thread running
        private bool _interrupted;      // the running attempt was cut short by Configure
        private CancellationTokenSource _attempt; // token source of the running join attempt
        private bool _up;
        private string _ip = NoAddress;
        private string _mac = string.Empty;
        private int _slot = 1;
        private int _failures;          // failed join attempts in a row (backoff)

        /// <summary>Creates the link; nothing happens on the radio until <see cref="Attach"/>. <paramref name="log"/> may be null.</summary>
        public NanoWifiLink(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public bool IsUp
        {
            get { return _up; }
        }

        /// <inheritdoc />
        public string Mac
        {
            get
            {
                if (_mac.Length == 0)
                {
                    NetworkInterface ni = FindStation();
                    if (ni != null)
                    {
                        _mac = FormatMac(ni.PhysicalAddress);
                    }
                }

                return _mac;
            }
        }

        /// <inheritdoc />
        public string IpAddress
        {
            get { return _ip; }
        }

        /// <inheritdoc />
        public string Ssid
        {
            get
            {
                if (!_up)
                {
                    return string.Empty;
                }

                lock (_lock)
                {
                    return _slot == 2 ? _ssid2 : _ssid1;
                }
            }
        }

        /// <inheritdoc />
        public string Bssid
        {
            get { return string.Empty; }
        }

        /// <inheritdoc />
        public int Channel
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public int SignalDbm
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public int ActiveSlot
        {
            get { return _slot; }
        }

        /// <inheritdoc />
        /// <remarks>
        /// Starts the worker: DeviceApp only calls <see cref="Configure"/> when an SSID is set, so without one
        /// the worker waits for the network stored on the device.
        /// </remarks>
        public void Attach(INetworkLinkListener listener)
        {
            _listener = listener;
            EnsureWorker();
        }

        /// <inheritdoc />
        /// <remarks>
        /// The first call only hands over the credentials (the stored network may already be up with them);
        /// a later call with different credentials leaves the current network and joins the new one. Either
        /// way a join attempt that is still waiting is cut short.
        /// </remarks>
        public void Configure(string ssid1, string password1, string ssid2, string password2)
        {
            CancellationTokenSource waiting;
            lock (_lock)
            {
                string s1 = ssid1 == null ? string.Empty : ssid1;
                string p1 = password1 == null ? string.Empty : password1;
                string s2 = ssid2 == null ? string.Empty : ssid2;
                string p2 = password2 == null ? string.Empty : password2;
                bool changed = s1 != _ssid1 || p1 != _password1 || s2 != _ssid2 || p2 != _password2;
                _ssid1 = s1;
                _password1 = p1;
                _ssid2 = s2;
                _password2 = p2;
                if (changed && _configured)
                {
                    _reconfigure = true;
                }

                _configured = true;
                waiting = changed ? _attempt : null;
                if (waiting != null)
                {
                    _interrupted = true;
                }
            }

            if (waiting != null)
            {
                try
                {
                    waiting.Cancel();
                }
                catch (Exception)
                {
                    // The attempt finished (and disposed its source) meanwhile: nothing to cut short.
                }
            }

            EnsureWorker();
            _wake.Set();
        }

        /// <summary>
        /// Leaves the network and joins again with the current credentials (the core's connectivity
        /// watchdog asks for this after a long MQTT outage). Returns at once; a waiting attempt is cut short.
        /// </summary>
        public void Rejoin()
        {
            CancellationTokenSource waiting;
            lock (_lock)
            {
                _reconfigure = true;
                _failures = 0;
                waiting = _attempt;
                if (waiting != null)
                {
                    _interrupted = true;
                }
            }

            if (waiting != null)
            {
                try
                {
                    waiting.Cancel();
                }
                catch (Exception)
                {
                    // Already finished.
                }
            }

            EnsureWorker();
            _wake.Set();
        }

        private void EnsureWorker()
        {
            lock (_lock)
            {
                if (_started)
                {
                    return;
                }

                _started = true;
            }

            NetworkChange.NetworkAddressChanged += OnAddressChanged;
            NetworkChange.NetworkAvailabilityChanged += OnAvailabilityChanged;
            Thread worker = new Thread(new ThreadStart(Worker));
            worker.Start();
        }

        private void Worker()
        {
            for (;;)
            {
                try
                {
                    Step();
                }
                catch (Exception e)
                {
                    // Never let the worker die: a dead worker means no Wi-Fi until reboot.
                    Log("Wi-Fi worker error: ", e.Message);
                    _wake.WaitOne(RetryPauseMs, false);
                }
            }
        }

        // Reads the station address; raises up/down on a change. True when up.
        private bool Poll()
        {
            NetworkInterface ni = FindStation();
            string ip = ni == null ? NoAddress : ni.IPv4Address;
            if (ip == null || ip.Length == 0)
            {
                ip = NoAddress;
            }

            if (ni != null && _mac.Length == 0)
            {
                _mac = FormatMac(ni.PhysicalAddress);
            }

            bool up = ip != NoAddress;
            _ip = ip;
            SetUp(up);
            return up;
        }

        private void SetUp(bool up)
        {
            if (up == _up)
            {
                return;
            }

            _up = up;
            if (!up)
            {
                _ip = NoAddress;
            }
            else
            {
                lock (_lock)
                {
                    _failures = 0;
                }
            }

            Log(up ? "Wi-Fi up, IP " : "Wi-Fi down", up ? _ip : null);
            INetworkLinkListener l = _listener;
            if (l == null)
            {
                return;
            }

            try
            {
                if (up)
                {
                    l.OnNetworkUp();
                }
                else
                {
                    l.OnNetworkDown();
                }
            }
            catch (Exception e)
            {
                Log("network handler failed: ", e.Message);
            }
        }

        // Runtime event thread: only wake the worker, which does the real work. Exceptions on that
        // thread would vanish silently, so even this one call is guarded.
        private void OnAddressChanged(object sender, EventArgs e)
        {
            Wake();
        }

        private void OnAvailabilityChanged(object sender, NetworkAvailabilityEventArgs e)
        {
            Wake();
        }

        private void Wake()
        {
            try
            {
                _wake.Set();
            }
            catch (Exception ex)
            {
                Log("Wi-Fi event handler failed: ", ex.Message);
            }
        }

        private void Log(string what, string detail)
        {
            if (_log != null)
            {
                _log.Write("WIF", what, detail, null);
            }
        }
    }
}
