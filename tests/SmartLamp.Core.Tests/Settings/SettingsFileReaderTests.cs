using nanoFramework.TestFramework;
using SmartLamp.Core.Json;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Settings
{
    [TestClass]
    public class SettingsFileReaderTests
    {
        private const string Mac = SettingsTestData.Mac;

        /// <summary>
        /// Reads <paramref name="file"/> with the streaming reader and with ParseFile + Decode (the tree)
        /// and asserts the same verdict, Seq, error, problems and settings. Returns "ok", "ok (tree)" (the reader fell back to the tree) or the error.
        /// </summary>
        private static string Same(string file, string name)
        {
            int seqTree;
            string errorTree;
            JsonNode root = SettingsCodec.ParseFile(file, out seqTree, out errorTree);
            DeviceSettings fromTree = DeviceSettings.CreateDefaults(Mac);
            TextBuffer problemsTree = new TextBuffer(32);
            int countTree = root == null ? 0 : SettingsCodec.Decode(root, fromTree, problemsTree);

            SettingsFileReader reader = new SettingsFileReader();
            int seq;
            string error;
            bool ok = reader.Open(file, out seq, out error);
            DeviceSettings fromStream = DeviceSettings.CreateDefaults(Mac);
            TextBuffer problems = new TextBuffer(32);
            int count = ok ? reader.Decode(fromStream, problems) : 0;

            Assert.AreEqual(root != null, ok, name + ": verdict");
            Assert.AreEqual(seqTree, seq, name + ": Seq");
            Assert.AreEqual(errorTree, error, name + ": error");
            Assert.AreEqual(problemsTree.ToString(), problems.ToString(), name + ": problems");
            Assert.AreEqual(countTree, count, name + ": problem count");
            Assert.AreEqual(SettingsCodec.EncodeBody(fromTree), SettingsCodec.EncodeBody(fromStream), name + ": settings");
            return ok ? (reader.UsedTree ? "ok (tree)" : "ok") : error;
        }

        private static DeviceSettings Changed()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.MqttHost = "broker.lan";
            s.Topic = "hall \"lamp\" \\ \u00E9\u20AC\uD83D\uDE00";
            s.Rules[0] = "ON Power1#State=1 DO Publish stat/x {\"a\":1} ENDON";
            s.Subscriptions = new string[] { "EVT,a/b", "X,c/#,k" };
            s.InterlockGroups[0] = 3;
            s.PulseTime[7] = 64900;
            s.TelePeriod = 0;
            return s;
        }

        [TestMethod]
        public void A_Saved_Copy_Is_Read_Without_The_Tree_And_Gives_The_Same_Settings()
        {
            DeviceSettings s = Changed();
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(s), 7);
            SettingsFileReader reader = new SettingsFileReader();
            int seq;
            string error;
            Assert.IsTrue(reader.Open(file, out seq, out error));
            Assert.IsFalse(reader.UsedTree);
            Assert.AreEqual(7, seq);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            TextBuffer problems = new TextBuffer(32);
            Assert.AreEqual(0, reader.Decode(loaded, problems), problems.ToString());
            Assert.AreEqual(SettingsCodec.EncodeBody(s), SettingsCodec.EncodeBody(loaded));
            Assert.AreEqual("ok", Same(file, "saved"));
            Assert.AreEqual("ok", Same("\uFEFF" + file + "\r\n", "BOM and newline"));
        }

        [TestMethod]
        public void Wrong_Types_And_Ranges_Are_Reported_Exactly_As_The_Tree_Decoder_Does()
        {
            string rest = "\"Seq\":1,\"Version\":3,\"MqttPort\":\"1883\",\"TelePeriod\":5,\"MqttRetry\":1.5,\"MqttKeepAlive\":1e3,"
                + "\"SetOption0\":2,\"SetOption4\":true,\"PowerRetain\":false,\"SetOption26\":null,\"SetOption19\":-1.0E+2,"
                + "\"Topic\":null,\"GroupTopic\":[1],\"MqttHost\":\"a\\tb\",\"MqttUser\":\"\",\"MqttClient\":\"" + new string('x', 40) + "\","
                + "\"Subscriptions\":[\"a,b\",2],\"InterlockGroups\":[1,2,3,4,5],\"Interlock\":[1],\"PulseTime1\":-0,\"PulseTime2\":99999999999999999999,"
                + "\"PulseTime3\":-9223372036854775808,\"PulseTime4\":9223372036854775808,\"BootCount\":[],\"SavedPower\":\"3\","
                + "\"Dimmer\":[[[1]],[]],\"Color\":true}";
            Assert.AreEqual("ok", Same(SettingsTestData.Seal(rest), "types"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Seq\":1,\"Subscriptions\":[],\"InterlockGroups\":[],\"LedMask\":[[1]],\"ButtonTopic\":[\"a\"]}"), "empty lists"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Seq\":1,\"Subscriptions\":[[\"a\"]],\"InterlockGroups\":[\"1\"]}"), "list items"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Seq\":1,\"Subscriptions\":[\"\"],\"InterlockGroups\":[256]}"), "item ranges"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Seq\":1,\"Subscriptions\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\",\"l\",\"m\",\"n\",\"o\",\"p\",\"q\"]}"), "too many"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Seq\":1,\"Version\":0,\"Topic\":\"a\\\"b\\\\c\\/d\\u00e9\\b\\f\\n\\r\\t\"}"), "escapes"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Seq\":1,\"Version\":\"2\",\"FullTopic\":\"%prefix%\\/%topic%\\/\"}"), "escaped slash"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal(" \"Seq\" :\t1 ,\n\"Topic\"\r\n:\"x\" ,\"a\":[ 1 , [ ] ] }"), "whitespace"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal("\"Version\":2,\"Seq\":2147483647}"), "member order"));
        }

        [TestMethod]
        public void Nested_Objects_And_Escaped_Keys_Go_Through_The_Tree_With_The_Same_Result()
        {
            SettingsFileReader reader = new SettingsFileReader();
            int seq;
            string error;
            string nested = SettingsTestData.Seal("\"Seq\":1,\"Topic\":{\"a\":1},\"Dimmer\":[{\"b\":[]}]}");
            Assert.IsTrue(reader.Open(nested, out seq, out error));
            Assert.IsTrue(reader.UsedTree);
            Assert.AreEqual("ok (tree)", Same(nested, "nested"));
            string escapedKey = SettingsTestData.Seal("\"Seq\":1,\"To\\u0070ic\":\"x\",\"S\\u0065q\":2}");
            Assert.AreEqual("not JSON (line 1, column 46: duplicate member name \"Seq\")", Same(escapedKey, "escaped duplicate"));
            Assert.AreEqual("ok (tree)", Same(SettingsTestData.Seal("\"Seq\":1,\"To\\u0070ic\":\"x\"}"), "escaped key"));
        }

        [TestMethod]
        public void Every_Malformed_Copy_Is_Refused_With_The_Tree_Parsers_Reason()
        {
            string[] rests = new string[]
            {
                "\"Seq\":1,\"Topic\":\"a\",\"Topic\":\"b\"}",
                "\"Seq\":1,\"Topic\":\"a\",}",
                "\"Seq\":1,\"Subscriptions\":[\"a\",]}",
                "\"Seq\":1,\"Topic\":{\"a\":1,\"a\":2}}",
                "\"Topic\":\"a\"}",
                "\"Seq\":\"1\"}",
                "\"Seq\":-1}",
                "\"Seq\":1.0}",
                "\"Seq\":2147483648}",
                "\"Seq\":01}",
                "\"Seq\":1,\"SetOption0\":tru}",
                "\"Seq\":1,\"SetOption0\":truex}",
                "\"Seq\":1,\"SetOption0\":nul}",
                "\"Seq\":1,/*x*/\"Topic\":\"x\"}",
                "\"Seq\":1,\"Topic\":\"a\tb\"}",
                "\"Seq\":1,\"Topic\":}",
                "\"Seq\":1,\"Topic\"}",
                "\"Seq\":1 \"Topic\":1}",
                "\"Seq\":1}}",
                "\"Seq\":1,\"a\":-}",
                "\"Seq\":1,\"a\":1.}",
                "\"Seq\":1,\"a\":1e}",
                "\"Seq\":1,\"a\":-a}",
                "\"Seq\":1,\"a\":+1}",
                "\"Seq\":1,\"a\":[[[1]]]}",
                "\"Seq\":1,\"a\":[[[[1]]]]}",
                "\"Seq\":1,\"a\":\"\\x\"}",
                "\"Seq\":1,\"a\":\"\\u12\"}",
                "\"Seq\":1,\"a\":'x'}",
                "\"Seq\":1,\"a\":[1 2]}",
                "\"Seq\":1,\"a\":[,]}",
                "\"Seq\":1,,\"a\":1}",
                "\"Seq\":1,\"a\":1,\"\":2,\"\":3}",
                "}",
                "\"Seq\":1,\"a\":\"}",
            };
            for (int i = 0; i < rests.Length; i++)
            {
                Same(SettingsTestData.Seal(rests[i]), "case " + i.ToString());
            }

            Assert.AreEqual("not JSON (line 1, column 41: duplicate member name \"Topic\")", Same(SettingsTestData.Seal(rests[0]), "duplicate"));
            Assert.AreEqual("no valid Seq", Same(SettingsTestData.Seal(rests[8]), "Seq range"));
            Assert.AreEqual("ok", Same(SettingsTestData.Seal(rests[24]), "depth 4"));
            Assert.AreEqual("CRC mismatch", Same(SettingsTestData.Seal("\"Seq\":1}") + "x}", "CRC"));
            Assert.AreEqual("missing", Same(null, "null"));
            Assert.AreEqual("too long", Same(SettingsTestData.Seal("\"Seq\":1,\"a\":\"" + new string('x', 16400) + "\"}"), "long"));
        }

        [TestMethod]
        public void Every_Prefix_Of_A_Saved_Copy_Reads_As_The_Tree_Reads_It()
        {
            string file = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(Changed()), 3);
            for (int k = 0; k <= file.Length; k++)
            {
                Same(file.Substring(0, k), "prefix " + k.ToString());
            }
        }

        [TestMethod]
        public void One_Reader_Reads_Two_Copies_In_Turn()
        {
            string a = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(Changed()), 4);
            DeviceSettings other = DeviceSettings.CreateDefaults(Mac);
            other.Topic = "other";
            string b = SettingsCodec.EncodeFile(SettingsCodec.EncodeBody(other), 5);
            SettingsFileReader reader = new SettingsFileReader();
            int seq;
            string error;
            Assert.IsTrue(reader.Open(a, out seq, out error));
            Assert.IsTrue(reader.Open(b, out seq, out error));
            Assert.AreEqual(5, seq);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            Assert.AreEqual(0, reader.Decode(loaded, new TextBuffer(8)));
            Assert.AreEqual("other", loaded.Topic);
            Assert.IsFalse(reader.Open("{\"Crc32\":\"00000000\",\"Seq\":1}", out seq, out error));
            Assert.AreEqual("CRC mismatch", error);
            Assert.AreEqual(0, reader.Decode(loaded, new TextBuffer(8)));
        }

        [TestMethod]
        public void IsBodyOf_Agrees_With_BodyOf()
        {
            string body = SettingsCodec.EncodeBody(Changed());
            string file = SettingsCodec.EncodeFile(body, 12);
            Assert.IsTrue(SettingsCodec.IsBodyOf(file, 12, body));
            Assert.IsTrue(SettingsCodec.IsBodyOf("\uFEFF" + file + "\n", 12, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(file, 13, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(file, 1, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(file, 12, body.Substring(0, body.Length - 2) + "1}"));
            Assert.IsFalse(SettingsCodec.IsBodyOf(file, 12, body + " "));
            Assert.IsFalse(SettingsCodec.IsBodyOf(SettingsTestData.Seal("\"Seq\":012," + body.Substring(1)), 12, body));
            Assert.IsTrue(SettingsCodec.IsBodyOf(SettingsTestData.Seal("\"Seq\":0," + body.Substring(1)), 0, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(SettingsTestData.Seal("\"Seq\":00," + body.Substring(1)), 0, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(SettingsTestData.Seal("\"Seq\": 12," + body.Substring(1)), 12, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(file.Substring(0, 30), 12, body));
            Assert.IsFalse(SettingsCodec.IsBodyOf(null, 12, body));
            string[] files = new string[] { file, "\uFEFF" + file, file.Substring(0, file.Length - 1), SettingsTestData.Seal("\"Seq\":12,\"Version\":2}") };
            for (int i = 0; i < files.Length; i++)
            {
                string of = SettingsCodec.BodyOf(files[i], 12);
                Assert.AreEqual(of != null && of == body, SettingsCodec.IsBodyOf(files[i], 12, body), "file " + i.ToString());
                Assert.AreEqual(of != null, of != null && SettingsCodec.IsBodyOf(files[i], 12, of), "own body " + i.ToString());
            }
        }
    }
}
