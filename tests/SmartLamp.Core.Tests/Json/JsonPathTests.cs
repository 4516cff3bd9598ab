using nanoFramework.TestFramework;
using SmartLamp.Core.Json;

namespace SmartLamp.Core.Tests.Json
{
    [TestClass]
    public class JsonPathTests
    {
        private static string Find(string json, string path)
        {
            return JsonPath.Scalar(json, 8, 1200, path, 0, path.Length, '.', 2);
        }

        [TestMethod]
        public void A_Plain_Payload_Or_A_Broken_Document_Has_No_Member()
        {
            Assert.IsNull(Find("ringing", "State"));
            Assert.IsNull(Find("{\"State\":\"ON\",}", "State"));
            Assert.IsNull(Find("{\"State\":\"ON\"} x", "State"), "text after the root value");
            Assert.IsNull(Find("{\"State\":\"ON\",\"N\":01}", "State"), "an error after the member found");
            Assert.IsNull(Find("[\"State\"]", "State"));
            Assert.IsNull(Find("{\"State\":\"ON\"", "State"), "not closed");
        }

        [TestMethod]
        public void Scalars_Read_As_Tasmota_Gives_Them_And_Containers_And_Null_Are_Absent()
        {
            Assert.AreEqual("ON", Find("{\"state\":\"ON\"}", "STATE"));
            Assert.AreEqual("-1.50e3", Find("{\"T\":-1.50e3}", "T"));
            Assert.AreEqual("true", Find("{\"T\":true}", "T"));
            Assert.AreEqual("false", Find("{\"T\":false}", "T"));
            Assert.IsNull(Find("{\"T\":null}", "T"));
            Assert.IsNull(Find("{\"T\":{\"a\":1}}", "T"));
            Assert.IsNull(Find("{\"T\":[1]}", "T"));
            Assert.AreEqual("a\"b\u00e9\n", Find("{\"T\":\"a\\\"b\\u00e9\\n\"}", "T"));
            Assert.AreEqual("x", Find("{\"s\\u0074ate\":\"x\"}", "State"), "escaped member name");
        }

        [TestMethod]
        public void Paths_Walk_Objects_And_The_First_Match_Wins()
        {
            string json = "{\"A\":1,\"DS18B20\":{\"x\":[1,{\"Temperature\":5}],\"Temperature\":21.5},\"Temperature\":9}";
            Assert.AreEqual("21.5", Find(json, "DS18B20.Temperature"));
            Assert.AreEqual("9", Find(json, "temperature"));
            Assert.IsNull(Find(json, "DS18B20.Humidity"));
            Assert.IsNull(Find(json, "A.B"), "a scalar has no members");
            Assert.AreEqual("1", Find("{\"a\":1,\"A\":2}", "A"));
            Assert.IsNull(Find("{\"A\":{\"x\":1},\"A2\":{\"y\":2}}", "A.y"));
            Assert.AreEqual("v", Find("{\"A\":{\"B.C\":\"v\"}}", "A.B.C"), "the last part keeps its dots");
            Assert.AreEqual("v", JsonPath.Scalar("{\"A\":{\"B\":{\"C\":\"v\"}}}", 8, 1200, "A#B#C", 0, 5, '#', 64));
        }

        [TestMethod]
        public void The_Depth_And_Length_Limits_Hold()
        {
            Assert.AreEqual("1", JsonPath.Scalar("{\"a\":{\"b\":1}}", 2, 100, "a.b", 0, 3, '.', 2));
            Assert.IsNull(JsonPath.Scalar("{\"a\":{\"b\":1}}", 1, 100, "a.b", 0, 3, '.', 2));
            Assert.IsNull(JsonPath.Scalar("{\"a\":1}", 8, 6, "a", 0, 1, '.', 2));
        }

        [TestMethod]
        public void The_Tokenizer_Accepts_And_Rejects_What_The_Reader_Does()
        {
            string[] docs =
            {
                "{}", "[]", " {\"a\" : [ 1 , -0.5e+2 , \"x\" , true , false , null , { } , [ ] ] } ", "0", "\"s\"",
                "{\"a\":1,}", "[1,]", "[1 2]", "{\"a\" 1}", "{'a':1}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}",
                "{\"a\":tru}", "{\"a\":truex}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}", "{} {}",
                "{\"a\":1} // c", "", "   ", "{\"a\":[}", "{\"a\":1]", "[{\"a\":1}]", "{\"a\":\"\\ud800\"}", "nul",
            };
            for (int i = 0; i < docs.Length; i++)
            {
                bool reader = true;
                try
                {
                    JsonReader.Parse(docs[i]);
                }
                catch (JsonException)
                {
                    reader = false;
                }

                JsonTokenizer t = new JsonTokenizer(docs[i], 32, 1000);
                int kind;
                do
                {
                    kind = t.Next();
                }
                while (kind != JsonTokenizer.End && kind != JsonTokenizer.Error);
                Assert.AreEqual(reader, kind == JsonTokenizer.End, docs[i]);
            }
        }
    }
}
