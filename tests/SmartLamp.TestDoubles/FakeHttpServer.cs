using SmartLamp.Core.Ports;

namespace SmartLamp.TestDoubles
{
    /// <summary>
    /// In-memory <see cref="IHttpServer"/>: tests send requests straight to the core's handler and read
    /// the recorded answer. mscorlib-only like the core.
    /// </summary>
    public sealed class FakeHttpServer : IHttpServer
    {
        /// <summary>The handler given to <see cref="Start"/>.</summary>
        public IHttpHandler Handler { get; private set; }

        /// <inheritdoc />
        public bool IsRunning { get; private set; }

        /// <summary>Times <see cref="Start"/> was called.</summary>
        public int Starts { get; private set; }

        /// <inheritdoc />
        public void Start(IHttpHandler handler)
        {
            Handler = handler;
            IsRunning = true;
            Starts++;
        }

        /// <inheritdoc />
        public void Stop()
        {
            IsRunning = false;
        }

        /// <summary>GET <paramref name="target"/>.</summary>
        public FakeHttpResponse Get(string target)
        {
            return Send("GET", target, string.Empty, string.Empty);
        }

        /// <summary>POST a url-encoded <paramref name="body"/> to <paramref name="target"/>.</summary>
        public FakeHttpResponse Post(string target, string body)
        {
            return Send("POST", target, body, string.Empty);
        }

        /// <summary>Sends one request (null when not running).</summary>
        public FakeHttpResponse Send(string method, string target, string body, string authorization)
        {
            if (!IsRunning || Handler == null)
            {
                return null;
            }

            HttpRequest req = new HttpRequest();
            req.Clear();
            req.Method = method;
            req.Target = target;
            req.Body = body == null ? string.Empty : body;
            req.Authorization = authorization == null ? string.Empty : authorization;
            FakeHttpResponse resp = new FakeHttpResponse();
            Handler.Handle(req, resp);
            return resp;
        }

        /// <summary>Sends a request the adapter already judged malformed (<paramref name="status"/> 400, 413...).</summary>
        public FakeHttpResponse SendBad(int status)
        {
            HttpRequest req = new HttpRequest();
            req.Clear();
            req.Status = status;
            FakeHttpResponse resp = new FakeHttpResponse();
            Handler.Handle(req, resp);
            return resp;
        }
    }

    /// <summary>A recorded answer.</summary>
    public sealed class FakeHttpResponse : IHttpResponse
    {
        /// <summary>Status code (0 until Begin).</summary>
        public int Status;

        /// <summary>Content type.</summary>
        public string ContentType;

        /// <summary>The extra header line or null.</summary>
        public string Header;

        /// <summary>The body.</summary>
        public string Body = string.Empty;

        /// <summary>Chunks written.</summary>
        public int Chunks;

        /// <summary>Longest chunk.</summary>
        public int LongestChunk;

        /// <summary>True after End.</summary>
        public bool Ended;

        /// <summary>Times Begin was called.</summary>
        public int Begins;

        /// <inheritdoc />
        public void Begin(int status, string contentType, string extraHeader)
        {
            Begins++;
            Status = status;
            ContentType = contentType;
            Header = extraHeader;
        }

        /// <inheritdoc />
        public void Write(string text)
        {
            Body += text;
            Chunks++;
            if (text.Length > LongestChunk)
            {
                LongestChunk = text.Length;
            }
        }

        /// <inheritdoc />
        public void End()
        {
            Ended = true;
        }

        /// <summary>True when the body contains <paramref name="text"/>.</summary>
        public bool Has(string text)
        {
            return Body.IndexOf(text) >= 0;
        }
    }

    /// <summary>Records what the core does with the setup access point.</summary>
    public sealed class FakeAccessPoint : IAccessPoint
    {
        /// <summary>True while open.</summary>
        public bool IsOpen;

        /// <summary>Last SSID opened.</summary>
        public string Ssid = string.Empty;

        /// <summary>Last password used ("" = open).</summary>
        public string Password = string.Empty;

        /// <summary>Times opened / closed.</summary>
        public int Opens, Closes;

        /// <inheritdoc />
        public string Address
        {
            get { return "192.168.4.1"; }
        }

        /// <inheritdoc />
        public void Open(string ssid, string password)
        {
            IsOpen = true;
            Ssid = ssid;
            Password = password;
            Opens++;
        }

        /// <inheritdoc />
        public void Close()
        {
            IsOpen = false;
            Closes++;
        }
    }
}
