using SmartLamp.Core.Ports;

namespace SmartLamp.Simulation
{
    /// <summary>Called by <see cref="SimNetworkLink.Configure"/> with the slot 1 SSID.</summary>
    public delegate void NetworkConfiguredHandler(string ssid1);

    /// <summary>Scriptable network link: the test or simulator decides when it is up.</summary>
    public sealed class SimNetworkLink : INetworkLink
    {
        private INetworkLinkListener _listener;

        /// <summary>Creates a link (down) for a device with MAC <paramref name="mac"/> (12 hex digits).</summary>
        public SimNetworkLink(string mac)
        {
            Mac = mac;
            Ssid = string.Empty;
            Bssid = string.Empty;
            IpAddress = "0.0.0.0";
            SimulatedIp = "127.0.0.1";
            SimulatedSsid = "SimNet";
        }

        /// <inheritdoc />
        public bool IsUp { get; private set; }

        /// <inheritdoc />
        public string Mac { get; }

        /// <inheritdoc />
        public string IpAddress { get; private set; }

        /// <inheritdoc />
        public string Ssid { get; private set; }

        /// <inheritdoc />
        public string Bssid { get; private set; }

        /// <inheritdoc />
        public int Channel { get; private set; }

        /// <inheritdoc />
        public int SignalDbm { get; private set; }

        /// <inheritdoc />
        public int ActiveSlot { get; private set; }

        /// <summary>Address reported while up.</summary>
        public string SimulatedIp { get; set; }

        /// <summary>SSID reported while up.</summary>
        public string SimulatedSsid { get; set; }

        /// <summary>Credentials last passed to <see cref="Configure"/> (slot 1 SSID).</summary>
        public string ConfiguredSsid1 { get; private set; }

        /// <summary>Raised by <see cref="Configure"/> (the simulator joins a network chosen on the setup portal).</summary>
        public NetworkConfiguredHandler Configured;

        /// <summary>Times <see cref="Configure"/> was called.</summary>
        public int ConfigureCalls { get; private set; }

        /// <summary>Join attempts the core asked for.</summary>
        public int JoinCalls { get; private set; }

        /// <summary>Slot of the last <see cref="Join"/>.</summary>
        public int LastJoinSlot { get; private set; }

        /// <summary>Times the core asked to leave the network.</summary>
        public int LeaveCalls { get; private set; }

        /// <summary>Records the attempt; the test or simulator answers it (<see cref="Up"/>, <see cref="FailJoin"/>) or not.</summary>
        public void Join(int slot)
        {
            JoinCalls++;
            LastJoinSlot = slot;
        }

        /// <summary>Records the request; the link goes down only when the test or simulator says so (<see cref="Down"/>).</summary>
        public void Leave()
        {
            LeaveCalls++;
        }

        /// <summary>The running join attempt fails.</summary>
        public void FailJoin()
        {
            if (_listener != null)
            {
                _listener.OnNetworkJoinFailed();
            }
        }

        /// <inheritdoc />
        public void Attach(INetworkLinkListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public void Configure(string ssid1, string password1, string ssid2, string password2)
        {
            ConfigureCalls++;
            ConfiguredSsid1 = ssid1;
            NetworkConfiguredHandler h = Configured;
            if (h != null)
            {
                h(ssid1);
            }
        }

        /// <summary>Brings the link up and tells the listener.</summary>
        public void Up()
        {
            if (IsUp)
            {
                return;
            }

            IsUp = true;
            IpAddress = SimulatedIp;
            Ssid = SimulatedSsid;
            Bssid = "02:00:00:00:00:01";
            Channel = 6;
            SignalDbm = -55;
            ActiveSlot = 1;
            if (_listener != null)
            {
                _listener.OnNetworkUp();
            }
        }

        /// <summary>Cuts the link and tells the listener.</summary>
        public void Down()
        {
            if (!IsUp)
            {
                return;
            }

            IsUp = false;
            IpAddress = "0.0.0.0";
            Ssid = string.Empty;
            Bssid = string.Empty;
            Channel = 0;
            SignalDbm = 0;
            if (_listener != null)
            {
                _listener.OnNetworkDown();
            }
        }
    }
}
