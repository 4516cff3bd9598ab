using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Web;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Web
{
    [TestClass]
    public class WifiSetupTests
    {
        private const long Minute = 60000;

        private static WifiSetup Make(VirtualClock clock, FakeAccessPoint ap, DeviceSettings s)
        {
            return new WifiSetup(ap, s, clock, new RecordingLog(), "AABBCCE0B7C9");
        }

        private static DeviceSettings Settings(string ssid)
        {
            DeviceSettings s = DeviceSettings.CreateDefaults("AABBCCE0B7C9");
            s.Topic = "lamp";
            s.Ssid[0] = ssid;
            return s;
        }

        [TestMethod]
        public void Without_An_Ssid_It_Opens_Five_Seconds_After_Boot_And_Stays_Open()
        {
            VirtualClock clock = new VirtualClock();
            FakeAccessPoint ap = new FakeAccessPoint();
            WifiSetup w = Make(clock, ap, Settings(string.Empty));
            w.Start(false);
            clock.Advance(WifiSetup.NoSsidDelayMs - 1);
            Assert.IsFalse(ap.IsOpen);
            clock.Advance(1);
            Assert.IsTrue(ap.IsOpen);
            Assert.AreEqual("lamp-" + (0xB7C9 & 0x1FFF).ToString(), ap.Ssid);
            Assert.AreEqual(string.Empty, ap.Password);
            clock.Advance(60 * Minute);
            Assert.IsTrue(ap.IsOpen, "nothing else to do without an SSID");
            Assert.AreEqual(1, ap.Opens);
        }

        [TestMethod]
        public void A_Network_That_Comes_Up_In_Time_Means_No_Access_Point()
        {
            VirtualClock clock = new VirtualClock();
            FakeAccessPoint ap = new FakeAccessPoint();
            WifiSetup w = Make(clock, ap, Settings("home"));
            w.Start(false);
            clock.Advance(Minute);
            w.OnNetworkUp();
            clock.Advance(60 * Minute);
            Assert.AreEqual(0, ap.Opens);
        }

        [TestMethod]
        public void With_An_Ssid_It_Opens_After_The_Offline_Period_For_Three_Minutes_Then_Retries()
        {
            VirtualClock clock = new VirtualClock();
            FakeAccessPoint ap = new FakeAccessPoint();
            DeviceSettings s = Settings("home");
            s.ApPassword = "flashed-secret";
            WifiSetup w = Make(clock, ap, s);
            w.Start(true);
            w.OnNetworkDown();
            clock.Advance(WifiSetup.OfflineMs - 1);
            Assert.IsFalse(ap.IsOpen);
            clock.Advance(1);
            Assert.IsTrue(ap.IsOpen);
            Assert.AreEqual("flashed-secret", ap.Password);

            clock.Advance(WifiSetup.WindowMs - 1);
            Assert.IsTrue(ap.IsOpen);
            clock.Advance(1);
            Assert.IsFalse(ap.IsOpen, "closed after 3 minutes without use");
            clock.Advance(WifiSetup.OfflineMs);
            Assert.IsTrue(ap.IsOpen, "opens again after the next offline period");
            Assert.AreEqual(2, ap.Opens);
        }

        [TestMethod]
        public void Portal_Use_Extends_The_Window_And_Joining_Closes_It()
        {
            VirtualClock clock = new VirtualClock();
            FakeAccessPoint ap = new FakeAccessPoint();
            WifiSetup w = Make(clock, ap, Settings("home"));
            w.Start(false);
            clock.Advance(WifiSetup.OfflineMs);
            Assert.IsTrue(ap.IsOpen);
            clock.Advance(WifiSetup.WindowMs - 1000);
            w.OnPortalActivity();
            clock.Advance(WifiSetup.WindowMs - 1);
            Assert.IsTrue(ap.IsOpen);
            w.OnNetworkUp();
            Assert.IsFalse(ap.IsOpen);
            Assert.AreEqual(1, ap.Closes);
            Assert.IsFalse(w.IsOpen);
        }

        [TestMethod]
        public void WifiConfig_0_Never_Opens_It_By_Itself()
        {
            VirtualClock clock = new VirtualClock();
            FakeAccessPoint ap = new FakeAccessPoint();
            DeviceSettings s = Settings("home");
            s.WifiConfig = 0;
            WifiSetup w = Make(clock, ap, s);
            w.Start(false);
            clock.Advance(60 * Minute);
            Assert.AreEqual(0, ap.Opens);
            w.OpenNow();
            Assert.IsTrue(ap.IsOpen, "WifiConfig 2 / the button still opens it");
        }

        [TestMethod]
        public void The_Name_Is_Topic_Dash_Four_Digits()
        {
            Assert.AreEqual("lamp-0000", WifiSetup.ApName("lamp", "AABBCCDDE000"));
            Assert.AreEqual("lamp-8191", WifiSetup.ApName("lamp", "AABBCCDDFFFF"));
            Assert.AreEqual("smartlamp-0001", WifiSetup.ApName(string.Empty, "0001"));
        }
    }
}
