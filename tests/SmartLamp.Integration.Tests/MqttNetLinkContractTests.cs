using System.Net;
using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Formatter;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Tests.Links;
using SmartLamp.Integration.Tests.Harness;
using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// The link contract (<see cref="MqttLinkContract"/>, the suite the core tests run on the test double and on
/// the core's state machine) on the simulator's <see cref="MqttNetLink"/> against a real mosquitto.
/// </summary>
[TestClass]
public sealed class MqttNetLinkContractTests
{
    [TestMethod]
    public Task Accepted_Connect_Reports_One_Connected() => Run(MqttLinkContract.Accepted_Connect_Reports_One_Connected);

    [TestMethod]
    public Task Refused_Connect_Reports_One_Failure() => Run(MqttLinkContract.Refused_Connect_Reports_One_Failure);

    [TestMethod]
    public Task Publish_Is_Refused_While_Down() => Run(MqttLinkContract.Publish_Is_Refused_While_Down);

    [TestMethod]
    public Task Messages_Reach_The_Listener_While_Up() => Run(MqttLinkContract.Messages_Reach_The_Listener_While_Up);

    [TestMethod]
    public Task Requested_Disconnect_Is_Not_Reported() => Run(MqttLinkContract.Requested_Disconnect_Is_Not_Reported);

    [TestMethod]
    public Task Lost_Session_Is_Reported_Once() => Run(MqttLinkContract.Lost_Session_Is_Reported_Once);

    [TestMethod]
    public Task Disconnect_While_Connecting_Reports_Nothing() => Run(MqttLinkContract.Disconnect_While_Connecting_Reports_Nothing);

    [TestMethod]
    public Task Reconnect_Replaces_The_Session_Silently() => Run(MqttLinkContract.Reconnect_Replaces_The_Session_Silently);

    [TestMethod]
    public Task Late_Events_Of_A_Closed_Session_Are_Dropped() => Run(MqttLinkContract.Late_Events_Of_A_Closed_Session_Are_Dropped);

    [TestMethod]
    public Task Reports_Never_Overlap() => Run(MqttLinkContract.Reports_Never_Overlap);

    private static async Task Run(Action<IMqttLinkBench> rule)
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        using var bench = new MosquittoLinkBench(broker);
        await Task.Run(() => rule(bench));
    }

    /// <summary>
    /// Plays the broker with a real one: accepted = mosquitto; refused = a loopback port nobody listens on;
    /// held = a TCP listener that accepts and never answers (its answer: the socket is closed); the broker
    /// ends a session when another client takes over its client id; messages come from a probe client.
    /// </summary>
    private sealed class MosquittoLinkBench : IMqttLinkBench, IDisposable
    {
        private readonly TestBroker _broker;
        private readonly string _clientId = "contract-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        private readonly List<IMqttClient> _others = new();
        private MqttNetLink _link;
        private TcpListener _silent;
        private Socket _held;
        private int _plan;
        private MqttProbe _probe;
        private bool _settled;

        public MosquittoLinkBench(TestBroker broker)
        {
            _broker = broker;
        }

        public int PatienceMs => 10000;

        public IMqttLink Start(IMqttLinkListener listener)
        {
            _link = new MqttNetLink { ConnectTimeoutSeconds = 5 };
            _link.Attach(listener);
            return _link;
        }

        public void Connect(int plan)
        {
            _plan = plan;
            int port = _broker.Port;
            if (plan == MqttLinkContract.Refuse)
            {
                port = EmbeddedBroker.FreeLoopbackPort();
            }
            else if (plan == MqttLinkContract.Hold)
            {
                _silent = new TcpListener(IPAddress.Loopback, 0);
                _silent.Start();
                port = ((IPEndPoint)_silent.LocalEndpoint).Port;
            }

            _link.Connect(new MqttConnectOptions { Host = _broker.Host, Port = port, ClientId = _clientId, CleanSession = true, KeepAliveSeconds = 30 });
        }

        public void Answer()
        {
            if (_plan != MqttLinkContract.Hold || _silent == null)
            {
                return;
            }

            // A late answer: the held connection is cut (if the link got that far), so its attempt fails late.
            if (_silent.Server.Poll(2_000_000, SelectMode.SelectRead))
            {
                _held = _silent.AcceptSocket();
                _held.Close();
            }

            _silent.Stop();
            _silent = null;
        }

        public void Drop()
        {
            IMqttClient other = new MqttClientFactory().CreateMqttClient();
            MqttClientOptions options = new MqttClientOptionsBuilder()
                .WithTcpServer(_broker.Host, _broker.Port)
                .WithProtocolVersion(MqttProtocolVersion.V311)
                .WithClientId(_clientId)
                .WithCleanSession(true)
                .Build();
            other.ConnectAsync(options).GetAwaiter().GetResult();
            lock (_others)
            {
                _others.Add(other);
            }
        }

        public void Deliver(string topic, string payload)
        {
            MqttProbe probe;
            lock (_others)
            {
                if (_probe == null)
                {
                    _probe = MqttProbe.ConnectAsync(_broker).GetAwaiter().GetResult();
                }

                if (!_settled)
                {
                    Thread.Sleep(300); // the link's SUBSCRIBE goes out on its sender loop
                    _settled = true;
                }

                probe = _probe;
            }

            probe.PublishAsync(topic, payload).GetAwaiter().GetResult();
        }

        public void LateEvents()
        {
            // Whatever the broker still has for the old session's subscription.
            Deliver("contract/in", "late");
        }

        public void Dispose()
        {
            _link?.Dispose();
            _silent?.Stop();
            _held?.Dispose();
            _probe?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            foreach (IMqttClient c in _others)
            {
                c.Dispose();
            }
        }
    }
}
