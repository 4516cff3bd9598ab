using System.Diagnostics;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// Hardening on a real broker: text MQTT forbids never reaches it (so it never drops the device),
/// Subscribe/Unsubscribe never make the device deaf, and phone messages are never taken for a loop.
/// </summary>
[TestClass]
public sealed class HardeningTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [TestMethod]
    public async Task Twelve_Phone_Messages_400_ms_Apart_All_Switch_The_Lamp()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("wake");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t, 0, Patience);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Subscribe", "ALARM, stat/phone");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Subscribe\":\"ALARM,stat/phone/#\"}", mark, Patience);
        await probe.PublishAsync("cmnd/" + t + "/Rule1", "ON Event#ALARM DO Power1 ON ENDON");
        await probe.PublishAsync("cmnd/" + t + "/Rule1", "1");
        await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/RESULT" && m.Payload.StartsWith("{\"Rule1\":{\"State\":\"ON\"", StringComparison.Ordinal), "Rule1 on", mark, Patience);

        var missed = new List<string>();
        var clock = Stopwatch.StartNew();
        for (int i = 1; i <= 12; i++)
        {
            mark = probe.Mark();
            await probe.PublishAsync("cmnd/" + t + "/Power1", "OFF");
            await probe.WaitForAsync("stat/" + t + "/POWER", "OFF", mark, Patience);

            // 400 ms after the previous phone message (the rule ran less than a second ago).
            long wait = (i - 1) * 400 - clock.ElapsedMilliseconds;
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            mark = probe.Mark();
            await probe.PublishAsync("stat/phone", "#" + i);
            try
            {
                await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark, TimeSpan.FromSeconds(3));
            }
            catch (Exception)
            {
                missed.Add("#" + i + ": missed");
            }
        }

        Assert.AreEqual(string.Empty, string.Join(", ", missed));
        Assert.IsFalse(sim.Printed("Loop stopped"), "a phone message is never a loop");
    }

    [TestMethod]
    public async Task A_Forbidden_Character_Is_Refused_And_The_Broker_Never_Drops_The_Device()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("utf");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t, 0, Patience);
        int connects = sim.Device.App.Session.ConnectCount;

        string[] commands = { "GroupTopic", "Prefix1", "Prefix2", "ButtonTopic", "Topic", "FullTopic", "Prefix3", "MqttClient" };
        string[] values = { "x\u0080y", "x\uFDD0y", "x\uFFFEy", "x\uFFFFy", "x\uD83F\uDFFFy", "x\uDBFF\uDFFFy" };
        foreach (string c in commands)
        {
            foreach (string v in values)
            {
                int mark = probe.Mark();
                await probe.PublishAsync("cmnd/" + t + "/" + c, v);
                await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Command\":\"Error\"}", mark, Patience);
            }
        }

        int m2 = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Subscribe", "S, stat/x\uFFFF");
        await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/RESULT" && m.Payload.Contains("\"Command\":\"Error\""), "Subscribe refused", m2, Patience);

        // A button press would publish on ButtonTopic: still connected, still answering.
        await Task.Delay(1500);
        Assert.AreEqual(connects, sim.Device.App.Session.ConnectCount, "the broker never dropped the device");
        m2 = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Power", "TOGGLE");
        await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/POWER", "the device still answers", m2, Patience);
    }

    [TestMethod]
    public async Task Subscribe_Then_Unsubscribe_Of_The_Command_Filter_Leaves_The_Device_Listening()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("deaf");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForReadyAsync(t, 0, Patience);

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Subscribe", "S, cmnd/" + t + "/#");
        await probe.WaitForAsync(m => m.Topic == "stat/" + t + "/RESULT" && m.Payload.Contains("Subscribe"), "Subscribe", mark, Patience);
        await probe.PublishAsync("cmnd/" + t + "/Unsubscribe", "S");
        await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"Unsubscribe\":\"S\"}", mark, Patience);

        mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/Power", "ON");
        await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark, TimeSpan.FromSeconds(10));
    }

    [TestMethod]
    public async Task A_Broker_That_Accepts_Tcp_And_Never_Answers_Is_Given_Up_After_10_s_With_Backoff()
    {
        // A "broker" that accepts the connection and reads, but never sends CONNACK.
        var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var held = new List<System.Net.Sockets.TcpClient>();
        using var stop = new CancellationTokenSource();
        Task accepting = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    System.Net.Sockets.TcpClient c = await silent.AcceptTcpClientAsync(stop.Token);
                    lock (held)
                    {
                        held.Add(c);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        try
        {
            await using TestBroker broker = await TestBroker.StartAsync();
            string t = InProcessSim.UniqueTopic("silent");
            await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
            await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
            await probe.WaitForReadyAsync(t, 0, Patience);

            // Moved to the silent broker by a command, as a user with a wrong port would.
            int mark = probe.Mark();
            await probe.PublishAsync("cmnd/" + t + "/MqttPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await probe.WaitForAsync("stat/" + t + "/RESULT", "{\"MqttPort\":" + port + "}", mark, Patience);
            var clock = Stopwatch.StartNew();
            await InProcessSim.WaitUntilAsync(() => sim.Printed("Retry in 10 sec"), "the first attempt given up", TimeSpan.FromSeconds(25));
            Assert.IsLessThan(20.0, clock.Elapsed.TotalSeconds, "given up after about 10 s");
            await InProcessSim.WaitUntilAsync(() => sim.Printed("Retry in 20 sec"), "the second attempt given up, the wait grows", TimeSpan.FromSeconds(40));
            Assert.IsFalse(sim.Device.MqttConnected);
            lock (held)
            {
                Assert.IsGreaterThanOrEqualTo(2, held.Count, "two attempts reached the silent broker");
            }
        }
        finally
        {
            stop.Cancel();
            silent.Stop();
            lock (held)
            {
                held.ForEach(c => c.Dispose());
            }
        }
    }
}
