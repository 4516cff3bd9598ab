using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SmartLamp.Web.Tests;

/// <summary>
/// 10,000 malformed requests (seeded, loopback only) against the simulator's web server: every one is
/// answered with a status or closed, none crashes it, no connection stays open, memory does not grow,
/// and the device still serves its page and toggles afterwards.
/// </summary>
[TestClass]
public sealed class FuzzTests
{
    private static readonly string[] Seeds =
    {
        "GET /cm?cmnd=Power%20TOGGLE HTTP/1.1\r\nHost: x\r\n\r\n",
        "POST /cn HTTP/1.1\r\nContent-Length: 20\r\n\r\nsave=1&Topic=abcdefg",
        "GET /cs?c2=0&c1=Status%200 HTTP/1.1\r\nAuthorization: Basic YWRtaW46eA==\r\n\r\n",
        "GET /st HTTP/1.0\n\n",
        "POST /wi HTTP/1.1\r\nContent-Length: 12\r\n\r\ns1=a&p1=bcde",
    };

    [TestMethod]
    public async Task Ten_Thousand_Malformed_Requests_Crash_Nothing_And_Leak_Nothing()
    {
        await using WebSim w = await WebSim.StartAsync("wfuzz");
        var rnd = new Random(1717);
        var statuses = new Dictionary<int, int>();
        int answered = 0;

        // Warm up, then take the memory baseline.
        await SendAsync(w.HttpPort, Encoding.ASCII.GetBytes(Seeds[0]));
        long before = Memory();
        var sw = Stopwatch.StartNew();
        const int Total = 10000;
        const int Parallel = 4;
        var requests = new byte[Total][];
        for (int i = 0; i < Total; i++)
        {
            requests[i] = Mutate(rnd, Seeds[i % Seeds.Length]);
        }

        int next = -1;
        var workers = Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Total)
            {
                int status = await SendAsync(w.HttpPort, requests[i]);
                lock (statuses)
                {
                    statuses[status] = statuses.TryGetValue(status, out int c) ? c + 1 : 1;
                    if (status > 0)
                    {
                        answered++;
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        sw.Stop();

        await BrowserTests.WaitUntil(() => w.Sim.Device.Http.OpenConnections == 0, "every connection closed", TimeSpan.FromSeconds(10));
        long after = Memory();
        string summary = string.Join(", ", statuses.OrderBy(k => k.Key).Select(k => k.Key + ":" + k.Value)) + " in " + sw.ElapsedMilliseconds + " ms, memory " + before + " -> " + after;
        Console.WriteLine("fuzz: " + summary);

        Assert.AreEqual(Total, statuses.Values.Sum(), summary);
        Assert.IsGreaterThan(Total / 2, answered, "most requests get a status line: " + summary);
        Assert.IsTrue(statuses.ContainsKey(400), summary);
        Assert.IsFalse(statuses.ContainsKey(500), "no request makes the core fail: " + summary);
        Assert.IsLessThan(before + (8L << 20), after, "memory after 10,000 requests: " + summary);
        Assert.IsTrue(w.Sim.Device.Http.IsRunning);

        // Still alive and correct.
        var (status200, body) = await w.GetAsync("/cm?cmnd=Power%20ON");
        Assert.AreEqual(200, status200);
        Assert.AreEqual("{\"POWER\":\"ON\"}", body);
        Assert.AreEqual(414, await SendAsync(w.HttpPort, Encoding.ASCII.GetBytes("GET /" + new string('a', 700) + " HTTP/1.1\r\n\r\n")));
        Assert.AreEqual(413, await SendAsync(w.HttpPort, Encoding.ASCII.GetBytes("POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n")));
        Assert.AreEqual(431, await SendAsync(w.HttpPort, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nX: " + new string('b', 3000) + "\r\n\r\n")));
    }

    private static long Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    private static byte[] Mutate(Random rnd, string seed)
    {
        var b = new List<byte>(Encoding.ASCII.GetBytes(seed));
        int edits = 1 + rnd.Next(6);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            int at = rnd.Next(b.Count);
            switch (rnd.Next(6))
            {
                case 0: b[at] = (byte)rnd.Next(256); break;                       // flip a byte
                case 1: b.RemoveRange(at, rnd.Next(b.Count - at)); break;          // cut
                case 2: b.InsertRange(at, Enumerable.Repeat((byte)rnd.Next(32, 127), rnd.Next(1, 900))); break; // grow
                case 3: b.Insert(at, (byte)'\r'); break;
                case 4: b.Insert(at, (byte)'%'); break;
                default: b.RemoveAt(at); break;
            }
        }

        return b.ToArray();
    }

    /// <summary>Sends raw bytes, closes the sending side, returns the status code (0 = closed without one).</summary>
    private static async Task<int> SendAsync(int port, byte[] request)
    {
        using var c = new TcpClient();
        await c.ConnectAsync(IPAddress.Loopback, port);
        NetworkStream s = c.GetStream();
        try
        {
            await s.WriteAsync(request);
            c.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // the server answered and closed before reading everything
        }
        catch (SocketException)
        {
        }

        var buf = new byte[64];
        int n = 0;
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (n < 12)
            {
                int r = await s.ReadAsync(buf.AsMemory(n), cts.Token);
                if (r <= 0)
                {
                    break;
                }

                n += r;
            }

            // Drain the rest so the server's close is clean.
            var sink = new byte[4096];
            while (await s.ReadAsync(sink, cts.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException || e is OperationCanceledException || e is SocketException)
        {
        }

        string head = Encoding.ASCII.GetString(buf, 0, n);
        return head.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && n >= 12 && int.TryParse(head.AsSpan(9, 3), out int code) ? code : 0;
    }
}
