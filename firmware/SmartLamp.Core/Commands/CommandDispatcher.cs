using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Commands
{
    /// <summary>Parses and runs commands (skeleton).</summary>
    public sealed class CommandDispatcher
    {
        private readonly ICommandOutput _output;
        private readonly ILog _log;

        /// <summary>Creates an empty dispatcher.</summary>
        public CommandDispatcher(ICommandOutput output, ILog log)
        {
            _output = output;
            _log = log;
        }

        /// <summary>Adds a command.</summary>
        public void Register(string upperName, CommandHandler handler)
        {
        }

        /// <summary>Runs the command named text[nameStart..nameStart+nameLength).</summary>
        public void Execute(CommandSource source, string text, int nameStart, int nameLength, string payload)
        {
        }

        /// <summary>Runs a console/backlog line.</summary>
        public void ExecuteLine(CommandSource source, string line)
        {
        }
    }
}
