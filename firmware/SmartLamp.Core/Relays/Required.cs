using System;

namespace SmartLamp.Core.Relays
{
    /// <summary>The relay classes' constructor argument checks.</summary>
    internal static class Required
    {
        /// <summary>Throws <see cref="ArgumentNullException"/> naming <paramref name="name"/> when <paramref name="value"/> is null.</summary>
        internal static void NotNull(object value, string name)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
        }
    }
}
