using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// When the Wi-Fi setup access point opens and closes (Tasmota's WifiConfig 2, "Wi-Fi manager"):
    /// <list type="bullet">
    /// <item>no SSID configured: it opens <see cref="NoSsidDelayMs"/> after boot (or after losing the network) and stays open until a network is joined;</item>
    /// <item>an SSID configured but no network for <see cref="OfflineMs"/>: it opens for
    ///   <see cref="WindowMs"/> (3 minutes), each portal request extending the window; when the window
    ///   ends without a network it closes, and opens again after the next offline period;</item>
    /// <item>the network comes up (a network chosen on the portal was joined): it closes;</item>
    /// <item><c>WifiConfig 0</c>, 4, 5, 6: it never opens by itself (<c>WifiConfig 2</c> opens it now).</item>
    /// </list>
    /// Its name is "&lt;Topic&gt;-&lt;4 digits from the MAC&gt;"; WPA2 with <see cref="DeviceSettings.ApPassword"/> when set.
    /// </summary>
    public sealed class WifiSetup
    {
        /// <summary>How long the access point stays open after the last portal request (3 minutes).</summary>
        public const long WindowMs = 180000;

        /// <summary>Minutes without network (with an SSID configured) before it opens: 2 minutes.</summary>
        public const long OfflineMs = 120000;

        /// <summary>Without any SSID it opens this long after boot or after losing the network (5 s).</summary>
        public const long NoSsidDelayMs = 5000;

        private readonly IAccessPoint _ap;
        private readonly DeviceSettings _settings;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly string _mac;
        private readonly ITimer _window;
        private readonly ITimer _offline;
        private bool _networkUp;

        /// <summary>Creates the logic (closed; call <see cref="Start"/>).</summary>
        public WifiSetup(IAccessPoint ap, DeviceSettings settings, EventLoop clock, ILog log, string mac)
        {
            _ap = ap;
            _settings = settings;
            _clock = clock;
            _log = log;
            _mac = mac;
            _window = clock.Timeout("Wi-Fi setup window", OnWindowEnd);
            _offline = clock.Timeout("Wi-Fi offline", OnOffline);
        }

        /// <summary>True while the access point is open.</summary>
        public bool IsOpen { get; private set; }

        /// <summary>The access point's name while open (else "").</summary>
        public string Ssid { get; private set; }

        /// <summary>Times the access point was opened.</summary>
        public int Openings { get; private set; }

        /// <summary>The access point's address (for the captive portal's redirect).</summary>
        public string Address
        {
            get { return _ap == null ? "192.168.4.1" : _ap.Address; }
        }

        /// <summary>Boot: opens at once without an SSID, else waits for the network.</summary>
        public void Start(bool networkUp)
        {
            _networkUp = networkUp;
            Ssid = string.Empty;
            if (networkUp)
            {
                return;
            }

            if (AutoOpen())
            {
                _offline.Start(HasSsid() ? OfflineMs : NoSsidDelayMs, 0);
            }
        }

        /// <summary>Stops the timers and closes the access point.</summary>
        public void Stop()
        {
            _offline.Stop();
            Close("stopped");
        }

        /// <summary>The station got an address: the access point closes.</summary>
        public void OnNetworkUp()
        {
            _networkUp = true;
            _offline.Stop();
            Close("network joined");
        }

        /// <summary>The station lost its address: the offline period starts.</summary>
        public void OnNetworkDown()
        {
            _networkUp = false;
            if (!IsOpen && AutoOpen())
            {
                _offline.Start(HasSsid() ? OfflineMs : NoSsidDelayMs, 0);
            }
        }

        /// <summary>A portal request arrived: the window starts again.</summary>
        public void OnPortalActivity()
        {
            if (IsOpen)
            {
                _window.Start(WindowMs, 0);
            }
        }

        /// <summary>WifiConfig 2 (or the page's button): opens now, for <see cref="WindowMs"/>.</summary>
        public void OpenNow()
        {
            if (!IsOpen)
            {
                Open();
            }
            else
            {
                _window.Start(WindowMs, 0);
            }
        }

        /// <summary>The access point name for <paramref name="topic"/> and MAC: "lamp-1234".</summary>
        public static string ApName(string topic, string mac)
        {
            int n = 0;
            if (mac != null)
            {
                for (int i = mac.Length - 4 < 0 ? 0 : mac.Length - 4; i < mac.Length; i++)
                {
                    int digit = Chars.HexValue(mac[i]);
                    n = (n << 4) | (digit < 0 ? 0 : digit); // a separator counts as 0
                }
            }

            n &= 0x1FFF;
            TextBuffer b = new TextBuffer(48);
            b.Append(topic == null || topic.Length == 0 ? "smartlamp" : topic).Append('-');
            b.AppendTwoDigits(n / 100).AppendTwoDigits(n % 100);
            return b.ToString();
        }

        private bool AutoOpen()
        {
            int mode = _settings.WifiConfig;
            return mode == 2 || mode == 7 || (!HasSsid() && mode != 0 && mode != 6);
        }

        private bool HasSsid()
        {
            string[] ssid = _settings.Ssid;
            for (int i = 0; ssid != null && i < ssid.Length; i++)
            {
                if (ssid[i] != null && ssid[i].Length > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void Open()
        {
            string name = ApName(_settings.Topic, _mac);
            try
            {
                if (_ap != null)
                {
                    _ap.Open(name, _settings.ApPassword == null ? string.Empty : _settings.ApPassword);
                }
            }
            catch (System.Exception e)
            {
                _log.Write("WIF", "Access point failed: ", e.Message, null);
                return;
            }

            IsOpen = true;
            Ssid = name;
            Openings++;
            _window.Start(WindowMs, 0);
            _log.Write("WIF", "Access point ", name, _settings.ApPassword != null && _settings.ApPassword.Length > 0 ? " open (WPA2)" : " open");
        }

        private void Close(string why)
        {
            _window.Stop();
            if (!IsOpen)
            {
                return;
            }

            IsOpen = false;
            Ssid = string.Empty;
            try
            {
                if (_ap != null)
                {
                    _ap.Close();
                }
            }
            catch (System.Exception e)
            {
                _log.Write("WIF", "Access point close failed: ", e.Message, null);
            }

            _log.Write("WIF", "Access point closed: ", why, null);
        }

        private void OnWindowEnd()
        {
            if (_networkUp)
            {
                Close("network joined");
                return;
            }

            if (!HasSsid())
            {
                _window.Start(WindowMs, 0); // nothing else to do without an SSID: stay reachable
                return;
            }

            Close("3 minutes without use");
            if (AutoOpen())
            {
                _offline.Start(OfflineMs, 0);
            }
        }

        private void OnOffline()
        {
            if (!_networkUp && !IsOpen && AutoOpen())
            {
                Open();
            }
        }
    }
}
