using System.Collections;
using nanoFramework.TestFramework;
using SmartLamp.Core.Json;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Settings
{
    /// <summary>
    /// Guards for the one list several engineers add to: a key listed twice would make every saved
    /// file invalid JSON (duplicate member) and every boot fall back to defaults.
    /// </summary>
    [TestClass]
    public class SettingsSchemaTests
    {
        private sealed class Keys : SettingsVisitor
        {
            public readonly ArrayList All = new ArrayList();

            public override void Text(string key, ref string field, int minLength, int maxLength)
            {
                All.Add(key);
            }

            public override void Int(string key, ref int field, int min, int max)
            {
                All.Add(key);
            }

            public override void IntOrZero(string key, ref int field, int min, int max)
            {
                All.Add(key);
            }

            public override void Flag(string key, ref bool field)
            {
                All.Add(key);
            }

            public override void TextList(string key, ref string[] field, int maxItems, int maxLength)
            {
                All.Add(key);
            }

            public override void IntArray(string key, int[] items, int min, int max)
            {
                All.Add(key);
            }
        }

        [TestMethod]
        public void Every_Key_Is_Listed_Once_And_None_Is_Reserved()
        {
            Keys k = new Keys();
            SettingsSchema.Visit(DeviceSettings.CreateDefaults(SettingsTestData.Mac), k);
            Assert.IsTrue(k.All.Count > 30);
            for (int i = 0; i < k.All.Count; i++)
            {
                string key = (string)k.All[i];
                Assert.IsFalse(key == "Crc32" || key == "Seq" || key == "Version", key + " is reserved by the file format");
                for (int j = i + 1; j < k.All.Count; j++)
                {
                    Assert.AreNotEqual(key, (string)k.All[j], "listed twice in SettingsSchema.Visit");
                }
            }
        }

        [TestMethod]
        public void Defaults_Encode_To_A_Valid_Copy_That_Decodes_Without_Problems()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(SettingsTestData.Mac);
            Assert.IsNull(SettingsRules.Validate(s), "a default is outside its own schema range");
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(s), 1);
            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNotNull(root, error);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(SettingsTestData.Mac);
            TextBuffer problems = new TextBuffer(8);
            Assert.AreEqual(0, SettingsCodec.Decode(root, loaded, problems), problems.ToString());
        }
    }
}
