using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartLamp.Core.Network;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// <see cref="IMqttLink"/> over an MQTTnet 5 client (MQTT 3.1.1, like Tasmota). The contract (sessions,
/// one result per connect, stale reports dropped, reports one at a time, no report for a requested
/// Disconnect) is the core's <see cref="MqttLink"/>, the same state machine the device's M2Mqtt link
/// uses; this class only makes the MQTTnet calls (<see cref="IMqttClientDriver"/>).
/// <list type="bullet">
/// <item>Connect runs on the thread pool and reports through MqttLink: -5 DNS failure, -4 no answer in
/// time, -2 any other network failure, 1..5 the MQTT 3.1.1 CONNACK refusal codes.</item>
/// <item>Publish, Subscribe, Unsubscribe and closing a session are queued and sent in call order by one
/// sender loop, so the core can publish from inside a message callback (MQTTnet's receive loop)
/// without waiting for a PUBACK that this very loop would have to read.</item>
/// <item>Incoming payloads are decoded as UTF-8 with U+FFFD for invalid bytes; the retain flag is
/// passed on as received.</item>
/// <item>The will (if WillTopic is set) is sent with QoS 1 and the requested retain flag.
/// <see cref="MqttLink.Disconnect"/> sends a clean DISCONNECT, so the broker discards the will;
/// <see cref="Abort"/> drops the TCP connection without one (power loss), so the broker publishes it.</item>
/// </list>
/// </summary>
public sealed class MqttNetLink : MqttLink, IMqttClientDriver, IDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly object _sessions = new();   // guards _clients and _cancels; never held while calling out
    private readonly Dictionary<int, IMqttClient> _clients = new();
    private readonly Dictionary<int, CancellationTokenSource> _cancels = new();
    private readonly Channel<Op> _ops = Channel.CreateUnbounded<Op>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;
    private volatile bool _disposed;

    /// <summary>Creates an idle link.</summary>
    public MqttNetLink()
    {
        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Diagnostics (swallowed send errors, connect failures with their exception); may be null.</summary>
    public Action<string> Trace { get; set; }

    /// <summary>Messages over the core's size limit dropped here before they were decoded.</summary>
    public long OversizeDropped => Interlocked.Read(ref _oversizeDropped);

    private long _oversizeDropped;

    /// <summary>Seconds a connect attempt may take before it is given up (rc -4, the broker did not answer).</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// False while the simulated Wi-Fi is off: connect attempts then fail at once with -2, as a
    /// device without an IP link would see.
    /// </summary>
    public bool NetworkAvailable { get; set; } = true;

    /// <summary>Options of the last connect attempt (a copy).</summary>
    public MqttConnectOptions LastOptions { get; private set; }

    /// <summary>Connect attempts so far.</summary>
    public int ConnectAttempts { get; private set; }

    /// <summary>Messages handed to the broker so far (successful PublishAsync calls).</summary>
    public long PublishedCount => Interlocked.Read(ref _publishedCount);

    private long _publishedCount;

    /// <inheritdoc />
    void IMqttClientDriver.Open(int session, MqttConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_disposed)
        {
            return;
        }

        IMqttClient client = Factory.CreateMqttClient();
        CancellationTokenSource cts = new();
        lock (_sessions)
        {
            _clients[session] = client;
            _cancels[session] = cts;
            LastOptions = options;
            ConnectAttempts++;
        }

        // The new session uses the same client id: if it reached the broker before the old session's
        // queued publishes (the answer to a Topic command, on the old topic) and its DISCONNECT, the
        // broker's session takeover would drop them. So the connect waits until everything queued so far
        // has gone out, as the device's single-threaded M2Mqtt client does.
        var queuedBefore = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_ops.Writer.TryWrite(Op.Marker(queuedBefore)))
        {
            queuedBefore.TrySetResult();
        }

        client.ApplicationMessageReceivedAsync += e => OnMessage(session, e);
        client.DisconnectedAsync += e => OnDisconnected(session, e);
        _ = Task.Run(() => ConnectAsync(client, options, session, queuedBefore.Task, cts.Token));
    }

    /// <inheritdoc />
    void IMqttClientDriver.Close(int session)
    {
        IMqttClient client = Take(session);
        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Disconnect(client));
        }
    }

    /// <inheritdoc />
    bool IMqttClientDriver.Send(int session, string topic, string payload, bool retain, bool qos1)
    {
        IMqttClient client = ClientOf(session);
        if (client == null)
        {
            return false;
        }

        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Utf8.GetBytes(payload ?? string.Empty))
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(qos1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        return _ops.Writer.TryWrite(Op.Publish(client, message));
    }

    /// <inheritdoc />
    void IMqttClientDriver.Subscribe(int session, string topicFilter, bool add)
    {
        IMqttClient client = ClientOf(session);
        if (client != null)
        {
            _ops.Writer.TryWrite(add ? Op.Subscribe(client, topicFilter) : Op.Unsubscribe(client, topicFilter));
        }
    }

    /// <summary>
    /// Drops the connection without DISCONNECT, as a power cut or a crash would: the broker publishes
    /// the will. No listener callback follows.
    /// </summary>
    public void Abort()
    {
        IMqttClient client = Take(Session);
        Disconnect();
        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Abort(client));
        }
    }

    /// <summary>
    /// The link is lost under the core's feet (Wi-Fi gone): the TCP connection is dropped without
    /// DISCONNECT (the broker publishes the will); a session that was up is reported disconnected, an
    /// attempt still running fails.
    /// </summary>
    public void Drop()
    {
        int session = Session;
        IMqttClient client = Take(session);
        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Abort(client));
        }

        Lost(session);
    }

    // Removes the session's client (cancelling its attempt); null when the session has none.
    private IMqttClient Take(int session)
    {
        lock (_sessions)
        {
            if (_cancels.Remove(session, out CancellationTokenSource cts))
            {
                cts.Cancel();
            }

            return _clients.Remove(session, out IMqttClient client) ? client : null;
        }
    }

    private IMqttClient ClientOf(int session)
    {
        lock (_sessions)
        {
            return _clients.TryGetValue(session, out IMqttClient client) ? client : null;
        }
    }

    /// <summary>Waits until everything queued so far has been sent (or failed); false on timeout.</summary>
    public async Task<bool> FlushAsync(TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_ops.Writer.TryWrite(Op.Marker(done)))
        {
            return true;
        }

        Task finished = await Task.WhenAny(done.Task, Task.Delay(timeout)).ConfigureAwait(false);
        return finished == done.Task;
    }

    /// <summary>Stops the link: no more callbacks; a live connection is dropped cleanly (DISCONNECT).</summary>
    public void Dispose()
    {
        Disconnect();
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Attach(null);
        _ops.Writer.TryComplete();
    }

    /// <summary>Maps an MQTTnet connect result to Tasmota's rc (1..5 = MQTT 3.1.1 CONNACK return codes).</summary>
    public static int MapRefusal(MqttClientConnectResultCode code)
    {
        switch (code)
        {
            case MqttClientConnectResultCode.UnsupportedProtocolVersion:
                return 1;
            case MqttClientConnectResultCode.ClientIdentifierNotValid:
                return 2;
            case MqttClientConnectResultCode.ServerUnavailable:
            case MqttClientConnectResultCode.ServerBusy:
                return 3;
            case MqttClientConnectResultCode.BadUserNameOrPassword:
                return 4;
            case MqttClientConnectResultCode.NotAuthorized:
            case MqttClientConnectResultCode.Banned:
                return 5;
            default:
                return 3;
        }
    }

    /// <summary>Classifies a connect exception: -5 when the host name did not resolve, -4 when the broker did not answer in time, otherwise -2.</summary>
    public static int MapException(Exception e)
    {
        for (Exception x = e; x != null; x = x.InnerException)
        {
            if (x is TimeoutException || x is OperationCanceledException || x is MQTTnet.Exceptions.MqttCommunicationTimedOutException)
            {
                return -4;
            }

            if (x is SocketException se &&
                (se.SocketErrorCode == SocketError.HostNotFound || se.SocketErrorCode == SocketError.NoData || se.SocketErrorCode == SocketError.TryAgain))
            {
                return -5;
            }

            if (x is AggregateException agg && agg.InnerExceptions.Count > 0)
            {
                int inner = MapException(agg.InnerExceptions[0]);
                if (inner != -2)
                {
                    return inner;
                }
            }
        }

        return -2;
    }

    /// <summary>
    /// The MQTTnet options for one connection. Small-packet coalescing (Nagle) is off on the socket: a
    /// command's answer is two or three small publishes, and with Nagle on the second waits for the
    /// broker's delayed ACK of the first (≈40 ms on Linux) whenever a message came in just before.
    /// </summary>
    public MqttClientOptions BuildOptions(MqttConnectOptions o)
    {
        MqttClientOptionsBuilder b = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(o.ClientId ?? string.Empty)
            .WithCleanSession(o.CleanSession)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(Math.Max(0, o.KeepAliveSeconds)))
            .WithTimeout(TimeSpan.FromSeconds(ConnectTimeoutSeconds));
        if (o.Tls)
        {
            // MqttTls 1: TLS validated against the host's trust store (the device's CA file is not used here).
            b = b.WithTlsOptions(t => t.UseTls());
        }

        if (!string.IsNullOrEmpty(o.User))
        {
            b = b.WithCredentials(o.User, o.Password ?? string.Empty);
        }

        if (!string.IsNullOrEmpty(o.WillTopic))
        {
            b = b.WithWillTopic(o.WillTopic)
                .WithWillPayload(Utf8.GetBytes(o.WillPayload ?? string.Empty))
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithWillRetain(o.WillRetain);
        }

        MqttClientOptions options = b.Build();
        if (options.ChannelOptions is MqttClientTcpOptions tcp)
        {
            tcp.NoDelay = true;
        }

        return options;
    }

    private async Task ConnectAsync(IMqttClient client, MqttConnectOptions options, int session, Task queuedBefore, CancellationToken cancel)
    {
        int rc;
        Exception error = null;
        try
        {
            await Task.WhenAny(queuedBefore, Task.Delay(TimeSpan.FromSeconds(5), cancel)).ConfigureAwait(false);

            if (!NetworkAvailable)
            {
                throw new SocketException((int)SocketError.NetworkUnreachable);
            }

            if (string.IsNullOrWhiteSpace(options.Host))
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }

            // MQTTnet's own timeout does not bound a broker that accepts TCP and never sends CONNACK:
            // the whole attempt is cancelled after ConnectTimeoutSeconds.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(TimeSpan.FromSeconds(ConnectTimeoutSeconds));
            MqttClientConnectResult result = await client.ConnectAsync(BuildOptions(options), limit.Token)
                .WaitAsync(TimeSpan.FromSeconds(ConnectTimeoutSeconds + 1), cancel).ConfigureAwait(false);
            rc = result.ResultCode == MqttClientConnectResultCode.Success ? 0 : MapRefusal(result.ResultCode);
        }
        catch (Exception e)
        {
            error = e;
            rc = MapException(e);
        }

        if (rc == 0 && !client.IsConnected)
        {
            rc = -2; // the session died between CONNACK and here
        }

        if (rc != 0)
        {
            Trace?.Invoke("connect to " + options.Host + ":" + options.Port + " failed, rc " + rc + (error != null ? " (" + error.GetBaseException().Message + ")" : string.Empty));
        }

        Opened(session, rc);
    }

    private Task OnMessage(int session, MqttApplicationMessageReceivedEventArgs e)
    {
        MqttApplicationMessage m = e.ApplicationMessage;
        long bytes = m.Payload.Length + (m.Topic == null ? 0 : m.Topic.Length);
        if (bytes > SmartLamp.Core.Mqtt.TopicSet.MaxMessageBytes)
        {
            // Refused before it is decoded into a string (a 250 MB payload would take 500 MB more).
            Interlocked.Increment(ref _oversizeDropped);
            Trace?.Invoke("dropped oversize message on " + m.Topic + " (" + bytes + " bytes, limit " + SmartLamp.Core.Mqtt.TopicSet.MaxMessageBytes + "), not decoded");
            return Task.CompletedTask;
        }

        string payload = m.Payload.IsEmpty ? string.Empty : Utf8.GetString(m.Payload);
        Received(session, m.Topic ?? string.Empty, payload, m.Retain);
        return Task.CompletedTask;
    }

    private Task OnDisconnected(int session, MqttClientDisconnectedEventArgs e)
    {
        if (session == Session && IsConnected)
        {
            Trace?.Invoke("connection lost (" + e.Reason + ")");
        }

        Lost(session);
        return Task.CompletedTask;
    }

    private async Task SendLoopAsync()
    {
        await foreach (Op op in _ops.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await op.RunAsync(this).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Trace?.Invoke(op.Kind + " failed: " + e.GetBaseException().Message);
            }
        }
    }

    private enum OpKind
    {
        Publish,
        Subscribe,
        Unsubscribe,
        Disconnect,
        Abort,
        Marker,
    }

    private sealed class Op
    {
        public OpKind Kind;
        public IMqttClient Client;
        public MqttApplicationMessage Message;
        public string Filter;
        public TaskCompletionSource Done;

        public static Op Publish(IMqttClient c, MqttApplicationMessage m) => new() { Kind = OpKind.Publish, Client = c, Message = m };

        public static Op Subscribe(IMqttClient c, string f) => new() { Kind = OpKind.Subscribe, Client = c, Filter = f };

        public static Op Unsubscribe(IMqttClient c, string f) => new() { Kind = OpKind.Unsubscribe, Client = c, Filter = f };

        public static Op Disconnect(IMqttClient c) => new() { Kind = OpKind.Disconnect, Client = c };

        public static Op Abort(IMqttClient c) => new() { Kind = OpKind.Abort, Client = c };

        public static Op Marker(TaskCompletionSource done) => new() { Kind = OpKind.Marker, Done = done };

        public async Task RunAsync(MqttNetLink link)
        {
            switch (Kind)
            {
                case OpKind.Marker:
                    Done.TrySetResult();
                    return;
                case OpKind.Publish:
                    if (Client.IsConnected)
                    {
                        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                        await Client.PublishAsync(Message, cts.Token).ConfigureAwait(false);
                        Interlocked.Increment(ref link._publishedCount);
                    }

                    return;
                case OpKind.Subscribe:
                    if (Client.IsConnected)
                    {
                        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                        MqttClientSubscribeOptions options = Factory.CreateSubscribeOptionsBuilder()
                            .WithTopicFilter(Filter, MqttQualityOfServiceLevel.AtMostOnce)
                            .Build();
                        await Client.SubscribeAsync(options, cts.Token).ConfigureAwait(false);
                    }

                    return;
                case OpKind.Unsubscribe:
                    if (Client.IsConnected)
                    {
                        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                        await Client.UnsubscribeAsync(Filter, cts.Token).ConfigureAwait(false);
                    }

                    return;
                case OpKind.Disconnect:
                    try
                    {
                        if (Client.IsConnected)
                        {
                            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                            MqttClientDisconnectOptions options = Factory.CreateClientDisconnectOptionsBuilder()
                                .WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection)
                                .Build();
                            await Client.DisconnectAsync(options, cts.Token).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        Client.Dispose();
                    }

                    return;
                case OpKind.Abort:
                    Client.Dispose();
                    return;
            }
        }
    }
}
