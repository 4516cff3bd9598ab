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
        private string[] _names = ArraySlots.Strings(32);
        private CommandHandler[] _handlers = (CommandHandler[])ArraySlots.Nulls(new CommandHandler[32]);
        private int _count;
        private int _depth;

        /// <summary>An empty dispatcher answering through <paramref name="output"/>, then calling <paramref name="answered"/> (null = none).</summary>
        public CommandDispatcher(ICommandOutput output, ILog log, CommandAnsweredHandler answered)
        {
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }

            _output = output;
            _log = log;
            _answered = answered;
        }

        /// <summary>Number of registered commands.</summary>
        public int Count
        {
            get { return _count; }
        }

        /// <summary>
        /// Adds a command. <paramref name="upperName"/> is the canonical name in upper case, letters and
        /// '_' only (no trailing digits: those are the index), e.g. "POWER". Names are unique.
        /// </summary>
        public void Register(string upperName, CommandHandler handler)
        {
            if (upperName == null || upperName.Length == 0)
            {
                throw new ArgumentException("command name required", "upperName");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            for (int i = 0; i < upperName.Length; i++)
            {
                char c = upperName[i];
                if (!((c >= 'A' && c <= 'Z') || c == '_'))
                {
                    throw new ArgumentException("command names are upper-case letters or '_': " + upperName, "upperName");
                }
            }

            if (Find(upperName, 0, upperName.Length) >= 0)
            {
                throw new ArgumentException("command registered twice: " + upperName, "upperName");
            }

            if (_count == _names.Length)
            {
                string[] names = ArraySlots.Strings(_count * 2);
                CommandHandler[] handlers = (CommandHandler[])ArraySlots.Nulls(new CommandHandler[_count * 2]);
                Array.Copy(_names, names, _count);
                Array.Copy(_handlers, handlers, _count);
                _names = names;
                _handlers = handlers;
            }

            _names[_count] = upperName;
            _handlers[_count] = handler;
            _count++;
        }

        /// <summary>Canonical name of registered command <paramref name="i"/> (0 .. Count-1), e.g. for listing them.</summary>
        public string NameAt(int i)
        {
            return i >= 0 && i < _count ? _names[i] : null;
        }

        /// <summary>
        /// Shrinks the command table to the registered commands (call once they are all registered): the
        /// table doubles as commands are added, and the empty slots would stay on the heap for good.
        /// A later <see cref="Register"/> still works (the table grows again).
        /// </summary>
        public void TrimToCount()
        {
            if (_count == _names.Length || _count == 0)
            {
                return;
            }

            string[] names = ArraySlots.Strings(_count);
            CommandHandler[] handlers = (CommandHandler[])ArraySlots.Nulls(new CommandHandler[_count]);
            Array.Copy(_names, names, _count);
            Array.Copy(_handlers, handlers, _count);
            _names = names;
            _handlers = handlers;
        }

        /// <summary>True when a command with this canonical upper-case name is registered.</summary>
        public bool IsRegistered(string upperName)
        {
            return upperName != null && Find(upperName, 0, upperName.Length) >= 0;
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

            int entry = Find(text, nameStart, digits - nameStart);
            if (entry < 0)
            {
                request.Name = "COMMAND";
                if (!quiet)
                {
                    Publish(request, UnknownJson);
                }

                return;
            }

            string name = _names[entry];
            request.Name = name;
            response.Clear();
            _depth++;
            try
            {
                _handlers[entry](request, response);
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

        /// <summary>Index of the command named text[start .. start+length) (any case), or -1.</summary>
        private int Find(string text, int start, int length)
        {
            if (length <= 0)
            {
                return -1;
            }

            for (int i = 0; i < _count; i++)
            {
                string name = _names[i];
                if (name.Length != length)
                {
                    continue;
                }

                int j = 0;
                while (j < length && CommandValue.ToUpperAscii(text[start + j]) == name[j])
                {
                    j++;
                }

                if (j == length)
                {
                    return i;
                }
            }

            return -1;
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
