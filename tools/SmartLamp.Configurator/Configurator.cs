using System.CommandLine;
using System.Globalization;
using System.Text;

namespace SmartLamp.Configurator;

/// <summary>Opens a console link for a port name and baud rate (the real one is <see cref="SerialPortLink.Open"/>; tests pass a fake).</summary>
public delegate IConsoleLink LinkOpener(string port, int baud);

/// <summary>
/// smartlamp-config: the library entry (<see cref="Run"/>) behind the executable, so tests run it
/// without a process. Every line it prints goes through a <see cref="Redactor"/>.
/// </summary>
public static class ConfiguratorCli
{
    /// <summary>Default console speed (Tasmota's and SmartLamp's).</summary>
    public const int DefaultBaud = 115200;

    /// <summary>Runs the CLI with <paramref name="args"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, LinkOpener opener = null)
    {
        opener ??= SerialPortLink.Open;
        var port = new Option<string>("--port", "-p")
        {
            Description = "Serial port of the device's console: /dev/ttyUSB0, /dev/ttyACM0, COM3, or a pty path.",
            HelpName = "port",
            Required = true,
            Recursive = true,
        };
        var baud = new Option<int>("--baud", "-b")
        {
            Description = "Baud rate (8N1, no handshake).",
            HelpName = "rate",
            DefaultValueFactory = _ => DefaultBaud,
            Recursive = true,
        };
        var timeout = new Option<double>("--timeout", "-t")
        {
            Description = "Seconds to wait for the device's echo and its first answer to each command.",
            HelpName = "seconds",
            DefaultValueFactory = _ => 5,
            Recursive = true,
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also print every line the device writes (secrets masked), prefixed with \"  | \".",
            Recursive = true,
        };

        var commands = new Argument<string[]>("command")
        {
            Description = "Tasmota commands, one per argument (quote each: \"MqttHost 10.0.0.2\" \"Topic lamp\").",
            Arity = ArgumentArity.OneOrMore,
        };
        var readStatus = new Option<bool>("--status") { Description = "Afterwards read back and print Status 0." };
        var asBacklog = new Option<bool>("--backlog") { Description = "Send all the commands as ONE Backlog0 line (settings that make the device reconnect change together)." };
        var send = new Command("send", "Send each command on its own line (or all as one Backlog0 with --backlog) and print the device's answers.") { commands, readStatus, asBacklog };

        var file = new Argument<string>("file") { Description = "Settings file: JSON {\"MqttHost\":\"10.0.0.2\",\"Topic\":\"lamp\",...} (keys are Tasmota command names) or one command per line." };
        var noStatus = new Option<bool>("--no-status") { Description = "Do not read back Status 0 afterwards." };
        var apply = new Command("apply", "Send a settings file as ONE Backlog0 (so MqttHost/Topic/... change together), then read back and print Status 0.") { file, noStatus };

        var status = new Command("status", "Read and print Status 0 (every status section).");

        var root = new RootCommand(
            "smartlamp-config: configures a SmartLamp (or Tasmota) device over its serial console (115200 8N1).\n"
            + "Passwords are masked (****) in everything it prints.\n"
            + "Examples:\n"
            + "  smartlamp-config --port /dev/ttyUSB0 send \"MqttHost 10.0.0.2\" \"Topic lamp\"\n"
            + "  smartlamp-config --port /dev/ttyUSB0 send --backlog --status \"MqttHost 10.0.0.2\" \"Topic lamp\"\n"
            + "  smartlamp-config --port COM3 apply lamp.json\n"
            + "  smartlamp-config --port /dev/ttyUSB0 status\n"
            + "Exit codes:\n  " + string.Join("\n  ", ExitCodes.Descriptions));
        root.Options.Add(port);
        root.Options.Add(baud);
        root.Options.Add(timeout);
        root.Options.Add(verbose);
        root.Subcommands.Add(send);
        root.Subcommands.Add(apply);
        root.Subcommands.Add(status);

        int Execute(ParseResult parse, Func<Session, int> body)
        {
            var redactor = new Redactor();
            try
            {
                int rate = parse.GetValue(baud);
                if (rate < 300 || rate > 4_000_000)
                {
                    throw new ConfiguratorException(ExitCodes.Usage, "--baud must be 300..4000000 (got " + rate.ToString(CultureInfo.InvariantCulture) + ")");
                }

                double seconds = parse.GetValue(timeout);
                if (!(seconds >= 0.1 && seconds <= 600))
                {
                    throw new ConfiguratorException(ExitCodes.Usage, "--timeout must be 0.1..600 seconds");
                }

                var session = new Session { Out = stdout, Redactor = redactor };
                Func<int> run = () => body(session);
                session.Opening = () =>
                {
                    session.Link = opener(parse.GetValue(port), rate);
                    session.Console = new DeviceConsole(session.Link, redactor, parse.GetValue(verbose) ? stdout : null, TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(500));
                };
                try
                {
                    return run();
                }
                finally
                {
                    session.Link?.Dispose();
                }
            }
            catch (ConfiguratorException e)
            {
                stderr.WriteLine("smartlamp-config: error: " + redactor.Text(e.Message));
                return e.ExitCode;
            }
        }

        send.SetAction(parse => Execute(parse, s =>
        {
            string[] list = parse.GetValue(commands);
            SettingsPlan plan = parse.GetValue(asBacklog) ? SettingsFile.Parse(string.Join("\n", list), "send --backlog") : null;
            if (plan != null && plan.OwnLine.Count > 0)
            {
                throw new ConfiguratorException(ExitCodes.Usage, "send --backlog: \"" + s.Redactor.Command(plan.OwnLine[0]) + "\" holds ';' and cannot go inside a Backlog; send it without --backlog");
            }

            List<IReadOnlyList<string>> backlogs = plan != null ? SettingsFile.ToBacklogs(plan.Commands, "send --backlog") : null;
            s.Open();
            int rc = ExitCodes.Ok;
            if (backlogs != null)
            {
                rc = s.SendBacklogs(backlogs, stderr);
            }
            else
            {
                foreach (string c in list)
                {
                    rc = Math.Max(rc, s.SendAndPrint(c, 1, stderr));
                }
            }

            if (parse.GetValue(readStatus))
            {
                rc = Math.Max(rc, s.SendAndPrint("Status 0", 1, stderr));
            }

            return rc;
        }));

        apply.SetAction(parse => Execute(parse, s =>
        {
            string path = parse.GetValue(file);
            SettingsPlan plan = SettingsFile.Load(path);
            List<IReadOnlyList<string>> backlogs = SettingsFile.ToBacklogs(plan.Commands, path);
            foreach (string skipped in plan.Skipped)
            {
                stdout.WriteLine("# skipped " + skipped);
            }

            foreach (string own in plan.OwnLine)
            {
                if (Encoding.UTF8.GetByteCount(own) > SettingsFile.MaxLineBytes)
                {
                    throw new ConfiguratorException(ExitCodes.Usage, path + ": \"" + s.Redactor.Command(own.Length > 40 ? own.Substring(0, 37) + "..." : own) + "\" is longer than the device's console line");
                }
            }

            s.Open();
            int rc = plan.Commands.Count > 0 ? s.SendBacklogs(backlogs, stderr) : ExitCodes.Ok;
            foreach (string own in plan.OwnLine)
            {
                rc = Math.Max(rc, s.SendAndPrint(own, 1, stderr));
            }
            if (!parse.GetValue(noStatus))
            {
                rc = Math.Max(rc, s.SendAndPrint("Status 0", 1, stderr));
            }

            return rc;
        }));

        status.SetAction(parse => Execute(parse, s =>
        {
            s.Open();
            return s.SendAndPrint("Status 0", 1, stderr);
        }));

        root.SetAction(parse =>
        {
            stderr.WriteLine("smartlamp-config: error: give a command: send, apply or status (see --help)");
            return ExitCodes.Usage;
        });

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            stderr.WriteLine("smartlamp-config: error: " + result.Errors[0].Message + " (see --help)");
            return ExitCodes.Usage;
        }

        return result.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    /// <summary>One run's open link and printer.</summary>
    private sealed class Session
    {
        public TextWriter Out;
        public Redactor Redactor;
        public IConsoleLink Link;
        public DeviceConsole Console;
        public Action Opening;

        public void Open()
        {
            Opening();
        }

        /// <summary>Sends each Backlog0 line (a note first when there is more than one); returns the worst code.</summary>
        public int SendBacklogs(List<IReadOnlyList<string>> backlogs, TextWriter stderr)
        {
            if (backlogs.Count > 1)
            {
                Out.WriteLine("# " + backlogs.Count.ToString(CultureInfo.InvariantCulture) + " Backlogs: one holds at most " + SettingsFile.MaxCommands.ToString(CultureInfo.InvariantCulture)
                    + " commands and " + SettingsFile.MaxLineBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
            }

            int rc = ExitCodes.Ok;
            foreach (IReadOnlyList<string> group in backlogs)
            {
                rc = Math.Max(rc, SendAndPrint(SettingsFile.BacklogLine(group), group.Count, stderr));
            }

            return rc;
        }

        /// <summary>Sends one line, prints "&gt; command" and "&lt; answer" lines; returns DeviceError when the device refused something.</summary>
        public int SendAndPrint(string command, int expected, TextWriter stderr)
        {
            Out.WriteLine("> " + Redactor.Command(command));
            CommandAnswer a = Console.Send(command, expected);
            foreach (DeviceLine answer in a.Answers)
            {
                Out.WriteLine("< " + Redactor.Text(answer.Payload));
            }

            foreach (DeviceLine error in a.Errors)
            {
                stderr.WriteLine("smartlamp-config: error: the device answered " + Redactor.Text(error.Payload) + " to \"" + Redactor.Command(command) + "\"");
            }

            if (a.Answers.Count < a.Expected)
            {
                stderr.WriteLine("smartlamp-config: warning: " + a.Answers.Count.ToString(CultureInfo.InvariantCulture) + " answers to \"" + Redactor.Command(command)
                    + "\", expected " + a.Expected.ToString(CultureInfo.InvariantCulture) + " (a command that answers nothing, or the device was busy)");
            }

            return a.Errors.Count > 0 ? ExitCodes.DeviceError : ExitCodes.Ok;
        }
    }
}
