namespace SmartLamp.Core.Commands
{
    /// <summary>
    /// A capability's SetOption&lt;n&gt; handler (see ConfigCommands.AddSetOptions): answers and returns true
    /// when it owns option <c>request.Index</c>, returns false (touching nothing) otherwise.
    /// </summary>
    public delegate bool SetOptionHandler(CommandRequest request, CommandResponse response);
}
