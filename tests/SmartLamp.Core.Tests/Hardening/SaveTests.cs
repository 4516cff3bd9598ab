using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Text;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Hardening
{
    /// <summary>Settings can always be saved again: bad text is repaired at the door, a failed save is retried on a timer with its reason.</summary>
    [TestClass]
    public class SaveTests
    {
        private static DeviceFixture Lamp()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(2000);
            f.Mqtt.ClearPublished();
            f.Log.Clear();
            return f;
        }

        private static void Send(DeviceFixture f, string command, string payload)
        {
            f.Command(command, payload);
            f.Clock.Advance(0);
        }

        private static bool Stored(DeviceFixture f, string text)
        {
            string a = f.Store.Get(SettingsJournal.NameA);
            string b = f.Store.Get(SettingsJournal.NameB);
            return (a != null && a.IndexOf(text) >= 0) || (b != null && b.IndexOf(text) >= 0);
        }

        [TestMethod]
        public void A_Lone_Surrogate_From_Json_Stored_By_A_Rule_Does_Not_Stop_Saving()
        {
            DeviceFixture f = Lamp();
            Send(f, "Subscribe", "NAME, stat/phone, name");
            Send(f, "Rule1", "ON Event#NAME DO StateText4 %value% ENDON");
            Send(f, "Rule1", "1");
            f.Mqtt.Deliver("stat/phone", "{\"name\":\"a\\ud800b\"}", false);
            f.Clock.Advance(0);
            Assert.AreEqual("a" + Chars.Replacement + "b", f.App.Settings.StateText[3]);

            f.Clock.Advance(2000);
            Send(f, "Topic", "after");
            f.Clock.Advance(2000);
            Assert.IsFalse(f.Log.Contains("Save failed"));
            Assert.IsTrue(Stored(f, "\"Topic\":\"after\""));
        }

        [TestMethod]
        public void A_Failed_Save_Is_Retried_On_A_Timer_And_Its_Reason_Logged()
        {
            DeviceFixture f = Lamp();
            f.Store.FailWrites = true;
            Send(f, "Topic", "hall");
            f.Clock.Advance(1500);
            Assert.IsTrue(f.Log.Contains("Save failed (no space left on device"), "reason logged");
            Assert.IsTrue(f.Log.Contains("retry in 10 s"));
            Assert.IsTrue(f.Log.Contains("settings."), "names the copy");

            // The flash has room again; nothing else changes, the timer alone saves it.
            f.Store.FailWrites = false;
            f.Clock.Advance(10500);
            Assert.IsTrue(Stored(f, "\"Topic\":\"hall\""));
        }

        [TestMethod]
        public void Retries_Back_Off_And_Never_Give_Up()
        {
            DeviceFixture f = Lamp();
            f.Store.FailWrites = true;
            Send(f, "Topic", "hall");
            f.Clock.Advance(1000 + 10000 + 20000 + 40000 + 80000 + 160000 + 300000 + 300000 + 500);
            Assert.IsTrue(f.Log.Contains("retry in 300 s"));
            int attempts = f.Store.WriteAttempts;
            f.Clock.Advance(300000);
            Assert.IsTrue(f.Store.WriteAttempts > attempts, "still trying");
            f.Store.FailWrites = false;
            f.Clock.Advance(300000);
            Assert.IsTrue(Stored(f, "\"Topic\":\"hall\""));
        }

        [TestMethod]
        public void An_Unwritable_Copy_Falls_Back_To_The_Other_Only_When_That_Is_Safe()
        {
            // Not atomic (the device's flash): the newest good copy is never overwritten; retried instead.
            DeviceFixture f = Lamp();
            string newest = f.Store.LastWritten;
            f.Store.BrokenName = newest == SettingsJournal.NameA ? SettingsJournal.NameB : SettingsJournal.NameA;
            string good = f.Store.Get(newest);
            Send(f, "Topic", "hall");
            f.Clock.Advance(1500);
            Assert.AreEqual(good, f.Store.Get(newest));
            Assert.IsTrue(f.Log.Contains("Save failed"));

            // Atomic store (the simulator's files): the newest copy is replaced.
            f.Store.AtomicWrites = true;
            f.Clock.Advance(10500);
            Assert.IsTrue(Stored(f, "\"Topic\":\"hall\""));
        }

        [TestMethod]
        public void On_Empty_Flash_A_Broken_Copy_A_Does_Not_Block_Copy_B()
        {
            MemorySettingsStore store = new MemorySettingsStore();
            store.BrokenName = SettingsJournal.NameA;
            SettingsService s = new SettingsService(store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            s.Load();
            s.Current.Topic = "hall";
            Assert.IsTrue(s.SaveNow());
            Assert.IsTrue(store.Get(SettingsJournal.NameB).IndexOf("\"Topic\":\"hall\"") >= 0);
        }
    }
}
