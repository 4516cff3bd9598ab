namespace SmartLamp.Core.Settings
{
    /// <summary>
    /// Walks the settings as <see cref="SettingsSchema.Visit"/> lists them: one call per stored key,
    /// with the field by reference and its allowed range. The JSON encoder, the JSON decoder, the v1
    /// migration and the validator are visitors, so a setting is described in exactly one line.
    /// </summary>
    public abstract class SettingsVisitor
    {
        /// <summary>A string of <paramref name="minLength"/>..<paramref name="maxLength"/> characters without control characters.</summary>
        public abstract void Text(string key, ref string field, int minLength, int maxLength);

        /// <summary>An integer in <paramref name="min"/>..<paramref name="max"/>.</summary>
        public abstract void Int(string key, ref int field, int min, int max);

        /// <summary>0, or an integer in <paramref name="min"/>..<paramref name="max"/> (e.g. TelePeriod 0 or 10..3600).</summary>
        public abstract void IntOrZero(string key, ref int field, int min, int max);

        /// <summary>An on/off option, stored as 0/1 (true/false are read too).</summary>
        public abstract void Flag(string key, ref bool field);

        /// <summary>
        /// A list of 0..<paramref name="maxItems"/> strings, each 1..<paramref name="maxLength"/> characters
        /// without control characters (e.g. subscriptions). The field is replaced by a new array.
        /// </summary>
        public abstract void TextList(string key, ref string[] field, int maxItems, int maxLength);

        /// <summary>
        /// A fixed number of integers (e.g. one per relay), each in <paramref name="min"/>..<paramref name="max"/>;
        /// <paramref name="items"/> keeps its length; a stored array may be shorter (the rest keep their value).
        /// </summary>
        public abstract void IntArray(string key, int[] items, int min, int max);
    }
}
