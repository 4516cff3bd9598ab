using SmartLamp.Core.Ports;
using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Integration.Tests;

/// <summary>Memory before limits: oversized input is refused before it is kept or decoded.</summary>
[TestClass]
public sealed class InputLimitTests
{
    /// <summary>A reader producing <paramref name="length"/> 'a's then a newline and "Power on", without holding them.</summary>
    private sealed class EndlessLine(long length) : TextReader
    {
        private long _left = length;
        private readonly Queue<char> _tail = new("\nPower on\n");

        public override int Read()
        {
            if (_left > 0)
            {
                _left--;
                return 'a';
            }

            return _tail.Count > 0 ? _tail.Dequeue() : -1;
        }
    }

    [TestMethod]
    public void A_50_MB_Console_Line_Is_Refused_Without_Being_Kept()
    {
        var input = new EndlessLine(50L * 1024 * 1024);
        long before = GC.GetAllocatedBytesForCurrentThread();
        string line = SimConsole.ReadLine(input, 800, out bool overrun);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.IsTrue(overrun);
        Assert.AreEqual(string.Empty, line);
        Assert.IsLessThan(1024 * 1024L, allocated, "the line was kept in memory");
        Assert.AreEqual("Power on", SimConsole.ReadLine(input, 800, out overrun));
        Assert.IsFalse(overrun);
        Assert.IsNull(SimConsole.ReadLine(input, 800, out _));
    }

    [TestMethod]
    public void A_Line_Of_Exactly_800_Bytes_Is_Kept_And_801_Is_Refused()
    {
        Assert.AreEqual(800, SimConsole.ReadLine(new StringReader(new string('x', 800) + "\r\n"), 800, out bool o1).Length);
        Assert.IsFalse(o1);
        SimConsole.ReadLine(new StringReader(new string('x', 799) + "\u00e9\n"), 800, out bool o2);
        Assert.IsTrue(o2, "counted in UTF-8 bytes");
    }

    private sealed class Recorder : IMqttLinkListener
    {
        public readonly List<string> Messages = new();
        public volatile bool Connected;

        public void OnMqttConnected() => Connected = true;

        public void OnMqttConnectFailed(int reasonCode)
        {
        }

        public void OnMqttDisconnected() => Connected = false;

        public void OnMqttMessage(string topic, string payload, bool retained)
        {
            lock (Messages)
            {
                Messages.Add(topic + " " + payload.Length);
            }
        }
    }

    [TestMethod]
    public async Task An_Oversized_Publish_Is_Dropped_By_The_Link_Before_Decoding()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        using var link = new MqttNetLink();
        var rec = new Recorder();
        link.Attach(rec);
        link.Connect(new MqttConnectOptions { Host = broker.Host, Port = broker.Port, ClientId = "limit-" + Guid.NewGuid().ToString("N").Substring(0, 6), CleanSession = true, KeepAliveSeconds = 30 });
        await InProcessSim.WaitUntilAsync(() => rec.Connected, "connected", TimeSpan.FromSeconds(20));
        link.Subscribe("big/#");
        await Task.Delay(300);

        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker);
        await probe.PublishAsync("big/x", new string('a', 3 * 1024 * 1024));
        await probe.PublishAsync("big/y", "small");
        await InProcessSim.WaitUntilAsync(() => { lock (rec.Messages) { return rec.Messages.Count > 0; } }, "the small message", TimeSpan.FromSeconds(20));

        Assert.AreEqual(1, link.OversizeDropped);
        lock (rec.Messages)
        {
            CollectionAssert.AreEqual(new[] { "big/y 5" }, rec.Messages);
        }
    }
}
