using SmartLamp.Core.Text;

namespace SmartLamp.Core.Json
{
    /// <summary>
    /// Reads one member of a JSON object by its key path, with the tokenizer: no tree, no exception,
    /// nothing allocated but the value found. What rule triggers and keyed subscriptions need on every
    /// message; a document that is not a valid JSON object gives null, like a failed parse did.
    /// </summary>
    public static class JsonPath
    {
        /// <summary>
        /// The scalar at path[start, end) in <paramref name="json"/>, as Tasmota's getStr gives it (the
        /// string, the number as written, true/false; null for objects, arrays, null, absent members and
        /// malformed documents). The path's parts are split at <paramref name="separator"/>, at most
        /// <paramref name="maxParts"/> of them (the last part keeps any further separators); names match
        /// without case, the first match wins.
        /// </summary>
        public static string Scalar(string json, int maxDepth, int maxLength, string path, int start, int end, char separator, int maxParts)
        {
            if (json == null || start >= end)
            {
                return null;
            }

            JsonTokenizer t = new JsonTokenizer(json, maxDepth, maxLength);
            if (t.Next() != JsonTokenizer.ObjectStart)
            {
                return null;
            }

            int level = 1; // depth of the keys the current part is looked for at
            int partEnd = PartEnd(path, start, end, separator, maxParts);
            int found = -1;
            int foundStart = 0;
            int foundLength = 0;
            string decoded = null;
            while (true)
            {
                int kind = t.Next();
                if (kind == JsonTokenizer.Error)
                {
                    return null;
                }

                if (kind == JsonTokenizer.End)
                {
                    break;
                }

                if (found >= 0)
                {
                    continue; // validate the rest: a malformed document gives null
                }

                if (t.Depth < level)
                {
                    return null; // the object closed without the member
                }

                if (kind != JsonTokenizer.Key || t.Depth != level || !t.TextEqualsIgnoreCase(path, start, partEnd))
                {
                    continue;
                }

                int value = t.Next();
                if (partEnd < end)
                {
                    if (value != JsonTokenizer.ObjectStart)
                    {
                        return null;
                    }

                    level++;
                    maxParts--;
                    start = partEnd + 1;
                    partEnd = PartEnd(path, start, end, separator, maxParts);
                    continue;
                }

                if (value < JsonTokenizer.String || value > JsonTokenizer.False)
                {
                    return null; // object, array, null or error
                }

                found = value;
                foundStart = t.Start;
                foundLength = t.Length;
                if (value == JsonTokenizer.String && t.Escaped)
                {
                    decoded = t.Text();
                }
            }

            switch (found)
            {
                case JsonTokenizer.True:
                    return "true";
                case JsonTokenizer.False:
                    return "false";
                default:
                    return decoded != null ? decoded : json.Substring(foundStart, foundLength);
            }
        }

        private static int PartEnd(string path, int start, int end, char separator, int maxParts)
        {
            if (maxParts <= 1)
            {
                return end;
            }

            int at = Chars.IndexOf(path, start, end, separator);
            return at < 0 ? end : at;
        }
    }
}
