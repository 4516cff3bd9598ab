using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>The schema visitor that fills the settings from the values the walk found, with the same problem reports as the tree decoder.</summary>
    public sealed partial class SettingsFileReader
    {
        /// <summary>Sets each visited setting from its member, when present and valid (messages as SettingsCodec's tree decoder).</summary>
        private sealed class StreamDecoder : SettingsVisitor
        {
            private readonly SettingsFileReader _r;

            public StreamDecoder(SettingsFileReader reader)
            {
                _r = reader;
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                if (t[p] != '"')
                {
                    _r.Add(key + ": " + KindName(t, p) + ", expected text of " + SettingsRules.Range(minLength, maxLength) + " characters");
                    return;
                }

                string v = _r.ReadString(t, p);
                string problem = SettingsRules.CheckText(key, v, minLength, maxLength);
                if (problem != null)
                {
                    _r.Add(problem);
                    return;
                }

                field = v;
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                ReadInt(key, ref field, min, max, false);
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                ReadInt(key, ref field, min, max, true);
            }

            private void ReadInt(string key, ref int field, int min, int max, bool orZero)
            {
                string t = _r._text;
                int p = _r.Find(key);
                long value;
                if (p >= 0 && IsInteger(key, t, p, min, max, orZero, out value))
                {
                    string problem = orZero ? SettingsRules.CheckIntOrZero(key, value, min, max) : SettingsRules.CheckInt(key, value, min, max);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    field = (int)value;
                }
            }

            public override void Flag(string key, ref bool field)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                long value;
                if (t[p] == 't' || t[p] == 'f')
                {
                    field = t[p] == 't';
                }
                else if (ReadNumber(t, p, out value) && (value == 0 || value == 1))
                {
                    field = value == 1;
                }
                else
                {
                    _r.Add(key + ": " + Shown(t, p) + " not 0 or 1");
                }
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                if (t[p] != '[' || CountItems(t, p) > maxItems)
                {
                    _r.Add(key + ": expected a list of 0.." + maxItems.ToString() + " texts");
                    return;
                }

                string[] items = ArraySlots.Strings(CountItems(t, p));
                int item = FirstItem(t, p);
                for (int i = 0; i < items.Length; i++)
                {
                    string value = t[item] == '"' ? _r.ReadString(t, item) : null;
                    string problem = value == null ? key + ": item " + (i + 1).ToString() + " is " + KindName(t, item) : SettingsRules.CheckText(key, value, 1, maxLength);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    items[i] = value;
                    item = NextItem(t, ValueEnd(t, item));
                }

                field = items;
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                string t = _r._text;
                int p = _r.Find(key);
                if (p < 0)
                {
                    return;
                }

                int count = t[p] == '[' ? CountItems(t, p) : 0;
                if (t[p] != '[' || count > items.Length)
                {
                    _r.Add(key + ": expected a list of up to " + items.Length.ToString() + " numbers " + SettingsRules.Range(min, max));
                    return;
                }

                long value;
                int item = FirstItem(t, p);
                for (int i = 0; i < count; i++)
                {
                    if (!ReadNumber(t, item, out value))
                    {
                        _r.Add(key + ": item " + (i + 1).ToString() + " is " + Shown(t, item) + ", expected " + SettingsRules.Range(min, max));
                        return;
                    }

                    string problem = SettingsRules.CheckInt(key, value, min, max);
                    if (problem != null)
                    {
                        _r.Add(problem);
                        return;
                    }

                    item = NextItem(t, ValueEnd(t, item));
                }

                item = FirstItem(t, p);
                for (int i = 0; i < count; i++)
                {
                    ReadNumber(t, item, out value);
                    items[i] = (int)value;
                    item = NextItem(t, ValueEnd(t, item));
                }
            }

            private bool IsInteger(string key, string t, int p, int min, int max, bool orZero, out long value)
            {
                if (ReadNumber(t, p, out value))
                {
                    return true;
                }

                _r.Add(key + ": " + Shown(t, p) + ", expected a number " + (orZero ? "0, " : string.Empty) + SettingsRules.Range(min, max));
                return false;
            }
        }
    }
}
