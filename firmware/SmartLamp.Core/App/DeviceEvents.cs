using SmartLamp.Core.Console;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Network;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// What happens to a running device: boot and shutdown, and every entry from an adapter (MQTT link,
    /// network, serial line, commands) as an event of the loop. The listener methods only post; the
    /// handlers below run on the loop's thread, inside the loop's one try/catch ("APP: MQTT message failed: ...").
    /// </summary>
    public sealed partial class DeviceApp
    {
        private LoopHandler _onMqttMessage;
        private LoopHandler _onCommand;
        private WifiRejoin _rejoin;

        /// <summary>
        /// Boots: loads the settings, applies PowerOnState (cold or warm boot from the system port),
        /// attaches the MQTT, network and serial listeners, opens the buttons, starts joining Wi-Fi
        /// (Network/WifiRejoin), and connects MQTT when the link is already up. Call once, on the loop's
        /// thread. A failure is logged ("APP: Start failed: ...") and rethrown, so the caller can make
        /// the device safe (<see cref="MakeSafe"/>).
        /// </summary>
        public void Start()
        {
            if (_started)
            {
                return;
            }

            _started = true;
            _dispatcher.TrimToCount(); // every command is registered by now
            _rejoin = new WifiRejoin(_ports.Network, _clock, _log);
            _watchdog.Recover += OnWatchdogRecover;
            try
            {
                _settings.Load();
                DeviceSettings s = _settings.Current;
                _topics.Rebuild(s);
                _power.ApplyPowerOnState(_ports.System.IsColdBoot);
                _power.StartBootPulses();

                _ports.Mqtt.Attach(this);
                _ports.Network.Attach(this);
                if (_ports.Serial != null)
                {
                    _ports.Serial.Attach(this);
                }

                _buttons.Open();
                _switches.Open();
                _led.Open(_ports.Network.IsUp, false);
                ConfigureNetwork(false);
                _rejoin.Start();
                if (_ports.Network.IsUp)
                {
                    _wifi.OnUp();
                }

                _watchdog.Start();
                _wifiSetup.Start(_ports.Network.IsUp);
                OnWebServerMode(s.WebServer);
                _session.Start();
                _bootGuard.OnBoot();
                _rules.Start(_relays.Count, _relays.PowerMask);
                _timers.Start();
                _time.Start();
                if (_ports.Network.IsUp)
                {
                    _rules.OnWifiConnected();
                }
            }
            catch (System.Exception e)
            {
                Fail("Start", e);
                throw;
            }
        }

        /// <summary>
        /// Stops: publishes LWT "Offline" (retained) and disconnects MQTT cleanly, writes a pending
        /// settings change, and stops every timeout. Relays keep their state. On the loop's thread; for
        /// the simulator's SIGINT and warm restart; the instance is not restartable.
        /// </summary>
        public void Shutdown()
        {
            try
            {
                if (_rejoin != null)
                {
                    _rejoin.Stop();
                }

                _watchdog.Stop();
                _wifiSetup.Stop();
                if (_ports.Http != null)
                {
                    _ports.Http.Stop();
                }

                _session.Stop();
                _rules.Stop();
                _time.Stop();
                _telemetry.Stop();
                _buttons.Stop();
                _switches.Stop();
                _led.Stop();
                _power.Stop();
                if (_settings.SavePending)
                {
                    _settings.SaveNow();
                }
            }
            catch (System.Exception e)
            {
                Fail("Shutdown", e);
            }
            finally
            {
                _clock.StopAllTimeouts();
            }
        }

        /// <summary>After a failed <see cref="Start"/>: shuts down what started, then drives every relay to OFF. On the loop's thread.</summary>
        public void MakeSafe()
        {
            Shutdown();
            try
            {
                _relays.SetAll(false);
            }
            catch (System.Exception e)
            {
                Fail("Relays off", e);
            }
        }

        /// <summary>Runs a command line exactly as if it was typed on the serial console ("Power2 on"); from any thread.</summary>
        public void ExecuteCommand(string line)
        {
            _clock.Post("Command", _onCommand, 0, line, null, null);
        }

        /// <inheritdoc />
        void ISerialLineListener.OnSerialLine(string line)
        {
            ExecuteCommand(line);
        }

        /// <inheritdoc />
        void INetworkLinkListener.OnNetworkUp()
        {
            _clock.Post("Network up", HandleNetworkUp, 0, null, null, null);
        }

        /// <inheritdoc />
        void INetworkLinkListener.OnNetworkDown()
        {
            _clock.Post("Network down", HandleNetworkDown, 0, null, null, null);
        }

        /// <inheritdoc />
        void INetworkLinkListener.OnNetworkJoinFailed()
        {
            _clock.Post("Network join failed", HandleNetworkJoinFailed, 0, null, null, null);
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttConnected()
        {
            _clock.Post("MQTT connected", HandleMqttConnected, 0, null, null, null);
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttConnectFailed(int reasonCode)
        {
            _clock.Post("MQTT connect failed", HandleMqttConnectFailed, reasonCode, null, null, null);
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttDisconnected()
        {
            _clock.Post("MQTT disconnected", HandleMqttDisconnected, 0, null, null, null);
        }

        /// <inheritdoc />
        void IMqttLinkListener.OnMqttMessage(string topic, string payload, bool retained)
        {
            _clock.Post("MQTT message", _onMqttMessage, retained ? 1 : 0, topic, payload, null);
        }

        // The frequent events (messages, command lines) post a delegate made once, so they allocate
        // nothing; the rare link and network changes make theirs when they happen.
        private void CacheHandlers()
        {
            _onMqttMessage = HandleMqttMessage;
            _onCommand = HandleCommand;
        }

        private void HandleCommand(LoopEvent e)
        {
            SerialConsole.Execute(_dispatcher, _log, e.Text);
        }

        private void HandleNetworkUp(LoopEvent e)
        {
            _rejoin.OnUp();
            _wifi.OnUp();
            _led.OnNetwork(true);
            _session.OnNetworkUp();
            _rules.OnWifiConnected();
            _wifiSetup.OnNetworkUp();
        }

        private void HandleNetworkDown(LoopEvent e)
        {
            _rejoin.OnDown();
            _wifi.OnDown();
            _led.OnNetwork(false);
            _session.OnNetworkDown();
            _rules.OnWifiDisconnected();
            _wifiSetup.OnNetworkDown();
        }

        private void HandleNetworkJoinFailed(LoopEvent e)
        {
            _rejoin.OnJoinFailed();
        }

        // MQTT down for long (ConnectivityWatchdog): leave and join Wi-Fi again. Never a reboot.
        private void OnWatchdogRecover(int attempt, long downMs)
        {
            _rejoin.Restart();
        }

        private void HandleMqttConnected(LoopEvent e)
        {
            _session.OnMqttConnected();
        }

        private void HandleMqttConnectFailed(LoopEvent e)
        {
            _session.OnMqttConnectFailed(e.Number);
        }

        private void HandleMqttDisconnected(LoopEvent e)
        {
            _session.OnMqttDisconnected();
        }

        private void HandleMqttMessage(LoopEvent e)
        {
            _led.OnMqttActivity(false);
            _session.OnMqttMessage(e.Text, e.Text2, e.Number != 0);
        }

        // Every publish that went out: the LED flickers for link activity, the rules see the value.
        private void OnPublished(string topic, string payload)
        {
            _led.OnMqttActivity(true);
            _rules.OnPublished(topic, payload);
        }

        private void OnSettingsChanged(int changeFlags)
        {
            _session.OnSettingsChanged(changeFlags);
            _telemetry.OnSettingsChanged(changeFlags);
            _time.OnSettingsChanged(changeFlags);
            if ((changeFlags & SettingsChange.Wifi) != 0)
            {
                ConfigureNetwork(true);
            }
        }

        /// <summary>Switch&lt;n&gt;#State for the rules; an event a rule is written for leaves the relay alone (Tasmota).</summary>
        private void OnSwitchState(int switchIndex0, int state)
        {
            if (_rules.OnSwitch(switchIndex0, state))
            {
                _switches.MarkHandled();
            }
        }

        /// <summary>Button&lt;n&gt;#State for the rules; a press a rule is written for does not toggle the relay (Tasmota).</summary>
        private void OnButtonState(int buttonIndex0, int state)
        {
            if (_rules.OnButton(buttonIndex0, state))
            {
                _buttons.MarkHandled();
            }
        }

        private void ConfigureNetwork(bool changed)
        {
            DeviceSettings s = _settings.Current;
            string ssid1 = Slot(s.Ssid, 0);
            string ssid2 = Slot(s.Ssid, 1);
            if (ssid1.Length > 0 || ssid2.Length > 0)
            {
                _rejoin.Configure(ssid1, Slot(s.WifiPassword, 0), ssid2, Slot(s.WifiPassword, 1), changed);
            }
        }

        private int ReadPowerMask()
        {
            return _relays.PowerMask;
        }

        private void OnWebServerMode(int mode)
        {
            if (_ports.Http == null)
            {
                return;
            }

            try
            {
                if (mode == 0)
                {
                    _ports.Http.Stop();
                }
                else
                {
                    _ports.Http.Start(_http);
                }
            }
            catch (System.Exception e)
            {
                Fail("Web server", e); // the device works on without its pages
            }
        }

        private static string Slot(string[] values, int i)
        {
            return values != null && values.Length > i && values[i] != null ? values[i] : string.Empty;
        }

        private void Fail(string where, System.Exception e)
        {
            _log.Write("APP", where + " failed: ", e.GetType().Name, ": " + e.Message);
        }
    }
}
