using SmartLamp.Core.Commands;
using SmartLamp.Core.Ports;

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

            if (ContainsIgnoreCase(trimmed, "password"))
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

        private static bool ContainsIgnoreCase(string text, string lowerWord)
        {
            for (int i = 0; i + lowerWord.Length <= text.Length; i++)
            {
                int j = 0;
                while (j < lowerWord.Length && ToLower(text[i + j]) == lowerWord[j])
                {
                    j++;
                }

                if (j == lowerWord.Length)
                {
                    return true;
                }
            }

            return false;
        }

        private static char ToLower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
    }
}
