// Written against nanoFramework.System.Device.Wifi 1.5.149, nanoFramework.System.Net 1.11.60, nanoFramework.System.Threading 1.1.52 (shared reference nanoframework-api.md §3, §12).
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
    public sealed class NanoWifiLink : INetworkLink
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

        private void Step()
        {
            bool reconfigure;
            string ssid;
            string password;
            int slot;
            lock (_lock)
            {
                reconfigure = _reconfigure;
                _reconfigure = false;
                slot = _slot;
                if (slot == 2 && _ssid2.Length == 0)
                {
                    slot = 1;
                }

                if (slot == 1 && _ssid1.Length == 0 && _ssid2.Length > 0)
                {
                    slot = 2;
                }

                ssid = slot == 2 ? _ssid2 : _ssid1;
                password = slot == 2 ? _password2 : _password1;
                _slot = slot;
            }

            if (reconfigure)
            {
                // README "Retry and reconfiguration": leave the old network before joining another.
                Log("Wi-Fi leaving the network to join again (new credentials or watchdog)", null);
                SetUp(false);
                try
                {
                    WifiNetworkHelper.Disconnect();
                    WifiNetworkHelper.Reset();
                }
                catch (Exception e)
                {
                    Log("Wi-Fi disconnect failed: ", e.Message);
                }
            }

            // Right after a reconfiguration the old address may still be visible: go straight to joining.
            if (!reconfigure && Poll())
            {
                _wake.WaitOne(PollUpMs, false);
                return;
            }

            bool ok;
            CancellationTokenSource cts = new CancellationTokenSource(ConnectTimeoutMs);
            lock (_lock)
            {
                bool stale = _reconfigure || ssid != (slot == 2 ? _ssid2 : _ssid1) || password != (slot == 2 ? _password2 : _password1);
                if (stale)
                {
                    // Configure ran since the credentials were read: start over with the new ones.
                    cts.Dispose();
                    return;
                }

                _attempt = cts;
                _interrupted = false;
            }

            try
            {
                if (ssid.Length == 0)
                {
                    // No SSId1/SSId2: the network stored on the device (Device Explorer / nanoff
                    // --networkdeployment), if it has one.
                    ReadStoredNetwork(out ssid, out password);
                }

                if (ssid.Length > 0)
                {
                    Log("Wi-Fi connecting to ", ssid);
                    ok = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, cts.Token);
                }
                else
                {
                    // Nothing stored either: wait for whatever the platform joins by itself (SmartConfig).
                    Log("Wi-Fi has no credentials: set SSId1/Password1 on the console", null);
                    ok = WifiNetworkHelper.Reconnect(false, 0, cts.Token);
                }
            }
            finally
            {
                lock (_lock)
                {
                    _attempt = null;
                }

                cts.Dispose();
            }

            if (Poll())
            {
                return;
            }

            bool interrupted;
            lock (_lock)
            {
                interrupted = _interrupted;
                _interrupted = false;

                // Alternate between the two slots like Tasmota's AP1/AP2 fallback.
                if (!interrupted && _ssid1.Length > 0 && _ssid2.Length > 0)
                {
                    _slot = _slot == 1 ? 2 : 1;
                }
            }

            if (interrupted)
            {
                return;
            }

            // Backoff: 5 s, 10 s, 20 s, ... up to 5 min between failed attempts (each attempt itself
            // waits up to 60 s). Configure and Rejoin wake the worker early.
            int failures;
            lock (_lock)
            {
                _failures++;
                failures = _failures;
            }

            int pause = RetryPauseMs;
            for (int i = 1; i < failures && pause < MaxRetryPauseMs; i++)
            {
                pause *= 2;
            }

            if (pause > MaxRetryPauseMs)
            {
                pause = MaxRetryPauseMs;
            }

            Log(ok ? "Wi-Fi joined but got no address, retry in " : "Wi-Fi connect failed, status " + ((int)WifiNetworkHelper.Status).ToString() + ", retry in ", (pause / 1000).ToString() + " s");
            _wake.WaitOne(pause, false);
        }

        // The Wi-Fi credentials stored in the device configuration (I:\con_WN1_0.sys), "" when none.
        private static void ReadStoredNetwork(out string ssid, out string password)
        {
            ssid = string.Empty;
            password = string.Empty;
            NetworkInterface ni = FindStation();
            if (ni == null)
            {
                return;
            }

            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            int id = (int)ni.SpecificConfigId; // uint in System.Net 1.11.54, int in later versions
            if (all == null || id < 0 || id >= all.Length || all[id] == null)
            {
                return;
            }

            ssid = all[id].Ssid == null ? string.Empty : all[id].Ssid;
            password = all[id].Password == null ? string.Empty : all[id].Password;
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

        private static NetworkInterface FindStation()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return all[i];
                }
            }

            return null;
        }

        private static string FormatMac(byte[] mac)
        {
            if (mac == null || mac.Length == 0)
            {
                return string.Empty;
            }

            string s = string.Empty;
            for (int i = 0; i < mac.Length; i++)
            {
                s = s + mac[i].ToString("X2");
            }

            return s;
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
