using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Settings
{
    [TestClass]
    public class SettingsServiceTests
    {
        private const string Mac = "A0B1C2D3E4F5";

        private sealed class Rig
        {
            public VirtualClock Clock = new VirtualClock();
            public MemorySettingsStore Store = new MemorySettingsStore();
            public RecordingLog Log = new RecordingLog();
            public SettingsService Service;
            public string Events = string.Empty;

            public static Rig Create(string storedA)
            {
                MemorySettingsStore flash = new MemorySettingsStore();
                if (storedA != null)
                {
                    flash.Set(SettingsJournal.NameA, storedA);
                }

                return FromFlash(flash);
            }

            public static Rig FromFlash(MemorySettingsStore flash)
            {
                Rig r = new Rig();
                r.Store = flash;
                r.Service = new SettingsService(r.Store, r.Clock, r.Log, Mac);
                r.Service.SettingsChanged += r.OnChanged;
                return r;
            }

            private void OnChanged(int flags)
            {
                Events += flags + ";";
            }
        }

        [TestMethod]
        public void Load_Without_Stored_Settings_Uses_Defaults_Logs_And_Counts_The_Boot()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            Assert.AreEqual("smartlamp_D3E4F5", r.Service.Current.Topic);
            Assert.AreEqual("DVES_D3E4F5", r.Service.Current.MqttClient);
            Assert.AreEqual(1, r.Service.Current.BootCount);
            Assert.IsTrue(r.Log.Contains("CFG: No stored settings, use defaults"));
            Assert.AreEqual(0, r.Store.Saves);
            r.Clock.Advance(1000);
            Assert.AreEqual(1, r.Store.Saves);
            Assert.AreEqual(1, r.Service.Current.SaveCount);
        }

        [TestMethod]
        public void Load_Keeps_The_Same_Instance_And_Counts_Boots_Across_Restarts()
        {
            Rig r = Rig.Create((string)null);
            DeviceSettings live = r.Service.Current;
            r.Service.Load();
            r.Service.Set(ref r.Service.Current.MqttHost, "broker", SettingsChange.Mqtt);
            r.Clock.Advance(1000);

            Rig next = Rig.FromFlash(r.Store.Clone());
            next.Service.Load();
            Assert.IsTrue(object.ReferenceEquals(live, r.Service.Current));
            Assert.AreEqual("broker", next.Service.Current.MqttHost);
            Assert.AreEqual(2, next.Service.Current.BootCount);
            Assert.AreEqual(0, next.Log.Count);
        }

        [TestMethod]
        public void A_Store_That_Throws_Gives_Defaults()
        {
            Rig r = Rig.Create("SmartLampSettings 1 00000000 5\nbroken");
            r.Service.Load();
            Assert.AreEqual(1883, r.Service.Current.MqttPort);
            Assert.IsTrue(r.Log.Contains("CFG: "));
        }

        [TestMethod]
        public void Many_Changes_Within_A_Second_Are_One_Write()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            r.Clock.Advance(1000);
            int saves = r.Store.Saves;

            for (int i = 0; i < 5; i++)
            {
                r.Service.Set(ref r.Service.Current.BlinkTime, 20 + i, SettingsChange.Power);
                r.Clock.Advance(150);
            }

            Assert.AreEqual(saves, r.Store.Saves);
            r.Clock.Advance(250);
            Assert.AreEqual(saves + 1, r.Store.Saves);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"BlinkTime\":24,") > 0);
            Assert.AreEqual("16;16;16;16;16;", r.Events);
            r.Clock.Advance(10000);
            Assert.AreEqual(saves + 1, r.Store.Saves);
        }

        [TestMethod]
        public void Each_Write_Increments_SaveCount_And_Unchanged_Settings_Are_Not_Rewritten()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            r.Clock.Advance(1000);
            Assert.AreEqual(1, r.Service.Current.SaveCount);
            r.Service.Set(ref r.Service.Current.MqttHost, "a", 0);
            r.Clock.Advance(1000);
            Assert.AreEqual(2, r.Service.Current.SaveCount);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"Seq\":2,") > 0);
            r.Service.Set(ref r.Service.Current.MqttHost, "b", 0);
            r.Service.Set(ref r.Service.Current.MqttHost, "a", 0);
            r.Clock.Advance(1000);
            Assert.AreEqual(2, r.Store.Saves);
            Assert.AreEqual(2, r.Service.Current.SaveCount);
            Assert.AreEqual("", r.Events);
        }

        [TestMethod]
        public void Failed_Write_Is_Logged_With_Its_Reason_And_Retried_On_A_Timer()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            r.Store.FailWrites = true;
            r.Clock.Advance(1000);
            Assert.AreEqual(0, r.Store.Saves);
            Assert.IsTrue(r.Log.Contains("CFG: Save failed (no space left on device"));
            Assert.IsTrue(r.Log.Contains("retry in 10 s"));
            Assert.IsTrue(r.Service.SavePending);
            Assert.AreEqual(0, r.Service.Current.SaveCount);

            r.Store.FailWrites = false;
            r.Clock.Advance(5000);
            Assert.AreEqual(0, r.Store.Saves);
            r.Clock.Advance(5000);
            Assert.AreEqual(1, r.Store.Saves);
            Assert.IsFalse(r.Service.SavePending);
        }

        [TestMethod]
        public void SaveNow_Writes_At_Once_And_Cancels_The_Pending_Write()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            Assert.IsTrue(r.Service.SaveNow());
            Assert.AreEqual(1, r.Store.Saves);
            r.Clock.Advance(5000);
            Assert.AreEqual(1, r.Store.Saves);
        }

        [TestMethod]
        public void ResetToDefaults_Keeps_Nothing()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            r.Service.Current.MqttHost = "x";
            r.Service.Current.WifiPassword[0] = "secret";
            r.Service.ResetToDefaults();
            Assert.AreEqual("", r.Service.Current.MqttHost);
            Assert.AreEqual("", r.Service.Current.WifiPassword[0]);
            Assert.AreEqual(0, r.Service.Current.BootCount);
            r.Service.SaveNow();
            Assert.IsTrue(r.Store.Text.IndexOf(",\"MqttHost\":\"\",") > 0);
        }

        [TestMethod]
        public void A_Throwing_Listener_Does_Not_Stop_The_Save()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            r.Service.SettingsChanged += Throw;
            r.Service.Set(ref r.Service.Current.Topic, "hall", SettingsChange.Topics);
            r.Clock.Advance(1000);
            Assert.AreEqual(1, r.Store.Saves);
            Assert.IsTrue(r.Log.Contains("CFG: Settings change handler failed"));
        }

        [TestMethod]
        public void Both_Copies_Unreadable_Gives_Defaults_A_Log_Line_And_A_Load_Report()
        {
            MemorySettingsStore flash = new MemorySettingsStore();
            flash.Set(SettingsJournal.NameA, "{\"Crc32\":\"00000000\",\"Seq\":3,\"MqttHost\":\"x\"}");
            flash.Set(SettingsJournal.NameB, "{\"Crc32\":\"0000");
            Rig r = Rig.FromFlash(flash);
            r.Service.Load();
            Assert.AreEqual(string.Empty, r.Service.Current.MqttHost);
            Assert.AreEqual("Defaults, no valid copy: settings.a.json CRC mismatch; settings.b.json no CRC header", r.Service.Current.LoadReport);
            Assert.AreEqual("CFG: Settings unreadable, use defaults: settings.a.json CRC mismatch; settings.b.json no CRC header", r.Log.LineAt(0));
            Assert.AreEqual(1, r.Service.Current.BootCount);
        }

        [TestMethod]
        public void A_Clean_Load_Has_No_Report_And_A_Replaced_Value_Has_One()
        {
            Rig r = Rig.Create(SettingsTestData.Seal("\"Seq\":4,\"Topic\":\"hall\"}"));
            r.Service.Load();
            Assert.IsNull(r.Service.Current.LoadReport);
            Assert.AreEqual(4, r.Service.Current.SaveCount);

            Rig bad = Rig.Create(SettingsTestData.Seal("\"Seq\":4,\"Topic\":\"hall\",\"MqttPort\":0}"));
            bad.Service.Load();
            Assert.AreEqual("hall", bad.Service.Current.Topic);
            Assert.AreEqual("Loaded settings.a.json: MqttPort: 0 not in 1..65535", bad.Service.Current.LoadReport);
            Assert.IsTrue(bad.Log.Contains("CFG: Loaded settings.a.json: MqttPort: 0 not in 1..65535"));
        }

        [TestMethod]
        public void SaveData_Sets_The_Period_Between_Writes()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Load();
            r.Service.Current.SaveData = 5;
            r.Clock.Advance(1000);
            Assert.AreEqual(1, r.Store.Saves, "the boot save was already scheduled with SaveData 1");
            r.Service.Set(ref r.Service.Current.MqttHost, "a", 0);
            r.Clock.Advance(4999);
            Assert.AreEqual(1, r.Store.Saves);
            r.Clock.Advance(1);
            Assert.AreEqual(2, r.Store.Saves);
        }

        [TestMethod]
        public void SaveData_0_Writes_Only_On_SaveNow()
        {
            Rig r = Rig.Create((string)null);
            r.Service.Current.SaveData = 0;
            r.Service.SaveDataChanged();
            r.Service.Load();
            r.Service.Current.SaveData = 0;
            r.Service.SaveDataChanged();
            r.Service.Set(ref r.Service.Current.MqttHost, "a", 0);
            r.Clock.Advance(100000);
            Assert.AreEqual(0, r.Store.Saves);
            Assert.IsTrue(r.Service.SavePending);
            Assert.IsTrue(r.Service.SaveNow());
            Assert.AreEqual(1, r.Store.Saves);
            Assert.IsTrue(r.Service.SaveNow());
            Assert.AreEqual(1, r.Store.Saves, "nothing changed: no write");
        }

        private static void Throw(int flags)
        {
            throw new System.InvalidOperationException("listener");
        }
    }
}
