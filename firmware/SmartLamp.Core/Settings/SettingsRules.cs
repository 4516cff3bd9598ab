using SmartLamp.Core.Text;

namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// The allowed ranges of <see cref="SettingsSchema"/> as checks that name the field and the range
    /// ("MqttPort: 70000 not in 1..65535"). Used by the decoder for every stored value and by
    /// <see cref="Validate"/> for a whole <see cref="DeviceSettings"/>; commands may call the single checks.
    /// </summary>
    public static class SettingsRules
    {
        /// <summary>null when <paramref name="value"/> is valid text for <paramref name="key"/>, else the problem.</summary>
        public static string CheckText(string key, string value, int minLength, int maxLength)
        {
            if (value == null)
            {
                return key + ": missing, allowed " + Range(minLength, maxLength) + " characters";
            }

            if (value.Length < minLength || value.Length > maxLength)
            {
                return key + ": " + value.Length.ToString() + " characters, allowed " + Range(minLength, maxLength);
            }

            if (!SettingsCodec.IsCleanText(value, maxLength))
            {
                return key + ": control character, non-character or lone surrogate not allowed";
            }

            if (IsTopicPart(key) && (value.IndexOf('+') >= 0 || value.IndexOf('#') >= 0))
            {
                return key + ": the MQTT wildcards '+' and '#' are not allowed";
            }

            return null;
        }

        /// <summary>True for the settings that become part of a topic or the client id (their commands replace '+' and '#').</summary>
        public static bool IsTopicPart(string key)
        {
            return key == "Topic" || key == "GroupTopic" || key == "FullTopic" || key == "MqttClient" || key == "ButtonTopic"
                || key == "Prefix1" || key == "Prefix2" || key == "Prefix3";
        }

        /// <summary>null when <paramref name="value"/> is in <paramref name="min"/>..<paramref name="max"/>, else the problem.</summary>
        public static string CheckInt(string key, long value, int min, int max)
        {
            if (value < min || value > max)
            {
                return key + ": " + value.ToString() + " not in " + Range(min, max);
            }

            return null;
        }

        /// <summary>null when <paramref name="value"/> is 0 or in <paramref name="min"/>..<paramref name="max"/>, else the problem.</summary>
        public static string CheckIntOrZero(string key, long value, int min, int max)
        {
            if (value != 0 && (value < min || value > max))
            {
                return key + ": " + value.ToString() + " not in 0, " + Range(min, max);
            }

            return null;
        }

        /// <summary>"min..max".</summary>
        public static string Range(int min, int max)
        {
            return min.ToString() + ".." + max.ToString();
        }

        /// <summary>
        /// null when the schema (<see cref="SettingsSchema"/>) accepts <paramref name="value"/> for the
        /// integer setting <paramref name="key"/>, else the named problem ("MqttRetry: 5 not in 10..32000").
        /// Commands use it so the range lives in the schema line only.
        /// </summary>
        public static string CheckValue(DeviceSettings s, string key, long value)
        {
            KeyCheck k = new KeyCheck();
            k.Key = key;
            k.Value = value;
            k.Problem = key + ": not a numeric setting";
            SettingsSchema.Visit(s, k);
            return k.Problem;
        }

        /// <summary>Every problem of <paramref name="s"/> joined by "; ", or null when all values are in range.</summary>
        public static string Validate(DeviceSettings s)
        {
            Validator v = new Validator();
            SettingsSchema.Visit(s, v);
            return v.Problems.Length == 0 ? null : v.Problems.ToString();
        }

        private sealed class KeyCheck : SettingsVisitor
        {
            public string Key;
            public long Value;
            public string Problem;

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                if (key == Key)
                {
                    Problem = CheckInt(key, Value, min, max);
                }
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                if (key == Key)
                {
                    Problem = CheckIntOrZero(key, Value, min, max);
                }
            }

            public override void Flag(string key, ref bool field)
            {
                if (key == Key)
                {
                    Problem = Value == 0 || Value == 1 ? null : key + ": " + Value.ToString() + " not 0 or 1";
                }
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                if (key == Key)
                {
                    Problem = CheckInt(key, Value, min, max);
                }
            }
        }

        private sealed class Validator : SettingsVisitor
        {
            public readonly TextBuffer Problems = new TextBuffer(64);

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                Add(CheckText(key, field, minLength, maxLength));
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                Add(CheckInt(key, field, min, max));
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                Add(CheckIntOrZero(key, field, min, max));
            }

            public override void Flag(string key, ref bool field)
            {
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                if (field == null)
                {
                    return;
                }

                if (field.Length > maxItems)
                {
                    Add(key + ": " + field.Length.ToString() + " items, allowed 0.." + maxItems.ToString());
                    return;
                }

                for (int i = 0; i < field.Length; i++)
                {
                    Add(CheckText(key, field[i], 1, maxLength));
                }
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                for (int i = 0; items != null && i < items.Length; i++)
                {
                    Add(CheckInt(key, items[i], min, max));
                }
            }

            private void Add(string problem)
            {
                if (problem == null)
                {
                    return;
                }

                if (Problems.Length > 0)
                {
                    Problems.Append("; ");
                }

                Problems.Append(problem);
            }
        }
    }
}
