// The member of nanoFramework.Runtime.Native 1.7.11 that tests/NFUnitTest.Heap calls, with its real signature
// (static uint GC.Run(bool compactHeap): the free managed heap in bytes after a collection). The body is empty: this file exists
// only so the measurement type-checks against nanoFramework's mscorlib; it is never run (compile-check and
// run-tests use the real library).
namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        public static uint Run(bool compactHeap)
        {
            return 0;
        }
    }
}
