// Host-only: gives the shared test sources the nanoFramework.TestFramework names on top of MSTest,
// so one set of test files runs under `dotnet test` here and under the nanoCLR launcher
// (tests/NFUnitTest/NFUnitTest.nfproj, which does not compile this folder).
// Only the members the nanoFramework TestFramework 3.x also has are provided, so a test that
// compiles here compiles there.
using System;
using System.Runtime.CompilerServices;
using MS = Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: MS.Parallelize(Workers = 1, Scope = MS.ExecutionScope.ClassLevel)]

namespace nanoFramework.TestFramework
{
    /// <summary>nanoFramework's [TestClass].</summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class TestClassAttribute : MS.TestClassAttribute
    {
    }

    /// <summary>nanoFramework's [TestMethod].</summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    public sealed class TestMethodAttribute : MS.TestMethodAttribute
    {
        /// <summary>Forwards the caller location MSTest 4 records.</summary>
        public TestMethodAttribute([CallerFilePath] string callerFilePath = "", [CallerLineNumber] int callerLineNumber = -1)
            : base(callerFilePath, callerLineNumber)
        {
        }
    }

    /// <summary>nanoFramework.TestFramework 3.x Assert names, forwarded to MSTest.</summary>
    public static class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(byte expected, byte actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(char expected, char actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(int expected, int actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(uint expected, uint actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(long expected, long actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(ulong expected, ulong actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(short expected, short actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(ushort expected, ushort actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(double expected, double actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(string expected, string actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreEqual(object expected, object actual, string message = "") => MS.Assert.AreEqual(expected, actual, message);
        public static void AreNotEqual(int notExpected, int actual, string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(long notExpected, long actual, string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(string notExpected, string actual, string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void AreNotEqual(object notExpected, object actual, string message = "") => MS.Assert.AreNotEqual(notExpected, actual, message);
        public static void IsTrue(bool condition, string message = "") => MS.Assert.IsTrue(condition, message);
        public static void IsFalse(bool condition, string message = "") => MS.Assert.IsFalse(condition, message);
        public static void IsNull(object value, string message = "") => MS.Assert.IsNull(value, message);
        public static void IsNotNull(object value, string message = "") => MS.Assert.IsNotNull(value, message);
        public static void Contains(string expected, string value, string message = "") => MS.Assert.Contains(expected, value, message);
        public static void DoesNotContains(string expected, string value, string message = "") => MS.Assert.DoesNotContain(expected, value, message);
        public static void StartsWith(string expected, string value, string message = "") => MS.Assert.StartsWith(expected, value, message);
        public static void EndsWith(string expected, string value, string message = "") => MS.Assert.EndsWith(expected, value, message);

        /// <summary>Passes when <paramref name="action"/> throws <paramref name="exception"/> or a subclass (nanoFramework semantics).</summary>
        public static void ThrowsException(Type exception, Action action, string message = "")
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                if (exception.IsInstanceOfType(e))
                {
                    return;
                }

                MS.Assert.Fail($"expected {exception.Name}, got {e.GetType().Name}: {e.Message}. {message}");
            }

            MS.Assert.Fail($"expected {exception.Name}, nothing was thrown. {message}");
        }
    }
}
