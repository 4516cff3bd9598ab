// Written against nanoFramework.System.Net.Http.Server 1.5.210 (HttpListener), nanoFramework.System.Text 1.3.42.
using System;
using System.Net;
using System.Text;
using System.Threading;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IHttpServer"/> on nanoFramework's <see cref="HttpListener"/> (port 80). One worker thread
    /// takes one request at a time (GetContext), checks the limits of <see cref="HttpRequest"/> (target
    /// 414, body 413), reads the body into <see cref="_body"/> and hands the request to the core, whose
    /// chunks are sent chunked (SendChunked) as UTF-8.
    /// Buffers (fixed, allocated once): <c>_body</c> = HttpRequest.MaxBodyLength (1,024 B) and
    /// <c>_bodyChars</c> (1,024 chars = 2 KiB); per chunk the UTF-8 encoding of at most
    /// HtmlOut.ChunkChars (512) characters (up to 1.5 KiB, short-lived).
    /// </summary>
    public sealed class NanoHttpServer : IHttpServer
    {
        private readonly ILog _log;
        private readonly byte[] _body = new byte[HttpRequest.MaxBodyLength];
        private readonly char[] _bodyChars = new char[HttpRequest.MaxBodyLength];
        private readonly HttpRequest _request = new HttpRequest();
        private HttpListener _listener;
        private IHttpHandler _handler;
        private Thread _worker;

        /// <summary>Creates the server (not listening yet).</summary>
        public NanoHttpServer(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public bool IsRunning
        {
            get { return _listener != null; }
        }

        /// <inheritdoc />
        public void Start(IHttpHandler handler)
        {
            _handler = handler;
            if (_listener != null)
            {
                return;
            }

            HttpListener l = new HttpListener("http", 80);
            l.Start();
            _listener = l;
            _worker = new Thread(Run);
            _worker.Start();
        }

        /// <inheritdoc />
        public void Stop()
        {
            HttpListener l = _listener;
            _listener = null;
            if (l != null)
            {
                try
                {
                    l.Stop();
                    l.Close();
                }
                catch (Exception e)
                {
                    _log.Write("WEB", "stop failed: ", e.Message, null);
                }
            }
        }

        private void Run()
        {
            while (_listener != null)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = _listener.GetContext();
                }
                catch (Exception)
                {
                    if (_listener == null)
                    {
                        return;
                    }

                    Thread.Sleep(100);
                    continue;
                }

                try
                {
                    Serve(ctx);
                }
                catch (Exception e)
                {
                    _log.Write("WEB", "request failed: ", e.Message, null);
                }
                finally
                {
                    try
                    {
                        ctx.Close();
                    }
                    catch (Exception)
                    {
                        // the client is gone
                    }
                }
            }
        }

        private void Serve(HttpListenerContext ctx)
        {
            HttpListenerRequest r = ctx.Request;
            HttpRequest req = _request;
            req.Clear();
            req.Method = r.HttpMethod;
            req.Target = r.RawUrl;
            string auth = r.Headers["Authorization"];
            req.Authorization = auth == null ? string.Empty : auth;
            string host = r.Headers["Host"];
            req.Host = host == null ? string.Empty : host;
            long length = r.ContentLength64;
            if (req.Target == null || req.Target.Length == 0 || req.Target[0] != '/')
            {
                req.Status = 400;
            }
            else if (req.Target.Length > HttpRequest.MaxTargetLength)
            {
                req.Status = 414;
            }
            else if (length > HttpRequest.MaxBodyLength)
            {
                req.Status = 413;
            }
            else if (length > 0)
            {
                int n = 0;
                while (n < length)
                {
                    int got = r.InputStream.Read(_body, n, (int)length - n);
                    if (got <= 0)
                    {
                        break;
                    }

                    n += got;
                }

                for (int i = 0; i < n; i++)
                {
                    _bodyChars[i] = (char)_body[i];
                }

                req.Body = new string(_bodyChars, 0, n);
            }

            IHttpHandler h = _handler;
            if (h != null)
            {
                h.Handle(req, new Response(ctx.Response));
            }
        }

        private sealed class Response : IHttpResponse
        {
            private readonly HttpListenerResponse _r;

            public Response(HttpListenerResponse r)
            {
                _r = r;
            }

            public void Begin(int status, string contentType, string extraHeader)
            {
                _r.StatusCode = status;
                _r.ContentType = contentType;
                _r.KeepAlive = false;
                if (extraHeader != null)
                {
                    int colon = extraHeader.IndexOf(':');
                    if (colon > 0)
                    {
                        _r.Headers.Add(extraHeader.Substring(0, colon), extraHeader.Substring(colon + 1).Trim());
                    }
                }

                _r.SendChunked = true;
            }

            public void Write(string text)
            {
                byte[] b = Encoding.UTF8.GetBytes(text);
                _r.OutputStream.Write(b, 0, b.Length);
            }

            public void End()
            {
                _r.OutputStream.Flush();
            }
        }
    }
}
