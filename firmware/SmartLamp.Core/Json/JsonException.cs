namespace SmartLamp.Core.Json
{
    /// <summary>
    /// Malformed JSON text. <see cref="System.Exception.Message"/> is "line L, column C: detail";
    /// the position is 1-based and points at the offending character.
    /// </summary>
    public sealed class JsonException : System.Exception
    {
        /// <summary>Creates the error for <paramref name="detail"/> at the given position.</summary>
        public JsonException(string detail, int line, int column, int offset)
            : base("line " + line.ToString() + ", column " + column.ToString() + ": " + detail)
        {
            Detail = detail;
            Line = line;
            Column = column;
            Offset = offset;
        }

        /// <summary>The message without the position.</summary>
        public string Detail { get; }

        /// <summary>1-based line of the error.</summary>
        public int Line { get; }

        /// <summary>1-based column (in characters) of the error.</summary>
        public int Column { get; }

        /// <summary>0-based character offset of the error.</summary>
        public int Offset { get; }
    }
}
