namespace SmartLamp.Core.Boards
{
    /// <summary>
    /// A board profile that cannot be used. The message always starts with the profile's source
    /// (usually its file path) and, for semantic errors, the JSON field path:
    /// "hardware/x.json: relays[1].pin: GPIO34 is input-only and cannot drive a relay".
    /// Malformed JSON reads "hardware/x.json: line 3, column 7: ...".
    /// </summary>
    public sealed class BoardProfileException : System.Exception
    {
        /// <summary>Creates the error.</summary>
        public BoardProfileException(string source, string fieldPath, string detail)
            : base(Compose(source, fieldPath, detail))
        {
            SourceName = Normalize(source);
            FieldPath = fieldPath == null ? string.Empty : fieldPath;
            Detail = detail;
        }

        /// <summary>Creates the error with its cause (e.g. a <see cref="Json.JsonException"/>).</summary>
        public BoardProfileException(string source, string fieldPath, string detail, System.Exception inner)
            : base(Compose(source, fieldPath, detail), inner)
        {
            SourceName = Normalize(source);
            FieldPath = fieldPath == null ? string.Empty : fieldPath;
            Detail = detail;
        }

        /// <summary>Where the profile came from (file path), as passed to the parser.</summary>
        public string SourceName { get; }

        /// <summary>JSON path of the offending field, e.g. "relays[1].pin"; "" for document-level errors.</summary>
        public string FieldPath { get; }

        /// <summary>The message without source and path.</summary>
        public string Detail { get; }

        private static string Normalize(string source)
        {
            return source == null || source.Length == 0 ? "<board profile>" : source;
        }

        private static string Compose(string source, string fieldPath, string detail)
        {
            string prefix = Normalize(source) + ": ";
            if (fieldPath != null && fieldPath.Length > 0)
            {
                prefix = prefix + fieldPath + ": ";
            }

            return prefix + detail;
        }
    }
}
