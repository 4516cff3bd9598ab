using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Web
{
    /// <summary>
    /// The pages: main (relays and toggles; a small script polls /st so the page follows changes made
    /// elsewhere; without JavaScript a reload shows them), configuration, Wi-Fi (also the captive
    /// portal), console, information, restart and reset (each behind a confirmation form). Constant
    /// parts are string constants; everything is streamed through <see cref="HtmlOut"/> in chunks.
    /// Passwords are never written into a page: their fields are empty and "empty = unchanged".
    /// </summary>
    public sealed class WebPages
    {
        /// <summary>Content types.</summary>
        public const string TextHtml = "text/html; charset=utf-8", TextPlain = "text/plain; charset=utf-8", Json = "application/json";

        private const string Head1 = "<!DOCTYPE html><html><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><title>";
        private const string Head2 = "</title><style>body{font-family:sans-serif;max-width:30em;margin:auto;padding:.5em}button,input,select{font-size:1em;width:100%;margin:.2em 0;padding:.4em}"
            + ".r{display:flex;justify-content:space-between;align-items:center;font-size:1.4em}.b{border:1px solid #888;border-radius:.3em;padding:.5em;margin:.5em 0}"
            + "textarea{width:100%;height:20em;font-size:.8em}td{padding:.1em .4em}</style></head><body><h2>";
        private const string Head3 = "</h2>";
        private const string Foot = "<p><a href=/>Main</a> · <a href=/cn>Configuration</a> · <a href=/cs>Console</a> · <a href=/in>Information</a> · <a href=/rt>Restart</a> · <a href=/rst>Reset</a></p></body></html>";
        private const string MainScript = "<script>setInterval(function(){fetch('/st').then(function(r){return r.json()}).then(function(j){for(var k in j){var e=document.getElementById(k);if(e)e.textContent=j[k]}}).catch(function(){})},1000)</script>";
        private const string ConsoleScript = "<script>var n=document.getElementById('n'),t=document.getElementById('t');t.scrollTop=t.scrollHeight;"
            + "function p(c){fetch('/cs?c2='+n.value+(c?'&c1='+encodeURIComponent(c):'')).then(function(r){return r.text()}).then(function(x){var i=x.indexOf('\\n');n.value=x.substring(0,i);if(x.length>i+1){t.value+=x.substring(i+1);t.scrollTop=t.scrollHeight}}).catch(function(){})}"
            + "document.getElementById('f').onsubmit=function(e){e.preventDefault();var c=document.getElementById('c1');p(c.value);c.value=''};setInterval(function(){p('')},1000)</script>";

        private readonly WebServer _server;
        private readonly SettingsService _service;
        private readonly INetworkLink _network;
        private readonly ISystemControl _system;
        private readonly IClock _clock;
        private readonly WebLog _webLog;
        private readonly WifiSetup _setup;
        private readonly PowerMaskSource _power;
        private readonly string _board;
        private readonly string _version;

        /// <summary>Creates the pages.</summary>
        public WebPages(WebServer server, SettingsService service, INetworkLink network, ISystemControl system, IClock clock, WebLog webLog, WifiSetup setup, int relayCount, PowerMaskSource power, string board, string version)
        {
            _server = server;
            _service = service;
            _network = network;
            _system = system;
            _clock = clock;
            _webLog = webLog;
            _setup = setup;
            RelayCount = relayCount;
            _power = power;
            _board = board;
            _version = version;
        }

        /// <summary>Relays shown.</summary>
        public int RelayCount { get; private set; }

        /// <summary>True while the station has an address.</summary>
        public bool NetworkUp
        {
            get { return _network.IsUp; }
        }

        /// <summary>An error page for <paramref name="status"/>.</summary>
        public void Error(HtmlOut o, IHttpResponse resp, int status)
        {
            o.Begin(resp, status, TextPlain, null);
            o.Number(status).Raw(status == 400 ? " Bad Request" : status == 403 ? " Forbidden (WebServer 1: admin pages are off)" : status == 404 ? " Not Found"
                : status == 405 ? " Method Not Allowed" : status == 413 ? " Payload Too Large" : status == 414 ? " URI Too Long" : status == 431 ? " Request Header Fields Too Large" : " Error");
            o.End();
        }

        /// <summary>The main page.</summary>
        public void Main(HtmlOut o, IHttpResponse resp, bool admin)
        {
            Start(o, resp, null);
            int mask = _power();
            for (int i = 1; i <= RelayCount; i++)
            {
                o.Raw("<form class=\"r b\" method=post action=/><span>").Text(RelayName(i)).Raw("</span><b id=POWER").Number(i).Raw(">")
                    .Raw((mask & (1 << (i - 1))) != 0 ? "ON" : "OFF").Raw("</b><button name=o value=").Number(i).Raw(" style=width:6em>Toggle</button></form>");
            }

            o.Raw(MainScript);
            o.Raw(admin ? Foot : "</body></html>");
            o.End();
        }

        /// <summary>/st: {"POWER1":"ON",...} for the main page's script.</summary>
        public void State(HtmlOut o, IHttpResponse resp)
        {
            o.Begin(resp, 200, Json, "Cache-Control: no-store");
            int mask = _power();
            o.Raw("{");
            for (int i = 1; i <= RelayCount; i++)
            {
                o.Raw(i > 1 ? ",\"POWER" : "\"POWER").Number(i).Raw((mask & (1 << (i - 1))) != 0 ? "\":\"ON\"" : "\":\"OFF\"");
            }

            o.Raw("}");
            o.End();
        }

        /// <summary>The configuration page (GET shows, POST with save saves through the commands).</summary>
        public void Config(HtmlOut o, IHttpResponse resp, HttpRequest req)
        {
            DeviceSettings s = _service.Current;
            bool saved = false;
            if (HttpForm.Has(req.Target, req.Body, "save"))
            {
                string[] keys = new string[] { "SSId1", "SSId2", "MqttHost", "MqttPort", "MqttUser", "MqttClient", "Topic", "GroupTopic", "FullTopic", "PowerOnState", "TelePeriod" };
                string[] now = new string[] { Slot(s.Ssid, 0), Slot(s.Ssid, 1), s.MqttHost, s.MqttPort.ToString(), s.MqttUser, s.MqttClient, s.Topic, s.GroupTopic, s.FullTopic, s.PowerOnState.ToString(), s.TelePeriod.ToString() };
                for (int i = 0; i < keys.Length; i++)
                {
                    Apply(req, keys[i], now[i], false);
                }

                Apply(req, "Password1", null, true);
                Apply(req, "Password2", null, true);
                Apply(req, "MqttPassword", null, true);
                saved = true;
            }

            Start(o, resp, "Configuration");
            if (saved)
            {
                o.Raw("<p class=b>Saved.</p>");
            }

            o.Raw("<form method=post action=/cn><fieldset><legend>Wi-Fi</legend>");
            Field(o, "SSId1", Slot(s.Ssid, 0), false);
            Field(o, "Password1", null, true);
            Field(o, "SSId2", Slot(s.Ssid, 1), false);
            Field(o, "Password2", null, true);
            o.Raw("</fieldset><fieldset><legend>MQTT</legend>");
            Field(o, "MqttHost", s.MqttHost, false);
            Field(o, "MqttPort", s.MqttPort.ToString(), false);
            Field(o, "MqttUser", s.MqttUser, false);
            Field(o, "MqttPassword", null, true);
            Field(o, "MqttClient", s.MqttClient, false);
            Field(o, "Topic", s.Topic, false);
            Field(o, "GroupTopic", s.GroupTopic, false);
            Field(o, "FullTopic", s.FullTopic, false);
            o.Raw("</fieldset><fieldset><legend>Options</legend>");
            Field(o, "PowerOnState", s.PowerOnState.ToString(), false);
            Field(o, "TelePeriod", s.TelePeriod.ToString(), false);
            o.Raw("</fieldset><p>Empty password fields keep the stored password.</p><button name=save value=1>Save</button></form>");
            o.Raw(Foot);
            o.End();
        }

        /// <summary>The Wi-Fi page (the captive portal's only page while the setup access point is open).</summary>
        public void Wifi(HtmlOut o, IHttpResponse resp, HttpRequest req)
        {
            DeviceSettings s = _service.Current;
            string ssid = HttpForm.Arg(req.Target, req.Body, "s1");
            Start(o, resp, "Wi-Fi");
            if (ssid != null && ssid.Trim().Length > 0)
            {
                Apply(req, "Password1", null, true, "p1");
                _server.Execute("SSId1 " + ssid.Trim(), false);
                o.Raw("<p class=b id=joining>Joining ").Text(ssid.Trim()).Raw(". The setup access point closes once the device is connected; it then answers at its address on that network.</p>");
            }

            if (_setup != null && _setup.IsOpen)
            {
                o.Raw("<p>Setup access point: ").Text(_setup.Ssid).Raw("</p>");
            }

            o.Raw("<form method=post action=/wi><label>Network (SSID)<input name=s1 value=\"").Text(Slot(s.Ssid, 0))
                .Raw("\"></label><label>Password<input type=password name=p1 placeholder=\"(unchanged)\"></label><button>Save and join</button></form>");
            o.Raw(Foot);
            o.End();
        }

        /// <summary>The console: runs c1, shows the log; ?c2=n answers text/plain "last\nlines after n".</summary>
        public void Console(HtmlOut o, IHttpResponse resp, HttpRequest req)
        {
            string c1 = HttpForm.Arg(req.Target, req.Body, "c1");
            if (c1 != null && c1.Trim().Length > 0)
            {
                _server.Execute(c1.Trim(), false);
            }

            string c2 = HttpForm.Arg(req.Target, req.Body, "c2");
            int last = _webLog.LastNumber;
            if (c2 != null)
            {
                int after = CommandValue.Parse(c2);
                o.Begin(resp, 200, TextPlain, "Cache-Control: no-store");
                o.Number(last).Raw("\n");
                for (int i = after < last - WebLog.Lines ? last - WebLog.Lines + 1 : after + 1; i <= last; i++)
                {
                    _webLog.WriteLine(i, o, false);
                    o.Raw("\n");
                }

                o.End();
                return;
            }

            Start(o, resp, "Console");
            o.Raw("<textarea id=t readonly>");
            for (int i = last - WebLog.Lines + 1; i <= last; i++)
            {
                if (_webLog.WriteLine(i, o, true))
                {
                    o.Raw("\n");
                }
            }

            o.Raw("</textarea><form id=f method=get action=/cs><input type=hidden id=n value=").Number(last)
                .Raw("><input id=c1 name=c1 autofocus placeholder=\"Enter command\"></form>");
            o.Raw(ConsoleScript);
            o.Raw(Foot);
            o.End();
        }

        /// <summary>The information page.</summary>
        public void Info(HtmlOut o, IHttpResponse resp)
        {
            DeviceSettings s = _service.Current;
            Start(o, resp, "Information");
            o.Raw("<table>");
            Row(o, "Firmware", _version);
            Row(o, "Board", _board);
            Row(o, "Topic", s.Topic);
            Row(o, "MAC", _network.Mac);
            Row(o, "IP address", _network.IpAddress);
            Row(o, "SSID", _network.Ssid);
            Row(o, "MQTT host", s.MqttHost);
            o.Raw("<tr><td>MQTT port<td>").Number(s.MqttPort);
            Row(o, "MQTT client", s.MqttClient);
            o.Raw("<tr><td>Uptime (s)<td>").Number(_clock.NowMs / 1000);
            o.Raw("<tr><td>Free heap (bytes)<td>").Number(_system.FreeHeapBytes);
            Row(o, "Restart reason", _system.RestartReason);
            Row(o, "Web server", s.WebServer == 2 ? "Admin" : "User");
            Row(o, "Setup access point", _setup != null && _setup.IsOpen ? _setup.Ssid : "closed");
            o.Raw("</table>");
            o.Raw(Foot);
            o.End();
        }

        /// <summary>Restart / Reset: GET asks, POST with yes runs <paramref name="command"/>.</summary>
        public void Confirm(HtmlOut o, IHttpResponse resp, HttpRequest req, string title, string command)
        {
            Start(o, resp, title);
            if (req.Method == "POST" && HttpForm.Has(req.Target, req.Body, "yes"))
            {
                _server.Execute(command, false);
                o.Raw("<p class=b id=done>").Text(title).Raw(" requested. The device restarts; reload this page in a few seconds.</p>");
            }
            else
            {
                o.Raw("<form method=post><p>").Raw(title == "Reset" ? "Reset every setting to its default and restart?" : "Restart the device?")
                    .Raw("</p><button name=yes value=1>").Text(title).Raw("</button></form>");
            }

            o.Raw(Foot);
            o.End();
        }

        private void Start(HtmlOut o, IHttpResponse resp, string title)
        {
            o.Begin(resp, 200, TextHtml, "Cache-Control: no-store");
            string name = DeviceName();
            o.Raw(Head1).Text(name).Raw(Head2).Text(name).Raw(Head3);
            if (title != null)
            {
                o.Raw("<h3>").Text(title).Raw("</h3>");
            }
        }

        /// <summary>DeviceName when the firmware has the command, else the Topic.</summary>
        private string DeviceName()
        {
            string v = _server.HasCommand("DEVICENAME") ? FirstValue(_server.Execute("DeviceName", true)) : null;
            return v != null && v.Length > 0 ? v : _service.Current.Topic;
        }

        /// <summary>FriendlyName&lt;n&gt; when the firmware has the command, else "Relay n".</summary>
        private string RelayName(int n)
        {
            string v = _server.HasCommand("FRIENDLYNAME") ? FirstValue(_server.Execute("FriendlyName" + n.ToString(), true)) : null;
            return v != null && v.Length > 0 ? v : "Relay " + n.ToString();
        }

        /// <summary>The first string value of a one-key answer ({"DeviceName":"Lamp"} gives Lamp), unescaped for \" and \\.</summary>
        public static string FirstValue(string json)
        {
            int c = json == null ? -1 : json.IndexOf("\":\"");
            if (c < 0)
            {
                return null;
            }

            char[] chars = new char[json.Length];
            int n = 0;
            for (int i = c + 3; i < json.Length; i++)
            {
                char ch = json[i];
                if (ch == '"')
                {
                    break;
                }

                if (ch == '\\' && i + 1 < json.Length)
                {
                    ch = json[++i];
                }

                chars[n++] = ch;
            }

            return new string(chars, 0, n);
        }

        private void Apply(HttpRequest req, string key, string current, bool secret)
        {
            Apply(req, key, current, secret, key);
        }

        /// <summary>Runs "&lt;key&gt; &lt;value&gt;" when the form's field changed the value (an empty secret keeps it; an empty text clears it with 0).</summary>
        private void Apply(HttpRequest req, string key, string current, bool secret, string field)
        {
            string v = HttpForm.Arg(req.Target, req.Body, field);
            if (v == null)
            {
                return;
            }

            v = v.Trim();
            if ((secret && v.Length == 0) || (!secret && v == current))
            {
                return;
            }

            _server.Execute(key + " " + (v.Length == 0 ? "0" : v), false);
        }

        private static void Field(HtmlOut o, string name, string value, bool secret)
        {
            o.Raw("<label>").Raw(name).Raw("<input name=").Raw(name);
            if (secret)
            {
                o.Raw(" type=password placeholder=\"(unchanged)\"");
            }
            else
            {
                o.Raw(" value=\"").Text(value).Raw("\"");
            }

            o.Raw("></label>");
        }

        private static void Row(HtmlOut o, string key, string value)
        {
            o.Raw("<tr><td>").Raw(key).Raw("<td>").Text(value);
        }

        private static string Slot(string[] values, int i)
        {
            return values != null && values.Length > i && values[i] != null ? values[i] : string.Empty;
        }
    }
}
