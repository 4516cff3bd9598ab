using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// The command console: each input line is logged as "CMD: &lt;line&gt;" (as Tasmota does) and run
    /// through <see cref="CommandDispatcher.ExecuteLine"/> with <see cref="CommandSource.Console"/>.
    /// Blank lines are ignored. Answers appear as the usual MQT:/RSL: log lines.
    /// Unlike Tasmota, a line that sets a password (MqttPassword, Password1..4, also inside a Backlog)
    /// is echoed as "CMD: &lt;first word&gt; ****", so the secret never reaches the log.
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

            if (Chars.MentionsPassword(trimmed))
            {
                int space = trimmed.IndexOf(' ');
                _log.Write("CMD", space < 0 ? trimmed : trimmed.Substring(0, space), " ****", null);
            }
            else
            {
                _log.Write("CMD", line, null, null);
            }

            _dispatcher.ExecuteLine(CommandSource.Console, line);
        }
    }
}
