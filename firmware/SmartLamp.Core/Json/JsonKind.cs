namespace SmartLamp.Core.Json
{
    /// <summary>What a <see cref="JsonNode"/> holds. Use <see cref="JsonNode.KindName"/> for text (Enum.ToString prints a number on nanoFramework).</summary>
    public enum JsonKind
    {
        /// <summary>The literal null.</summary>
        Null = 0,
        /// <summary>true or false.</summary>
        Boolean = 1,
        /// <summary>A number (integer or with fraction/exponent).</summary>
        Number = 2,
        /// <summary>A string.</summary>
        String = 3,
        /// <summary>An array of values.</summary>
        Array = 4,
        /// <summary>An object: ordered, unique member names.</summary>
        Object = 5,
    }
}
