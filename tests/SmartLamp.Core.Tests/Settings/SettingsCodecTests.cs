using nanoFramework.TestFramework;
using SmartLamp.Core.Json;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Settings
{
    [TestClass]
    public class SettingsCodecTests
    {
        private const string Mac = SettingsTestData.Mac;

        /// <summary>Decodes <paramref name="file"/> into fresh defaults; returns the problems text.</summary>
        private static string DecodeFile(string file, DeviceSettings target)
        {
            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNotNull(root, "refused: " + error);
            target.ApplyDefaults(Mac);
            TextBuffer problems = new TextBuffer(32);
            SettingsCodec.Decode(root, target, problems);
            return problems.ToString();
        }

        private static string Refusal(string file)
        {
            int seq;
            string error;
            JsonNode root = SettingsCodec.ParseFile(file, out seq, out error);
            Assert.IsNull(root);
            Assert.AreEqual(-1, seq);
            return error;
        }

        [TestMethod]
        public void Crc32_Is_The_Zlib_Crc_Of_The_Utf8_Bytes()
        {
            Assert.AreEqual((long)0xCBF43926, (long)SettingsCodec.Crc32Utf8("123456789"));
            Assert.AreEqual((long)0x84D8CDA6, (long)SettingsCodec.Crc32Utf8("\u00E9\u20AC\uD83D\uDE00"));
            Assert.AreEqual((long)0xD0B99122, (long)SettingsCodec.Crc32Utf8("a\uD800b"), "lone surrogate counts as U+FFFD");
            Assert.AreEqual((long)0, (long)SettingsCodec.Crc32Utf8(string.Empty));
        }

        [TestMethod]
        public void File_Starts_With_The_Crc_Header_Then_Seq_Version_And_Tasmota_Command_Keys()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.MqttHost = "broker.lan";
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(s), 7);
            Assert.IsTrue(file.StartsWith("{\"Crc32\":\""));
            string expected = "\",\"Seq\":7,\"Version\":2,\"MqttHost\":\"broker.lan\",\"MqttPort\":1883,";
            Assert.AreEqual(expected, file.Substring(18, expected.Length));
            string rest = file.Substring(SettingsCodec.HeaderLength);
            Assert.AreEqual(SettingsTestData.Seal(rest), file);
            Assert.IsTrue(file.IndexOf(",\"Prefix1\":\"cmnd\",\"Prefix2\":\"stat\",\"Prefix3\":\"tele\",") > 0);
            Assert.IsTrue(file.IndexOf(",\"SetOption0\":1,") > 0);
            Assert.IsTrue(file.IndexOf(",\"StateText2\":\"ON\",") > 0);
            Assert.IsTrue(file.IndexOf(",\"SaveData\":1,") > 0);
            Assert.IsTrue(file.EndsWith(",\"BootCount\":0}"));
        }

        [TestMethod]
        public void Every_Field_Survives_Encode_And_Decode()
        {
            DeviceSettings original = SettingsTestData.Odd();
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(original), 3);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            Assert.AreEqual(string.Empty, DecodeFile(file, loaded));
            SettingsTestData.AssertSame(original, loaded);
            Assert.AreEqual("p\\a\"s s\u00E9\uD83D\uDE00", loaded.MqttPassword);
            Assert.AreEqual(3, SettingsCodec.ParseFile(file, out int seq, out string error).Get("Seq").LongValue);
        }

        [TestMethod]
        public void BodyOf_Gives_Back_Exactly_The_Encoded_Body()
        {
            string body = SettingsCodec.EncodeBody(SettingsTestData.Odd());
            Assert.AreEqual(body, SettingsCodec.BodyOf(SettingsCodec.EncodeFile(body, 12), 12));
            Assert.IsNull(SettingsCodec.BodyOf(SettingsCodec.EncodeFile(body, 12), 13));
        }

        [TestMethod]
        public void Damaged_Copies_Are_Refused_With_The_Reason()
        {
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(SettingsTestData.Odd()), 5);
            Assert.AreEqual("missing", Refusal(null));
            Assert.AreEqual("missing", Refusal(string.Empty));
            Assert.AreEqual("no CRC header", Refusal("{\"Seq\":1}"));
            Assert.AreEqual("no CRC header", Refusal("{\"Crc32\":\"XYZ45678\",\"Seq\":1}"));
            Assert.AreEqual("truncated", Refusal(file.Substring(0, file.Length - 1)));
            Assert.AreEqual("truncated", Refusal(file.Substring(0, 40)));
            Assert.AreEqual("CRC mismatch", Refusal(file.Substring(0, 30) + "X" + file.Substring(31)));
            Assert.AreEqual("CRC mismatch", Refusal(file.Substring(0, 12) + (file[12] == '0' ? "1" : "0") + file.Substring(13)));
            Assert.AreEqual("no valid Seq", Refusal(SettingsTestData.Seal("\"Version\":2}")));
            Assert.AreEqual("no valid Seq", Refusal(SettingsTestData.Seal("\"Seq\":-1}")));
            Assert.AreEqual("no valid Seq", Refusal(SettingsTestData.Seal("\"Seq\":\"1\"}")));
            Assert.IsTrue(Refusal(SettingsTestData.Seal("\"Seq\":1,}")).StartsWith("not JSON ("));
            Assert.IsTrue(Refusal(SettingsTestData.Seal("\"Seq\":1,\"Seq\":2}")).StartsWith("not JSON ("), "duplicate key");
            Assert.IsTrue(Refusal(SettingsTestData.Seal("\"Seq\":1}}")).StartsWith("not JSON ("));
        }

        [TestMethod]
        public void Whitespace_After_The_Last_Brace_And_Lower_Case_Crc_Are_Accepted()
        {
            string file = SettingsTestData.Seal("\"Seq\":4,\"Topic\":\"hall\"}");
            string lower = file.Substring(0, 10) + file.Substring(10, 8).ToLower() + file.Substring(18);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            Assert.AreEqual(string.Empty, DecodeFile(lower + "\r\n", loaded));
            Assert.AreEqual("hall", loaded.Topic);
        }

        [TestMethod]
        public void A_Leading_Utf8_Bom_Is_Ignored()
        {
            string file = SettingsTestData.Seal("\"Seq\":2,\"Topic\":\"bom\"}");
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            Assert.AreEqual(string.Empty, DecodeFile("\uFEFF" + file, loaded));
            Assert.AreEqual("bom", loaded.Topic);
            Assert.AreEqual("{\"Topic\":\"bom\"}", SettingsCodec.BodyOf("\uFEFF" + file, 2));
        }

        [TestMethod]
        public void Wrong_Types_And_Out_Of_Range_Values_Keep_Defaults_And_Are_Named()
        {
            string file = SettingsTestData.Seal("\"Seq\":1,\"Version\":2,\"MqttPort\":\"1884\",\"MqttRetry\":5,\"Topic\":12,"
                + "\"MqttHost\":\"ok.lan\",\"TelePeriod\":5,\"SetOption0\":2,\"PowerOnState\":1.5,\"GroupTopic\":null,"
                + "\"FullTopic\":\"\",\"BlinkCount\":{\"a\":1},\"StateText1\":\"012345678901234567890123456789012\",\"Foo\":[1],"
                + "\"SetOption4\":true,\"BootCount\":99999999999}");
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            string problems = DecodeFile(file, loaded);
            Assert.AreEqual(
                "MqttPort: string, expected a number 1..65535; Topic: number, expected text of 1..32 characters; "
                + "GroupTopic: null, expected text of 0..32 characters; FullTopic: 0 characters, allowed 1..100; "
                + "MqttRetry: 5 not in 10..32000; TelePeriod: 5 not in 0, 10..3600; SetOption0: 2 not 0 or 1; "
                + "StateText1: 33 characters, allowed 1..32; PowerOnState: 1.5, expected a number 0..5; "
                + "BlinkCount: object, expected a number 0..32000; BootCount: 99999999999 not in 0..2147483647; Foo: unknown key ignored",
                problems);
            DeviceSettings defaults = DeviceSettings.CreateDefaults(Mac);
            Assert.AreEqual("ok.lan", loaded.MqttHost);
            Assert.IsTrue(loaded.ResultOnCommandTopic, "true is read as 1");
            loaded.MqttHost = defaults.MqttHost;
            loaded.ResultOnCommandTopic = false;
            SettingsTestData.AssertSame(defaults, loaded);
        }

        [TestMethod]
        public void A_Newer_Version_Loads_What_It_Knows_And_Says_So()
        {
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            string problems = DecodeFile(SettingsTestData.Seal("\"Seq\":1,\"Version\":3,\"Topic\":\"hall\",\"Dimmer\":50}"), loaded);
            Assert.AreEqual("Version: 3 is newer than 2; Dimmer: unknown key ignored", problems);
            Assert.AreEqual("hall", loaded.Topic);
        }

        [TestMethod]
        public void A_Control_Character_In_Stored_Text_Is_Refused()
        {
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            string problems = DecodeFile(SettingsTestData.Seal("\"Seq\":1,\"MqttPassword\":\"a\\u0001b\"}"), loaded);
            Assert.AreEqual("MqttPassword: control character, non-character or lone surrogate not allowed", problems);
            Assert.AreEqual(string.Empty, loaded.MqttPassword);
        }

        [TestMethod]
        public void Garbage_Of_Every_Kind_Never_Throws()
        {
            string[] bad = new string[]
            {
                new string((char)0, 3),
                "{\"Crc32\":\"00000000\",",
                "{\"Crc32\":\"00000000\",}",
                "{\"Crc32\":\"00000000\",\"Seq\":1}",
                SettingsTestData.Seal("[1,2,3]}"),
                SettingsTestData.Seal("\"Seq\":1,\"Topic\":\"\\uZZZZ\"}"),
                SettingsTestData.Seal("\"Seq\":1,\"a\":" + "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"),
                "SmartLampSettings 1 00000000 3\nabc",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                int seq;
                string error;
                Assert.IsNull(SettingsCodec.ParseFile(bad[i], out seq, out error), "case " + i);
                Assert.IsNotNull(error, "case " + i);
            }
        }

        [TestMethod]
        public void CheckValue_Takes_The_Range_From_The_Schema_Line()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            Assert.IsNull(SettingsRules.CheckValue(s, "MqttRetry", 10));
            Assert.AreEqual("MqttRetry: 9 not in 10..32000", SettingsRules.CheckValue(s, "MqttRetry", 9));
            Assert.IsNull(SettingsRules.CheckValue(s, "TelePeriod", 0));
            Assert.AreEqual("TelePeriod: 9 not in 0, 10..3600", SettingsRules.CheckValue(s, "TelePeriod", 9));
            Assert.AreEqual("SetOption0: 2 not 0 or 1", SettingsRules.CheckValue(s, "SetOption0", 2));
            Assert.AreEqual("Topic: not a numeric setting", SettingsRules.CheckValue(s, "Topic", 1));
            Assert.AreEqual("Nope: not a numeric setting", SettingsRules.CheckValue(s, "Nope", 1));
        }

        [TestMethod]
        public void Validate_Names_Every_Field_Out_Of_Range()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            Assert.IsNull(SettingsRules.Validate(s));
            s.MqttPort = 0;
            s.SaveData = 3601;
            s.Topic = string.Empty;
            Assert.AreEqual("MqttPort: 0 not in 1..65535; Topic: 0 characters, allowed 1..32; SaveData: 3601 not in 0..3600", SettingsRules.Validate(s));
        }
    }
}
