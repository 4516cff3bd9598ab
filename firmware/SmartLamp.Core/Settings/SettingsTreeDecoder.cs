using System;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Json;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>Decoding a settings tree (the Configurator and fallback path): the schema visitor that reads each value from the tree and names every problem.</summary>
    public static partial class SettingsCodec
    {
        /// <summary>
        /// Applies every member of <paramref name="root"/> (a checked copy) to <paramref name="target"/>,
        /// which must hold the defaults. Returns the number of problems, each appended to
        /// <paramref name="problems"/> as "Key: reason" ("; " between them). Never throws.
        /// </summary>
        public static int Decode(JsonNode root, DeviceSettings target, TextBuffer problems)
        {
            Decoder d = new Decoder(root, problems);
            try
            {
                JsonNode version = root.Get("Version");
                d.Mark("Version");
                d.Mark("Seq");
                d.Mark("Crc32");
                if (version != null && (!version.IsInteger || version.LongValue < 1))
                {
                    d.Add("Version: not a positive integer");
                }
                else if (version != null && version.LongValue > Version)
                {
                    d.Add("Version: " + version.LongValue.ToString() + " is newer than " + Version.ToString());
                }

                SettingsSchema.Visit(target, d);
                for (int i = 0; i < root.Count; i++)
                {
                    if (!d.Known[i])
                    {
                        d.Add(root.KeyAt(i) + ": unknown key ignored");
                    }
                }
            }
            catch (Exception ex)
            {
                d.Add("decode failed: " + ex.Message);
            }

            return d.Count;
        }

        /// <summary>Sets each visited setting from its member, when present and valid.</summary>
        private sealed class Decoder : SettingsVisitor
        {
            public readonly bool[] Known;
            public int Count;
            private readonly JsonNode _root;
            private readonly TextBuffer _problems;

            public Decoder(JsonNode root, TextBuffer problems)
            {
                _root = root;
                _problems = problems;
                Known = new bool[root.Count];
            }

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind != JsonKind.String)
                {
                    Add(key + ": " + n.KindName + ", expected text of " + SettingsRules.Range(minLength, maxLength) + " characters");
                    return;
                }

                string v = n.StringValue;
                string problem = SettingsRules.CheckText(key, v, minLength, maxLength);
                if (problem != null)
                {
                    Add(problem);
                    return;
                }

                field = v;
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                JsonNode n = Find(key);
                if (n != null && IsInteger(key, n, SettingsRules.Range(min, max)))
                {
                    string problem = SettingsRules.CheckInt(key, n.LongValue, min, max);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }

                    field = (int)n.LongValue;
                }
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                JsonNode n = Find(key);
                if (n != null && IsInteger(key, n, "0, " + SettingsRules.Range(min, max)))
                {
                    string problem = SettingsRules.CheckIntOrZero(key, n.LongValue, min, max);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }

                    field = (int)n.LongValue;
                }
            }

            public override void Flag(string key, ref bool field)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind == JsonKind.Boolean)
                {
                    field = n.BoolValue;
                }
                else if (n.IsInteger && (n.LongValue == 0 || n.LongValue == 1))
                {
                    field = n.LongValue == 1;
                }
                else
                {
                    Add(key + ": " + Shown(n) + " not 0 or 1");
                }
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind != JsonKind.Array || n.Count > maxItems)
                {
                    Add(key + ": expected a list of 0.." + maxItems.ToString() + " texts");
                    return;
                }

                string[] items = ArraySlots.Strings(n.Count);
                for (int i = 0; i < items.Length; i++)
                {
                    JsonNode item = n[i];
                    string problem = item.Kind != JsonKind.String ? key + ": item " + (i + 1).ToString() + " is " + item.KindName : SettingsRules.CheckText(key, item.StringValue, 1, maxLength);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }

                    items[i] = item.StringValue;
                }

                field = items;
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                JsonNode n = Find(key);
                if (n == null)
                {
                    return;
                }

                if (n.Kind != JsonKind.Array || n.Count > items.Length)
                {
                    Add(key + ": expected a list of up to " + items.Length.ToString() + " numbers " + SettingsRules.Range(min, max));
                    return;
                }

                for (int i = 0; i < n.Count; i++)
                {
                    JsonNode item = n[i];
                    if (!item.IsInteger)
                    {
                        Add(key + ": item " + (i + 1).ToString() + " is " + Shown(item) + ", expected " + SettingsRules.Range(min, max));
                        return;
                    }

                    string problem = SettingsRules.CheckInt(key, item.LongValue, min, max);
                    if (problem != null)
                    {
                        Add(problem);
                        return;
                    }
                }

                for (int i = 0; i < n.Count; i++)
                {
                    items[i] = (int)n[i].LongValue;
                }
            }

            public void Mark(string key)
            {
                int i = _root.IndexOf(key);
                if (i >= 0)
                {
                    Known[i] = true;
                }
            }

            public void Add(string problem)
            {
                Count++;
                if (_problems.Length > 0)
                {
                    _problems.Append("; ");
                }

                _problems.Append(problem);
            }

            private JsonNode Find(string key)
            {
                int i = _root.IndexOf(key);
                if (i < 0)
                {
                    return null;
                }

                Known[i] = true;
                return _root.ValueAt(i);
            }

            private bool IsInteger(string key, JsonNode n, string range)
            {
                if (n.IsInteger)
                {
                    return true;
                }

                Add(key + ": " + Shown(n) + ", expected a number " + range);
                return false;
            }

            private static string Shown(JsonNode n)
            {
                return n.Kind == JsonKind.Number ? n.NumberText : n.KindName;
            }
        }
    }
}
