using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Leds
{
    /// <summary>
    /// The board's indicator LEDs, as Tasmota drives them (polarity from the profile: an
    /// <c>activeLow</c> LED is lit at a low level).
    /// <para>
    /// LED 1 (profile entry 0) is the status/link LED. While the network is down it blinks with a 1 s
    /// period, while the network is up but MQTT is not connected with a 2 s period, unless SetOption31
    /// is 1 or LedState has bit 8. Otherwise it shows:
    /// LedState 0 off; bit 1 (1, 3, 5, 7) the power state of the relays in LedMask (only when the board
    /// has a single LED; with more LEDs, LED k+1 shows relay k); bit 2 (2, 3, 6, 7) a 200 ms flash for
    /// every MQTT message received; bit 4 (4, 5, 6, 7) a flash for every publish; 8 on while Wi-Fi and
    /// MQTT are connected (LedPower 1 sets LedState 8, LedPower 0 sets 0, as in Tasmota).
    /// </para>
    /// <para>
    /// LEDs 2..8 (profile entries 1..7) show relay 1..7 while LedState has bit 1; otherwise
    /// LedPower&lt;k&gt; switches LED k+1 (k = 1..7). Commands: LedState, LedPower&lt;x&gt;, LedMask,
    /// SetOption31 (in LedCommands.cs). Pins are written only when their level changes, so the pin trace shows the pattern.
    /// </para>
    /// </summary>
    public sealed partial class StatusLed
    {
        /// <summary>Highest LedState.</summary>
        public const int MaxLedState = 8;

        /// <summary>Half period of the network-down blink (1 s period).</summary>
        public const int NetworkDownHalfPeriodMs = 500;

        /// <summary>Half period of the MQTT-down blink (2 s period).</summary>
        public const int MqttDownHalfPeriodMs = 1000;

        /// <summary>Length of an MQTT activity flash.</summary>
        public const int FlashMs = 200;

        private readonly IGpio _gpio;
        private readonly PinConfig[] _leds;
        private readonly PowerController _power;
        private readonly DeviceSettings _settings;
        private readonly SettingsService _service;
        private readonly EventLoop _clock;
        private readonly ILog _log;
        private readonly bool[] _levels;
        private ITimer _blinkTimer;
        private ITimer _flashTimer;
        private bool _open;
        private bool _networkUp;
        private bool _mqttUp;
        private int _blinkHalfPeriod;
        private bool _blinkPhase;
        private bool _flashing;

        /// <summary>
        /// Creates the LEDs of <paramref name="leds"/> (opened by <see cref="Open"/>); LedState, LedMask and
        /// SetOption31 are saved through <paramref name="settings"/>. The app connects
        /// <see cref="OnRelaysChanged"/>, the network and the MQTT session handlers.
        /// </summary>
        public StatusLed(IGpio gpio, PinConfig[] leds, PowerController power, SettingsService settings, EventLoop clock, ILog log)
        {
            _gpio = gpio;
            _leds = leds == null ? new PinConfig[0] : leds;
            _power = power;
            _service = settings;
            _settings = settings.Current;
            _clock = clock;
            _log = log;
            _levels = new bool[_leds.Length];
        }

        /// <summary>Number of LEDs.</summary>
        public int Count
        {
            get { return _leds.Length; }
        }

        /// <summary>Logical state of LED <paramref name="index0"/> (true = lit).</summary>
        public bool IsLit(int index0)
        {
            return index0 >= 0 && index0 < _levels.Length && _levels[index0];
        }

        private static readonly string[] CommandNames = new string[] { "LEDSTATE", "LEDPOWER", "LEDMASK" };

        /// <summary>Registers LEDSTATE, LEDPOWER and LEDMASK.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, OnCommand);
        }

        /// <summary>Opens every LED pin at its OFF level and shows the current state.</summary>
        public void Open(bool networkUp, bool mqttUp)
        {
            for (int i = 0; i < _leds.Length; i++)
            {
                _gpio.OpenOutput(_leds[i].Pin, _leds[i].LevelFor(false));
                _levels[i] = false;
            }

            _open = true;
            _networkUp = networkUp;
            _mqttUp = mqttUp;
            Update();
        }

        /// <summary>Stops the blink timers (the LEDs keep their level).</summary>
        public void Stop()
        {
            _open = false;
            if (_blinkTimer != null)
            {
                _blinkTimer.Stop();
            }

            if (_flashTimer != null)
            {
                _flashTimer.Stop();
            }
        }

        /// <summary>The network (Wi-Fi) came up or went down.</summary>
        public void OnNetwork(bool up)
        {
            _networkUp = up;
            if (!up)
            {
                _mqttUp = false;
            }

            Update();
        }

        /// <summary>MQTT connected (also a handler for MqttSession.Connected).</summary>
        public void OnMqttConnected(bool firstSinceBoot)
        {
            _mqttUp = true;
            Update();
        }

        /// <summary>MQTT disconnected (a handler for MqttSession.Disconnected).</summary>
        public void OnMqttDisconnected()
        {
            _mqttUp = false;
            Update();
        }

        /// <summary>An MQTT message was received (<paramref name="publish"/> false) or published (true): flash when LedState asks for it.</summary>
        public void OnMqttActivity(bool publish)
        {
            if (!_open || _leds.Length == 0 || (_settings.LedState & (publish ? 4 : 2)) == 0 || (_settings.LedState & 8) != 0)
            {
                return;
            }

            if (_flashTimer == null)
            {
                _flashTimer = _clock.Timeout("LED flash", OnFlashEnd);
            }

            _flashing = true;
            _flashTimer.Start(FlashMs, 0);
            Update();
        }

        /// <summary>A handler for PowerController.Changed: the LEDs that show relays follow their pins (report Switched).</summary>
        public void OnRelaysChanged(RelayChangeReason reason, int changedMask, int powerMask, RelayReport report)
        {
            if (report != RelayReport.Switched)
            {
                return;
            }

            try
            {
                Update();
            }
            catch (System.Exception e)
            {
                LogError(e);
            }
        }

        private void OnBlinkTick()
        {
            _blinkPhase = !_blinkPhase;
            Update();
        }

        private void OnFlashEnd()
        {
            _flashing = false;
            Update();
        }

        /// <summary>Half period of the link blink now (0 = no link problem shown).</summary>
        private int LinkBlinkHalfPeriod()
        {
            if (_settings.NoLinkBlink || (_settings.LedState & 8) != 0)
            {
                return 0;
            }

            if (!_networkUp)
            {
                return NetworkDownHalfPeriodMs;
            }

            return _mqttUp ? 0 : MqttDownHalfPeriodMs;
        }

        private void Update()
        {
            if (!_open || _leds.Length == 0)
            {
                return;
            }

            int half = LinkBlinkHalfPeriod();
            if (half != _blinkHalfPeriod)
            {
                _blinkHalfPeriod = half;
                if (_blinkTimer == null)
                {
                    _blinkTimer = _clock.Timeout("LED blink", OnBlinkTick);
                }

                if (half == 0)
                {
                    _blinkTimer.Stop();
                }
                else
                {
                    _blinkPhase = true;
                    _blinkTimer.Start(half, half);
                }
            }

            int state = _settings.LedState;
            int power = _power.PowerState;
            bool single = _leds.Length == 1;
            bool link;
            if (half != 0)
            {
                link = _blinkPhase;
            }
            else
            {
                if ((state & 8) != 0)
                {
                    link = _networkUp && _mqttUp;
                }
                else
                {
                    link = single && (state & 1) != 0 && (power & _settings.LedMask) != 0;
                }

                if (_flashing)
                {
                    link = !link;
                }
            }

            Set(0, link);
            for (int k = 1; k < _leds.Length; k++)
            {
                bool lit = (state & 1) != 0 ? (power & (1 << (k - 1))) != 0 : (_ledPower & (1 << k)) != 0;
                Set(k, lit);
            }
        }

        private void Set(int i, bool lit)
        {
            if (_levels[i] == lit)
            {
                return;
            }

            _levels[i] = lit;
            _gpio.Write(_leds[i].Pin, _leds[i].LevelFor(lit));
        }

        private void LogError(System.Exception e)
        {
            try
            {
                if (_log != null)
                {
                    _log.Write("LED", "Update failed: ", e.GetType().Name, ": " + e.Message);
                }
            }
            catch (System.Exception)
            {
                // ignore
            }
        }

        /// <summary>Runs the one of <see cref="CommandNames"/> that was called (its position: <see cref="CommandRequest.Command"/>).</summary>
        private void OnCommand(CommandRequest req, CommandResponse resp)
        {
            switch (req.Command)
            {
                case 0: CmndLedState(req, resp); break;
                case 1: CmndLedPower(req, resp); break;
                case 2: CmndLedMask(req, resp); break;
            }
        }
    }
}
