using System;

namespace SmartLamp.Core.Text
{
    /// <summary>
    /// Argument checks for constructors and registrations that cannot work without a collaborator
    /// (nanoFramework's mscorlib has no <c>ArgumentNullException.ThrowIfNull</c>).
    /// </summary>
    public static class Require
    {
        /// <summary>Throws <see cref="ArgumentNullException"/> naming <paramref name="name"/> when <paramref name="value"/> is null.</summary>
        public static void NotNull(object value, string name)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
        }
    }
}
