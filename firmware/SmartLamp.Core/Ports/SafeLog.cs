using System;

namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Writes a log line for code that must go on whatever the log does: no log (null) writes nothing,
    /// and a log that throws is ignored (a failing log must never stop a command, a rule or a save).
    /// </summary>
    public static class SafeLog
    {
        /// <summary>Writes <paramref name="tag"/>: <paramref name="a"/><paramref name="b"/><paramref name="c"/> to <paramref name="log"/> when there is one.</summary>
        public static void Write(ILog log, string tag, string a, string b, string c)
        {
            if (log == null)
            {
                return;
            }

            try
            {
                log.Write(tag, a, b, c);
            }
            catch (Exception)
            {
                // the caller's work matters more than its log line
            }
        }
    }
}
