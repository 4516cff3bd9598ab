using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Console
{
    /// <summary>
    /// The command console: each input line is logged as "CMD: &lt;line&gt;" (as Tasmota does) and run
    /// through <see cref="CommandDispatcher.ExecuteLine"/> with <see cref="CommandSource.Console"/>.
    /// Blank lines are ignored. Answers appear as the usual MQT:/RSL: log lines.
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
            if (line == null || line.Trim().Length == 0)
            {
                return;
            }

            _log.Write("CMD", line, null, null);
            _dispatcher.ExecuteLine(CommandSource.Console, line);
        }
    }
}
