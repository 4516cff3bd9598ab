using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// The command console: each input line is logged as "CMD: &lt;line&gt;" (as Tasmota does) and run
    /// through <see cref="CommandDispatcher.ExecuteLine"/> with <see cref="CommandSource.Console"/>.
    /// Blank lines are ignored. Answers appear as the usual MQT:/RSL: log lines.
    /// Unlike Tasmota, the value of a password command (MqttPassword, Password1..4, also inside a
    /// Backlog) is echoed as "****" (<see cref="SecretMask"/>), so the secret never reaches the log.
    /// </summary>
    public sealed class SerialConsole
    {
        private readonly CommandDispatcher _dispatcher;
        private readonly ILog _log;

        /// <summary>Creates the console.</summary>
        public SerialConsole(CommandDispatcher dispatcher, ILog log)
        {
            _dispatcher = dispatcher;
            _log = log;
        }

        /// <summary>Runs one console line.</summary>
        public void Execute(string line)
        {
            string trimmed = line == null ? null : line.Trim();
            if (trimmed == null || trimmed.Length == 0)
            {
                return;
            }

            _log.Write("CMD", SecretMask.CommandLine(trimmed), null, null);

            _dispatcher.ExecuteLine(CommandSource.Console, line);
        }
    }
}
