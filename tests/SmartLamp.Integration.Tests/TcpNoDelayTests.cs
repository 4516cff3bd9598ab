using System.Collections;
using System.Net.Sockets;
using System.Reflection;
using MQTTnet;
using SmartLamp.Core.Ports;
using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// Small-packet coalescing (Nagle) is off on every MQTT socket the host side opens: with it on, a reply
/// after an incoming message waited for the peer's delayed ACK (≈40 ms). Checked on the options and on
/// the live sockets (found by walking the MQTTnet objects, since MQTTnet does not expose them).
/// </summary>
[TestClass]
public sealed class TcpNoDelayTests
{
    [TestMethod]
    public void The_Simulators_Client_Options_Turn_Nagle_Off_With_And_Without_Tls()
    {
        var link = new MqttNetLink();
        foreach (bool tls in new[] { false, true })
        {
            MqttClientOptions options = link.BuildOptions(new MqttConnectOptions { Host = "127.0.0.1", Port = 1883, ClientId = "x", Tls = tls });
            var tcp = options.ChannelOptions as MqttClientTcpOptions;
            Assert.IsNotNull(tcp, "a TCP channel");
            Assert.IsTrue(tcp.NoDelay, "NoDelay with Tls=" + tls);
        }
    }

    [TestMethod]
    public async Task The_Live_Sockets_Of_The_Simulated_Device_And_The_Embedded_Broker_Have_NoDelay()
    {
        await using TestBroker unused = await TestBroker.StartAsync();
        await using EmbeddedBroker embedded = await EmbeddedBroker.StartAsync(EmbeddedBroker.FreeLoopbackPort(), 1);
        await using InProcessSim sim = await InProcessSim.StartAsync(unused, "nodelay", c =>
        {
            c.MqttHost = "127.0.0.1";
            c.MqttPort = embedded.Port;
        });
        await InProcessSim.WaitUntilAsync(() => sim.Device.MqttConnected, "the device connects", TimeSpan.FromSeconds(30));

        // Only the link's own connection to the broker: the walk also reaches sockets of the test harness
        // (its probe clients, through delegates such as the link's trace), which are not the device's.
        List<Socket> device = SocketsReachableFrom(sim.Device.Link)
            .Where(s => IsConnectedTo(s, embedded.Port)).ToList();
        Assert.IsNotEmpty(device, "no socket found behind the device's MQTT link");
        Assert.IsTrue(device.All(s => s.NoDelay), "a device MQTT socket with Nagle on");

        List<Socket> broker = SocketsReachableFrom(embedded).Where(s => s.Connected && s.RemoteEndPoint != null).ToList();
        Assert.IsNotEmpty(broker, "no client socket found in the embedded broker");
        Assert.IsTrue(broker.All(s => s.NoDelay), "an embedded broker client socket with Nagle on");
    }

    private static bool IsConnectedTo(Socket s, int port)
    {
        try
        {
            return s.Connected && s.RemoteEndPoint is System.Net.IPEndPoint ep && ep.Port == port;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>Every Socket reachable through fields (and collections) from <paramref name="root"/>, breadth first.</summary>
    private static List<Socket> SocketsReachableFrom(object root)
    {
        var found = new List<Socket>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<(object, int)>();
        queue.Enqueue((root, 0));
        while (queue.Count > 0 && seen.Count < 50000)
        {
            (object o, int depth) = queue.Dequeue();
            if (o == null || !seen.Add(o))
            {
                continue;
            }

            if (o is Socket s)
            {
                found.Add(s);
                continue;
            }

            Type t = o.GetType();
            if (depth >= 12 || t.IsPrimitive || t.IsEnum || o is string || o is Delegate || o is Type || o is MemberInfo || o is Thread || o is Assembly || o is Pointer)
            {
                continue;
            }

            if (o is IEnumerable items && (t.IsArray || (t.Namespace ?? string.Empty).StartsWith("System.Collections", StringComparison.Ordinal)))
            {
                if (t.IsArray && t.GetElementType().IsPrimitive)
                {
                    continue;
                }

                foreach (object item in items)
                {
                    queue.Enqueue((item, depth + 1));
                }
            }

            for (Type k = t; k != null && k != typeof(object); k = k.BaseType)
            {
                foreach (FieldInfo f in k.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (f.FieldType.IsPrimitive || f.FieldType.IsPointer || f.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    object v;
                    try
                    {
                        v = f.GetValue(o);
                    }
                    catch (Exception)
                    {
                        continue;
                    }

                    if (v != null && !(v.GetType().IsValueType && v.GetType().IsPrimitive))
                    {
                        queue.Enqueue((v, depth + 1));
                    }
                }
            }
        }

        return found;
    }
}
