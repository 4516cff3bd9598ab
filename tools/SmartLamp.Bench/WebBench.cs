using SmartLamp.Boards.Host;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Bench;

/// <summary>
/// Bytes the core allocates per web request (GC.GetAllocatedBytesForCurrentThread, one thread, virtual
/// clock), with an HTTP response that only counts what it is given, so the figure is the core's: page
/// code, the chunk strings HtmlOut hands to the adapter, command answers. Also the largest chunk
/// (what the device adapter encodes at once) and the page size.
/// </summary>
public static class WebBench
{
    private const string Mac = "02AABBCCDDEE";

    /// <summary>Runs and prints the table.</summary>
    public static void Run(int requests)
    {
        var rows = new List<string[]>();
        foreach (string boardName in new[] { "default", "esp32-relay-x4" })
        {
            BoardProfile board = BoardProfileFiles.Load(boardName);
            var (app, http) = Device(board);
            foreach (var (method, target, body) in new[]
            {
                ("GET", "/", ""), ("GET", "/st", ""), ("GET", "/cm?cmnd=Power%20TOGGLE", ""), ("POST", "/", "o=1"),
                ("GET", "/cn", ""), ("GET", "/in", ""), ("GET", "/cs", ""), ("GET", "/cs?c2=0", ""), ("GET", "/cm?cmnd=Status%200", ""),
            })
            {
                if (boardName != "default" && target != "/" && target != "/st")
                {
                    continue;
                }

                var sink = new CountingResponse();
                for (int i = 0; i < 50; i++)
                {
                    Send(http, method, target, body, sink);
                }

                sink.Reset();
                GC.Collect();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < requests; i++)
                {
                    Send(http, method, target, body, sink);
                }

                long after = GC.GetAllocatedBytesForCurrentThread();
                rows.Add(new[]
                {
                    method + " " + target + (body.Length > 0 ? " (" + body + ")" : string.Empty) + ", " + board.Relays.Length + " relay(s)",
                    ((after - before) / (double)requests).ToString("0"),
                    (sink.Chars / requests).ToString(),
                    sink.LongestChunk.ToString(),
                });
            }

            GC.KeepAlive(app);
        }

        Console.WriteLine();
        Console.WriteLine("Web: allocation per request (core only; host net10.0, 64-bit object layout; " + requests + " requests each)");
        Table.Print(new[] { "request", "bytes allocated", "page chars", "largest chunk (chars)" }, rows.ToArray());
    }

    private static void Send(FakeHttpServer http, string method, string target, string body, CountingResponse sink)
    {
        var req = new HttpRequest();
        req.Clear();
        req.Method = method;
        req.Target = target;
        req.Body = body;
        http.Handler.Handle(req, sink);
    }

    private static (DeviceApp, FakeHttpServer) Device(BoardProfile board)
    {
        var clock = new VirtualClock();
        var net = new SimNetworkLink(Mac);
        var link = new CountingMqttLink();
        var http = new FakeHttpServer();
        var ports = new DevicePorts
        {
            Gpio = new ArrayGpio(),
            Clock = clock,
            Mqtt = link,
            Network = net,
            Storage = new MemorySettingsStore(),
            Log = new NullLog(),
            System = new FakeSystemControl(),
            Http = http,
            AccessPoint = new FakeAccessPoint(),
        };
        var app = new DeviceApp(ports, board);
        app.Start();
        app.ExecuteCommand("MqttHost 127.0.0.1");
        net.Up();
        link.AcceptConnect();
        clock.Advance(10000);
        return (app, http);
    }

    /// <summary>Counts characters and chunks; keeps nothing.</summary>
    private sealed class CountingResponse : IHttpResponse
    {
        public long Chars;
        public int LongestChunk;

        public void Reset()
        {
            Chars = 0;
        }

        public void Begin(int status, string contentType, string extraHeader)
        {
        }

        public void Write(string text)
        {
            Chars += text.Length;
            if (text.Length > LongestChunk)
            {
                LongestChunk = text.Length;
            }
        }

        public void End()
        {
        }
    }
}
