using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;

namespace SmartLamp.Simulator.Adapters;

/// <summary>
/// MQTTnet's TCP channel with writes that can be held back and then sent in one socket write: the
/// packets a device sends while it handles one received message (a command's RESULT and POWER) leave
/// together, as two whole MQTT packets in call order, instead of one system call and one wake-up of
/// the broker each. Writes made while nothing is held go straight through; all writes to the socket
/// are one at a time.
/// </summary>
public sealed class HeldWritesChannel : IMqttChannel
{
    private readonly MqttTcpChannel _inner;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly object _lock = new();
    private readonly ArrayBufferWriter<byte> _held = new(256);
    private bool _holding;

    /// <summary>A channel for <paramref name="options"/> (TCP, with TLS when the options ask for it).</summary>
    public HeldWritesChannel(MqttClientOptions options)
    {
        _inner = new MqttTcpChannel(options);
    }

    /// <inheritdoc />
    public X509Certificate2 ClientCertificate => _inner.ClientCertificate;

    /// <inheritdoc />
    public EndPoint RemoteEndPoint => _inner.RemoteEndPoint;

    /// <inheritdoc />
    public EndPoint LocalEndPoint => _inner.LocalEndPoint;

    /// <inheritdoc />
    public bool IsSecureConnection => _inner.IsSecureConnection;

    /// <summary>Writes from now on are kept until <see cref="ReleaseAsync"/>.</summary>
    public void Hold()
    {
        lock (_lock)
        {
            _holding = true;
        }
    }

    /// <summary>Sends what was kept since <see cref="Hold"/> in one write; later writes go straight through.</summary>
    public Task ReleaseAsync()
    {
        byte[] data;
        lock (_lock)
        {
            _holding = false;
            if (_held.WrittenCount == 0)
            {
                return Task.CompletedTask;
            }

            data = _held.WrittenSpan.ToArray();
            _held.Clear();
        }

        return WriteThroughAsync(new ReadOnlySequence<byte>(data), CancellationToken.None);
    }

    /// <inheritdoc />
    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_holding)
            {
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    _held.Write(segment.Span); // copied: MQTTnet reuses its buffer after the call
                }

                return Task.CompletedTask;
            }
        }

        return WriteThroughAsync(buffer, cancellationToken);
    }

    /// <inheritdoc />
    public Task ConnectAsync(CancellationToken cancellationToken) => _inner.ConnectAsync(cancellationToken);

    /// <inheritdoc />
    public Task DisconnectAsync(CancellationToken cancellationToken) => _inner.DisconnectAsync(cancellationToken);

    /// <inheritdoc />
    public Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _inner.Dispose();
    }

    private async Task WriteThroughAsync(ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _inner.WriteAsync(buffer, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Makes MQTTnet's client adapter over a <see cref="HeldWritesChannel"/>; keeps the last channel it made.</summary>
    public sealed class Factory : IMqttClientAdapterFactory
    {
        /// <summary>The channel of the client's connection; null before it connects.</summary>
        public HeldWritesChannel Channel { get; private set; }

        /// <inheritdoc />
        public IMqttChannelAdapter CreateClientAdapter(MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (options.ChannelOptions is not MqttClientTcpOptions)
            {
                return new MqttClientAdapterFactory().CreateClientAdapter(options, packetInspector, logger);
            }

            var channel = new HeldWritesChannel(options);
            Channel = channel;
            var formatter = new MqttPacketFormatterAdapter(options.ProtocolVersion, new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax));
            return new MqttChannelAdapter(channel, formatter, logger)
            {
                AllowPacketFragmentation = options.AllowPacketFragmentation,
                PacketInspector = packetInspector,
            };
        }
    }
}
