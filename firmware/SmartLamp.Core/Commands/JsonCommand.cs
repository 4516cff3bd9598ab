using SmartLamp.Core.Json;

namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Tasmota 15's <c>Json {"Power1":"ON","PulseTime1":[10,20],...}</c>: every member becomes a
    /// command, run as one Backlog0 (no delay) in the object's order: a string, number or true/false
    /// value is the payload (<c>Power1 ON</c>), an array gives indexed commands (<c>PulseTime1 10;
    /// PulseTime2 20</c>). A member whose command text holds ';' runs at once on its own (so a rule text
    /// keeps its Backlog), as in Tasmota. Objects as values are skipped (no SmartLamp command takes one).
    /// No answer of its own: each command answers. Not a JSON object (or nothing in it):
    /// <c>{"Json":"Empty"}</c>.
    /// </summary>
    public static class JsonCommand
    {
        /// <summary>Longest Json payload.</summary>
        public const int MaxLength = 2048;

        private static readonly string[] CommandNames = new string[] { "JSON" };

        /// <summary>Registers JSON on <paramref name="d"/>.</summary>
        public static void Register(CommandDispatcher d)
        {
            Runner r = new Runner();
            r.Dispatcher = d;
            d.Register(CommandNames, r.Cmnd);
        }

        private sealed class Runner
        {
            public CommandDispatcher Dispatcher;

            public void Cmnd(CommandRequest req, CommandResponse resp)
            {
                JsonNode root = null;
                try
                {
                    if (req.Payload.Length > 0)
                    {
                        root = JsonReader.Parse(req.Payload, 3, MaxLength);
                    }
                }
                catch (JsonException)
                {
                    root = null;
                }

                if (root == null || root.Kind != JsonKind.Object || root.Count == 0)
                {
                    resp.Add("Json", "Empty");
                    return;
                }

                string backlog = string.Empty;
                for (int i = 0; i < root.Count; i++)
                {
                    string command = root.KeyAt(i);
                    JsonNode value = root.ValueAt(i);
                    if (value.Kind == JsonKind.Array)
                    {
                        for (int j = 0; j < value.Count; j++)
                        {
                            backlog = Append(backlog, command + (j + 1).ToString() + " " + Text(value[j]));
                        }
                    }
                    else if (value.Kind != JsonKind.Object)
                    {
                        string line = command + " " + Text(value);
                        if (line.IndexOf(';') >= 0)
                        {
                            Dispatcher.ExecuteLine(req.Source, line);
                        }
                        else
                        {
                            backlog = Append(backlog, line);
                        }
                    }
                }

                if (backlog.Length > 0)
                {
                    Dispatcher.ExecuteLine(req.Source, "Backlog0 " + backlog);
                }

                resp.Suppress();
            }

            private static string Append(string backlog, string line)
            {
                return backlog.Length == 0 ? line : backlog + ";" + line;
            }

            private static string Text(JsonNode v)
            {
                switch (v.Kind)
                {
                    case JsonKind.String:
                        return v.StringValue;
                    case JsonKind.Number:
                        return v.NumberText;
                    case JsonKind.Boolean:
                        return v.BoolValue ? "true" : "false";
                    default:
                        return string.Empty;
                }
            }
        }
    }
}
