using System;
using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Text
{
    /// <summary>The one argument check the constructors share, directly and through two of its callers.</summary>
    [TestClass]
    public class RequireTests
    {
        [TestMethod]
        public void NotNull_Throws_For_Null_Only()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => Require.NotNull(null, "value"));
            Require.NotNull("x", "value"); // must not throw
            Require.NotNull(new object(), "value");
        }

        [TestMethod]
        public void Journal_And_Schema_Commands_Refuse_A_Missing_Collaborator()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => new SettingsJournal(null));
            Assert.ThrowsException(typeof(ArgumentNullException), () => new SchemaCommands(null));
        }
    }
}
