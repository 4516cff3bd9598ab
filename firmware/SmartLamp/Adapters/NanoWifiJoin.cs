// Written against nanoFramework.System.Device.Wifi 1.5.149, nanoFramework.System.Net 1.11.60.
using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>One step of the Wi-Fi worker: join the configured or stored network, back off after failures, and find the station interface.</summary>
    public sealed partial class NanoWifiLink : INetworkLink
    {
        private void Step()
        {
            bool reconfigure;
            string ssid;
            string password;
            int slot;
            lock (_lock)
            {
                reconfigure = _reconfigure;
                _reconfigure = false;
                slot = _slot;
                if (slot == 2 && _ssid2.Length == 0)
                {
                    slot = 1;
                }

                if (slot == 1 && _ssid1.Length == 0 && _ssid2.Length > 0)
                {
                    slot = 2;
                }

                ssid = slot == 2 ? _ssid2 : _ssid1;
                password = slot == 2 ? _password2 : _password1;
                _slot = slot;
            }

            if (reconfigure)
            {
                // README "Retry and reconfiguration": leave the old network before joining another.
                Log("Wi-Fi leaving the network to join again (new credentials or watchdog)", null);
                SetUp(false);
                try
                {
                    WifiNetworkHelper.Disconnect();
                    WifiNetworkHelper.Reset();
                }
                catch (Exception e)
                {
                    Log("Wi-Fi disconnect failed: ", e.Message);
                }
            }

            // Right after a reconfiguration the old address may still be visible: go straight to joining.
            if (!reconfigure && Poll())
            {
                _wake.WaitOne(PollUpMs, false);
                return;
            }

            bool ok;
            CancellationTokenSource cts = new CancellationTokenSource(ConnectTimeoutMs);
            lock (_lock)
            {
                bool stale = _reconfigure || ssid != (slot == 2 ? _ssid2 : _ssid1) || password != (slot == 2 ? _password2 : _password1);
                if (stale)
                {
                    // Configure ran since the credentials were read: start over with the new ones.
                    cts.Dispose();
                    return;
                }

                _attempt = cts;
                _interrupted = false;
            }

            try
            {
                if (ssid.Length == 0)
                {
                    // No SSId1/SSId2: the network stored on the device (Device Explorer / nanoff
                    // --networkdeployment), if it has one.
                    ReadStoredNetwork(out ssid, out password);
                }

                if (ssid.Length > 0)
                {
                    Log("Wi-Fi connecting to ", ssid);
                    ok = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, cts.Token);
                }
                else
                {
                    // Nothing stored either: wait for whatever the platform joins by itself (SmartConfig).
                    Log("Wi-Fi has no credentials: set SSId1/Password1 on the console", null);
                    ok = WifiNetworkHelper.Reconnect(false, 0, cts.Token);
                }
            }
            finally
            {
                lock (_lock)
                {
                    _attempt = null;
                }

                cts.Dispose();
            }

            if (Poll())
            {
                return;
            }

            bool interrupted;
            lock (_lock)
            {
                interrupted = _interrupted;
                _interrupted = false;

                // Alternate between the two slots like Tasmota's AP1/AP2 fallback.
                if (!interrupted && _ssid1.Length > 0 && _ssid2.Length > 0)
                {
                    _slot = _slot == 1 ? 2 : 1;
                }
            }

            if (interrupted)
            {
                return;
            }

            // Backoff: 5 s, 10 s, 20 s, ... up to 5 min between failed attempts (each attempt itself
            // waits up to 60 s). Configure and Rejoin wake the worker early.
            int failures;
            lock (_lock)
            {
                _failures++;
                failures = _failures;
            }

            int pause = RetryPauseMs;
            for (int i = 1; i < failures && pause < MaxRetryPauseMs; i++)
            {
                pause *= 2;
            }

            if (pause > MaxRetryPauseMs)
            {
                pause = MaxRetryPauseMs;
            }

            Log(ok ? "Wi-Fi joined but got no address, retry in " : "Wi-Fi connect failed, status " + ((int)WifiNetworkHelper.Status).ToString() + ", retry in ", (pause / 1000).ToString() + " s");
            _wake.WaitOne(pause, false);
        }

        // The Wi-Fi credentials stored in the device configuration (I:\con_WN1_0.sys), "" when none.
        private static void ReadStoredNetwork(out string ssid, out string password)
        {
            ssid = string.Empty;
            password = string.Empty;
            NetworkInterface ni = FindStation();
            if (ni == null)
            {
                return;
            }

            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            // SpecificConfigId is a uint: compare it before narrowing, so a huge id cannot wrap to a valid index.
            uint configId = ni.SpecificConfigId;
            if (all == null || configId >= (uint)all.Length || all[(int)configId] == null)
            {
                return;
            }

            int id = (int)configId;
            ssid = all[id].Ssid == null ? string.Empty : all[id].Ssid;
            password = all[id].Password == null ? string.Empty : all[id].Password;
        }

        private static NetworkInterface FindStation()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                {
                    return all[i];
                }
            }

            return null;
        }

        private static string FormatMac(byte[] mac)
        {
            if (mac == null || mac.Length == 0)
            {
                return string.Empty;
            }

            string s = string.Empty;
            for (int i = 0; i < mac.Length; i++)
            {
                s = s + mac[i].ToString("X2");
            }

            return s;
        }
    }
}
