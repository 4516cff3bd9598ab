namespace SmartLamp.Core.Commands
{
    /// <summary>Writes keys into the object currently open in <paramref name="r"/> (a section another capability contributes, e.g. Status 7).</summary>
    public delegate void ResponseWriter(CommandResponse r);
}
