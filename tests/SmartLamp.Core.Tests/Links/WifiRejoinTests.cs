using nanoFramework.TestFramework;
using SmartLamp.Core.Network;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>Wi-Fi join and rejoin policy (Network/WifiRejoin) on virtual time with a scripted link.</summary>
    [TestClass]
    public class WifiRejoinTests
    {
        private static WifiRejoin Started(VirtualClock clock, SimNetworkLink net, string ssid2)
        {
            WifiRejoin r = new WifiRejoin(net, clock, null);
            r.Configure("home", "secret", ssid2, ssid2 == null ? null : "secret2", false);
            r.Start();
            return r;
        }

        // Fails the running join and returns the wait until the next one, in virtual ms.
        private static long FailAndMeasure(VirtualClock clock, SimNetworkLink net, WifiRejoin r)
        {
            int joins = net.JoinCalls;
            r.OnJoinFailed();
            long waited = 0;
            while (net.JoinCalls == joins && waited < 3600000)
            {
                clock.Advance(1000);
                waited += 1000;
            }

            return waited;
        }

        [TestMethod]
        public void Joins_At_Once_At_Start_And_Retries_5_S_After_The_First_Failure()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, null);
            Assert.AreEqual(1, net.JoinCalls, "the first join at start");
            Assert.AreEqual(1, net.LastJoinSlot);

            r.OnJoinFailed();
            clock.Advance(4999);
            Assert.AreEqual(1, net.JoinCalls, "no retry before 5 s");
            clock.Advance(1);
            Assert.AreEqual(2, net.JoinCalls, "first retry after 5 s");
        }

        [TestMethod]
        public void The_Wait_Doubles_After_Each_Failure_Up_To_5_Minutes()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, null);
            long[] expected = new long[] { 5000, 10000, 20000, 40000, 80000, 160000, 300000, 300000 };
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], FailAndMeasure(clock, net, r), "wait after failure " + (i + 1).ToString());
            }
        }

        [TestMethod]
        public void Success_Resets_The_Backoff_And_A_Loss_Rejoins_At_Once()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, null);
            FailAndMeasure(clock, net, r);
            FailAndMeasure(clock, net, r);
            Assert.AreEqual(2, r.Failures);

            net.Up();
            r.OnUp();
            Assert.AreEqual(0, r.Failures, "up resets the count");
            net.Down();
            int joins = net.JoinCalls;
            r.OnDown();
            Assert.AreEqual(joins + 1, net.JoinCalls, "a loss joins again at once");
            Assert.AreEqual(5000, FailAndMeasure(clock, net, r), "and the backoff starts over at 5 s");
        }

        [TestMethod]
        public void An_Unanswered_Join_Counts_As_Failed()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, null);
            clock.Advance(WifiRejoin.JoinTimeoutMs);
            Assert.AreEqual(1, r.Failures);
            clock.Advance(WifiRejoin.FirstRetryMs);
            Assert.AreEqual(2, net.JoinCalls);
        }

        [TestMethod]
        public void Two_Ssids_Alternate_After_Each_Failure()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, "backup");
            Assert.AreEqual(1, net.LastJoinSlot);
            FailAndMeasure(clock, net, r);
            Assert.AreEqual(2, net.LastJoinSlot);
            FailAndMeasure(clock, net, r);
            Assert.AreEqual(1, net.LastJoinSlot);
        }

        [TestMethod]
        public void After_Stop_Nothing_Joins_Again()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, null);
            r.OnJoinFailed();
            r.Stop();
            clock.Advance(3600000);
            r.OnDown();
            r.OnJoinFailed();
            r.Restart();
            clock.Advance(3600000);
            Assert.AreEqual(1, net.JoinCalls);
            Assert.AreEqual(0, net.LeaveCalls);
        }

        [TestMethod]
        public void New_Credentials_And_A_Watchdog_Recovery_Leave_And_Join_At_Once_With_A_Fresh_Backoff()
        {
            VirtualClock clock = new VirtualClock();
            SimNetworkLink net = new SimNetworkLink("AABBCCDDEEFF");
            WifiRejoin r = Started(clock, net, null);
            FailAndMeasure(clock, net, r);
            FailAndMeasure(clock, net, r);

            r.Configure("other", "pw", null, null, true);
            Assert.AreEqual(1, net.LeaveCalls);
            Assert.AreEqual(4, net.JoinCalls);
            Assert.AreEqual(0, r.Failures);

            r.Restart();
            Assert.AreEqual(2, net.LeaveCalls);
            Assert.AreEqual(5, net.JoinCalls);
            Assert.AreEqual(5000, FailAndMeasure(clock, net, r));
        }
    }
}
