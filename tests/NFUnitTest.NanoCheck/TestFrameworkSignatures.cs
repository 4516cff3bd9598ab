// Signatures of nanoFramework.TestFramework 3.x (namespace nanoFramework.TestFramework), as listed in
// shared/reference/nanoframework-api.md §6.2 and §12. Bodies are empty: this file exists only so the
// shared tests can be type-checked against nanoFramework's mscorlib; it is never run.
using System;

namespace nanoFramework.TestFramework
{
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute { }

    [AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
    public sealed class DataRowAttribute : Attribute
    {
        public DataRowAttribute(params object[] methodParameters) { }
    }

    public class SkipTestException : Exception
    {
        public SkipTestException(string message = null, Exception inner = null) { }
    }

    public static class Assert
    {
        public static void AreEqual(bool expected, bool actual, string message = "") { }
        public static void AreEqual(byte expected, byte actual, string message = "") { }
        public static void AreEqual(char expected, char actual, string message = "") { }
        public static void AreEqual(DateTime expected, DateTime actual, string message = "") { }
        public static void AreEqual(double expected, double actual, string message = "") { }
        public static void AreEqual(float expected, float actual, string message = "") { }
        public static void AreEqual(int expected, int actual, string message = "") { }
        public static void AreEqual(long expected, long actual, string message = "") { }
        public static void AreEqual(object expected, object actual, string message = "") { }
        public static void AreEqual(sbyte expected, sbyte actual, string message = "") { }
        public static void AreEqual(short expected, short actual, string message = "") { }
        public static void AreEqual(string expected, string actual, string message = "") { }
        public static void AreEqual(uint expected, uint actual, string message = "") { }
        public static void AreEqual(ulong expected, ulong actual, string message = "") { }
        public static void AreEqual(ushort expected, ushort actual, string message = "") { }
        public static void AreNotEqual(bool notExpected, bool actual, string message = "") { }
        public static void AreNotEqual(byte notExpected, byte actual, string message = "") { }
        public static void AreNotEqual(char notExpected, char actual, string message = "") { }
        public static void AreNotEqual(DateTime notExpected, DateTime actual, string message = "") { }
        public static void AreNotEqual(double notExpected, double actual, string message = "") { }
        public static void AreNotEqual(float notExpected, float actual, string message = "") { }
        public static void AreNotEqual(int notExpected, int actual, string message = "") { }
        public static void AreNotEqual(long notExpected, long actual, string message = "") { }
        public static void AreNotEqual(object notExpected, object actual, string message = "") { }
        public static void AreNotEqual(sbyte notExpected, sbyte actual, string message = "") { }
        public static void AreNotEqual(short notExpected, short actual, string message = "") { }
        public static void AreNotEqual(string notExpected, string actual, string message = "") { }
        public static void AreNotEqual(uint notExpected, uint actual, string message = "") { }
        public static void AreNotEqual(ulong notExpected, ulong actual, string message = "") { }
        public static void AreNotEqual(ushort notExpected, ushort actual, string message = "") { }
        public static void AreSame(object expected, object actual, string message = "") { }
        public static void AreNotSame(object notExpected, object actual, string message = "") { }
        public static void Contains(string expected, string value, string message = "") { }
        public static void DoesNotContains(string expected, string value, string message = "") { }
        public static void StartsWith(string expected, string value, string message = "") { }
        public static void EndsWith(string expected, string value, string message = "") { }
        public static void IsTrue(bool condition, string message = "") { }
        public static void IsFalse(bool condition, string message = "") { }
        public static void IsNull(object value, string message = "") { }
        public static void IsNotNull(object value, string message = "") { }
        public static void IsInstanceOfType(object value, Type expectedType, string message = "") { }
        public static void IsNotInstanceOfType(object value, Type wrongType, string message = "") { }
        public static void SkipTest(string message = "") { }
        public static void ThrowsException(Type exception, Action action, string message = "") { }
    }
}
