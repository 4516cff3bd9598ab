using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MQTTnet.Packets;
using MQTTnet.Server;

namespace SmartLamp.Simulator;

/// <summary>
/// A small MQTT broker inside the simulator process (MQTTnet.Server), listening on 127.0.0.1 only.
/// Used when no --mqtt-host/--mqtt-port is given, and by the integration tests when mosquitto is not
/// installed. Keeps retained messages and publishes wills like mosquitto (in memory, no persistence).
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    /// <summary>The port tried first.</summary>
    public const int DefaultPort = 1883;

    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    /// <summary>The port the broker listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Host name clients use.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The underlying MQTTnet server.</summary>
    public MqttServer Server => _server;

    /// <summary>
    /// Starts a broker on <paramref name="preferredPort"/> or, if that is taken, the next free port
    /// among the following <paramref name="attempts"/>-1. Throws <see cref="IOException"/> when none is free.
    /// </summary>
    public static async Task<EmbeddedBroker> StartAsync(int preferredPort = DefaultPort, int attempts = 20)
    {
        if (preferredPort < 1 || preferredPort > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(preferredPort));
        }

        Exception last = null;
        for (int port = preferredPort; port < preferredPort + attempts && port <= 65535; port++)
        {
            if (!IsPortFree(port))
            {
                continue;
            }

            MqttServer server = null;
            try
            {
                MqttServerOptions options = new MqttServerOptionsBuilder()
                    .WithDefaultEndpoint()
                    .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                    .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                    .WithDefaultEndpointPort(port)
                    .WithConnectionBacklog(1000)
                    .Build();
                options.DefaultEndpointOptions.NoDelay = true; // no Nagle on the clients' sockets: answers are small packets

                server = new MqttServerFactory().CreateMqttServer(options);
                server.ValidatingConnectionAsync += AssignClientIdWhenEmpty;
                await server.StartAsync().ConfigureAwait(false);
                return new EmbeddedBroker(server, port);
            }
            catch (Exception e)
            {
                last = e;
                server?.Dispose();
            }
        }

        throw new IOException("no free port for the embedded MQTT broker in " + preferredPort + ".." + (preferredPort + attempts - 1) + (last != null ? ": " + last.Message : string.Empty), last);
    }

    /// <summary>
    /// mosquitto_pub/mosquitto_sub 2.x connect over MQTT 3.1.1 with an empty client id and a clean
    /// session, and MQTT 3.1.1 lets the broker assign one [MQTT-3.1.3-6] (mosquitto does). MQTTnet 5
    /// assigns ids only for MQTT 5 and refuses the rest, which would break the README's mosquitto_pub
    /// line against the embedded broker; so the id is written into the CONNECT packet here, before
    /// MQTTnet checks it. The packet is not public on the event args: if a later MQTTnet renames the
    /// field, nothing is assigned and such clients are refused as before.
    /// </summary>
    private static readonly FieldInfo ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", BindingFlags.NonPublic | BindingFlags.Instance);

    private static Task AssignClientIdWhenEmpty(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId) && e.CleanSession == true
            && ConnectPacketField?.GetValue(e) is MqttConnectPacket packet)
        {
            packet.ClientId = "auto-" + Guid.NewGuid().ToString("N");
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts a broker on a port chosen by the operating system.</summary>
    public static Task<EmbeddedBroker> StartOnAnyPortAsync()
    {
        return StartAsync(FreeLoopbackPort(), 20);
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    /// <summary>True when nothing listens on 127.0.0.1:<paramref name="port"/> (or on all interfaces).</summary>
    public static bool IsPortFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Server.ExclusiveAddressUse = true;
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the broker (clients see their connection drop).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        }
        catch
        {
            // stopping a broker that is already down
        }

        _server.Dispose();
    }
}
