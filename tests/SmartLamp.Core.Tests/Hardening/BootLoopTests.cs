using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Hardening
{
    /// <summary>A rule that restarts the device at boot cannot loop it for ever (Tasmota's SetOption36 idea).</summary>
    [TestClass]
    public class BootLoopTests
    {
        /// <summary>A warm boot on <paramref name="store"/> (a new app, same flash), connected.</summary>
        private static DeviceFixture Boot(MemorySettingsStore store)
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            if (store != null)
            {
                f.Ports.Storage = store;
                f.Store = store;
            }

            f.System.IsColdBoot = false;
            f.App = new DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();
            return f;
        }

        [TestMethod]
        public void After_Three_Quick_Restarts_The_Rules_Are_Switched_Off()
        {
            DeviceFixture f = Boot(null);
            f.App.ExecuteCommand("Rule1 ON System#Boot DO Restart 1 ENDON");
            f.App.ExecuteCommand("Rule1 1");
            f.Clock.Advance(11000); // a stable first run
            MemorySettingsStore store = f.Store;

            int restarts = 0;
            for (int boot = 1; boot <= 6; boot++)
            {
                DeviceFixture g = Boot(store);
                g.Clock.Advance(3000);
                restarts += g.System.Restarts;
                if (boot <= BootLoopGuard.QuickRestarts)
                {
                    Assert.AreEqual(1, g.System.Restarts, "boot " + boot.ToString() + " still runs the rule");
                }
                else
                {
                    Assert.AreEqual(0, g.System.Restarts, "boot " + boot.ToString() + " must not restart");
                    Assert.AreEqual(0, g.App.Settings.RulesEnabled);
                    if (boot == BootLoopGuard.QuickRestarts + 1)
                    {
                        Assert.IsTrue(g.Log.Contains("APP: Boot loop: 3 quick restarts in a row, all rules switched off"));
                    }
                }
            }

            Assert.AreEqual(BootLoopGuard.QuickRestarts, restarts);
            Assert.AreEqual("ON System#Boot DO Restart 1 ENDON", Boot(store).App.Settings.Rules[0], "the rule text is kept to be fixed");
        }

        [TestMethod]
        public void Restarts_Far_Apart_Never_Switch_The_Rules_Off()
        {
            DeviceFixture f = Boot(null);
            f.App.ExecuteCommand("Rule1 ON Power1#Boot DO Power1 ON ENDON");
            f.App.ExecuteCommand("Rule1 1");
            MemorySettingsStore store = f.Store;
            for (int boot = 0; boot < 8; boot++)
            {
                f.Clock.Advance(BootLoopGuard.StableMs + 500);
                f.App.ExecuteCommand("Restart 1");
                f.Clock.Advance(1000);
                f = Boot(store);
            }

            Assert.AreEqual(1, f.App.Settings.RulesEnabled);
            Assert.IsFalse(f.Log.Contains("Boot loop"));
        }

        /// <summary>Boots a rule that restarts at boot <paramref name="boots"/> times in a row after a stable run with <paramref name="so36"/>; returns the restarts the rule made.</summary>
        private static int LoopWith(string so36, int boots, out DeviceFixture last)
        {
            DeviceFixture f = Boot(null);
            f.App.ExecuteCommand("SetOption36 " + so36);
            f.App.ExecuteCommand("Rule1 ON System#Boot DO Restart 1 ENDON");
            f.App.ExecuteCommand("Rule1 1");
            f.Clock.Advance(11000);
            MemorySettingsStore store = f.Store;
            int restarts = 0;
            last = f;
            for (int boot = 1; boot <= boots; boot++)
            {
                last = Boot(store);
                last.Clock.Advance(3000);
                restarts += last.System.Restarts;
            }

            return restarts;
        }

        [TestMethod]
        public void SetOption36_0_Switches_The_Detection_Off()
        {
            DeviceFixture g;
            Assert.AreEqual(10, LoopWith("0", 10, out g)); // every boot ran the rule
            Assert.AreEqual(1, g.App.Settings.RulesEnabled);
            Assert.IsFalse(g.Log.Contains("Boot loop"));
        }

        [TestMethod]
        public void SetOption36_Sets_How_Many_Quick_Restarts_Are_Tolerated()
        {
            DeviceFixture g;
            Assert.AreEqual(7, LoopWith("5", 10, out g)); // 5 + 2 restarts, then the rules are off
            Assert.AreEqual(0, g.App.Settings.RulesEnabled);
            Assert.AreEqual(7, LoopWith("5", 7, out g)); // one boot fewer: still running the rule
            Assert.AreEqual(1, g.App.Settings.RulesEnabled);
            Assert.AreEqual(BootLoopGuard.QuickRestarts, LoopWith("1", 10, out g)); // the default
        }
    }
}
