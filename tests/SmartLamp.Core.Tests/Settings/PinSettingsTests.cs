using nanoFramework.TestFramework;
using SmartLamp.Core.Json;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Settings
{
    [TestClass]
    public class PinSettingsTests
    {
        private const string Mac = "A0B1C2D3E4F5";

        [TestMethod]
        public void Button_Led_PulseTime_And_Interlock_Settings_Survive_Encode_And_Decode()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.ButtonDebounce = 120;
            s.ButtonTopic = "hall";
            s.ButtonRestrict = true;
            s.ButtonSingle = true;
            s.NoLinkBlink = true;
            s.HoldTime = 25;
            s.MqttButtons = true;
            s.LedState = 6;
            s.LedMask = 0x0102;
            s.PulseTime[0] = 111;
            s.PulseTime[7] = 65535;
            s.Interlock = true;
            s.InterlockGroups[0] = 3;
            s.InterlockGroups[1] = 12;
            s.InterlockGroups[2] = 0;

            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(s), 1);
            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNotNull(root);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            TextBuffer problems = new TextBuffer(32);
            SettingsCodec.Decode(root, loaded, problems);

            Assert.AreEqual(string.Empty, problems.ToString());
            Assert.AreEqual(120, loaded.ButtonDebounce);
            Assert.AreEqual("hall", loaded.ButtonTopic);
            Assert.IsTrue(loaded.ButtonRestrict);
            Assert.IsTrue(loaded.ButtonSingle);
            Assert.IsTrue(loaded.NoLinkBlink);
            Assert.AreEqual(25, loaded.HoldTime);
            Assert.IsTrue(loaded.MqttButtons);
            Assert.AreEqual(6, loaded.LedState);
            Assert.AreEqual(0x0102, loaded.LedMask);
            Assert.AreEqual(111, loaded.PulseTime[0]);
            Assert.AreEqual(0, loaded.PulseTime[1]);
            Assert.AreEqual(65535, loaded.PulseTime[7]);
            Assert.IsTrue(loaded.Interlock);
            Assert.AreEqual(3, loaded.InterlockGroups[0]);
            Assert.AreEqual(12, loaded.InterlockGroups[1]);
            Assert.AreEqual(0, loaded.InterlockGroups[2]);
            Assert.IsTrue(file.IndexOf("\"PulseTime1\":111,") > 0);
            Assert.IsTrue(file.IndexOf("\"InterlockGroups\":[3,12,0,0]") > 0);
        }

        [TestMethod]
        public void Out_Of_Range_Pin_Settings_Keep_Their_Defaults_By_Name()
        {
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            string file = SettingsCodecTestsSeal("\"Seq\":1,\"ButtonDebounce\":39,\"SetOption32\":0,\"LedState\":9,\"PulseTime2\":65536}");
            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNotNull(root, error);
            TextBuffer problems = new TextBuffer(32);
            SettingsCodec.Decode(root, loaded, problems);

            Assert.AreEqual(50, loaded.ButtonDebounce);
            Assert.AreEqual(40, loaded.HoldTime);
            Assert.AreEqual(1, loaded.LedState);
            Assert.AreEqual(0, loaded.PulseTime[1]);
            string p = problems.ToString();
            Assert.IsTrue(p.IndexOf("ButtonDebounce") >= 0, p);
            Assert.IsTrue(p.IndexOf("SetOption32") >= 0, p);
            Assert.IsTrue(p.IndexOf("LedState") >= 0, p);
            Assert.IsTrue(p.IndexOf("PulseTime2") >= 0, p);
        }

        [TestMethod]
        public void Defaults_Are_Tasmotas()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            Assert.AreEqual(50, s.ButtonDebounce);
            Assert.AreEqual("0", s.ButtonTopic);
            Assert.AreEqual(40, s.HoldTime);
            Assert.AreEqual(1, s.LedState);
            Assert.AreEqual(0xFFFF, s.LedMask);
            Assert.AreEqual(0xFF, s.InterlockGroups[0]);
            Assert.IsFalse(s.Interlock);
        }

        private static string SettingsCodecTestsSeal(string rest)
        {
            return SettingsTestData.Seal(rest);
        }
    }
}
