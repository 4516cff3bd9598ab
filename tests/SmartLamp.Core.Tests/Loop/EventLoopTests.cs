using System.Threading;
using nanoFramework.TestFramework;
using SmartLamp.Core.Loop;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;
using ITimer = SmartLamp.Core.Loop.ITimer;

namespace SmartLamp.Core.Tests.Loop
{
    /// <summary>The core's event loop: named timeouts in due order, the inbox, failures that are logged and survived.</summary>
    [TestClass]
    public class EventLoopTests
    {
        /// <summary>Appends a mark to a shared text each time it runs.</summary>
        private sealed class Recorder
        {
            public string Text = string.Empty;
            public VirtualClock Clock;
            public ITimer Rearmed;
            public int Count;

            public void A()
            {
                Text += "A@" + Clock.NowMs + " ";
            }

            public void B()
            {
                Text += "B@" + Clock.NowMs + " ";
            }

            public void C()
            {
                Text += "C@" + Clock.NowMs + " ";
            }

            public void Boom()
            {
                throw new System.InvalidOperationException("boom");
            }

            public void Again()
            {
                Count++;
                Text += "R@" + Clock.NowMs + " ";
                if (Count < 3)
                {
                    Rearmed.Start(100, 0);
                }
            }

            public void Event(LoopEvent e)
            {
                Text += e.Text + "=" + e.Text2 + "/" + e.Number + " ";
            }

            public void Throwing(LoopEvent e)
            {
                throw new System.InvalidOperationException("bad " + e.Text);
            }
        }

        private static Recorder NewRecorder(VirtualClock clock)
        {
            Recorder r = new Recorder();
            r.Clock = clock;
            return r;
        }

        [TestMethod]
        public void Timeouts_Run_In_Order_Of_Due_Time_Then_Creation()
        {
            VirtualClock clock = new VirtualClock();
            Recorder r = NewRecorder(clock);
            ITimer a = clock.Timeout("a", r.A);
            ITimer b = clock.Timeout("b", r.B);
            ITimer c = clock.Timeout("c", r.C);
            c.Start(50, 0);
            a.Start(300, 0);
            b.Start(50, 0);

            clock.Advance(1000);

            Assert.AreEqual("B@50 C@50 A@300 ", r.Text);
            Assert.AreEqual(0, clock.RunningTimers);
        }

        [TestMethod]
        public void A_Periodic_Timeout_Ticks_On_Its_Schedule_And_Stop_Before_Due_Means_Never()
        {
            VirtualClock clock = new VirtualClock();
            Recorder r = NewRecorder(clock);
            ITimer a = clock.Timeout("a", r.A);
            ITimer b = clock.Timeout("b", r.B);
            a.Start(100, 250);
            b.Start(200, 0);
            clock.Advance(150);
            b.Stop();
            Assert.IsFalse(b.IsRunning);

            clock.Advance(450);

            Assert.AreEqual("A@100 A@350 A@600 ", r.Text);
            Assert.IsTrue(a.IsRunning);
        }

        [TestMethod]
        public void A_Timeout_Rearmed_From_Its_Own_Tick_Runs_Again()
        {
            VirtualClock clock = new VirtualClock();
            Recorder r = NewRecorder(clock);
            r.Rearmed = clock.Timeout("again", r.Again);
            r.Rearmed.Start(10, 0);

            clock.Advance(1000);

            Assert.AreEqual("R@10 R@110 R@210 ", r.Text);
            Assert.IsFalse(r.Rearmed.IsRunning);
        }

        [TestMethod]
        public void A_Failing_Tick_Or_Handler_Is_Logged_With_Its_Name_And_The_Loop_Goes_On()
        {
            VirtualClock clock = new VirtualClock();
            RecordingLog log = new RecordingLog();
            clock.ReportTo(log);
            Recorder r = NewRecorder(clock);
            clock.Timeout("Blink", r.Boom).Start(10, 0);
            clock.Timeout("a", r.A).Start(20, 0);

            clock.Advance(100);
            clock.Post("MQTT message", r.Throwing, 0, "x", null, null);
            clock.Post("ok", r.Event, 7, "t", "p", null);

            Assert.IsTrue(log.Contains("APP: Blink failed: InvalidOperationException: boom"));
            Assert.IsTrue(log.Contains("APP: MQTT message failed: InvalidOperationException: bad x"));
            Assert.AreEqual("A@20 t=p/7 ", r.Text);
        }

        [TestMethod]
        public void A_Post_From_Another_Thread_Waits_For_The_Loop_And_Keeps_Its_Values()
        {
            VirtualClock clock = new VirtualClock();
            Recorder r = NewRecorder(clock);
            Poster p = new Poster();
            p.Clock = clock;
            p.Handler = r.Event;
            Thread t = new Thread(p.Run);
            t.Start();
            t.Join();

            Assert.AreEqual(string.Empty, r.Text, "handled on the poster's thread");
            clock.Advance(0);
            Assert.AreEqual("topic0=payload/0 topic1=payload/1 topic2=payload/2 ", r.Text);
        }

        [TestMethod]
        public void Posts_Beyond_The_First_Slots_Keep_Their_Order()
        {
            VirtualClock clock = new VirtualClock();
            Recorder r = NewRecorder(clock);
            Poster p = new Poster();
            p.Clock = clock;
            p.Handler = r.Event;
            p.Count = 40;
            Thread t = new Thread(p.Run);
            t.Start();
            t.Join();

            clock.Advance(0);

            Assert.IsTrue(r.Text.IndexOf("topic0=payload/0 topic1=") == 0);
            Assert.IsTrue(r.Text.IndexOf("topic38=payload/38 topic39=payload/39 ") > 0);
            Assert.AreEqual(0, clock.Dropped);
        }

        [TestMethod]
        public void Run_Sleeps_Until_A_Post_Wakes_It_And_Handles_It_On_Its_Own_Thread()
        {
            Runner runner = new Runner();
            Thread t = new Thread(runner.Run);
            t.Start();
            Assert.IsTrue(runner.Ready.WaitOne(5000, false));
            EventLoop loop = runner.Loop;
            Assert.IsFalse(loop.IsLoopThread);
            Recorder r = new Recorder();
            r.Clock = new VirtualClock();

            Assert.IsTrue(loop.Post("e", r.Event, 1, "a", "b", null));
            for (int i = 0; i < 200 && r.Text.Length == 0; i++)
            {
                Thread.Sleep(10);
            }

            loop.Stop();
            t.Join();
            Assert.AreEqual("a=b/1 ", r.Text);
        }

        private sealed class Poster
        {
            public EventLoop Clock;
            public LoopHandler Handler;
            public int Count = 3;

            public void Run()
            {
                for (int i = 0; i < Count; i++)
                {
                    Clock.Post("e", Handler, i, "topic" + i, "payload", null);
                }
            }
        }

        private sealed class Runner
        {
            public readonly ManualResetEvent Ready = new ManualResetEvent(false);
            public EventLoop Loop;

            public void Run()
            {
                Loop = new EventLoop(new VirtualClock()); // made here: this thread owns it
                Ready.Set();
                Loop.Run();
            }
        }
    }
}
