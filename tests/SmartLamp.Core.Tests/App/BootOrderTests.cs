using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Ports;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.App
{
    /// <summary>
    /// "On start-up every relay pin is driven to its configured level before anything else runs":
    /// the relay pins must be in the pin trace before the device touches any other port, not only
    /// before the settings are read (DeviceAppTests checks that part).
    /// </summary>
    [TestClass]
    public class BootOrderTests
    {
        /// <summary>Clock that notes how many pin changes had happened when it was first used.</summary>
        private sealed class ProbeClock : IClock
        {
            private readonly IClock _inner;
            private readonly SimGpio _gpio;

            public ProbeClock(IClock inner, SimGpio gpio)
            {
                _inner = inner;
                _gpio = gpio;
                TraceAtFirstUse = -1;
            }

            public int TraceAtFirstUse { get; private set; }

            public long NowMs
            {
                get
                {
                    Note();
                    return _inner.NowMs;
                }
            }

            public System.DateTime UtcNow
            {
                get
                {
                    Note();
                    return _inner.UtcNow;
                }
            }

            private void Note()
            {
                if (TraceAtFirstUse < 0)
                {
                    TraceAtFirstUse = _gpio.TraceCount;
                }
            }
        }

        /// <summary>Network link that notes how many pin changes had happened when it was first used.</summary>
        private sealed class ProbeNetwork : INetworkLink
        {
            private readonly INetworkLink _inner;
            private readonly SimGpio _gpio;

            public ProbeNetwork(INetworkLink inner, SimGpio gpio)
            {
                _inner = inner;
                _gpio = gpio;
                TraceAtFirstUse = -1;
            }

            public int TraceAtFirstUse { get; private set; }

            public bool IsUp
            {
                get
                {
                    Note();
                    return _inner.IsUp;
                }
            }

            public string Mac
            {
                get
                {
                    Note();
                    return _inner.Mac;
                }
            }

            public string IpAddress
            {
                get
                {
                    Note();
                    return _inner.IpAddress;
                }
            }

            public string Ssid
            {
                get
                {
                    Note();
                    return _inner.Ssid;
                }
            }

            public string Bssid
            {
                get
                {
                    Note();
                    return _inner.Bssid;
                }
            }

            public int Channel
            {
                get
                {
                    Note();
                    return _inner.Channel;
                }
            }

            public int SignalDbm
            {
                get
                {
                    Note();
                    return _inner.SignalDbm;
                }
            }

            public int ActiveSlot
            {
                get
                {
                    Note();
                    return _inner.ActiveSlot;
                }
            }

            public void Join(int slot)
            {
                Note();
                _inner.Join(slot);
            }

            public void Leave()
            {
                Note();
                _inner.Leave();
            }

            public void Attach(INetworkLinkListener listener)
            {
                Note();
                _inner.Attach(listener);
            }

            public void Configure(string ssid1, string password1, string ssid2, string password2)
            {
                Note();
                _inner.Configure(ssid1, password1, ssid2, password2);
            }

            private void Note()
            {
                if (TraceAtFirstUse < 0)
                {
                    TraceAtFirstUse = _gpio.TraceCount;
                }
            }
        }

        [TestMethod]
        public void Relay_Pins_Are_Driven_Before_The_Clock_Or_The_Network_Is_Touched()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            ProbeClock clock = new ProbeClock(f.Clock, f.Gpio);
            ProbeNetwork network = new ProbeNetwork(f.Network, f.Gpio);
            f.Ports.Clock = clock;
            f.Ports.Network = network;

            DeviceApp app = new DeviceApp(f.Ports, DeviceFixture.TwoRelayBoard());

            // Both relay pins (12 active high -> low, 13 active low -> high) come first ...
            Assert.AreEqual("0 12 0\n0 13 1\n", f.Gpio.TraceText());

            // ... and building the rest of the device did use the clock and the network, but only after them.
            Assert.AreEqual(2, clock.TraceAtFirstUse, "the clock was used before every relay pin was driven");
            Assert.AreEqual(2, network.TraceAtFirstUse, "the network was used before every relay pin was driven");
            Assert.AreEqual(2, app.Relays.Count);
        }
    }
}
