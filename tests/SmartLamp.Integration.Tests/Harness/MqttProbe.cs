using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartLamp.Integration.Tests.Harness;

/// <summary>One message the probe received.</summary>
public sealed record Received(int Seq, string Topic, string Payload, bool Retain)
{
    /// <inheritdoc />
    public override string ToString() => "#" + Seq + " " + Topic + " = " + Payload + (Retain ? " (retained)" : string.Empty);
}

/// <summary>
/// The independent observer: a plain MQTTnet client (MQTT 3.1.1, its own client id) that subscribes
/// to topic filters, records every message with its retain flag, waits for expected messages within a
/// bounded time, and publishes commands. Never shares code paths with the device's MQTT adapter
/// beyond the MQTTnet library itself.
/// </summary>
public sealed class MqttProbe : IAsyncDisposable
{
    /// <summary>Default time an expected message may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly List<Received> _messages = new();

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            MqttApplicationMessage m = e.ApplicationMessage;
            string payload = m.Payload.IsEmpty ? string.Empty : Encoding.UTF8.GetString(m.Payload);
            lock (_messages)
            {
                _messages.Add(new Received(_messages.Count, m.Topic, payload, m.Retain));
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Everything received so far, oldest first.</summary>
    public Received[] Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <summary>Connects to <paramref name="broker"/> and subscribes to <paramref name="filters"/> (waits for the SUBACK).</summary>
    public static async Task<MqttProbe> ConnectAsync(TestBroker broker, params string[] filters)
    {
        return await ConnectAsync(broker.Host, broker.Port, filters);
    }

    /// <summary>Connects to host:port and subscribes to <paramref name="filters"/>.</summary>
    public static async Task<MqttProbe> ConnectAsync(string host, int port, params string[] filters)
    {
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("it-probe-" + Guid.NewGuid().ToString("N").Substring(0, 10))
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await client.ConnectAsync(options, cts.Token);
        }

        foreach (string f in filters)
        {
            await probe.SubscribeAsync(f);
        }

        return probe;
    }

    /// <summary>
    /// The retained messages a new subscriber to <paramref name="filter"/> gets, with their retain
    /// flags: a fresh client subscribes, then publishes a non-retained marker on
    /// <paramref name="markerTopic"/> (which must match the filter); the broker queues the retained
    /// messages before the marker, so everything before the marker is the complete retained set.
    /// </summary>
    public static async Task<Received[]> RetainedAsync(TestBroker broker, string filter, string markerTopic)
    {
        await using MqttProbe fresh = await ConnectAsync(broker, filter);
        string marker = "marker-" + Guid.NewGuid().ToString("N");
        await fresh.PublishAsync(markerTopic, marker);
        Received m = await fresh.WaitForAsync(markerTopic, marker);
        return fresh.Messages.Where(x => x.Seq < m.Seq).ToArray();
    }

    /// <summary>Subscribes to one more filter (QoS 1) and waits for the SUBACK.</summary>
    public async Task SubscribeAsync(string filter)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cts.Token);
    }

    /// <summary>Publishes <paramref name="payload"/> (QoS 1) on <paramref name="topic"/>.</summary>
    public async Task PublishAsync(string topic, string payload, bool retain = false)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload ?? string.Empty)
                .WithRetainFlag(retain)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cts.Token);
    }

    /// <summary>The sequence number the next message will get (use as "since" for later waits).</summary>
    public int Mark()
    {
        lock (_messages)
        {
            return _messages.Count;
        }
    }

    /// <summary>Messages since <paramref name="since"/> on <paramref name="topic"/>.</summary>
    public Received[] On(string topic, int since = 0)
    {
        return Messages.Where(m => m.Seq >= since && m.Topic == topic).ToArray();
    }

    /// <summary>Waits for the first message at or after <paramref name="since"/> matching <paramref name="match"/>; fails the test on timeout.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, string what, int since = 0, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? DefaultTimeout;
        while (true)
        {
            Received hit = Messages.FirstOrDefault(m => m.Seq >= since && match(m));
            if (hit != null)
            {
                return hit;
            }

            if (sw.Elapsed > limit)
            {
                Assert.Fail("expected " + what + " within " + limit.TotalSeconds + " s; received since #" + since + ":\n" + Dump(since));
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Waits for <paramref name="topic"/> = <paramref name="payload"/> (any retain flag).</summary>
    public Task<Received> WaitForAsync(string topic, string payload, int since = 0, TimeSpan? timeout = null)
    {
        return WaitForAsync(m => m.Topic == topic && m.Payload == payload, topic + " = " + payload, since, timeout);
    }

    /// <summary>
    /// Waits until device <paramref name="topic"/> has finished connecting: LWT Online (published once
    /// the device is subscribed), then the power state it publishes after it (the probe must subscribe
    /// to tele/&lt;t&gt;/LWT and stat/&lt;t&gt;/POWER), so a later <see cref="Mark"/> sees no boot
    /// publishes. Returns the state message.
    /// </summary>
    public async Task<Received> WaitForReadyAsync(string topic, int since = 0, TimeSpan? timeout = null)
    {
        Received online = await WaitForAsync("tele/" + topic + "/LWT", "Online", since, timeout);
        return await WaitForAsync(m => m.Topic == "stat/" + topic + "/POWER", "stat/" + topic + "/POWER after Online", online.Seq, timeout);
    }

    /// <summary>Waits until <paramref name="count"/> distinct topics have a message matching <paramref name="match"/>; returns those topics.</summary>
    public async Task<HashSet<string>> WaitForTopicsAsync(Func<Received, bool> match, int count, string what, int since = 0, TimeSpan? timeout = null)
    {
        var sw = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? DefaultTimeout;
        while (true)
        {
            var topics = new HashSet<string>(Messages.Where(m => m.Seq >= since && match(m)).Select(m => m.Topic));
            if (topics.Count >= count)
            {
                return topics;
            }

            if (sw.Elapsed > limit)
            {
                Assert.Fail("expected " + what + " from " + count + " topics within " + limit.TotalSeconds + " s, got " + topics.Count);
            }

            await Task.Delay(25);
        }
    }

    /// <summary>The received messages since <paramref name="since"/> as lines (the last 60).</summary>
    public string Dump(int since = 0)
    {
        Received[] all = Messages.Where(m => m.Seq >= since).ToArray();
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - 60)).Select(m => "  " + m));
    }

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cts.Token);
            }
        }
        catch (Exception)
        {
            // the broker may already be gone
        }

        _client.Dispose();
    }
}
