using System.Net.Sockets;
using SmartLamp.Simulator;

namespace SmartLamp.Integration.Tests;

/// <summary>The simulator's embedded broker accepts the clients the README tells people to use.</summary>
[TestClass]
public sealed class EmbeddedBrokerTests
{
    // MQTT 3.1.1 CONNECT, clean session, keep-alive 60 s, EMPTY client id: what mosquitto_pub and
    // mosquitto_sub 2.x send when no -i is given.
    private static readonly byte[] ConnectWithEmptyClientId =
    {
        0x10, 12, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x00,
    };

    [TestMethod]
    public async Task Mqtt311_Client_With_Empty_Client_Id_And_Clean_Session_Is_Accepted()
    {
        Assert.AreEqual(0x00, await ConnAckReturnCode(ConnectWithEmptyClientId), "CONNACK return code (0 = accepted, 2 = identifier rejected)");
    }

    private static async Task<int> ConnAckReturnCode(byte[] connect)
    {
        await using EmbeddedBroker broker = await EmbeddedBroker.StartOnAnyPortAsync();
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(broker.Host, broker.Port, timeout.Token);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(connect, timeout.Token);

        byte[] connack = new byte[4];
        int read = 0;
        while (read < connack.Length)
        {
            int n = await stream.ReadAsync(connack.AsMemory(read), timeout.Token);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        Assert.AreEqual(4, read, "a complete CONNACK");
        Assert.AreEqual(0x20, connack[0], "packet type CONNACK");
        return connack[3];
    }
}
