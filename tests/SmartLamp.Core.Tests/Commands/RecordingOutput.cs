using System.Collections;
using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Tests.Commands
{
    /// <summary>One recorded answer: CommandResult ("RESULT") or Stat ("STAT").</summary>
    public sealed class RecordedMessage
    {
        /// <summary>"RESULT" for CommandResult, "STAT" for Stat.</summary>
        public string TopicKind;

        /// <summary>For RESULT: the request's command name (what SetOption4 would use); for STAT: the subtopic.</summary>
        public string Subtopic;

        /// <summary>The payload.</summary>
        public string Payload;

        /// <summary>Retain flag (always false for RESULT).</summary>
        public bool Retain;

        /// <summary>Where the command came from.</summary>
        public CommandSource Source;

        /// <summary>"RESULT {json}" or "stat POWER ON" (+ " (retained)").</summary>
        public override string ToString()
        {
            if (TopicKind == "RESULT")
            {
                return "RESULT " + Payload;
            }

            return "stat " + Subtopic + " " + Payload + (Retain ? " (retained)" : string.Empty);
        }
    }

    /// <summary>Test double of <see cref="ICommandOutput"/> that keeps every message in order.</summary>
    public sealed class RecordingOutput : ICommandOutput
    {
        private readonly ArrayList _messages = new ArrayList();

        /// <summary>Number of messages.</summary>
        public int Count
        {
            get { return _messages.Count; }
        }

        /// <summary>Message <paramref name="i"/>.</summary>
        public RecordedMessage At(int i)
        {
            return (RecordedMessage)_messages[i];
        }

        /// <summary>Forgets everything.</summary>
        public void Clear()
        {
            _messages.Clear();
        }

        /// <summary>Every message as "RESULT {..}" / "stat POWER ON" lines, each ending in '\n'.</summary>
        public string Text()
        {
            string all = string.Empty;
            for (int i = 0; i < _messages.Count; i++)
            {
                all = all + At(i).ToString() + "\n";
            }

            return all;
        }

        /// <summary>True when any payload or subtopic contains <paramref name="text"/>.</summary>
        public bool Contains(string text)
        {
            for (int i = 0; i < _messages.Count; i++)
            {
                RecordedMessage m = At(i);
                if ((m.Payload != null && m.Payload.IndexOf(text) >= 0) || (m.Subtopic != null && m.Subtopic.IndexOf(text) >= 0))
                {
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc />
        public void CommandResult(CommandRequest request, string json)
        {
            RecordedMessage m = new RecordedMessage();
            m.TopicKind = "RESULT";
            m.Subtopic = request == null ? null : request.Name;
            m.Payload = json;
            m.Retain = false;
            m.Source = request == null ? CommandSource.Internal : request.Source;
            _messages.Add(m);
        }

        /// <inheritdoc />
        public void Stat(CommandRequest request, string subtopic, string payload, bool retain)
        {
            RecordedMessage m = new RecordedMessage();
            m.TopicKind = "STAT";
            m.Subtopic = subtopic;
            m.Payload = payload;
            m.Retain = retain;
            m.Source = request == null ? CommandSource.Internal : request.Source;
            _messages.Add(m);
        }
    }
}
