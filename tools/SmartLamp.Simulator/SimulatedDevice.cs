using System.Globalization;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Watchdog;
using SmartLamp.Simulation;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Simulator;

/// <summary>What one simulated device is made of.</summary>
public sealed class DeviceOptions
{
    /// <summary>Board profile (relays, buttons, LEDs, serial pins).</summary>
    public BoardProfile Board { get; set; }

    /// <summary>Station MAC, 12 hex digits (see <see cref="DeviceIdentity"/>).</summary>
    public string Mac { get; set; }

    /// <summary>Topic to set on boot, or null to keep the stored/default one.</summary>
    public string Topic { get; set; }

    /// <summary>MQTT broker host to set on boot, or null to keep the stored one.</summary>
    public string MqttHost { get; set; }

    /// <summary>MQTT broker port to set on boot, or null to keep the stored one.</summary>
    public int? MqttPort { get; set; }

    /// <summary>MQTT user to set on boot ("" clears), or null to keep the stored one.</summary>
    public string MqttUser { get; set; }

    /// <summary>MQTT password to set on boot ("" clears), or null to keep the stored one.</summary>
    public string MqttPassword { get; set; }

    /// <summary>Flash folder (settings survive restarts of the simulator), or null for flash in memory.</summary>
    public string FlashDirectory { get; set; }

    /// <summary>Pin trace file shared by the process, or null.</summary>
    public GpioTraceFile GpioTrace { get; set; }

    /// <summary>Where the device's console text goes (default: discarded).</summary>
    public OutputSink Output { get; set; }

    /// <summary>Clock stamping the pin trace; one per process so the trace never goes back. Default: a new one.</summary>
    public IClock ProcessClock { get; set; }

    /// <summary>Short name used in simulator messages ("lamp", "[3]").</summary>
    public string Name { get; set; }

    /// <summary>Loopback port of the device's web server (pages, /cm, setup portal); 0 = no web server.</summary>
    public int HttpPort { get; set; }

    /// <summary>The threads that run the device's loop (see <see cref="LoopPool"/>); required.</summary>
    public LoopPool Loops { get; set; }
}

/// <summary>
/// One simulated device: the unchanged firmware core (<see cref="DeviceApp"/>) on host adapters.
/// The pins (<see cref="RestartableGpio"/>) and the flash (<see cref="FileSettingsStore"/> or memory)
/// belong to the device and outlive boots; everything else (clock, MQTT client, network link, the
/// core itself) is created anew on every boot. Lifecycle calls are serialised. Each boot's event loop is
/// run by the fleet's <see cref="LoopPool"/>, one thread at a time, as the device's Main runs it on one;
/// actions that touch the core are posted to the loop and waited for (<see cref="OnLoop"/>), adapters
/// post to it.
/// </summary>
public sealed class SimulatedDevice : IDisposable
{
    private readonly object _lifecycle = new();
    private readonly DeviceOptions _options;
    private readonly ISettingsStore _flash;
    private readonly OutputSink _out;
    private Boot _boot;
    private bool _stopped;
    private int _restartPending;

    /// <summary>Creates the device (powered off; call <see cref="Start"/>).</summary>
    public SimulatedDevice(DeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Board);
        ArgumentNullException.ThrowIfNull(options.Loops);
        ArgumentException.ThrowIfNullOrEmpty(options.Mac);
        _options = options;
        _out = options.Output ?? OutputSink.Null;
        Mac = options.Mac.ToUpperInvariant();
        Name = options.Name ?? options.Topic ?? DeviceIdentity.DefaultTopic(Mac);
        Board = options.Board;
        Gpio = new RestartableGpio(options.ProcessClock ?? new RealClock());
        if (options.GpioTrace != null)
        {
            options.GpioTrace.Attach(Gpio.Pins);
            Gpio.Replaced += (old, fresh) =>
            {
                options.GpioTrace.Detach(old);
                options.GpioTrace.Attach(fresh);
            };
        }

        Wall = new HostWallClock();
        _flash = options.FlashDirectory != null ? new FileSettingsStore(options.FlashDirectory) : new MemorySettingsStore();
        if (options.HttpPort > 0)
        {
            Http = new TcpHttpServer(options.HttpPort);
        }
    }

    /// <summary>The device's web server (null without --http-port); outlives restarts.</summary>
    public TcpHttpServer Http { get; }

    /// <summary>The setup access point of the current boot.</summary>
    public SimAccessPoint AccessPoint => _boot?.Ap;

    /// <summary>True after <see cref="WifiForget"/> until a network is joined through the portal.</summary>
    public bool WifiForgotten { get; private set; }

    /// <summary>Raised with every line the device prints (serial console and log), also when the sink discards them.</summary>
    public event Action<string> Line;

    /// <summary>Raised after every boot (cold or warm) once the core runs.</summary>
    public event Action<SimulatedDevice> Booted;

    /// <summary>Station MAC (12 hex digits).</summary>
    public string Mac { get; }

    /// <summary>Name used in simulator messages.</summary>
    public string Name { get; }

    /// <summary>The board.</summary>
    public BoardProfile Board { get; }

    /// <summary>The device's pins (survive warm restarts).</summary>
    public RestartableGpio Gpio { get; }

    /// <summary>The wall clock (host time, movable with `sim clock`; survives restarts like an RTC).</summary>
    public HostWallClock Wall { get; }

    /// <summary>The flash.</summary>
    public ISettingsStore Flash => _flash;

    /// <summary>The running core (null before Start / after Shutdown).</summary>
    public DeviceApp App => _boot?.App;

    /// <summary>The MQTT link of the current boot.</summary>
    public MqttNetLink Link => _boot?.Link;

    /// <summary>The network link of the current boot.</summary>
    public SimNetworkLink Network => _boot?.Network;

    /// <summary>Boots so far (cold and warm).</summary>
    public int Boots { get; private set; }

    /// <summary>True while the current boot is a cold one.</summary>
    public bool IsColdBoot => _boot?.System.IsColdBoot ?? false;

    /// <summary>The topic the core uses now (from its settings).</summary>
    public string Topic => App?.Settings?.Topic ?? _options.Topic ?? DeviceIdentity.DefaultTopic(Mac);

    /// <summary>The MQTT client id the core uses now.</summary>
    public string ClientId => App?.Settings?.MqttClient ?? DeviceIdentity.DefaultClientId(Mac);

    /// <summary>True while the MQTT session is up.</summary>
    public bool MqttConnected => _boot?.Link.IsConnected ?? false;

    /// <summary>Cold boot: the core starts with IsColdBoot=true, applies the configured MQTT settings and brings Wi-Fi up.</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_boot != null)
            {
                throw new InvalidOperationException(Name + " is already running");
            }

            _stopped = false;
            BootCore(coldBoot: true);
        }
    }

    /// <summary>Types one line on the device's serial console (the same Tasmota commands as MQTT).</summary>
    public void ConsoleLine(string line)
    {
        Boot b = _boot;
        if (b == null)
        {
            Say("device is off");
            return;
        }

        if (b.Serial != null && b.Serial.IsAttached)
        {
            b.Serial.Feed(line);
        }
        else
        {
            b.App.ExecuteCommand(line);
        }
    }

    /// <summary>
    /// Presses button <paramref name="button"/> (1-based) for <paramref name="ms"/> ms, then releases it.
    /// Waits first for the end of the firmware's 4 s boot window (presses there are ignored, as in Tasmota).
    /// </summary>
    public async Task PressAsync(int button, int ms = 150)
    {
        await PressTimesAsync(button, 1, ms).ConfigureAwait(false);
    }

    /// <summary>
    /// Presses button <paramref name="button"/> <paramref name="times"/> times, each <paramref name="ms"/> ms down
    /// and 150 ms up (well inside the 500 ms multi-press window), after the boot window has passed.
    /// </summary>
    public async Task PressTimesAsync(int button, int times, int ms = 150)
    {
        await WaitForButtonsAsync().ConfigureAwait(false);
        for (int i = 0; i < times; i++)
        {
            if (i > 0)
            {
                await Task.Delay(150).ConfigureAwait(false);
            }

            SetButton(button, pressed: true);
            await Task.Delay(Math.Max(1, ms)).ConfigureAwait(false);
            SetButton(button, pressed: false);
        }
    }

    /// <summary>Milliseconds until button presses count after the last boot (0 when they already do).</summary>
    public long ButtonBootWindowLeftMs
    {
        get
        {
            Boot b = _boot;
            if (b == null)
            {
                return 0;
            }

            return OnLoop(b, () => b.App.Buttons.BootWindowLeftMs);
        }
    }

    /// <summary>Waits until the firmware's 4 s boot window for buttons has passed.</summary>
    public async Task WaitForButtonsAsync()
    {
        long left;
        while ((left = ButtonBootWindowLeftMs) > 0)
        {
            await Task.Delay((int)Math.Min(left + 20, 4100)).ConfigureAwait(false);
        }
    }

    /// <summary>Presses button <paramref name="button"/> and keeps it down (until <see cref="Release"/>).</summary>
    public void Hold(int button)
    {
        SetButton(button, pressed: true);
    }

    /// <summary>Releases button <paramref name="button"/>.</summary>
    public void Release(int button)
    {
        SetButton(button, pressed: false);
    }

    /// <summary>Drives the input of button <paramref name="button"/> (1-based) to its pressed or released level.</summary>
    public void SetButton(int button, bool pressed)
    {
        if (button < 1 || button > Board.Buttons.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(button), Board.Buttons.Length == 0
                ? "board " + Board.Name + " has no buttons"
                : "board " + Board.Name + " has buttons 1.." + Board.Buttons.Length);
        }

        ButtonConfig cfg = Board.Buttons[button - 1];
        bool level = pressed != cfg.ActiveLow;
        Boot b = _boot;
        if (b == null)
        {
            return;
        }

        OnLoop(b, () =>
        {
            if (Gpio.Pins.IsOpen(cfg.Pin) && !Gpio.Pins.IsOutput(cfg.Pin))
            {
                Gpio.SetInput(cfg.Pin, level);
            }
            else
            {
                throw new InvalidOperationException("button " + button + " (GPIO" + cfg.Pin + ") is not open as an input by the firmware");
            }

            return 0;
        });
    }

    /// <summary>
    /// Sets wall switch <paramref name="sw"/> (1-based, the board's <c>switches</c>) to closed (on) or
    /// open (off); <paramref name="closed"/> null flips it. Returns the new position (true = closed).
    /// </summary>
    public bool SetSwitch(int sw, bool? closed)
    {
        if (sw < 1 || sw > Board.Switches.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(sw), Board.Switches.Length == 0
                ? "board " + Board.Name + " has no wall-switch inputs (the profile lists no \"switches\")"
                : "board " + Board.Name + " has switches 1.." + Board.Switches.Length);
        }

        ButtonConfig cfg = Board.Switches[sw - 1];
        Boot b = _boot ?? throw new InvalidOperationException("the device is off");
        return OnLoop(b, () =>
        {
            if (!Gpio.Pins.IsOpen(cfg.Pin) || Gpio.Pins.IsOutput(cfg.Pin))
            {
                throw new InvalidOperationException("switch " + sw + " (GPIO" + cfg.Pin + ") is not open as an input by the firmware");
            }

            bool now = closed ?? !cfg.IsPressed(Gpio.Pins.Read(cfg.Pin));
            Gpio.SetInput(cfg.Pin, now != cfg.ActiveLow);
            return now;
        });
    }

    /// <summary>Cuts the Wi-Fi: the core sees the network go down and the MQTT connection drop without DISCONNECT.</summary>
    public void WifiOff()
    {
        Boot b = _boot;
        if (b == null)
        {
            return;
        }

        // The radio is gone: the TCP connection dies without a DISCONNECT (the broker will publish
        // the will once it notices), then the core learns that the network is down.
        b.Link.NetworkAvailable = false;
        b.Link.Drop();
        OnLoop(b, () => b.Network.Down());
    }

    /// <summary>
    /// "sim wifi forget": the device loses its Wi-Fi credentials and its network, as a new device would
    /// be; the core then opens its setup access point (served on the HTTP port). A network chosen on
    /// the portal is "joined" at once (any SSID works in the simulator).
    /// </summary>
    public void WifiForget()
    {
        Boot b = _boot;
        if (b == null)
        {
            return;
        }

        WifiForgotten = true;
        foreach (string line in new[] { "SSId1 0", "SSId2 0", "Password1 0", "Password2 0" })
        {
            b.App.ExecuteCommand(line);
        }

        WifiOff();
    }

    /// <summary>Restores the Wi-Fi.</summary>
    public void WifiOn()
    {
        Boot b = _boot;
        if (b == null)
        {
            return;
        }

        b.Link.NetworkAvailable = true;
        OnLoop(b, () => b.Network.Up());
    }

    /// <summary>Warm restart (what "Restart 1" does): clean shutdown of the core, a new core on the same pins and flash, IsColdBoot=false.</summary>
    public void WarmRestart()
    {
        lock (_lifecycle)
        {
            if (_boot == null || _stopped)
            {
                return;
            }

            Say("warm restart");
            ShutdownCore(_boot, TimeSpan.FromSeconds(5));
            BootCore(coldBoot: false);
        }
    }

    /// <summary>Cold power cycle: power is cut (no DISCONNECT, the broker publishes the will; unsaved settings are lost), then a cold boot.</summary>
    public void PowerCycle()
    {
        lock (_lifecycle)
        {
            if (_stopped)
            {
                return;
            }

            Say("power cycle");
            if (_boot != null)
            {
                KillCore(_boot);
            }

            Gpio.PowerCycle();
            BootCore(coldBoot: true);
        }
    }

    /// <summary>Clean stop (SIGINT/SIGTERM): the core shuts down and the MQTT DISCONNECT is sent before this returns (bounded by <paramref name="timeout"/>).</summary>
    public void Shutdown(TimeSpan timeout)
    {
        lock (_lifecycle)
        {
            _stopped = true;
            if (_boot != null)
            {
                ShutdownCore(_boot, timeout);
                _boot = null;
            }
        }
    }

    /// <summary>Abrupt stop, as if the process were killed: no DISCONNECT (the broker publishes the will), nothing saved.</summary>
    public void Kill()
    {
        lock (_lifecycle)
        {
            _stopped = true;
            if (_boot != null)
            {
                KillCore(_boot);
                _boot = null;
            }
        }
    }

    /// <summary>Same as <see cref="Shutdown"/> with a 5 s bound.</summary>
    public void Dispose()
    {
        Shutdown(TimeSpan.FromSeconds(5));
        Http?.Dispose();
    }

    /// <summary>Recent pin changes ("t_ms pin level" lines) of the current pins.</summary>
    public string PinTrace()
    {
        return Gpio.Pins.TraceText();
    }

    /// <summary>
    /// The pin trace with each line labelled by what the pin is on this board
    /// ("1500 26 1 relay1 ON", "2000 2 0 led1 dark", "4100 0 0 button1 pressed"), so relay, LED and button patterns read directly.
    /// </summary>
    public string LabelledPinTrace()
    {
        var sb = new System.Text.StringBuilder();
        var pins = Gpio.Pins;
        for (int i = 0; i < pins.TraceCount; i++)
        {
            var e = pins.TraceAt(i);
            sb.Append(e.ToString()).Append(' ').Append(PinLabel(e.Pin, e.Level)).Append('\n');
        }

        return sb.ToString();
    }

    private string PinLabel(int pin, bool level)
    {
        for (int i = 0; i < Board.Relays.Length; i++)
        {
            if (Board.Relays[i].Pin == pin)
            {
                return "relay" + (i + 1) + " " + (level != Board.Relays[i].ActiveLow ? "ON" : "OFF");
            }
        }

        for (int i = 0; i < Board.Leds.Length; i++)
        {
            if (Board.Leds[i].Pin == pin)
            {
                return "led" + (i + 1) + " " + (level != Board.Leds[i].ActiveLow ? "lit" : "dark");
            }
        }

        for (int i = 0; i < Board.Buttons.Length; i++)
        {
            if (Board.Buttons[i].Pin == pin)
            {
                return "button" + (i + 1) + " " + (Board.Buttons[i].IsPressed(level) ? "pressed" : "released");
            }
        }

        for (int i = 0; i < Board.Switches.Length; i++)
        {
            if (Board.Switches[i].Pin == pin)
            {
                return "switch" + (i + 1) + " " + (Board.Switches[i].IsPressed(level) ? "closed" : "open");
            }
        }

        return string.Empty;
    }

    /// <summary>A one-line summary (topic, client, MAC, MQTT state, relays).</summary>
    public string Describe()
    {
        Boot b = _boot;
        if (b == null)
        {
            return Name + ": off";
        }

        string relays = OnLoop(b, () =>
        {
            var parts = new List<string>();
            for (int i = 0; i < b.App.Relays.Count; i++)
            {
                parts.Add("POWER" + (i + 1) + "=" + (b.App.Relays.IsOn(i) ? "ON" : "OFF"));
            }

            for (int i = 0; i < b.App.Leds.Count; i++)
            {
                parts.Add("LED" + (i + 1) + "=" + (b.App.Leds.IsLit(i) ? "lit" : "dark"));
            }

            return string.Join(" ", parts);
        });

        return string.Format(
            CultureInfo.InvariantCulture,
            "topic {0}  client {1}  MAC {2}  board {3}  boot #{4} ({5})  wifi {6}  mqtt {7}  {8}",
            Topic,
            ClientId,
            Mac,
            Board.Name,
            Boots,
            b.System.IsColdBoot ? "cold" : "warm",
            b.Network.IsUp ? "up" : "down",
            b.Link.IsConnected ? "connected" : "disconnected",
            relays);
    }

    /// <summary>
    /// Moves the wall clock so it reads <paramref name="time"/>: UTC when <paramref name="isUtc"/>, else the
    /// device's local time (its Timezone/TimeStd/TimeDst; a time a DST change skips lands after it).
    /// Returns the UTC time set.
    /// </summary>
    public DateTime MoveClock(DateTime time, bool isUtc)
    {
        DateTime utc = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
        DeviceApp app = App;
        if (!isUtc && app != null)
        {
            utc = OnLoop(_boot, () =>
            {
                long local = SmartLamp.Core.Time.CivilTime.ToUnix(utc);
                long guess = local - (app.Time.OffsetMinutes(local) * 60L);
                long u = local - (app.Time.OffsetMinutes(guess) * 60L);
                return SmartLamp.Core.Time.CivilTime.FromUnix(u);
            });
        }

        Wall.MoveTo(utc);
        return utc;
    }

    private void Say(string text)
    {
        string line = "SIM: " + text;
        _out.WriteLine(line);
        Line?.Invoke(line);
    }

    private void Emit(string line)
    {
        Line?.Invoke(line);
    }

    private void BootCore(bool coldBoot)
    {
        var boot = new Boot();
        boot.Network = new SimNetworkLink(Mac);
        boot.Link = new MqttNetLink();
        boot.Ap = new SimAccessPoint("127.0.0.1:" + (Http?.Port ?? 0).ToString(CultureInfo.InvariantCulture), Say);
        boot.Network.Configured = ssid => OnNetworkConfigured(boot, ssid);
        boot.System = new SimSystemControl(coldBoot, RequestRestart);

        // With a serial console on the board, the core tees its log to the serial line itself, so the
        // log port is the "debugger output" (not printed); without one, the log port is printed.
        bool serial = Board.HasSerial;
        boot.Log = new ConsoleLog(_out) { Echo = !serial };
        if (serial)
        {
            boot.Serial = new StdioSerialLine(_out);
            boot.Serial.LineWritten += Emit;
        }
        else
        {
            boot.Log.LineWritten += Emit;
        }

        var ports = new DevicePorts
        {
            Gpio = Gpio,
            Clock = _options.Loops.NewLoop(new RealClock()),
            Wall = Wall,
            Mqtt = boot.Link,
            Network = boot.Network,
            Storage = _flash,
            Serial = boot.Serial,
            Log = boot.Log,
            System = boot.System,
            Http = Http,
            AccessPoint = Http != null ? boot.Ap : null,
        };

        // As firmware/SmartLamp/Program.cs does with Wi-Fi: after MqttWatchdog minutes without MQTT the
        // link leaves and joins again (after `sim wifi off` there is nothing to rejoin).
        SimNetworkLink net = boot.Network;
        ConnectivityRecoveryHandler recover = (attempt, downMs) =>
        {
            if (net.IsUp)
            {
                net.Down();
                net.Up();
            }
        };

        // The device's boot sequence on this thread, which then hands the loop to the pool's threads.
        BootOnThisThread(boot, ports, recover);
        ((PooledLoop)boot.App.Loop).Release();
        _boot = boot;
        Boots++;
        if (WifiForgotten)
        {
            boot.Link.NetworkAvailable = false; // no credentials: the setup access point stays the only way in
        }
        else
        {
            OnLoop(boot, () => boot.Network.Up());
        }

        Booted?.Invoke(this);
    }

    private void BootOnThisThread(Boot boot, DevicePorts ports, ConnectivityRecoveryHandler recover)
    {
        boot.App = DeviceBoot.Start(ports, Board, recover);
        ApplyConfiguredSettings(boot);

        // The core reacts to MQTT/topic changes on a 0 ms timeout; run it while the network is
        // still down so the first connect already uses the final values.
        EventLoop loop = boot.App.Loop;
        while (loop.RunOneDue(loop.NowMs))
        {
            loop.RunInbox();
        }
    }

    /// <summary>
    /// Command-line values win over stored ones. They are applied as the matching Tasmota commands
    /// (Topic, MqttUser, MqttPassword, MqttPort, MqttHost, in this order) through the core's command
    /// dispatcher, only when they differ from the stored value, before the network comes up, so the
    /// device connects once with the final values and the core saves them like any other change.
    /// </summary>
    private void ApplyConfiguredSettings(Boot boot)
    {
        DeviceApp app = boot.App;
        var lines = new List<string>();
        var s = app.Settings;
        if (_options.Topic != null && _options.Topic != s.Topic)
        {
            lines.Add("Topic " + _options.Topic);
        }

        if (_options.MqttUser != null && _options.MqttUser != s.MqttUser)
        {
            lines.Add("MqttUser " + (_options.MqttUser.Length == 0 ? "0" : _options.MqttUser));
        }

        if (_options.MqttPassword != null && _options.MqttPassword != s.MqttPassword)
        {
            lines.Add("MqttPassword " + (_options.MqttPassword.Length == 0 ? "0" : _options.MqttPassword));
        }

        if (_options.MqttPort.HasValue && _options.MqttPort.Value != s.MqttPort)
        {
            lines.Add("MqttPort " + _options.MqttPort.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (_options.MqttHost != null && _options.MqttHost != s.MqttHost)
        {
            lines.Add("MqttHost " + (_options.MqttHost.Length == 0 ? "0" : _options.MqttHost));
        }

        foreach (string line in lines)
        {
            app.Commands.ExecuteLine(CommandSource.Console, line);
        }
    }

    private void OnNetworkConfigured(Boot boot, string ssid1)
    {
        // Called by the core on its loop thread when SSId1 changes: join from another thread, as a radio would.
        if (!WifiForgotten || string.IsNullOrEmpty(ssid1))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(300).ConfigureAwait(false);
            if (_boot != boot)
            {
                return;
            }

            Say("joined Wi-Fi " + ssid1);
            WifiForgotten = false;
            boot.Network.SimulatedSsid = ssid1;
            boot.Link.NetworkAvailable = true;
            OnLoop(boot, () => boot.Network.Up());
        });
    }

    private void RequestRestart()
    {
        // Called by the core (e.g. "Restart 1") on its loop thread:
        // restart from another thread, as the real call would never return.
        if (Interlocked.Exchange(ref _restartPending, 1) == 1)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                WarmRestart();
            }
            catch (Exception e)
            {
                Say("warm restart failed: " + e.Message);
            }
            finally
            {
                Interlocked.Exchange(ref _restartPending, 0);
            }
        });
    }

    private void ShutdownCore(Boot boot, TimeSpan timeout)
    {
        try
        {
            OnLoop(boot, () => boot.App.Shutdown());
        }
        catch (Exception e)
        {
            Say("shutdown threw " + e.GetType().Name + ": " + e.Message);
        }

        // Shutdown queued a clean DISCONNECT; wait until it is on the wire before the next client
        // with the same id connects (or the process exits), then release everything of this boot.
        if (boot.Link.IsConnected)
        {
            boot.Link.Disconnect();
        }

        boot.Link.FlushAsync(timeout).GetAwaiter().GetResult();
        boot.Link.Dispose();
        boot.Link.FlushAsync(timeout).GetAwaiter().GetResult();
        StopLoop(boot);
        if (_boot == boot)
        {
            _boot = null;
        }
    }

    private void KillCore(Boot boot)
    {
        StopLoop(boot);
        boot.Link.Abort();
        boot.Link.FlushAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        boot.Link.Dispose();
        if (_boot == boot)
        {
            _boot = null;
        }
    }

    private static void StopLoop(Boot boot)
    {
        boot.App.Loop.Stop();
        ((PooledLoop)boot.App.Loop).WaitStopped(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the boot's loop thread and waits for it, then for what it posted
    /// (an edge, a network event) to be handled too; its exception is rethrown here.
    /// </summary>
    private static T OnLoop<T>(Boot boot, Func<T> action)
    {
        EventLoop loop = boot.App.Loop;
        if (loop.IsLoopThread)
        {
            return action();
        }

        T result = default;
        Exception failed = null;
        RunOnLoop(loop, () =>
        {
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                failed = e;
            }
        });
        RunOnLoop(loop, () => { });
        if (failed != null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed).Throw();
        }

        return result;
    }

    private static void OnLoop(Boot boot, Action action)
    {
        OnLoop(boot, () =>
        {
            action();
            return 0;
        });
    }

    private static void RunOnLoop(EventLoop loop, Action action)
    {
        using var done = new ManualResetEventSlim();
        loop.Post("simulator", e =>
        {
            try
            {
                action();
            }
            finally
            {
                done.Set();
            }
        }, 0, null, null, null);
        if (!done.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("the device's loop did not answer within 10 s");
        }
    }

    private sealed class Boot
    {
        public DeviceApp App;
        public MqttNetLink Link;
        public SimNetworkLink Network;
        public SimSystemControl System;
        public ConsoleLog Log;
        public StdioSerialLine Serial;
        public SimAccessPoint Ap;
    }
}
