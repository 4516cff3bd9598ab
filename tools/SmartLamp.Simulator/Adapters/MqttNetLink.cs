using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SmartLamp.Core.Ports;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// <see cref="IMqttLink"/> over an MQTTnet 5 client (MQTT 3.1.1, like Tasmota).
/// <list type="bullet">
/// <item>Every port call returns at once. Connect runs on the thread pool and reports
/// OnMqttConnected or OnMqttConnectFailed(rc): -5 DNS failure, -2 any other network failure or
/// timeout, 1..5 the MQTT 3.1.1 CONNACK refusal codes.</item>
/// <item>Publish, Subscribe, Unsubscribe and Disconnect are queued and sent in call order by one
/// sender loop, so the core can publish from inside a message callback (MQTTnet's receive loop)
/// without waiting for a PUBACK that this very loop would have to read.</item>
/// <item>Listener callbacks of one link never overlap and never arrive out of order
/// (connected, messages, disconnected); OnMqttDisconnected only follows an OnMqttConnected and is
/// never raised for a <see cref="Disconnect"/> the core asked for.</item>
/// <item>Incoming payloads are decoded as UTF-8 with U+FFFD for invalid bytes; the retain flag is
/// passed on as received.</item>
/// <item>The will (if WillTopic is set) is sent with QoS 1 and the requested retain flag.
/// <see cref="Disconnect"/> sends a clean DISCONNECT, so the broker discards the will;
/// <see cref="Abort"/> drops the TCP connection without one (power loss), so the broker publishes it.</item>
/// </list>
/// </summary>
public sealed class MqttNetLink : IMqttLink, IDisposable
{
    private static readonly MqttClientFactory Factory = new();
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly object _state = new();      // short critical sections only, never calls out
    private readonly object _callbacks = new();  // serialises listener callbacks
    private readonly Channel<Op> _ops = Channel.CreateUnbounded<Op>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;
    private IMqttLinkListener _listener;
    private IMqttClient _client;
    private CancellationTokenSource _connectCts;
    private int _session;
    private volatile bool _connected;
    private bool _disposed;

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
    public bool IsConnected => _connected;

    /// <inheritdoc />
    public void Attach(IMqttLinkListener listener)
    {
        _listener = listener;
    }

    /// <inheritdoc />
    public void Connect(MqttConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        MqttConnectOptions copy = Copy(options);
        IMqttClient client = Factory.CreateMqttClient();
        IMqttClient previous;
        CancellationTokenSource cts = new();
        int session;
        lock (_state)
        {
            if (_disposed)
            {
                client.Dispose();
                return;
            }

            session = ++_session;
            previous = _client;
            _client = client;
            _connectCts?.Cancel();
            _connectCts = cts;
            _connected = false;
            LastOptions = copy;
            ConnectAttempts++;
        }

        if (previous != null)
        {
            _ops.Writer.TryWrite(Op.Retire(previous));
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
        _ = Task.Run(() => ConnectAsync(client, copy, session, queuedBefore.Task, cts.Token));
    }

    /// <inheritdoc />
    public void Disconnect()
    {
        IMqttClient client = DetachClient();

        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Disconnect(client));
        }
    }

    /// <summary>
    /// Drops the connection without DISCONNECT, as a power cut or a crash would: the broker publishes
    /// the will. No listener callback follows.
    /// </summary>
    public void Abort()
    {
        IMqttClient client = DetachClient();

        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Abort(client));
        }
    }

    /// <summary>Ends the current session (a pending attempt included) and hands back its client, if any.</summary>
    private IMqttClient DetachClient()
    {
        lock (_state)
        {
            _session++;
            _connected = false;
            IMqttClient client = _client;
            _client = null;
            _connectCts?.Cancel();
            _connectCts = null;
            return client;
        }
    }

    /// <summary>
    /// The link is lost under the core's feet (Wi-Fi gone): the TCP connection is dropped without
    /// DISCONNECT (the broker publishes the will) and, if a session was up, the core gets
    /// OnMqttDisconnected. Must not be called while holding the device lock.
    /// </summary>
    public void Drop()
    {
        IMqttClient client;
        bool wasUp;
        lock (_callbacks)
        {
            lock (_state)
            {
                wasUp = _connected;
                _session++;
                _connected = false;
                client = _client;
                _client = null;
                _connectCts?.Cancel();
                _connectCts = null;
            }

            if (client != null)
            {
                _ops.Writer.TryWrite(Op.Abort(client));
            }

            if (wasUp)
            {
                _listener?.OnMqttDisconnected();
            }
        }
    }

    /// <inheritdoc />
    public bool Publish(string topic, string payload, bool retain, bool qos1)
    {
        IMqttClient client;
        lock (_state)
        {
            if (!_connected || _client == null)
            {
                return false;
            }

            client = _client;
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
    public void Subscribe(string topicFilter)
    {
        IMqttClient client = CurrentConnectedClient();
        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Subscribe(client, topicFilter));
        }
    }

    /// <inheritdoc />
    public void Unsubscribe(string topicFilter)
    {
        IMqttClient client = CurrentConnectedClient();
        if (client != null)
        {
            _ops.Writer.TryWrite(Op.Unsubscribe(client, topicFilter));
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
        lock (_state)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _listener = null;
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

    private static MqttConnectOptions Copy(MqttConnectOptions o)
    {
        return new MqttConnectOptions
        {
            Host = o.Host,
            Port = o.Port,
            ClientId = o.ClientId,
            User = o.User,
            Password = o.Password,
            WillTopic = o.WillTopic,
            WillPayload = o.WillPayload,
            WillRetain = o.WillRetain,
            KeepAliveSeconds = o.KeepAliveSeconds,
            CleanSession = o.CleanSession,
            Tls = o.Tls,
            CaFile = o.CaFile,
        };
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

    private bool IsCurrent(int session)
    {
        lock (_state)
        {
            return session == _session && !_disposed;
        }
    }

    private IMqttClient CurrentConnectedClient()
    {
        lock (_state)
        {
            return _connected ? _client : null;
        }
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

        lock (_callbacks)
        {
            if (!IsCurrent(session))
            {
                // Disconnect() or a newer Connect() superseded this attempt: drop it silently.
                _ops.Writer.TryWrite(Op.Retire(client));
                return;
            }

            if (rc == 0 && client.IsConnected)
            {
                lock (_state)
                {
                    _connected = true;
                }

                _listener?.OnMqttConnected();
                return;
            }

            if (rc == 0)
            {
                rc = -2; // the session died between CONNACK and here
            }

            lock (_state)
            {
                if (_client == client)
                {
                    _client = null;
                }
            }

            Trace?.Invoke("connect to " + options.Host + ":" + options.Port + " failed, rc " + rc + (error != null ? " (" + error.GetBaseException().Message + ")" : string.Empty));
            _listener?.OnMqttConnectFailed(rc);
        }

        _ops.Writer.TryWrite(Op.Retire(client));
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
        lock (_callbacks)
        {
            if (_connected && IsCurrent(session))
            {
                _listener?.OnMqttMessage(m.Topic ?? string.Empty, payload, m.Retain);
            }
        }

        return Task.CompletedTask;
    }

    private Task OnDisconnected(int session, MqttClientDisconnectedEventArgs e)
    {
        lock (_callbacks)
        {
            bool wasUp;
            lock (_state)
            {
                wasUp = _connected && session == _session && !_disposed;
                if (wasUp)
                {
                    _connected = false;
                }
            }

            if (wasUp)
            {
                Trace?.Invoke("connection lost (" + e.Reason + ")");
                _listener?.OnMqttDisconnected();
            }
        }

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
        Retire,
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

        public static Op Retire(IMqttClient c) => new() { Kind = OpKind.Retire, Client = c };

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
                case OpKind.Retire:
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
