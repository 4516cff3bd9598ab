using SmartLamp.Bench;
using SmartLamp.Boards.Host;
using SmartLamp.Core.Boards;

namespace SmartLamp.Host.Tests;

/// <summary>
/// The bench's allocation measurements (GC.GetAllocatedBytesForCurrentThread, one thread, virtual
/// time: no timing involved) kept as a regression check: the core with the real log path (the core's
/// line formatting into its reused buffer, and the web console's ring, which copies each line into
/// its one character buffer) allocates nothing per Power command, and a boot and what a booted device
/// keeps stay within bounds.
/// </summary>
[TestClass]
public sealed class AllocationTests
{
    /// <summary>Boot to the first state publish, empty flash (today 44,256 B on the host; the goal is 16 KB).</summary>
    private const long BootBound = 48 * 1024;

    /// <summary>Managed heap a booted, connected device keeps, core and bench doubles (today about 40 KB on the host, 9.4 KB of it the in-memory flash double).</summary>
    private const double RetainedBound = 44 * 1024;

    [TestMethod]
    public void The_Log_Path_Adds_Nothing_Per_Power_Command()
    {
        BoardProfile board = BoardProfileFiles.Load("default");
        AllocationBench.MeasureCommands(board, 3000, fake: false);
        AllocationBench.MeasureCommands(board, 3000, fake: false, nullLog: true);

        double real = AllocationBench.MeasureCommands(board, 2000, fake: false);
        double nullLog = AllocationBench.MeasureCommands(board, 2000, fake: false, nullLog: true);

        Assert.AreEqual(0.0, real - nullLog, 0.01, "bytes per Power command the real log path adds over a do-nothing log port");
        Assert.AreEqual(0.0, real, 0.01, "bytes per Power command with the real log path and the web console's ring");
    }

    [TestMethod]
    public void A_Boot_To_The_First_State_Publish_Stays_Bounded()
    {
        BoardProfile board = BoardProfileFiles.Load("default");
        AllocationBench.MeasureBoot(board, false, out _);
        long bytes = AllocationBench.MeasureBoot(board, false, out string first);

        StringAssert.StartsWith(first, "stat/");
        Assert.IsTrue(bytes > 0 && bytes <= BootBound, "boot allocation " + bytes + " B, bound " + BootBound + " B");
    }

    [TestMethod]
    [DoNotParallelize] // the heap is the process's: nothing else may allocate meanwhile
    public void Each_Booted_Device_Keeps_A_Bounded_Heap()
    {
        BoardProfile board = BoardProfileFiles.Load("default");
        AllocationBench.MeasureRetainedPerDevice(board, 10);
        double bytes = AllocationBench.MeasureRetainedPerDevice(board, 100);

        Assert.IsTrue(bytes > 0 && bytes <= RetainedBound, "retained per device " + bytes.ToString("0") + " B, bound " + RetainedBound + " B");
    }
}
