using System;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Parses and runs commands the way Tasmota's CommandHandler does: the command name is upper-cased
    /// for lookup (here: compared case-insensitively, character by character), trailing digits are the
    /// index (no digits = index 1), the payload is trimmed and "?" means "query". Unknown names answer
    /// {"Command":"Unknown"}; a handler that writes nothing (bad index, bad value) answers
    /// {"Command":"Error"}; a handler that throws is logged and answers {"Command":"Error"}.
    /// The MQTT path (<see cref="Execute"/>) allocates nothing when the payload needs no trimming:
    /// the name is read from a slice of the topic and one request/response pair is reused.
    /// </summary>
    public sealed class CommandDispatcher
    {
        /// <summary>Answer for a name no handler knows.</summary>
        public const string UnknownJson = "{\"Command\":\"Unknown\"}";

        /// <summary>Answer for a handler that wrote nothing or failed.</summary>
        public const string ErrorJson = "{\"Command\":\"Error\"}";

        private const int MaxIndex = 99999999;

        private readonly ICommandOutput _output;
        private readonly ILog _log;
        private readonly CommandAnsweredHandler _answered;
        private readonly CommandRequest _request = new CommandRequest();
        private readonly CommandResponse _response = new CommandResponse();
        private readonly CommandTable _table = new CommandTable();
        private int _depth;

        /// <summary>An empty dispatcher answering through <paramref name="output"/>, then calling <paramref name="answered"/> (null = none).</summary>
        public CommandDispatcher(ICommandOutput output, ILog log, CommandAnsweredHandler answered)
        {
            Require.NotNull(output, "output");

            _output = output;
            _log = log;
            _answered = answered;
        }

        /// <summary>Number of registered command names (over all capabilities).</summary>
        public int Count
        {
            get { return _table.Count; }
        }

        /// <summary>
        /// Adds a capability: one <paramref name="handler"/> for all of <paramref name="upperNames"/>, the
        /// canonical names in upper case, letters and '_' only (no trailing digits: those are the index),
        /// e.g. { "POWER", "POWERONSTATE" }. Pass a <c>static readonly</c> table: the dispatcher keeps the
        /// array itself (no copy), so every device in a process shares it. The handler learns which name
        /// was called from <see cref="CommandRequest.Command"/> (its position in the table) and
        /// <see cref="CommandRequest.Name"/>. Names are unique over all capabilities; a table with a bad
        /// or taken name throws and registers none of its names.
        /// </summary>
        public void Register(string[] upperNames, CommandHandler handler)
        {
            _table.Register(upperNames, handler);
        }

        /// <summary>Canonical name of registered command <paramref name="i"/> (0 .. Count-1, in registration order), e.g. for listing them.</summary>
        public string NameAt(int i)
        {
            return _table.NameAt(i);
        }

        /// <summary>
        /// Shrinks the capability table to the registered capabilities (call once they are all
        /// registered): the table doubles as capabilities are added, and the empty slots would stay on
        /// the heap for good. A later <see cref="Register"/> still works (the table grows again).
        /// </summary>
        public void TrimToCount()
        {
            _table.TrimToCount();
        }

        /// <summary>True when a command with this canonical upper-case name is registered.</summary>
        public bool IsRegistered(string upperName)
        {
            int command;
            return upperName != null && _table.Find(upperName, 0, upperName.Length, out command) >= 0;
        }

        /// <summary>
        /// Runs the command named text[nameStart .. nameStart+nameLength) (e.g. the "Power2" tail of
        /// "cmnd/lamp/Power2") with <paramref name="payload"/> (null = empty).
        /// </summary>
        public void Execute(CommandSource source, string text, int nameStart, int nameLength, string payload)
        {
            if (text == null)
            {
                return;
            }

            if (nameStart < 0)
            {
                nameStart = 0;
            }

            if (nameStart > text.Length)
            {
                nameStart = text.Length;
            }

            if (nameLength < 0 || nameLength > text.Length - nameStart)
            {
                nameLength = text.Length - nameStart;
            }

            // Trailing digits are the index, as in Tasmota ("Power2" = POWER, index 2).
            int end = nameStart + nameLength;
            int digits = end;
            while (digits > nameStart && text[digits - 1] >= '0' && text[digits - 1] <= '9')
            {
                digits--;
            }

            // Tasmota 15: a leading '_' runs the command without publishing its answer.
            bool quiet = digits - nameStart > 1 && text[nameStart] == '_';
            if (quiet)
            {
                nameStart++;
            }

            bool hasIndex = digits < end;
            int index = 1;
            if (hasIndex)
            {
                index = 0;
                for (int i = digits; i < end; i++)
                {
                    if (index <= MaxIndex)
                    {
                        index = (index * 10) + (text[i] - '0');
                    }
                }
            }

            CommandRequest request = _request;
            CommandResponse response = _response;
            if (_depth > 0)
            {
                // A handler dispatched a command itself: give the inner command its own objects.
                request = new CommandRequest();
                response = new CommandResponse();
            }

            request.Source = source;
            request.Index = index;
            request.HasIndex = hasIndex;
            request.Payload = TrimPayload(payload);

            int command;
            int entry = _table.Find(text, nameStart, digits - nameStart, out command);
            if (entry < 0)
            {
                request.Name = "COMMAND";
                if (!quiet)
                {
                    Publish(request, UnknownJson);
                }

                return;
            }

            string name = _table.Name(entry, command);
            request.Name = name;
            request.Command = command;
            response.Clear();
            _depth++;
            try
            {
                _table.Handler(entry)(request, response);
            }
            catch (Exception ex)
            {
                response.Clear();
                Log(name, " failed: " + ex.Message);
            }
            finally
            {
                _depth--;
            }

            bool answered = !response.Suppressed && !quiet;
            if (answered)
            {
                string json = ErrorJson;
                try
                {
                    json = response.IsEmpty ? ErrorJson : response.ToJson();
                }
                catch (Exception ex)
                {
                    Log(name, " bad answer: " + ex.Message);
                }

                Publish(request, json);
            }

            if (_answered != null)
            {
                _answered(request, answered);
            }
        }

        /// <summary>
        /// Runs a console / Backlog / rule line such as "Power2 on": the command is the leading run of
        /// letters, digits, '_' and '/', where an optional "cmnd/&lt;topic&gt;/" preamble is skipped
        /// (Tasmota's ExecuteCommand); the rest of the line is the payload. A line without a command
        /// does nothing.
        /// </summary>
        public void ExecuteLine(CommandSource source, string line)
        {
            if (line == null)
            {
                return;
            }

            int pos = 0;
            int n = line.Length;
            while (pos < n && CommandValue.IsSpace(line[pos]))
            {
                pos++;
            }

            int start = pos;
            while (pos < n && IsCommandChar(line[pos]))
            {
                if (line[pos] == '/')
                {
                    start = pos + 1;
                }

                pos++;
            }

            if (pos <= start)
            {
                return;
            }

            string payload = pos >= n ? string.Empty : line.Substring(pos);
            Execute(source, line, start, pos - start, payload);
        }

        /// <summary>The payload without leading/trailing white space or control characters; "" for "?". No allocation when nothing is trimmed.</summary>
        public static string TrimPayload(string payload)
        {
            if (payload == null)
            {
                return string.Empty;
            }

            int n = payload.Length;
            int start = 0;
            while (start < n && CommandValue.IsSpace(payload[start]))
            {
                start++;
            }

            int end = n;
            while (end > start && CommandValue.IsSpace(payload[end - 1]))
            {
                end--;
            }

            if (end - start == 1 && payload[start] == '?')
            {
                return string.Empty;
            }

            if (start == 0 && end == n)
            {
                return payload;
            }

            if (end == start)
            {
                return string.Empty;
            }

            return payload.Substring(start, end - start);
        }

        private static bool IsCommandChar(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '/';
        }

        private void Publish(CommandRequest request, string json)
        {
            try
            {
                _output.CommandResult(request, json);
            }
            catch (Exception ex)
            {
                Log(request.Name, " answer not sent: " + ex.Message);
            }
        }

        private void Log(string name, string text)
        {
            // The text never includes the payload (it may hold a password).
            SafeLog.Write(_log, "CMD", name, text, null);
        }
    }
}
