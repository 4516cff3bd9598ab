namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// The HTTP server (nanoFramework's HttpListener on the device, a small TCP server in the
    /// simulator). The adapter accepts connections and hands each request, already bounded (see
    /// <see cref="HttpRequest"/>), to the handler; the handler answers through <see cref="IHttpResponse"/>
    /// in chunks. One request at a time is enough for a relay device.
    /// </summary>
    public interface IHttpServer
    {
        /// <summary>Starts listening and sends every request to <paramref name="handler"/>. Idempotent.</summary>
        void Start(IHttpHandler handler);

        /// <summary>Stops listening (WebServer 0). Idempotent.</summary>
        void Stop();

        /// <summary>True while listening.</summary>
        bool IsRunning { get; }
    }

    /// <summary>Answers requests. Called on the adapter's thread.</summary>
    public interface IHttpHandler
    {
        /// <summary>Answers <paramref name="request"/> (Status != 0 means the adapter already found it malformed).</summary>
        void Handle(HttpRequest request, IHttpResponse response);
    }

    /// <summary>One answer, written as a status line and headers, then body chunks.</summary>
    public interface IHttpResponse
    {
        /// <summary>Sends the status and headers. <paramref name="extraHeader"/> is one "Name: value" line without CRLF, or null.</summary>
        void Begin(int status, string contentType, string extraHeader);

        /// <summary>Sends one chunk of the body (ASCII/UTF-16 text; the adapter encodes UTF-8).</summary>
        void Write(string text);

        /// <summary>Finishes the answer and closes the connection.</summary>
        void End();
    }

    /// <summary>
    /// One request as the adapter read it (bounded: the target is at most
    /// <see cref="MaxTargetLength"/> characters, the body at most <see cref="MaxBodyLength"/>).
    /// A single instance may be reused by the adapter; handlers must not keep it.
    /// </summary>
    public sealed class HttpRequest
    {
        /// <summary>Longest request target ("/cm?cmnd=..."); longer ones are answered 414.</summary>
        public const int MaxTargetLength = 600;

        /// <summary>Longest body (a form); longer ones are answered 413.</summary>
        public const int MaxBodyLength = 1024;

        /// <summary>Longest request head (request line and headers); longer ones are answered 431.</summary>
        public const int MaxHeadLength = 2048;

        /// <summary>0 when well formed, else the status the adapter/parser chose (400, 405, 413, 414, 431).</summary>
        public int Status;

        /// <summary>"GET", "POST", "HEAD" (upper case as sent).</summary>
        public string Method;

        /// <summary>Request target as sent: path and query, still %-encoded.</summary>
        public string Target;

        /// <summary>The Authorization header value, or "".</summary>
        public string Authorization;

        /// <summary>The Host header value, or "".</summary>
        public string Host;

        /// <summary>The body as Latin-1 characters (a url-encoded form), or "".</summary>
        public string Body;

        /// <summary>Forgets everything.</summary>
        public void Clear()
        {
            Status = 0;
            Method = string.Empty;
            Target = string.Empty;
            Authorization = string.Empty;
            Host = string.Empty;
            Body = string.Empty;
        }
    }
}
