using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;

namespace SmartLamp.Core.Telemetry
{
    /// <summary>
    /// Writes the STATE object (Tasmota MqttShowState) into a response, used by tele/&lt;t&gt;/STATE, the
    /// State command and Status 11. Keys in Tasmota's order, only those this device really has:
    /// Time, Uptime, UptimeSec, Heap (kB, omitted when the platform cannot tell), MqttCount,
    /// POWER/POWERn, and Wifi {AP, SSId, BSSId, Channel, RSSI (quality %), Signal (dBm), LinkCount,
    /// Downtime} while the link is up (unknown BSSId/Channel/Signal are omitted), then Hostname and
    /// IPAddress (Tasmota 14+, also while the link is down: "0.0.0.0").
    /// Heap is the free managed heap the runtime reports (nanoFramework.Runtime.Native GC.Run on the device).
    /// Not written: Vcc (ESP8266 only), SleepMode/Sleep and LoadAvg (Tasmota's main-loop sleep does
    /// not exist on nanoFramework), Wifi.Mode (nanoFramework's Wi-Fi API does not report the PHY mode), Berry.
    /// </summary>
    public sealed class StateReport
    {
        private readonly IClock _clock;
        private readonly ISystemControl _system;
        private readonly INetworkLink _network;
        private readonly WifiStats _wifi;
        private readonly PowerController _power;
        private readonly MqttSession _session;
        private readonly TopicSet _topics;

        /// <summary>Creates the writer (<paramref name="topics"/> gives the Hostname).</summary>
        public StateReport(IClock clock, ISystemControl system, INetworkLink network, WifiStats wifi, PowerController power, MqttSession session, TopicSet topics)
        {
            _topics = topics;
            _clock = clock;
            _system = system;
            _network = network;
            _wifi = wifi;
            _power = power;
            _session = session;
        }

        /// <summary>Local time for "Time" (set by the app from the time service); null = the clock's UTC.</summary>
        public LocalTimeText LocalTime;

        /// <summary>"Time" as STATE and Status 10 show it: local time like Tasmota.</summary>
        public string TimeText()
        {
            return LocalTime != null ? LocalTime() : TextFormat.IsoTime(_clock.UtcNow);
        }

        /// <summary>Seconds since boot.</summary>
        public long UptimeSeconds
        {
            get { return _clock.NowMs / 1000; }
        }

        /// <summary>"Heap": the free managed heap in kB, as STATE and Status 4 show it; nothing when the platform cannot tell.</summary>
        public void WriteHeap(CommandResponse r)
        {
            int heap = _system.FreeHeapBytes;
            if (heap > 0)
            {
                r.Add("Heap", heap / 1024);
            }
        }

        /// <summary>Adds the STATE keys to the object currently open in <paramref name="r"/> (or opens the root).</summary>
        public void Write(CommandResponse r)
        {
            long up = UptimeSeconds;
            r.Add("Time", TimeText());
            r.Add("Uptime", TextFormat.Duration(up));
            r.Add("UptimeSec", up);
            WriteHeap(r);
            r.Add("MqttCount", _session.ConnectCount);
            _power.AppendPowerState(r);
            if (_network.IsUp)
            {
                r.BeginObject("Wifi");
                r.Add("AP", _network.ActiveSlot);
                r.Add("SSId", _network.Ssid);
                string bssid = _network.Bssid;
                if (bssid != null && bssid.Length > 0)
                {
                    r.Add("BSSId", bssid);
                }

                if (_network.Channel > 0)
                {
                    r.Add("Channel", _network.Channel);
                }

                int dbm = _network.SignalDbm;
                if (dbm != 0)
                {
                    r.Add("RSSI", TextFormat.RssiQuality(dbm));
                    r.Add("Signal", dbm);
                }

                r.Add("LinkCount", _wifi.LinkCount);
                r.Add("Downtime", TextFormat.Duration(_wifi.DowntimeSeconds));
                r.End();
            }

            r.Add("Hostname", _topics.Hostname);
            r.Add("IPAddress", _network.IsUp ? _network.IpAddress : "0.0.0.0");
        }
    }

    /// <summary>Returns the local time "2027-03-28T03:00:00".</summary>
    public delegate string LocalTimeText();
}
