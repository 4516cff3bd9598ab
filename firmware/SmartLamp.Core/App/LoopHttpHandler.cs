using System.Threading;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// The handler the HTTP port calls on its own thread: the request is posted to the loop ("HTTP
    /// request"), the web server answers it there, and the port's thread waits for that answer
    /// (bounded: after <see cref="AnswerWaitMs"/> it gives up and the port closes the connection).
    /// </summary>
    internal sealed class LoopHttpHandler : IHttpHandler
    {
        /// <summary>Longest wait for the loop to answer one request.</summary>
        public const int AnswerWaitMs = 10000;

        private readonly EventLoop _loop;
        private readonly IHttpHandler _web;
        private readonly LoopHandler _handle;

        public LoopHttpHandler(EventLoop loop, IHttpHandler web)
        {
            _loop = loop;
            _web = web;
            _handle = Handle;
        }

        public void Handle(HttpRequest request, IHttpResponse response)
        {
            if (_loop.IsLoopThread)
            {
                _web.Handle(request, response);
                return;
            }

            // One per request, not per byte: HTTP is not a hot path and requests may overlap.
            Pending p = new Pending(request, response);
            if (_loop.Post("HTTP request", _handle, 0, null, null, p))
            {
                p.Done.WaitOne(AnswerWaitMs, false);
            }
        }

        private void Handle(LoopEvent e)
        {
            Pending p = (Pending)e.Item;
            try
            {
                _web.Handle(p.Request, p.Response);
            }
            finally
            {
                p.Done.Set();
            }
        }

        private sealed class Pending
        {
            public readonly HttpRequest Request;
            public readonly IHttpResponse Response;
            public readonly ManualResetEvent Done = new ManualResetEvent(false);

            public Pending(HttpRequest request, IHttpResponse response)
            {
                Request = request;
                Response = response;
            }
        }
    }
}
