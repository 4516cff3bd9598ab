using SmartLamp.Core.Json;

namespace SmartLamp.Core.Settings
{
    /// <summary>The one strict walk over a stored copy, with the JSON tokenizer: checks the grammar and depth, and records where each top-level key and value start.</summary>
    public sealed partial class SettingsFileReader
    {
        // False for anything the tree must decide: malformed text, an escaped or repeated key, a nested object.
        private bool Walk(string t)
        {
            JsonTokenizer j = new JsonTokenizer(t, MaxDepth, int.MaxValue);
            if (j.Next() != JsonTokenizer.ObjectStart)
            {
                return false;
            }

            while (true)
            {
                int kind = j.Next();
                if (kind == JsonTokenizer.End)
                {
                    return true;
                }

                if (kind == JsonTokenizer.Error || kind == JsonTokenizer.ObjectStart || (kind == JsonTokenizer.Key && j.Escaped))
                {
                    return false;
                }

                if (kind != JsonTokenizer.Key)
                {
                    continue;
                }

                int keyStart = j.Start;
                int keyEnd = j.Start + j.Length;
                for (int i = 0; i < _count; i++)
                {
                    if (SameSpan(t, _keyStart[i], _keyEnd[i], keyStart, keyEnd))
                    {
                        return false;
                    }
                }

                kind = j.Next();
                if (kind == JsonTokenizer.Error || kind == JsonTokenizer.ObjectStart)
                {
                    return false;
                }

                Grow();
                _keyStart[_count] = keyStart;
                _keyEnd[_count] = keyEnd;
                _valueStart[_count] = kind == JsonTokenizer.String ? j.Start - 1 : j.Start;
                _count++;
            }
        }

        // The position after the (already checked) value at pos.
        private static int ValueEnd(string t, int pos)
        {
            JsonTokenizer j = new JsonTokenizer(t, MaxDepth, int.MaxValue);
            j.Seek(pos);
            do
            {
                j.Next();
            }
            while (j.Depth > 0 && j.Kind != JsonTokenizer.Error);
            return j.Position;
        }
    }
}
