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
    /// <see cref="INetworkLink"/> for the ESP32 Wi-Fi station: only the radio calls. When to join, which
    /// slot, and how long to wait after a failure is the core's (Network/WifiRejoin). One worker thread
    /// runs each requested join with <c>WifiNetworkHelper.ConnectDhcp(..., token)</c> (at most 60 s) and
    /// watches the station's IPv4 address; NetworkChange events only wake it early, because
    /// NetworkAddressChanged is not reliable on ESP32 (nanoFramework Home #1103), so the address is also
    /// polled. Up, down and join-failed reports come from the worker thread.
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
        private const int PollMs = 2000;
        private const string NoAddress = "0.0.0.0";

        private readonly object _lock = new object();
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly ILog _log;
        private INetworkLinkListener _listener;
        private string _ssid1 = string.Empty;
        private string _password1 = string.Empty;
        private string _ssid2 = string.Empty;
        private string _password2 = string.Empty;
        private int _joinSlot;          // a join asked for (1 or 2), 0 = none
        private bool _leave;            // a leave asked for
        private bool _started;          // worker thread running
        private bool _interrupted;      // the running attempt was cut short by a newer Join or Leave
        private CancellationTokenSource _attempt; // token source of the running join attempt
        private bool _up;
        private string _ip = NoAddress;
        private string _mac = string.Empty;
        private int _slot = 1;

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
        /// <remarks>Starts the worker, which watches the address until a join is asked for.</remarks>
        public void Attach(INetworkLinkListener listener)
        {
            _listener = listener;
            EnsureWorker();
        }

        /// <inheritdoc />
        public void Configure(string ssid1, string password1, string ssid2, string password2)
        {
            lock (_lock)
            {
                _ssid1 = ssid1 == null ? string.Empty : ssid1;
                _password1 = password1 == null ? string.Empty : password1;
                _ssid2 = ssid2 == null ? string.Empty : ssid2;
                _password2 = password2 == null ? string.Empty : password2;
            }
        }

        /// <inheritdoc />
        public void Join(int slot)
        {
            Ask(slot == 2 ? 2 : 1, false);
        }

        /// <inheritdoc />
        public void Leave()
        {
            Ask(0, true);
        }

        // Hands a join or a leave to the worker; a join still waiting is cut short.
        private void Ask(int slot, bool leave)
        {
            CancellationTokenSource waiting;
            lock (_lock)
            {
                if (leave)
                {
                    _leave = true;
                    _joinSlot = 0;
                }
                else
                {
                    _joinSlot = slot;
                }

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
                    // The attempt finished (and disposed its source) meanwhile: nothing to cut short.
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
                    _wake.WaitOne(PollMs, false);
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
