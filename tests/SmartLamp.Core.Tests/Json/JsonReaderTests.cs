using nanoFramework.TestFramework;
using SmartLamp.Core.Json;

namespace SmartLamp.Core.Tests.Json
{
    [TestClass]
    public class JsonReaderTests
    {
        // Parses text that must be rejected and returns the error (null when it parsed).
        private static JsonException ErrorOf(string json)
        {
            try
            {
                JsonReader.Parse(json);
            }
            catch (JsonException e)
            {
                return e;
            }

            return null;
        }

        private static void AssertError(string json, string expectedMessage)
        {
            JsonException e = ErrorOf(json);
            Assert.IsNotNull(e, "expected a JsonException for: " + json);
            Assert.AreEqual(expectedMessage, e.Message);
        }

        [TestMethod]
        public void Object_Members_Keep_Document_Order_And_Kinds()
        {
            JsonNode root = JsonReader.Parse("{\"b\": 1, \"a\": \"x\", \"t\": true, \"f\": false, \"n\": null, \"arr\": [], \"obj\": {}}");

            Assert.AreEqual((int)JsonKind.Object, (int)root.Kind);
            Assert.AreEqual(7, root.Count);
            Assert.AreEqual("b", root.KeyAt(0));
            Assert.AreEqual("a", root.KeyAt(1));
            Assert.AreEqual("obj", root.KeyAt(6));
            Assert.AreEqual(1L, root.Get("b").LongValue);
            Assert.AreEqual("x", root.Get("a").StringValue);
            Assert.IsTrue(root.Get("t").BoolValue);
            Assert.IsFalse(root.Get("f").BoolValue);
            Assert.IsTrue(root.Get("n").IsNull);
            Assert.AreEqual("array", root.Get("arr").KindName);
            Assert.AreEqual(0, root.Get("arr").Count);
            Assert.AreEqual("object", root.Get("obj").KindName);
            Assert.IsNull(root.Get("missing"));
            Assert.IsFalse(root.Has("missing"));
            Assert.IsTrue(root.Has("n"));
        }

        [TestMethod]
        public void Nested_Arrays_And_Objects_Are_Navigable()
        {
            JsonNode root = JsonReader.Parse("[1, [2, [3]], {\"k\": [{\"deep\": -4}]}]");

            Assert.AreEqual(3, root.Count);
            Assert.AreEqual(1L, root[0].LongValue);
            Assert.AreEqual(2L, root[1][0].LongValue);
            Assert.AreEqual(3L, root[1][1][0].LongValue);
            Assert.AreEqual(-4L, root[2].Get("k")[0].Get("deep").LongValue);
        }

        [TestMethod]
        public void Integers_Negative_And_Long_Range_Are_Exact()
        {
            JsonNode root = JsonReader.Parse("[0, -0, 39, -17, 9223372036854775807, -9223372036854775808, 9223372036854775808]");

            Assert.AreEqual(0L, root[0].LongValue);
            Assert.AreEqual(0L, root[1].LongValue);
            Assert.AreEqual(39L, root[2].LongValue);
            Assert.AreEqual(-17L, root[3].LongValue);
            Assert.AreEqual(long.MaxValue, root[4].LongValue);
            Assert.AreEqual(long.MinValue, root[5].LongValue);
            Assert.IsFalse(root[6].IsInteger, "one past long.MaxValue does not fit");
            Assert.AreEqual("9223372036854775808", root[6].NumberText);
        }

        [TestMethod]
        public void Fractions_And_Exponents_Are_Numbers_But_Not_Integers()
        {
            JsonNode root = JsonReader.Parse("[12.5, -0.25, 1e3, 2E-2, 1.5e+2]");

            for (int i = 0; i < root.Count; i++)
            {
                Assert.AreEqual("number", root[i].KindName);
                Assert.IsFalse(root[i].IsInteger, root[i].NumberText);
            }

            Assert.AreEqual("12.5", root[0].NumberText);
            Assert.AreEqual(12.5, root[0].DoubleValue);
            Assert.AreEqual(-0.25, root[1].DoubleValue);
            Assert.AreEqual(1000.0, root[2].DoubleValue);
            Assert.AreEqual(0.02, root[3].DoubleValue);
            Assert.AreEqual(150.0, root[4].DoubleValue);
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => { long unused = root[0].LongValue; });
        }

        [TestMethod]
        public void TryGetInt32_Checks_Range_And_Integrality()
        {
            JsonNode root = JsonReader.Parse("[26, 40, -1, 26.0, \"26\"]");
            int value;

            Assert.IsTrue(root[0].TryGetInt32(0, 39, out value));
            Assert.AreEqual(26, value);
            Assert.IsFalse(root[1].TryGetInt32(0, 39, out value));
            Assert.IsFalse(root[2].TryGetInt32(0, 39, out value));
            Assert.IsFalse(root[3].TryGetInt32(0, 39, out value), "26.0 is not an integer");
            Assert.IsFalse(root[4].TryGetInt32(0, 39, out value), "a string is not a number");
        }

        [TestMethod]
        public void String_Escapes_Are_Decoded()
        {
            JsonNode root = JsonReader.Parse("[\"a\\\"b\", \"back\\\\slash\", \"sl\\/ash\", \"\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20AC\", \"\\ud83d\\ude00\", \"plain\"]");

            Assert.AreEqual("a\"b", root[0].StringValue);
            Assert.AreEqual("back\\slash", root[1].StringValue);
            Assert.AreEqual("sl/ash", root[2].StringValue);
            Assert.AreEqual("\b\f\n\r\t", root[3].StringValue);
            Assert.AreEqual("A\u00e9\u20ac", root[4].StringValue);
            Assert.AreEqual(2, root[5].StringValue.Length);
            char[] pair = root[5].StringValue.ToCharArray(); // not s[i]: the nanoCLR's indexer returns the high surrogate twice
            Assert.AreEqual((int)0xD83D, (int)pair[0]);
            Assert.AreEqual((int)0xDE00, (int)pair[1]);
            Assert.AreEqual("plain", root[6].StringValue);
        }

        [TestMethod]
        public void Long_Escaped_String_Grows_Its_Buffer()
        {
            string payload = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz";
            JsonNode node = JsonReader.Parse("\"\\n" + payload + "\\t" + payload + "\"");

            Assert.AreEqual("\n" + payload + "\t" + payload, node.StringValue);
        }

        [TestMethod]
        public void Scalars_Are_Valid_Documents_And_Whitespace_Is_Skipped()
        {
            Assert.IsTrue(JsonReader.Parse(" \r\n\t true \n").BoolValue);
            Assert.IsTrue(JsonReader.Parse("null").IsNull);
            Assert.AreEqual(7L, JsonReader.Parse("7").LongValue);
            Assert.AreEqual("s", JsonReader.Parse("\"s\"").StringValue);
        }

        [TestMethod]
        public void Nodes_Remember_Their_Position()
        {
            JsonNode root = JsonReader.Parse("{\n  \"a\": [\n    10,\n    \"x\"\n  ]\n}");

            Assert.AreEqual(1, root.Line);
            Assert.AreEqual(1, root.Column);
            Assert.AreEqual(2, root.Get("a").Line);
            Assert.AreEqual(8, root.Get("a").Column);
            Assert.AreEqual(3, root.Get("a")[0].Line);
            Assert.AreEqual(5, root.Get("a")[0].Column);
            Assert.AreEqual(4, root.Get("a")[1].Line);
        }

        [TestMethod]
        public void Wrong_Kind_Accessors_Throw()
        {
            JsonNode root = JsonReader.Parse("{\"s\": \"x\"}");

            Assert.ThrowsException(typeof(System.InvalidOperationException), () => { bool unused = root.Get("s").BoolValue; });
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => { string unused = root.StringValue; });
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => { JsonNode unused = root.Get("s")[0]; });
        }

        [TestMethod]
        public void Empty_And_Null_Input_Are_Rejected()
        {
            AssertError("", "line 1, column 1: empty document, expected a JSON value");
            AssertError("  \n ", "line 2, column 2: empty document, expected a JSON value");
            Assert.ThrowsException(typeof(System.ArgumentNullException), () => JsonReader.Parse(null));
        }

        [TestMethod]
        public void Structural_Errors_Name_Line_And_Column()
        {
            AssertError("{\"a\": 1,}", "line 1, column 9: trailing comma before '}'");
            AssertError("[1, 2,]", "line 1, column 7: trailing comma before ']'");
            AssertError("{\"a\" 1}", "line 1, column 6: unexpected character '1', expected ':' after member name \"a\"");
            AssertError("{\n\"a\": 1\n\"b\": 2}", "line 3, column 1: unexpected character '\"', expected ',' or '}'");
            AssertError("[1 2]", "line 1, column 4: unexpected character '2', expected ',' or ']'");
            AssertError("{a: 1}", "line 1, column 2: unexpected character 'a', expected a member name in double quotes");
            AssertError("{'a': 1}", "line 1, column 2: unexpected character ''', expected a member name in double quotes");
            AssertError("[1] x", "line 1, column 5: unexpected character 'x' after the end of the JSON value");
            AssertError("{\"a\": }", "line 1, column 7: unexpected character '}', expected a value");
        }

        [TestMethod]
        public void Unclosed_Containers_Report_Where_They_Started()
        {
            AssertError("{\"relays\": [\n  {\"pin\": 1}", "line 2, column 13: unexpected end of input, expected ',' or ']' (array starting at line 1, column 12 is not closed)");
            AssertError("\n {\"a\": 1", "line 2, column 9: unexpected end of input, expected ',' or '}' (object starting at line 2, column 2 is not closed)");
            AssertError("[", "line 1, column 2: unexpected end of input, expected a value");
        }

        [TestMethod]
        public void Duplicate_Member_Names_Are_Rejected()
        {
            AssertError("{\"pin\": 1,\n \"pin\": 2}", "line 2, column 2: duplicate member name \"pin\"");
        }

        [TestMethod]
        public void Bad_Literals_Are_Rejected()
        {
            AssertError("tru", "line 1, column 1: invalid literal 'tru', expected true, false or null");
            AssertError("[True]", "line 1, column 2: unexpected character 'T', expected a value");
            AssertError("[nullx]", "line 1, column 2: invalid literal 'nullx', expected true, false or null");
            AssertError("NaN", "line 1, column 1: unexpected character 'N', expected a value");
        }

        [TestMethod]
        public void Bad_Numbers_Are_Rejected()
        {
            AssertError("[01]", "line 1, column 3: invalid number: leading zeros are not allowed");
            AssertError("[-]", "line 1, column 3: invalid number: expected a digit after '-'");
            AssertError("[1.]", "line 1, column 4: invalid number: expected a digit after '.'");
            AssertError("[1e]", "line 1, column 4: invalid number: expected a digit in the exponent");
            AssertError("[.5]", "line 1, column 2: unexpected character '.', expected a value");
            AssertError("[+1]", "line 1, column 2: unexpected character '+', expected a value");
        }

        [TestMethod]
        public void Bad_Strings_Are_Rejected()
        {
            AssertError("\"abc", "line 1, column 1: unterminated string (missing closing '\"')");
            AssertError("[\"a\\nb", "line 1, column 2: unterminated string (missing closing '\"')");
            AssertError("\"a\nb\"", "line 1, column 3: unescaped control character U+000A in a string");
            AssertError("\"a\\x\"", "line 1, column 3: invalid escape '\\x' (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
            AssertError("\"\\u12G4\"", "line 1, column 2: invalid \\u escape: expected 4 hex digits");
            AssertError("\"\\u12\"", "line 1, column 2: invalid \\u escape: expected 4 hex digits");
        }

        [TestMethod]
        public void Comments_Are_Rejected()
        {
            AssertError("{\n  // pin of the relay\n  \"pin\": 1\n}", "line 2, column 3: comments are not allowed in JSON");
            AssertError("[1, /* two */ 2]", "line 1, column 5: comments are not allowed in JSON");
        }

        [TestMethod]
        public void Depth_Limit_Is_Enforced()
        {
            JsonNode ok = JsonReader.Parse("[[[1]]]", 3, 100);
            Assert.AreEqual(1L, ok[0][0][0].LongValue);

            JsonException e = null;
            try
            {
                JsonReader.Parse("[[[[1]]]]", 3, 100);
            }
            catch (JsonException ex)
            {
                e = ex;
            }

            Assert.IsNotNull(e);
            Assert.AreEqual("line 1, column 4: nesting is deeper than 3 levels", e.Message);
            Assert.AreEqual(1, e.Line);
            Assert.AreEqual(4, e.Column);
            Assert.AreEqual(3, e.Offset);
            Assert.AreEqual("nesting is deeper than 3 levels", e.Detail);
        }

        [TestMethod]
        public void Default_Depth_Limit_Stops_Runaway_Nesting()
        {
            string deep = string.Empty;
            for (int i = 0; i < 40; i++)
            {
                deep += "[";
            }

            AssertError(deep, "line 1, column 33: nesting is deeper than 32 levels");
        }

        [TestMethod]
        public void Size_Limit_Is_Enforced()
        {
            Assert.AreEqual(3, JsonReader.Parse("[1, 2, 3]", 4, 9).Count);

            JsonException e = null;
            try
            {
                JsonReader.Parse("[1, 2, 3] ", 4, 9);
            }
            catch (JsonException ex)
            {
                e = ex;
            }

            Assert.IsNotNull(e);
            Assert.AreEqual("line 1, column 1: document is 10 characters long, the limit is 9", e.Message);
        }
    }
}
