// Written against nanoFramework.System.Net 1.11.60 (WirelessAPConfiguration, NetworkInterface, Socket), nanoFramework.System.Threading 1.1.52.
using System;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Threading;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Web;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IAccessPoint"/> on the ESP32's soft AP: writes the first WirelessAPConfiguration
    /// (SSID, WPA2-PSK with the password or open, 192.168.4.1/24) and enables it, and while open answers
    /// DNS on UDP port 53 with <see cref="DnsResponder"/> (every name resolves to 192.168.4.1: captive
    /// portal). Buffers: <c>_query</c> 512 B and <c>_answer</c> 528 B, allocated once.
    /// </summary>
    /// <remarks>
    /// Not proven on hardware here: nanoFramework's samples reboot after enabling the soft AP for the first
    /// time (the configuration is applied by the native Wi-Fi driver at start-up). Enable is written with
    /// AutoStart, so after a restart the access point comes up by itself; the core opens it again on the
    /// next boot without an SSID, so no state is lost.
    /// </remarks>
    public sealed class NanoAccessPoint : IAccessPoint
    {
        private const string ApAddress = "192.168.4.1";

        private readonly ILog _log;
        private readonly byte[] _query = new byte[DnsResponder.MaxMessage];
        private readonly byte[] _answer = new byte[DnsResponder.MaxMessage + 16];
        private readonly byte[] _ip = DnsResponder.ParseIp(ApAddress);
        private Socket _dns;
        private Thread _worker;

        /// <summary>Creates the adapter (nothing changes on the radio until <see cref="Open"/>).</summary>
        public NanoAccessPoint(ILog log)
        {
            _log = log;
        }

        /// <inheritdoc />
        public string Address
        {
            get { return ApAddress; }
        }

        /// <inheritdoc />
        public void Open(string ssid, string password)
        {
            WirelessAPConfiguration ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[0];
            bool secured = password != null && password.Length >= 8;
            ap.Ssid = ssid;
            ap.Password = secured ? password : string.Empty;
            ap.Authentication = secured ? System.Net.NetworkInformation.AuthenticationType.WPA2 : System.Net.NetworkInformation.AuthenticationType.Open;
            ap.Encryption = secured ? EncryptionType.WPA2_PSK : EncryptionType.None;
            ap.MaxConnections = 1;
            ap.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart | WirelessAPConfiguration.ConfigurationOptions.Enable;
            ap.SaveConfiguration();

            NetworkInterface[] nis = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < nis.Length; i++)
            {
                if (nis[i].NetworkInterfaceType == NetworkInterfaceType.WirelessAP)
                {
                    nis[i].EnableStaticIPv4(ApAddress, "255.255.255.0", ApAddress);
                }
            }

            StartDns();
        }

        /// <inheritdoc />
        public void Close()
        {
            StopDns();
            WirelessAPConfiguration ap = WirelessAPConfiguration.GetAllWirelessAPConfigurations()[0];
            ap.Options = WirelessAPConfiguration.ConfigurationOptions.Disable;
            ap.SaveConfiguration();
        }

        private void StartDns()
        {
            if (_dns != null)
            {
                return;
            }

            Socket s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Any, 53));
            s.ReceiveTimeout = 1000;
            _dns = s;
            _worker = new Thread(RunDns);
            _worker.Start();
        }

        private void StopDns()
        {
            Socket s = _dns;
            _dns = null;
            if (s != null)
            {
                s.Close();
            }
        }

        private void RunDns()
        {
            while (_dns != null)
            {
                try
                {
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int n = _dns.ReceiveFrom(_query, 0, _query.Length, SocketFlags.None, ref from);
                    int len = DnsResponder.Answer(_query, n, _ip, _answer);
                    if (len > 0)
                    {
                        _dns.SendTo(_answer, 0, len, SocketFlags.None, from);
                    }
                }
                catch (SocketException)
                {
                    // receive timeout: check _dns again
                }
                catch (Exception e)
                {
                    if (_dns != null)
                    {
                        _log.Write("WIF", "DNS failed: ", e.Message, null);
                        Thread.Sleep(500);
                    }
                }
            }
        }
    }
}
