using System.Net;
using System.Net.Sockets;
using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Web.Tests;

/// <summary>A broker, a probe and one simulated device with its web server on a free loopback port.</summary>
public sealed class WebSim : IAsyncDisposable
{
    /// <summary>Set to 1 (CI) to make a missing chromium a failure instead of a skip.</summary>
    public const string RequireChromium = "SMARTLAMP_REQUIRE_CHROMIUM";

    /// <summary>Debian's chromium.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public TestBroker Broker { get; private set; }
    public MqttProbe Probe { get; private set; }
    public InProcessSim Sim { get; private set; }
    public string Topic { get; private set; }
    public int HttpPort { get; private set; }
    public string Base => "http://127.0.0.1:" + HttpPort;

    /// <summary>Starts everything and waits until the device is online.</summary>
    public static async Task<WebSim> StartAsync(string name)
    {
        var w = new WebSim();
        w.Broker = await TestBroker.StartAsync();
        w.Topic = InProcessSim.UniqueTopic(name);
        w.Probe = await MqttProbe.ConnectAsync(w.Broker, "stat/" + w.Topic + "/#", "tele/" + w.Topic + "/LWT");
        w.HttpPort = FreePort();
        w.Sim = await InProcessSim.StartAsync(w.Broker, w.Topic, c => c.HttpPort = w.HttpPort);
        await w.Probe.WaitForReadyAsync(w.Topic);
        Assert.IsTrue(w.Sim.Device.Http.IsRunning, "web server listening");
        Assert.AreEqual(w.HttpPort, w.Sim.Device.Http.Port);
        return w;
    }

    /// <summary>Skips (or fails in CI) when chromium is missing.</summary>
    public static void NeedChromium()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        string msg = "chromium not found at " + ChromiumPath + " (apt-get install chromium): browser test not run";
        if (Environment.GetEnvironmentVariable(RequireChromium) == "1")
        {
            Assert.Fail(msg + "; " + RequireChromium + "=1 makes this a failure");
        }

        Assert.Inconclusive(msg);
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int p = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }

    /// <summary>GET over plain HTTP: (status, body).</summary>
    public async Task<(int Status, string Body)> GetAsync(string pathAndQuery)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using HttpResponseMessage r = await http.GetAsync(Base + pathAndQuery);
        return ((int)r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (Sim != null)
        {
            await Sim.DisposeAsync();
        }

        if (Probe != null)
        {
            await Probe.DisposeAsync();
        }

        if (Broker != null)
        {
            await Broker.DisposeAsync();
        }
    }
}
