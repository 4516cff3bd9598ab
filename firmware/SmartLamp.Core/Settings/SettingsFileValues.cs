using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>Reading one value in place where the walk found it: numbers without allocation, strings with their escapes, lists item by item, and the texts problem reports show.</summary>
    public sealed partial class SettingsFileReader
    {
        private static string KindName(string t, int pos)
        {
            char c = t[pos];
            if (c == '"')
            {
                return "string";
            }

            if (c == '[')
            {
                return "array";
            }

            if (c == '{')
            {
                return "object";
            }

            if (c == 't' || c == 'f')
            {
                return "boolean";
            }

            if (c == 'n')
            {
                return "null";
            }

            return "number";
        }

        private static bool IsNumber(string t, int pos)
        {
            char c = t[pos];
            return c == '-' || (c >= '0' && c <= '9');
        }

        // As JsonReader: true for an integer that fits a long, with its value.
        private static bool ReadNumber(string t, int pos, out long value)
        {
            return JsonTokenizer.Integer(t, pos, out value);
        }

        // What a problem shows for a value: the number as written, else the kind name.
        private static string Shown(string t, int pos)
        {
            if (!IsNumber(t, pos))
            {
                return KindName(t, pos);
            }

            return t.Substring(pos, ValueEnd(t, pos) - pos);
        }

        // The decoded string at pos (on its opening quote).
        private string ReadString(string t, int pos)
        {
            JsonTokenizer j = new JsonTokenizer(t, MaxDepth, int.MaxValue);
            j.Seek(pos);
            j.Next();
            return j.Text();
        }

        // Position of the next array item after the value ending at pos, or -1 at ']'.
        private static int NextItem(string t, int pos)
        {
            pos = Chars.SkipSpaces(t, pos, t.Length);
            if (t[pos] == ']')
            {
                return -1;
            }

            return Chars.SkipSpaces(t, pos + 1, t.Length);
        }

        // First item of the array at pos, or -1 when empty.
        private static int FirstItem(string t, int pos)
        {
            pos = Chars.SkipSpaces(t, pos + 1, t.Length);
            return t[pos] == ']' ? -1 : pos;
        }

        private static int CountItems(string t, int pos)
        {
            int n = 0;
            for (int item = FirstItem(t, pos); item >= 0; item = NextItem(t, ValueEnd(t, item)))
            {
                n++;
            }

            return n;
        }
    }
}
