using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using SmartLamp.Boards.Host;
using SmartLamp.Core.App;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Simulator;

/// <summary>
/// dotnet run --project tools/SmartLamp.Simulator [-- options]: runs simulated SmartLamp devices
/// (the real firmware core) against an embedded or external MQTT broker. Exit codes: 0 after a clean
/// stop (SIGINT/SIGTERM/sim quit), 2 for a bad option value or an unreachable broker (one line on
/// stderr), 1 when the core itself fails to boot.
/// </summary>
public static class Program
{
    /// <summary>Exit code for bad options / unreachable broker.</summary>
    public const int ExitBadUsage = 2;

    private static readonly object PrintGate = new();

    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        var host = new Option<string>("--mqtt-host")
        {
            Description = "External MQTT broker host name or address. Without --mqtt-host and --mqtt-port an embedded broker starts on 127.0.0.1:1883 (or the next free port).",
            HelpName = "host",
        };
        var port = new Option<string>("--mqtt-port")
        {
            Description = "External MQTT broker port, 1..65535 (default 1883 when --mqtt-host is given; --mqtt-port alone means 127.0.0.1).",
            HelpName = "port",
        };
        var user = new Option<string>("--mqtt-user") { Description = "MQTT user name (default: the stored one; none on first start).", HelpName = "user" };
        var password = new Option<string>("--mqtt-password") { Description = "MQTT password (default: the stored one; none on first start). Never echoed.", HelpName = "password" };
        var topic = new Option<string>("--topic")
        {
            Description = "Device topic (default: the firmware default smartlamp_<last 6 MAC digits>). With --devices N it is the base: devices get <topic>_1..<topic>_N (default base \"smartlamp\"). The MAC (and so the client id DVES_<6 digits>) is derived from the topic, so a topic keeps its identity across runs.",
            HelpName = "topic",
        };
        var board = new Option<string>("--board")
        {
            Description = "Board profile: a name from hardware/ (" + KnownBoards() + ") or a path to a profile .json file. Default: default (= " + BoardProfileFiles.DefaultBoard + ").",
            HelpName = "name|path",
        };
        var flash = new Option<string>("--flash")
        {
            Description = "Folder holding the device's flash (settings survive simulator restarts). Default: <LocalApplicationData>/SmartLamp/<topic> (" + DeviceIdentity.DefaultFlashDirectory("<topic>") + "). With --devices N: one subfolder per device topic.",
            HelpName = "dir",
        };
        var trace = new Option<string>("--gpio-trace")
        {
            Description = "Append a \"t_ms pin level\" line to this file for every simulated pin change (t_ms = ms since the simulator started). With --devices N: one file per device, <name>_<n><ext>.",
            HelpName = "file",
        };
        var devices = new Option<string>("--devices")
        {
            Description = "Fleet mode: run N devices in this process (1.." + Fleet.MaxDevices + "), topics <topic>_1..N, distinct MACs and client ids, one shared broker. Console lines go to device 1 unless prefixed \"@<n> \".",
            HelpName = "N",
            DefaultValueFactory = _ => "1",
        };
        var shard = new Option<string>("--shard")
        {
            Description = "Run only shard k of m of a fleet of --devices N (e.g. --devices 20000 --shard 2/2 runs devices 10001..20000), so one fleet spreads over several processes or machines: "
                + "topics, MACs and client ids come from the global device number, so shards never collide. Each process runs at most " + Fleet.MaxDevices + " devices.",
            HelpName = "k/m",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Do not print the devices' console/log output (simulator messages only)." };
        var consolePath = new Option<string>("--console")
        {
            Description = "Attach device 1's serial console to this serial device or pty (115200 8N1), e.g. one end of "
                + "'socat -d -d pty,raw,echo=0,link=/tmp/sl/dev pty,raw,echo=0,link=/tmp/sl/cfg' (then: smartlamp-config --port /tmp/sl/cfg ...). "
                + "Standard input keeps working for simulator actions and commands.",
            HelpName = "tty",
        };

        var httpPort = new Option<string>("--http-port")
        {
            Description = "Loopback port of the device's web pages and Tasmota /cm API (default 8080 or the next free one; 0 = no web server). With --devices N: device n gets the next free port after device n-1's (the first " + Fleet.MaxWebDevices + " devices).",
            HelpName = "port",
        };

        var root = new RootCommand(
            "SmartLamp host simulator: runs the real SmartLamp firmware core (Tasmota MQTT dialect) on this PC. "
            + "Standard input is the device's serial console; type 'help' for the simulator actions. "
            + "Settings: --mqtt-host/--mqtt-port/--mqtt-user/--mqtt-password/--topic are applied on every start as the Tasmota commands "
            + "MqttHost/MqttPort/MqttUser/MqttPassword/Topic (only when they differ from the stored value), so command-line values win over stored ones and are saved in the flash.");
        foreach (Option o in new Option[] { host, port, user, password, topic, board, flash, trace, devices, shard, quiet, consolePath, httpPort })
        {
            root.Options.Add(o);
        }

        root.SetAction((parse, cancel) =>
        {
            SimulatorConfig config;
            try
            {
                config = new SimulatorConfig
                {
                    MqttHost = parse.GetValue(host),
                    MqttPort = Number(parse.GetValue(port), "--mqtt-port", 1, 65535),
                    MqttUser = parse.GetValue(user),
                    MqttPassword = parse.GetValue(password),
                    Topic = parse.GetValue(topic),
                    Board = parse.GetValue(board),
                    Flash = parse.GetValue(flash),
                    GpioTrace = parse.GetValue(trace),
                    Devices = Number(parse.GetValue(devices), "--devices", 1, Fleet.MaxShardedDevices) ?? 1,
                    Quiet = parse.GetValue(quiet),
                    ConsolePath = parse.GetValue(consolePath),
                    HttpPort = Number(parse.GetValue(httpPort), "--http-port", 0, 65535) ?? SimulatorConfig.DefaultHttpPort,
                };
                config.SetShard(parse.GetValue(shard));
            }
            catch (SimulatorConfigException e)
            {
                Console.Error.WriteLine("smartlamp-sim: error: " + e.Message);
                return Task.FromResult(ExitBadUsage);
            }

            return RunAsync(config);
        });

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            Console.Error.WriteLine("smartlamp-sim: error: " + result.Errors[0].Message + " (see --help)");
            return ExitBadUsage;
        }

        // Signals are handled by RunAsync (clean MQTT disconnect), not by System.CommandLine.
        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }

    /// <summary>Runs the simulator until SIGINT/SIGTERM or "sim quit"; returns the exit code.</summary>
    public static async Task<int> RunAsync(SimulatorConfig config)
    {
        Fleet fleet;
        try
        {
            fleet = await Fleet.StartAsync(config, OutputSink.StandardOutput).ConfigureAwait(false);
        }
        catch (SimulatorConfigException e)
        {
            Console.Error.WriteLine("smartlamp-sim: error: " + e.Message);
            return ExitBadUsage;
        }
        catch (Exception e)
        {
            // The core refused to boot (DeviceApp.Start rethrows after logging): not a usage error.
            Console.Error.WriteLine("smartlamp-sim: error: a device failed to start: " + e.GetType().Name + ": " + e.Message);
            return 1;
        }

        var quit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task shutdown = null;
        object shutdownGate = new();
        Task StopOnce()
        {
            lock (shutdownGate)
            {
                shutdown ??= fleet.ShutdownAsync(TimeSpan.FromSeconds(5));
                return shutdown;
            }
        }

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            Print("SIM: " + context.Signal + " received, disconnecting");
            quit.TrySetResult();
        }

        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopOnce().Wait(TimeSpan.FromSeconds(10));

        TtyConsole tty = null;
        if (config.ConsolePath != null)
        {
            try
            {
                tty = TtyConsole.Open(config.ConsolePath, fleet[1], Print);
            }
            catch (SimulatorConfigException e)
            {
                Console.Error.WriteLine("smartlamp-sim: error: " + e.Message);
                await StopOnce().ConfigureAwait(false);
                return ExitBadUsage;
            }
        }

        PrintBanner(fleet);
        if (tty != null)
        {
            Print("SIM: serial console of " + fleet[1].Topic + " on " + tty.Path + " (115200 8N1); standard input works too");
        }

        var console = new SimConsole(fleet, Print, () => quit.TrySetResult());
        console.StartReading(Console.In);

        await quit.Task.ConfigureAwait(false);
        await StopOnce().ConfigureAwait(false);
        tty?.Dispose();
        Print("SIM: stopped");
        return 0;
    }

    /// <summary>Parses an optional whole-number option; a bad value is a <see cref="SimulatorConfigException"/>.</summary>
    private static int? Number(string text, string option, int min, int max)
    {
        if (text == null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
        {
            throw new SimulatorConfigException(option + " must be " + min.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture) + " (got \"" + text + "\")");
        }

        return v;
    }

    private static void PrintBanner(Fleet fleet)
    {
        int n = fleet.Devices.Count;
        string broker = fleet.BrokerHost + ":" + fleet.BrokerPort.ToString(CultureInfo.InvariantCulture);
        string hp = "-h " + fleet.BrokerHost + " -p " + fleet.BrokerPort.ToString(CultureInfo.InvariantCulture);
        Print("SIM: SmartLamp simulator, firmware " + FirmwareInfo.Version + ", board " + fleet.Board.Name + ", " + n.ToString(CultureInfo.InvariantCulture)
            + (n == 1 ? " device" : " devices") + ", MQTT broker " + broker + (fleet.Broker != null ? " (embedded)" : " (external)"));
        SimulatedDevice first = fleet[1];
        if (n == 1)
        {
            Print("SIM: device topic " + first.Topic + ", client id " + first.ClientId + ", MAC " + first.Mac + ", flash " + FlashOf(fleet, first));
            Print("SIM: watch it:   mosquitto_sub " + hp + " -v -t 'stat/" + first.Topic + "/#' -t 'tele/" + first.Topic + "/#'");
            Print("SIM: switch it:  mosquitto_pub " + hp + " -t 'cmnd/" + first.Topic + "/POWER' -m TOGGLE");
            if (first.Http != null)
            {
                Print("SIM: web page:   http://127.0.0.1:" + first.Http.Port.ToString(CultureInfo.InvariantCulture) + "/   (Tasmota API: /cm?cmnd=Power%20TOGGLE)");
            }
        }
        else
        {
            Print("SIM: devices " + first.Topic + " .. " + fleet[n].Topic + " (client ids " + first.ClientId + " .., group topic " + first.App.Settings.GroupTopic + ")");
            Print("SIM: watch them: mosquitto_sub " + hp + " -v -t 'stat/+/POWER' -t 'tele/+/LWT'");
            Print("SIM: switch all: mosquitto_pub " + hp + " -t 'cmnd/" + first.App.Settings.GroupTopic + "/POWER' -m OFF");
            Print("SIM: one device: mosquitto_pub " + hp + " -t 'cmnd/" + first.Topic + "/POWER' -m TOGGLE");
            if (first.Http != null)
            {
                Print("SIM: web pages:  http://127.0.0.1:" + first.Http.Port.ToString(CultureInfo.InvariantCulture) + "/ for device 1, the next ports for the next devices");
            }
        }

        Print("SIM: type Tasmota commands here (Power toggle, Status 0, ...)" + (n > 1 ? " for device 1, or @<n> <command>" : string.Empty) + "; 'help' lists the simulator actions; Ctrl+C quits.");
    }

    private static string FlashOf(Fleet fleet, SimulatedDevice d)
    {
        return d.Flash is FileSettingsStore f ? f.Directory : "(memory)";
    }

    private static string KnownBoards()
    {
        try
        {
            string[] names = BoardProfileFiles.KnownNames();
            return names.Length == 0 ? "none found" : string.Join(", ", names);
        }
        catch (Exception)
        {
            return "see hardware/";
        }
    }

    private static void Print(string line)
    {
        OutputSink.StandardOutput.WriteLine(line);
    }
}
