namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// Runs one command. Write the answer into <paramref name="response"/>; leave it empty to answer
    /// {"Command":"Error"} (Tasmota's preset response, e.g. for a bad index).
    /// </summary>
    public delegate void CommandHandler(CommandRequest request, CommandResponse response);
}
