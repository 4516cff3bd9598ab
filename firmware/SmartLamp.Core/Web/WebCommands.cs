using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Web
{
    /// <summary>Called when WebServer changes (0 stops the HTTP server, 1 and 2 start it).</summary>
    public delegate void WebServerModeHandler(int mode);

    /// <summary>
    /// The web's commands, as Tasmota answers them:
    /// <list type="bullet">
    /// <item><c>WebServer 0|1|2</c>: off / user / admin; answers {"WebServer":"Active for Admin on &lt;topic&gt; with IP address &lt;ip&gt;"} or {"WebServer":"Stopped"}.</item>
    /// <item><c>WebPassword &lt;text&gt;</c> (user "admin"; 0 or 1 clears): answers {"WebPassword":"****"}, never the password (from its schema line, see SchemaCommands).</item>
    /// <item><c>WifiConfig 0|2|4|5|6|7</c>: {"WifiConfig":"2 WifiManager"}; 2 also opens the setup access point now.</item>
    /// </list>
    /// </summary>
    public sealed class WebCommands
    {
        private static readonly string[] ConfigNames = new string[] { "Restart", "Smartconfig", "WifiManager", "WPSconfig", "Retry", "Wait", "Serial", "ManagerRst" };

        private readonly SettingsService _service;
        private readonly INetworkLink _network;
        private readonly WifiSetup _setup;

        private WebCommands(SettingsService service, INetworkLink network, WifiSetup setup)
        {
            _service = service;
            _network = network;
            _setup = setup;
        }

        /// <summary>Raised when WebServer changes.</summary>
        public event WebServerModeHandler ModeChanged;

        private static readonly string[] CommandNames = new string[] { "WEBSERVER", "WIFICONFIG" };

        /// <summary>Registers WEBSERVER, WEBPASSWORD and WIFICONFIG.</summary>
        public static WebCommands Register(CommandDispatcher d, SettingsService service, INetworkLink network, WifiSetup setup)
        {
            WebCommands c = new WebCommands(service, network, setup);
            d.Register(CommandNames, c.OnCommand);
            SchemaCommands password = new SchemaCommands(service);
            password.AddText("WebPassword", 0, SchemaCommands.ZeroClears | SchemaCommands.Secret);
            password.Register(d);
            return c;
        }

        private void CmndWebServer(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.IsQuery)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v < 0 || v > 2)
                {
                    return;
                }

                if (_service.Set(ref s.WebServer, v, 0) && ModeChanged != null)
                {
                    ModeChanged(v);
                }
            }

            if (s.WebServer == 0)
            {
                resp.Add("WebServer", "Stopped");
                return;
            }

            string ip = _setup != null && _setup.IsOpen && !_network.IsUp ? _setup.Address : _network.IpAddress;
            resp.Add("WebServer", "Active for " + (s.WebServer == 2 ? "Admin" : "User") + " on " + s.Topic + " with IP address " + ip);
        }

        private void CmndWifiConfig(CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            if (!req.IsQuery)
            {
                int v = CommandValue.Parse(req.Payload);
                if (v < 0 || v > 7 || v == 1 || v == 3)
                {
                    return;
                }

                _service.Set(ref s.WifiConfig, v, 0);
                if (v == 2 && _setup != null)
                {
                    _setup.OpenNow();
                }
            }

            resp.Add("WifiConfig", s.WifiConfig.ToString() + " " + ConfigNames[s.WifiConfig]);
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndWebServer(req, resp); break;
                case 1: CmndWifiConfig(req, resp); break;
            }
        }
    }
}
