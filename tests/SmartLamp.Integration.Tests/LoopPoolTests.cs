using System.Diagnostics;
using SmartLamp.Core.Loop;
using SmartLamp.Simulator;
using SmartLamp.Simulator.Adapters;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// The fleet's loop pool: many device loops on a few threads, each loop still one thread of control.
/// Every wait is bounded, so a broken pool (a loop run on two threads, a lost wake, a timeout never
/// handed to a thread) fails these tests within seconds instead of hanging the run.
/// </summary>
[TestClass]
public sealed class LoopPoolTests
{
    // How long a test waits for the pool before it fails: far above a healthy pool's time on a busy machine.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    [TestMethod]
    public void Posts_From_Many_Threads_All_Run_And_One_Loop_Never_Runs_On_Two_Threads()
    {
        const int loops = 16;
        const int posters = 8;
        const int postsEach = 2000;
        using var pool = new LoopPool(4);
        var pooled = new PooledLoop[loops];
        var inside = new int[loops];
        var handled = new int[loops];
        int overlaps = 0;
        int notOwner = 0;
        int total = 0;
        int gaveUp = 0;
        var elapsed = Stopwatch.StartNew();
        for (int i = 0; i < loops; i++)
        {
            pooled[i] = pool.NewLoop(new RealClock());
            pooled[i].Release();
        }

        using var allDone = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, posters).Select(p => new Thread(() =>
        {
            for (int n = 0; n < postsEach; n++)
            {
                int which = (p * 7 + n) % loops;
                LoopHandler h = e =>
                {
                    if (Interlocked.Increment(ref inside[which]) != 1)
                    {
                        Interlocked.Increment(ref overlaps);
                    }

                    if (!pooled[which].IsLoopThread)
                    {
                        Interlocked.Increment(ref notOwner); // another thread took the loop over mid-turn
                    }

                    Thread.SpinWait(50);
                    handled[which]++; // unsynchronised on purpose: a second thread in this loop would lose counts
                    Interlocked.Decrement(ref inside[which]);
                    if (Interlocked.Increment(ref total) == posters * postsEach)
                    {
                        allDone.Set();
                    }
                };
                while (!pooled[which].Post("test", h, n, null, null, null))
                {
                    // Inbox full: the loop is behind, post again; a loop nobody runs any more never
                    // makes room, so the poster gives up instead of waiting for ever.
                    if (elapsed.Elapsed > Limit)
                    {
                        Interlocked.Increment(ref gaveUp);
                        return;
                    }

                    Thread.Sleep(1);
                }
            }
        })
        { IsBackground = true }).ToArray();
        foreach (Thread t in threads)
        {
            t.Start();
        }

        foreach (Thread t in threads)
        {
            // A poster gives up at Limit; a few seconds more for it to notice.
            Assert.IsTrue(t.Join(Remaining(elapsed) + TimeSpan.FromSeconds(5)), "a poster is still posting after " + Limit.TotalSeconds + " s");
        }

        Assert.AreEqual(0, gaveUp, "posters found an inbox that stayed full for " + Limit.TotalSeconds + " s (the loop stopped running); handled " + total);
        Assert.IsTrue(allDone.Wait(Remaining(elapsed)), "handled " + total + " of " + (posters * postsEach));
        Assert.AreEqual(0, overlaps, "a loop ran on two threads at once");
        Assert.AreEqual(0, notOwner, "a handler ran while its loop was owned by another thread");
        Assert.AreEqual(posters * postsEach, handled.Sum());
    }

    [TestMethod]
    public void A_Shorter_Timeout_Armed_After_A_Longer_One_Runs_At_Its_Own_Time()
    {
        using var pool = new LoopPool(2);
        PooledLoop loop = pool.NewLoop(new RealClock());
        loop.Release();
        using var ticked = new ManualResetEventSlim();
        long tickAt = 0;
        SmartLamp.Core.Loop.ITimer late = loop.Timeout("late", () => { });
        SmartLamp.Core.Loop.ITimer soon = loop.Timeout("soon", () =>
        {
            tickAt = loop.NowMs;
            ticked.Set();
        });
        loop.Post("arm late", e => late.Start(5000, 0), 0, null, null, null);
        Thread.Sleep(100); // the pool's timer thread now waits for the 5 s timeout
        long armedAt = 0;
        loop.Post("arm soon", e =>
        {
            armedAt = loop.NowMs;
            soon.Start(100, 0);
        }, 0, null, null, null);
        Assert.IsTrue(ticked.Wait(TimeSpan.FromSeconds(4)), "the 100 ms timeout waited for the 5 s one");
        Assert.IsTrue(tickAt - armedAt >= 100, "ran after " + (tickAt - armedAt) + " ms");
        loop.Stop();
    }

    [TestMethod]
    public void A_Timeout_Runs_At_Its_Time_With_Nothing_Posted_And_A_Stopped_Loop_Runs_Nothing()
    {
        using var pool = new LoopPool(2);
        PooledLoop loop = pool.NewLoop(new RealClock());
        using var ticked = new ManualResetEventSlim();
        long armedAt = loop.NowMs;
        long tickAt = 0;
        SmartLamp.Core.Loop.ITimer timer = loop.Timeout("test", () =>
        {
            tickAt = loop.NowMs;
            ticked.Set();
        });
        timer.Start(200, 0);
        loop.Release();
        Assert.IsTrue(ticked.Wait(Limit), "the timeout never ran");
        Assert.IsTrue(tickAt - armedAt >= 200, "ran after " + (tickAt - armedAt) + " ms");

        loop.Stop();
        Assert.IsTrue(loop.WaitStopped(TimeSpan.FromSeconds(5)));
        int ran = 0;
        loop.Post("after stop", e => ran++, 0, null, null, null);
        Thread.Sleep(200);
        Assert.AreEqual(0, ran);
    }

    // What is left of Limit (at least a moment, so a late but finished wait still passes).
    private static TimeSpan Remaining(Stopwatch elapsed)
    {
        TimeSpan left = Limit - elapsed.Elapsed;
        return left > TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100);
    }
}
