using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Web
{
    /// <summary>Reads the relays' state for the pages (bit i = relay i+1 on).</summary>
    public delegate int PowerMaskSource();

    /// <summary>
    /// The device's web server: routes requests to the pages (<see cref="WebPages"/>), runs /cm, and
    /// checks WebPassword and WebServer. Every command from the web (a toggle, /cm, the console, a saved
    /// form) runs through the same <see cref="CommandDispatcher"/> as MQTT, with
    /// <see cref="CommandSource.Web"/>, so it is answered on MQTT as well; /cm returns the JSON the
    /// command published, merged into one object (Tasmota's /cm). Requests are handled one at a time
    /// under the device's lock; a failure answers 500 and is logged, never thrown.
    /// </summary>
    public sealed class WebServer : IHttpHandler
    {
        /// <summary>The only user name (Tasmota's WEB_USERNAME).</summary>
        public const string User = "admin";

        /// <summary>/cm's answer without valid credentials (status 401).</summary>
        public const string NeedPasswordJson = "{\"WARNING\":\"Need user=<username>&password=<password>\"}";

        /// <summary>/cm's answer without a command.</summary>
        public const string EnterCommandJson = "{\"WARNING\":\"Enter command cmnd=\"}";

        private readonly CommandDispatcher _dispatcher;
        private readonly ICapturingOutput _output;
        private readonly SettingsService _service;
        private readonly ILog _log;
        private readonly WebPages _pages;

        // Made at the first request (most devices never serve one): the page buffer and the answer capture.
        private HtmlOut _out;
        private AnswerCapture _capture;

        /// <summary>Creates the server (the adapter is started by the app when WebServer is not 0).</summary>
        public WebServer(CommandDispatcher dispatcher, ICapturingOutput output, SettingsService service, INetworkLink network,
            ISystemControl system, IClock clock, ILog log, WebLog webLog, WifiSetup setup, int relayCount, PowerMaskSource power, string board, string version)
        {
            _dispatcher = dispatcher;
            _output = output;
            _service = service;
            _log = log;
            Setup = setup;
            _pages = new WebPages(this, service, network, system, clock, webLog, setup, relayCount, power, board, version);
        }

        /// <summary>The Wi-Fi setup logic (null when the device has no access point).</summary>
        public WifiSetup Setup { get; private set; }

        /// <summary>Requests handled.</summary>
        public int Requests { get; private set; }

        /// <summary>Characters sent by the last answer (bench).</summary>
        public int LastSent
        {
            get { return _out == null ? 0 : _out.Sent; }
        }

        /// <inheritdoc />
        public void Handle(HttpRequest req, IHttpResponse resp)
        {
            Requests++;
            if (_out == null)
            {
                _out = new HtmlOut();
            }

            try
            {
                Route(req, resp);
            }
            catch (System.Exception e)
            {
                _log.Write("WEB", "Request failed: ", e.GetType().Name, null);
                try
                {
                    _out.Begin(resp, 500, WebPages.TextPlain, null);
                    _out.Raw("Internal error");
                    _out.End();
                }
                catch (System.Exception)
                {
                    // the connection is gone; the adapter closes it
                }
            }
        }

        /// <summary>Most commands one /cm Backlog runs (Tasmota's MAX_BACKLOG).</summary>
        public const int MaxBacklog = BacklogQueue.MaxBacklog;

        /// <summary>Runs a command line from the web (logged as "CMD:" with secrets masked) and returns the JSON it published.</summary>
        public string Execute(string line, bool silent)
        {
            return Run(line, silent, false);
        }

        /// <summary>
        /// /cm: as <see cref="Execute"/>, but a Backlog's commands run at once, one after the other, and the
        /// answer holds all their answers (over MQTT they run 200 ms apart and answer one by one).
        /// </summary>
        public string ExecuteCm(string line)
        {
            return Run(line, false, true);
        }

        private string Run(string line, bool silent, bool expandBacklog)
        {
            if (!silent)
            {
                _log.Write("CMD", Console.SecretMask.CommandLine(line), null, null);
            }

            if (_capture == null)
            {
                _capture = new AnswerCapture();
            }

            _capture.Clear();
            _capture.Silent = silent;
            _output.Capture = _capture;
            try
            {
                int items = expandBacklog ? BacklogStart(line) : -1;
                if (items < 0)
                {
                    _dispatcher.ExecuteLine(CommandSource.Web, line);
                }
                else
                {
                    int pos = items;
                    int count = 0;
                    while (pos < line.Length && count < MaxBacklog)
                    {
                        int end = CommandValue.BacklogItemEnd(line, pos);
                        string item = CommandDispatcher.TrimPayload(line.Substring(pos, end - pos));
                        pos = end + 1;
                        if (item.Length > 0 && !CommandValue.StartsWithIgnoreCase(item, 0, "RESET"))
                        {
                            _dispatcher.ExecuteLine(CommandSource.Backlog, item);
                            count++;
                        }
                    }
                }
            }
            finally
            {
                _output.Capture = null;
            }

            return _capture.ToJson();
        }

        /// <summary>Where the items of "Backlog[digits] a; b" start, or -1 when the line is no Backlog with items.</summary>
        private static int BacklogStart(string line)
        {
            int p = 0;
            while (p < line.Length && line[p] == ' ')
            {
                p++;
            }

            if (!CommandValue.StartsWithIgnoreCase(line, p, "BACKLOG"))
            {
                return -1;
            }

            p += 7;
            while (p < line.Length && line[p] >= '0' && line[p] <= '9')
            {
                p++;
            }

            if (p >= line.Length || line[p] != ' ')
            {
                return -1;
            }

            while (p < line.Length && line[p] == ' ')
            {
                p++;
            }

            return p < line.Length ? p : -1;
        }

        /// <summary>True when <paramref name="upperName"/> is a known command (pages read FriendlyName etc. only when it exists).</summary>
        public bool HasCommand(string upperName)
        {
            return _dispatcher.IsRegistered(upperName);
        }

        private void Route(HttpRequest req, IHttpResponse resp)
        {
            HtmlOut o = _out;
            if (req.Status != 0)
            {
                _pages.Error(o, resp, req.Status);
                return;
            }

            DeviceSettings s = _service.Current;
            bool portal = Setup != null && Setup.IsOpen;
            if (portal)
            {
                Setup.OnPortalActivity();
            }

            string path = HttpForm.Path(req.Target);
            if (path == "/cm")
            {
                Cm(req, resp);
                return;
            }

            if (!Authorized(req, s))
            {
                o.Begin(resp, 401, WebPages.TextHtml, "WWW-Authenticate: Basic realm=\"SmartLamp\"");
                o.Raw("<!DOCTYPE html><title>401</title><p>Log in as admin (WebPassword).");
                o.End();
                return;
            }

            bool admin = s.WebServer == 2 || portal;
            if (path == "/")
            {
                if (portal && !_pages.NetworkUp)
                {
                    _pages.Wifi(o, resp, req);
                    return;
                }

                string relay = HttpForm.Arg(req.Target, req.Body, "o");
                int n = relay == null ? -1 : CommandValue.Parse(relay);
                if (n >= 1 && n <= _pages.RelayCount)
                {
                    Execute("Power" + n.ToString() + " TOGGLE", false);
                }

                _pages.Main(o, resp, admin);
                return;
            }

            if (path == "/st")
            {
                _pages.State(o, resp);
                return;
            }

            if (!admin && (path == "/cn" || path == "/wi" || path == "/cs" || path == "/in" || path == "/rt" || path == "/rst"))
            {
                _pages.Error(o, resp, 403);
                return;
            }

            switch (path)
            {
                case "/cn": _pages.Config(o, resp, req); return;
                case "/wi": _pages.Wifi(o, resp, req); return;
                case "/cs": _pages.Console(o, resp, req); return;
                case "/in": _pages.Info(o, resp); return;
                case "/rt": _pages.Confirm(o, resp, req, "Restart", "Restart 1"); return;
                case "/rst": _pages.Confirm(o, resp, req, "Reset", "Reset 1"); return;
            }

            if (portal)
            {
                // Captive portal: whatever a phone probes (generate_204, hotspot-detect.html...) leads to the Wi-Fi page.
                o.Begin(resp, 302, WebPages.TextHtml, "Location: http://" + Setup.Address + "/wi");
                o.End();
                return;
            }

            _pages.Error(o, resp, 404);
        }

        private void Cm(HttpRequest req, IHttpResponse resp)
        {
            DeviceSettings s = _service.Current;
            HtmlOut o = _out;
            string pwd = s.WebPassword == null ? string.Empty : s.WebPassword;
            if (pwd.Length > 0 && !BasicOk(req.Authorization, pwd))
            {
                string user = HttpForm.Arg(req.Target, req.Body, "user");
                string given = HttpForm.Arg(req.Target, req.Body, "password");
                if (user != User || given != pwd)
                {
                    o.Begin(resp, 401, WebPages.Json, null);
                    o.Raw(NeedPasswordJson);
                    o.End();
                    return;
                }
            }

            string cmnd = HttpForm.Arg(req.Target, req.Body, "cmnd");
            if (cmnd == null || cmnd.Trim().Length == 0)
            {
                o.Begin(resp, 200, WebPages.Json, null);
                o.Raw(EnterCommandJson);
                o.End();
                return;
            }

            string json = ExecuteCm(cmnd);
            o.Begin(resp, 200, WebPages.Json, null);
            o.Raw(json);
            o.End();
        }

        private static bool Authorized(HttpRequest req, DeviceSettings s)
        {
            string pwd = s.WebPassword;
            return pwd == null || pwd.Length == 0 || BasicOk(req.Authorization, pwd);
        }

        /// <summary>True when the header is "Basic base64(admin:password)".</summary>
        public static bool BasicOk(string header, string password)
        {
            if (header == null || header.Length < 7 || !CommandValue.StartsWithIgnoreCase(header, 0, "BASIC "))
            {
                return false;
            }

            string expected = Base64(User + ":" + password);
            string given = header.Substring(6).Trim();
            return given == expected;
        }

        /// <summary>Base64 of the UTF-8 bytes of <paramref name="text"/>.</summary>
        public static string Base64(string text)
        {
            const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            byte[] bytes = new byte[text.Length * 3];
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80)
                {
                    bytes[n++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    bytes[n++] = (byte)(0xC0 | (c >> 6));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    bytes[n++] = (byte)(0xE0 | (c >> 12));
                    bytes[n++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    bytes[n++] = (byte)(0x80 | (c & 0x3F));
                }
            }

            char[] outChars = new char[((n + 2) / 3) * 4];
            int o = 0;
            for (int i = 0; i < n; i += 3)
            {
                int b0 = bytes[i];
                int b1 = i + 1 < n ? bytes[i + 1] : 0;
                int b2 = i + 2 < n ? bytes[i + 2] : 0;
                outChars[o++] = Alphabet[b0 >> 2];
                outChars[o++] = Alphabet[((b0 & 3) << 4) | (b1 >> 4)];
                outChars[o++] = i + 1 < n ? Alphabet[((b1 & 15) << 2) | (b2 >> 6)] : '=';
                outChars[o++] = i + 2 < n ? Alphabet[b2 & 63] : '=';
            }

            return new string(outChars);
        }
    }
}
