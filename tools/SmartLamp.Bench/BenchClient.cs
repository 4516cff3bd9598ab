using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SmartLamp.Bench;

/// <summary>A plain MQTTnet 5 client (MQTT 3.1.1, QoS 0) with a message callback.</summary>
public sealed class BenchClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    /// <summary>Called for every message (topic, payload) on MQTTnet's receive thread.</summary>
    public Action<string, string> OnMessage { get; set; }

    /// <summary>Connects.</summary>
    public static async Task<BenchClient> ConnectAsync(string host, int port, string id)
    {
        var c = new BenchClient();
        c._client.ApplicationMessageReceivedAsync += e =>
        {
            MqttApplicationMessage m = e.ApplicationMessage;
            c.OnMessage?.Invoke(m.Topic, m.Payload.IsEmpty ? string.Empty : Encoding.UTF8.GetString(m.Payload));
            return Task.CompletedTask;
        };
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(id)
            .WithCleanSession(true)
            .Build();
        ((MqttClientTcpOptions)options.ChannelOptions).NoDelay = true;
        await c._client.ConnectAsync(options);
        return c;
    }

    /// <summary>Subscribes at QoS 0.</summary>
    public Task SubscribeAsync(string filter) =>
        _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtMostOnce).Build());

    /// <summary>Publishes at QoS 0.</summary>
    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build());

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
        catch (Exception)
        {
        }

        _client.Dispose();
    }
}
