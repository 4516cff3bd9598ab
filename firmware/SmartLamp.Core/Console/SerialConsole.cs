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
    public static class SerialConsole
    {
        /// <summary>Runs one console line through <paramref name="dispatcher"/>, logged to <paramref name="log"/>.</summary>
        public static void Execute(CommandDispatcher dispatcher, ILog log, string line)
        {
            string trimmed = line == null ? null : line.Trim();
            if (trimmed == null || trimmed.Length == 0)
            {
                return;
            }

            log.Write("CMD", SecretMask.CommandLine(trimmed), null, null);

            dispatcher.ExecuteLine(CommandSource.Console, line);
        }
    }
}
