using System.Net;
using System.Net.Sockets;
using System.Text;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Web;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// The simulator's HTTP server: a loopback <see cref="TcpListener"/> that reads each request into a
/// fixed buffer, parses it with the core's <see cref="HttpParser"/> (same limits as the device) and
/// hands it to the core. One connection per request (Connection: close), at most
/// <see cref="MaxConnections"/> at once, <see cref="ReadTimeoutMs"/> to send a request. The listener
/// outlives the device's restarts; <see cref="Stop"/> (WebServer 0, shutdown) closes it.
/// </summary>
public sealed class TcpHttpServer : IHttpServer, IDisposable
{
    /// <summary>Connections served at the same time; more wait in the accept queue.</summary>
    public const int MaxConnections = 4;

    /// <summary>Time a client has to send its whole request.</summary>
    public const int ReadTimeoutMs = 3000;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);
    private TcpListener _listener;
    private IHttpHandler _handler;
    private int _open;

    /// <summary>Creates the server for 127.0.0.1:<paramref name="port"/> (not listening yet).</summary>
    public TcpHttpServer(int port)
    {
        Port = port;
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <inheritdoc />
    public bool IsRunning => _listener != null;

    /// <summary>Connections open right now (the fuzzer checks it returns to 0).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Connections accepted so far.</summary>
    public long Accepted { get; private set; }

    /// <summary>First free loopback port at or after <paramref name="start"/>.</summary>
    public static int FindFreePort(int start)
    {
        for (int p = start; p < start + 200 && p <= 65535; p++)
        {
            try
            {
                var l = new TcpListener(IPAddress.Loopback, p);
                l.Start();
                l.Stop();
                return p;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("no free HTTP port from " + start);
    }

    /// <inheritdoc />
    public void Start(IHttpHandler handler)
    {
        lock (_gate)
        {
            _handler = handler;
            if (_listener != null)
            {
                return;
            }

            var l = new TcpListener(IPAddress.Loopback, Port);
            l.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            l.Start(16);
            _listener = l;
            _ = AcceptLoop(l);
        }
    }

    /// <inheritdoc />
    public void Stop()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private async Task AcceptLoop(TcpListener l)
    {
        while (true)
        {
            TcpClient c;
            try
            {
                c = await l.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                return; // stopped
            }

            Accepted++;
            await _slots.WaitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _open);
            _ = Task.Run(() => Serve(c));
        }
    }

    private void Serve(TcpClient c)
    {
        try
        {
            using (c)
            {
                c.NoDelay = true;
                NetworkStream s = c.GetStream();
                s.ReadTimeout = ReadTimeoutMs;
                s.WriteTimeout = ReadTimeoutMs;
                var buf = new byte[HttpRequest.MaxHeadLength + HttpRequest.MaxBodyLength + 4];
                var req = new HttpRequest();
                int n = 0;
                long deadline = Environment.TickCount64 + ReadTimeoutMs;
                while (true)
                {
                    int r;
                    try
                    {
                        r = n < buf.Length ? s.Read(buf, n, buf.Length - n) : 0;
                    }
                    catch (IOException)
                    {
                        return; // timeout or reset: nothing to answer
                    }

                    if (r <= 0 && n < buf.Length)
                    {
                        if (n == 0)
                        {
                            return;
                        }

                        // The client closed its side mid-request.
                        if (HttpParser.Parse(buf, n, req) == HttpParser.NeedMore)
                        {
                            req.Clear();
                            req.Status = 400;
                        }

                        break;
                    }

                    n += Math.Max(r, 0);
                    if (HttpParser.Parse(buf, n, req) != HttpParser.NeedMore)
                    {
                        break;
                    }

                    if (n >= buf.Length || Environment.TickCount64 > deadline)
                    {
                        req.Clear();
                        req.Status = n >= buf.Length ? 413 : 408;
                        break;
                    }
                }

                IHttpHandler h = _handler;
                var resp = new Response(s);
                if (h == null)
                {
                    return;
                }

                if (req.Status == 408)
                {
                    resp.Begin(408, "text/plain", null);
                    resp.End();
                    return;
                }

                h.Handle(req, resp);
                resp.End();
            }
        }
        catch (Exception)
        {
            // a client that went away mid-answer
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            _slots.Release();
        }
    }

    private sealed class Response : IHttpResponse
    {
        private readonly Stream _s;
        private bool _begun;
        private bool _ended;

        public Response(Stream s) => _s = s;

        public void Begin(int status, string contentType, string extraHeader)
        {
            if (_begun)
            {
                return;
            }

            _begun = true;
            string head = "HTTP/1.1 " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + Reason(status) + "\r\nContent-Type: " + contentType
                + "\r\nConnection: close\r\n" + (extraHeader != null ? extraHeader + "\r\n" : string.Empty) + "\r\n";
            byte[] b = Encoding.ASCII.GetBytes(head);
            _s.Write(b, 0, b.Length);
        }

        public void Write(string text)
        {
            byte[] b = Encoding.UTF8.GetBytes(text);
            _s.Write(b, 0, b.Length);
        }

        public void End()
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (!_begun)
            {
                Begin(500, "text/plain", null);
            }

            _s.Flush();
        }

        private static string Reason(int status) => status switch
        {
            200 => "OK",
            302 => "Found",
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            413 => "Payload Too Large",
            414 => "URI Too Long",
            431 => "Request Header Fields Too Large",
            _ => "Error",
        };
    }
}
