using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Mqtt;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Tests.Mqtt
{
    [TestClass]
    public class TopicSetTests
    {
        private const string Mac = "AABBCCE0B7C9";

        private static TopicSet Build(DeviceSettings s)
        {
            TopicSet t = new TopicSet(Mac);
            t.Rebuild(s);
            return t;
        }

        [TestMethod]
        public void Defaults_Follow_The_Tasmota_Scheme()
        {
            TopicSet t = Build(DeviceSettings.CreateDefaults(Mac));

            Assert.AreEqual("cmnd/smartlamp_E0B7C9/", t.CmndBase);
            Assert.AreEqual("stat/smartlamp_E0B7C9/", t.StatBase);
            Assert.AreEqual("tele/smartlamp_E0B7C9/", t.TeleBase);
            Assert.AreEqual("cmnd/tasmotas/", t.GroupCmndBase);
            Assert.AreEqual("cmnd/DVES_E0B7C9_fb/", t.FallbackCmndBase);
            Assert.AreEqual("stat/DVES_E0B7C9_fb/", t.FallbackStatBase);
            Assert.AreEqual("smartlamp_E0B7C9-6089", t.Hostname);
            Assert.AreEqual("cmnd/smartlamp_E0B7C9/#", t.CmndSubscription);
            Assert.AreEqual("cmnd/tasmotas/#", t.GroupSubscription);
            Assert.AreEqual("cmnd/DVES_E0B7C9_fb/#", t.FallbackSubscription);
            Assert.AreEqual("tele/smartlamp_E0B7C9/LWT", t.TeleLwt);
            Assert.AreEqual("cmnd/smartlamp_E0B7C9/POWER", t.CmndPower);
            Assert.AreEqual("stat/smartlamp_E0B7C9/RESULT", t.TopicOf(TopicSet.Stat, false, "RESULT"));
            Assert.AreEqual("stat/DVES_E0B7C9_fb/POWER2", t.TopicOf(TopicSet.Stat, true, "POWER2"));
            Assert.IsFalse(t.PrefixesCollide);
        }

        [TestMethod]
        public void FullTopic_Without_Prefix_Token_Gets_It_Appended_For_Commands_Only()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.FullTopic = "%topic%/";
            TopicSet t = Build(s);

            Assert.AreEqual("smartlamp_E0B7C9/cmnd/", t.CmndBase);
            Assert.AreEqual("smartlamp_E0B7C9/", t.StatBase);
            Assert.AreEqual("smartlamp_E0B7C9/", t.TeleBase);
            Assert.AreEqual("tasmotas/cmnd/", t.GroupCmndBase);
            Assert.IsTrue(t.UsesGroupAndFallback);
        }

        [TestMethod]
        public void Id_And_Hostname_Tokens_Resolve_And_Hash_And_Double_Slashes_Are_Cleaned()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.FullTopic = "home/%prefix%//%id%/#%hostname%";
            TopicSet t = Build(s);

            Assert.AreEqual("home/cmnd/AABBCCE0B7C9/smartlamp_E0B7C9-6089/", t.CmndBase);
            Assert.AreEqual("home/tele/AABBCCE0B7C9/smartlamp_E0B7C9-6089/", t.TeleBase);
        }

        [TestMethod]
        public void Double_Slash_Is_Replaced_In_One_Left_To_Right_Pass_Like_Arduino_String_Replace()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.FullTopic = "a///%prefix%/%topic%";
            TopicSet t = Build(s);

            Assert.AreEqual("a//stat/smartlamp_E0B7C9/", t.StatBase);
        }

        [TestMethod]
        public void Without_Topic_Token_There_Is_No_Group_Or_Fallback_Subscription_Or_Match()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.FullTopic = "%prefix%/%id%/";
            TopicSet t = Build(s);

            Assert.AreEqual("cmnd/AABBCCE0B7C9/#", t.CmndSubscription);
            Assert.IsNull(t.GroupSubscription);
            Assert.IsNull(t.FallbackSubscription);
            CommandSource source;
            int start;
            int length;
            Assert.IsFalse(t.MatchCommand("cmnd/DVES_E0B7C9_fb/Power", out source, out start, out length));
            Assert.IsTrue(t.MatchCommand("cmnd/AABBCCE0B7C9/Power", out source, out start, out length));
        }

        [TestMethod]
        public void Group_Topic_Takes_The_Place_Of_Topic_In_FullTopic()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.FullTopic = "home/%topic%/%prefix%/";
            s.GroupTopic = "kitchen";
            TopicSet t = Build(s);

            Assert.AreEqual("home/kitchen/cmnd/", t.GroupCmndBase);
            Assert.AreEqual("home/kitchen/cmnd/#", t.GroupSubscription);
            Assert.AreEqual("cmnd/DVES_E0B7C9_fb/#", t.FallbackSubscription);
        }

        [TestMethod]
        public void Empty_GroupTopic_Is_Not_Subscribed()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.GroupTopic = string.Empty;
            TopicSet t = Build(s);

            Assert.IsNull(t.GroupCmndBase);
            Assert.IsNull(t.GroupSubscription);
            Assert.AreEqual("cmnd/DVES_E0B7C9_fb/#", t.FallbackSubscription);
        }

        [TestMethod]
        public void Custom_Prefixes_Are_Used_But_The_Fallback_Keeps_Tasmotas_Fixed_Prefixes()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.Prefix[0] = "c";
            s.Prefix[1] = "s";
            s.Prefix[2] = "t";
            TopicSet t = Build(s);

            Assert.AreEqual("c/smartlamp_E0B7C9/", t.CmndBase);
            Assert.AreEqual("s/smartlamp_E0B7C9/", t.StatBase);
            Assert.AreEqual("t/smartlamp_E0B7C9/LWT", t.TeleLwt);
            Assert.AreEqual("c/tasmotas/", t.GroupCmndBase);
            Assert.AreEqual("cmnd/DVES_E0B7C9_fb/", t.FallbackCmndBase);
            Assert.AreEqual("stat/DVES_E0B7C9_fb/", t.FallbackStatBase);
        }

        [TestMethod]
        public void Match_Returns_The_Command_Slice_And_The_Source()
        {
            TopicSet t = Build(DeviceSettings.CreateDefaults(Mac));
            CommandSource source;
            int start;
            int length;

            string own = "cmnd/smartlamp_E0B7C9/Power2";
            Assert.IsTrue(t.MatchCommand(own, out source, out start, out length));
            Assert.AreEqual(CommandSource.Mqtt, source);
            Assert.AreEqual("Power2", own.Substring(start, length));

            string group = "cmnd/tasmotas/POWER";
            Assert.IsTrue(t.MatchCommand(group, out source, out start, out length));
            Assert.AreEqual(CommandSource.Group, source);
            Assert.AreEqual("POWER", group.Substring(start, length));

            string fb = "cmnd/DVES_E0B7C9_fb/status";
            Assert.IsTrue(t.MatchCommand(fb, out source, out start, out length));
            Assert.AreEqual(CommandSource.Fallback, source);
            Assert.AreEqual("status", fb.Substring(start, length));

            string deep = "cmnd/smartlamp_E0B7C9/sub/Power";
            Assert.IsTrue(t.MatchCommand(deep, out source, out start, out length));
            Assert.AreEqual("Power", deep.Substring(start, length));

            string empty = "cmnd/smartlamp_E0B7C9/";
            Assert.IsTrue(t.MatchCommand(empty, out source, out start, out length));
            Assert.AreEqual(0, length);
        }

        [TestMethod]
        public void Match_Rejects_Foreign_And_Case_Different_Topics()
        {
            TopicSet t = Build(DeviceSettings.CreateDefaults(Mac));
            CommandSource source;
            int start;
            int length;

            Assert.IsFalse(t.MatchCommand("cmnd/other/Power", out source, out start, out length));
            Assert.IsFalse(t.MatchCommand("CMND/smartlamp_E0B7C9/Power", out source, out start, out length));
            Assert.IsFalse(t.MatchCommand("stat/smartlamp_E0B7C9/POWER", out source, out start, out length));
            Assert.IsFalse(t.MatchCommand("cmnd/smartlamp_E0B7C9", out source, out start, out length));
            Assert.IsFalse(t.MatchCommand(null, out source, out start, out length));
        }

        [TestMethod]
        public void Cached_Topics_Are_Reused_Until_The_Next_Rebuild()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            TopicSet t = Build(s);
            string a = t.TopicOf(TopicSet.Stat, false, "POWER1");
            string b = t.TopicOf(TopicSet.Stat, false, "POWER" + "1".Trim());
            Assert.IsTrue(object.ReferenceEquals(a, b));

            string c = t.TopicOf(TopicSet.Stat, false, "POWERONSTATE");
            Assert.IsTrue(object.ReferenceEquals(c, t.TopicOf(TopicSet.Stat, false, "POWERONSTATE")));
            int slot = t.FindUpper(TopicSet.Stat, false, "{\"power2\":1}", 2, 6);
            Assert.AreEqual("stat/smartlamp_E0B7C9/POWER2", t.CachedTopic(slot));
            Assert.AreEqual("stat/smartlamp_E0B7C9/POWER2 = ", t.CachedLogPrefix(slot));

            int version = t.Version;
            s.Topic = "lamp2";
            t.Rebuild(s);
            Assert.AreEqual(version + 1, t.Version);
            Assert.AreEqual("stat/lamp2/POWERONSTATE", t.TopicOf(TopicSet.Stat, false, "POWERONSTATE"));
        }

        [TestMethod]
        public void Many_Distinct_Subtopics_Still_Give_Correct_Topics()
        {
            TopicSet t = Build(DeviceSettings.CreateDefaults(Mac));
            for (int i = 0; i < 100; i++)
            {
                string sub = "X" + i.ToString();
                Assert.AreEqual("stat/smartlamp_E0B7C9/" + sub, t.TopicOf(TopicSet.Stat, false, sub));
            }

            Assert.AreEqual("stat/smartlamp_E0B7C9/RESULT", t.TopicOf(TopicSet.Stat, false, "RESULT"));
        }

        [TestMethod]
        public void Prefix1_Equal_To_Prefix2_Is_Detected()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.Prefix[1] = "cmnd";
            TopicSet t = Build(s);

            Assert.IsTrue(t.PrefixesCollide);
            Assert.AreEqual("cmnd/smartlamp_E0B7C9/", t.StatBase);
        }
    }
}
