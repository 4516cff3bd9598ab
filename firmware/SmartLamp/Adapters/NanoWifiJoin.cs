// Written against nanoFramework.System.Device.Wifi 1.5.149, nanoFramework.System.Net 1.11.60.
using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>One step of the Wi-Fi worker: leave or join when asked (one attempt each), otherwise watch the address; and finding the station interface.</summary>
    public sealed partial class NanoWifiLink : INetworkLink
    {
        private void Step()
        {
            int slot;
            bool leave;
            lock (_lock)
            {
                slot = _joinSlot;
                leave = _leave;
                _joinSlot = 0;
                _leave = false;
                _interrupted = false;
            }

            if (leave)
            {
                Log("Wi-Fi leaving the network", null);
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

            if (slot == 0)
            {
                Poll();
                _wake.WaitOne(PollMs, false);
                return;
            }

            if (!leave && Poll())
            {
                // Already on a network (the radio rejoined by itself, or the stored one came up at boot).
                return;
            }

            bool ok = JoinOnce(slot);
            if (Poll())
            {
                return;
            }

            bool interrupted;
            lock (_lock)
            {
                interrupted = _interrupted || _joinSlot != 0 || _leave;
            }

            if (!interrupted)
            {
                // The core decides when to try again (Network/WifiRejoin).
                Log(ok ? "Wi-Fi joined but got no address" : "Wi-Fi connect failed, status ", ok ? null : ((int)WifiNetworkHelper.Status).ToString());
                ReportJoinFailed();
            }
        }

        // One attempt with the credentials of slot (the other slot's when it has none, the stored network when neither has).
        private bool JoinOnce(int slot)
        {
            string ssid;
            string password;
            CancellationTokenSource cts = new CancellationTokenSource(ConnectTimeoutMs);
            lock (_lock)
            {
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
                _attempt = cts;
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
                    return WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, cts.Token);
                }

                // Nothing stored either: wait for whatever the platform joins by itself (SmartConfig).
                Log("Wi-Fi has no credentials: set SSId1/Password1 on the console", null);
                return WifiNetworkHelper.Reconnect(false, 0, cts.Token);
            }
            finally
            {
                lock (_lock)
                {
                    _attempt = null;
                }

                cts.Dispose();
            }
        }

        private void ReportJoinFailed()
        {
            INetworkLinkListener l = _listener;
            if (l == null)
            {
                return;
            }

            try
            {
                l.OnNetworkJoinFailed();
            }
            catch (Exception e)
            {
                Log("network handler failed: ", e.Message);
            }
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
