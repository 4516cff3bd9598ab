using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Settings
{
    [TestClass]
    public class SettingsJournalTests
    {
#if NANOFRAMEWORK_1_0
        // The nanoCLR samples the power-cut positions (every 16th character and the last three) so the
        // test project stays inside its nano.runsettings timeout; the host run exhausts them.
        private const int PowerCutStride = 16;
#else
        private const int PowerCutStride = 1;
#endif

        private const string Mac = SettingsTestData.Mac;

        private static string Body(string host)
        {
            DeviceSettings s = SettingsTestData.Odd();
            s.MqttHost = host;
            return SettingsCodec.EncodeBody(s);
        }

        /// <summary>Loads <paramref name="store"/> with a new journal (a reboot); returns the host, and the result/seq through out.</summary>
        private static string Boot(MemorySettingsStore store, out int result, out int seq, out string report)
        {
            SettingsJournal j = new SettingsJournal(store);
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            TextBuffer r = new TextBuffer(16);
            result = j.Load(s, Mac, r);
            seq = j.Seq;
            report = r.ToString();
            return s.MqttHost;
        }

        [TestMethod]
        public void Saves_Alternate_Between_The_Two_Copies_With_Growing_Seq()
        {
            MemorySettingsStore store = new MemorySettingsStore();
            SettingsJournal j = new SettingsJournal(store);
            Assert.AreEqual(SettingsJournal.Empty, j.Load(DeviceSettings.CreateDefaults(Mac), Mac, new TextBuffer(8)));
            Assert.IsTrue(j.Save(Body("one")));
            Assert.AreEqual(SettingsJournal.NameA, store.LastWritten);
            Assert.IsTrue(j.Save(Body("two")));
            Assert.AreEqual(SettingsJournal.NameB, store.LastWritten);
            Assert.IsTrue(j.Save(Body("three")));
            Assert.AreEqual(SettingsJournal.NameA, store.LastWritten);
            Assert.AreEqual(3, j.Seq);
            Assert.AreEqual(2, store.Count);
            Assert.IsTrue(store.Get(SettingsJournal.NameA).IndexOf("\"Seq\":3,") == 20);
            Assert.IsTrue(store.Get(SettingsJournal.NameB).IndexOf("\"Seq\":2,") == 20);

            int result;
            int seq;
            string report;
            Assert.AreEqual("three", Boot(store, out result, out seq, out report));
            Assert.AreEqual(SettingsJournal.Loaded, result);
            Assert.AreEqual(3, seq);
            Assert.AreEqual(string.Empty, report);
        }

        // Next cut position: every PowerCutStride-th character, then each of the last three (where the
        // old file turns into the new one).
        private static int NextCut(int k, int length)
        {
            int next = k + PowerCutStride;
            if (next >= length - 3)
            {
                return k >= length - 3 ? k + 1 : length - 3;
            }

            return next;
        }

        [TestMethod]
        public void A_Power_Cut_At_Every_Character_Of_A_Save_Leaves_The_Old_Or_The_New_Settings()
        {
            // On the host every character is cut. On the nanoCLR (NANOFRAMEWORK_1_0) that takes ~100 s, so
            // the device run samples every PowerCutStride-th character plus the last three: see NextCut.
            // previous = 1: only copy A exists, the cut save writes B; previous = 2: both exist, the cut save writes A.
            for (int previous = 1; previous <= 2; previous++)
            {
                MemorySettingsStore before = new MemorySettingsStore();
                SettingsJournal j = new SettingsJournal(before);
                j.Load(DeviceSettings.CreateDefaults(Mac), Mac, new TextBuffer(8));
                for (int i = 1; i <= previous; i++)
                {
                    Assert.IsTrue(j.Save(Body(i == previous ? "old.lan" : "older.lan")));
                }

                string newBody = Body("new.l\u00E4n");
                int length = SettingsCodec.EncodeFile(newBody, previous + 1).Length;
                for (int k = 0; k <= length; k = NextCut(k, length))
                {
                    MemorySettingsStore flash = before.Clone();
                    SettingsJournal writer = new SettingsJournal(flash);
                    writer.Load(DeviceSettings.CreateDefaults(Mac), Mac, new TextBuffer(8));
                    flash.TearNextWriteAt = k;
                    Assert.IsFalse(writer.Save(newBody), "a cut write reports failure");

                    int result;
                    int seq;
                    string report;
                    string host = Boot(flash, out result, out seq, out report);
                    Assert.AreEqual(SettingsJournal.Loaded, result, "never defaults, k=" + k);
                    if (k < length)
                    {
                        Assert.AreEqual("old.lan", host, "k=" + k + " previous=" + previous);
                        Assert.AreEqual(previous, seq);
                    }
                    else
                    {
                        Assert.AreEqual("new.l\u00E4n", host, "the whole file reached flash before the cut");
                        Assert.AreEqual(previous + 1, seq);
                    }
                }
            }
        }

        [TestMethod]
        public void After_A_Cut_The_Next_Save_Overwrites_The_Torn_Copy_Not_The_Good_One()
        {
            MemorySettingsStore flash = new MemorySettingsStore();
            SettingsJournal j = new SettingsJournal(flash);
            j.Load(DeviceSettings.CreateDefaults(Mac), Mac, new TextBuffer(8));
            j.Save(Body("a.lan"));
            j.Save(Body("b.lan"));
            flash.TearNextWriteAt = 100;
            Assert.IsFalse(j.Save(Body("cut.lan")));
            flash.TearNextWriteAt = 50;
            Assert.IsFalse(j.Save(Body("cut2.lan")), "the retry is cut too");

            int result;
            int seq;
            string report;
            Assert.AreEqual("b.lan", Boot(flash, out result, out seq, out report));
            Assert.AreEqual("settings.a.json truncated", report);

            SettingsJournal next = new SettingsJournal(flash);
            next.Load(DeviceSettings.CreateDefaults(Mac), Mac, new TextBuffer(8));
            Assert.IsTrue(next.Save(Body("c.lan")));
            Assert.AreEqual(SettingsJournal.NameA, flash.LastWritten);
            Assert.AreEqual("c.lan", Boot(flash, out result, out seq, out report));
            Assert.AreEqual(3, seq);
            Assert.AreEqual(string.Empty, report);
        }

        [TestMethod]
        public void The_Newest_Valid_Copy_Wins_Whichever_Slot_It_Is_In()
        {
            MemorySettingsStore flash = new MemorySettingsStore();
            flash.Set(SettingsJournal.NameA, SettingsCodec.EncodeFile(Body("a.lan"), 9));
            flash.Set(SettingsJournal.NameB, SettingsCodec.EncodeFile(Body("b.lan"), 10));
            int result;
            int seq;
            string report;
            Assert.AreEqual("b.lan", Boot(flash, out result, out seq, out report));
            Assert.AreEqual(10, seq);

            flash.Set(SettingsJournal.NameB, SettingsCodec.EncodeFile(Body("b.lan"), 9));
            Assert.AreEqual("a.lan", Boot(flash, out result, out seq, out report), "a tie goes to A");

            flash.Set(SettingsJournal.NameA, "{\"Crc32\":\"00000000\",\"Seq\":99,\"MqttHost\":\"forged\"}");
            Assert.AreEqual("b.lan", Boot(flash, out result, out seq, out report), "a higher Seq without a valid CRC loses");
            Assert.AreEqual("settings.a.json CRC mismatch", report);
        }

        [TestMethod]
        public void Both_Copies_Bad_Gives_Defaults_And_Names_Both_Reasons()
        {
            MemorySettingsStore flash = new MemorySettingsStore();
            string file = SettingsCodec.EncodeFile(Body("x.lan"), 4);
            flash.Set(SettingsJournal.NameA, file.Substring(0, file.Length / 2));
            flash.Set(SettingsJournal.NameB, "garbage");
            SettingsJournal j = new SettingsJournal(flash);
            DeviceSettings s = SettingsTestData.Odd();
            TextBuffer report = new TextBuffer(8);
            Assert.AreEqual(SettingsJournal.Unreadable, j.Load(s, Mac, report));
            Assert.AreEqual("settings.a.json truncated; settings.b.json no CRC header", report.ToString());
            SettingsTestData.AssertSame(DeviceSettings.CreateDefaults(Mac), s);
            Assert.AreEqual(0, j.Seq);

            Assert.IsTrue(j.Save(Body("fresh.lan")));
            Assert.AreEqual(SettingsJournal.NameA, flash.LastWritten);
        }
    }
}
