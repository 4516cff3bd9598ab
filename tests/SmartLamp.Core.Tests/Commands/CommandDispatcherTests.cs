using System;
using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Commands
{
    [TestClass]
    public class CommandDispatcherTests
    {
        /// <summary>A dispatcher with ECHO (answers name/index/payload), SILENT (writes nothing), QUIET (suppressed) and BOOM (throws).</summary>
        private sealed class Rig
        {
            public RecordingOutput Output = new RecordingOutput();
            public RecordingLog Log = new RecordingLog();
            public CommandDispatcher D;
            public string Seen;

            public static Rig Create()
            {
                Rig r = new Rig();
                r.D = new CommandDispatcher(r.Output, r.Log, null);
                r.D.Register(new string[] { "ECHO" }, r.Echo);
                r.D.Register(new string[] { "SILENT" }, Silent);
                r.D.Register(new string[] { "QUIET" }, Quiet);
                r.D.Register(new string[] { "BOOM" }, Boom);
                return r;
            }

            public void Echo(CommandRequest req, CommandResponse resp)
            {
                Seen = req.Name + "|" + req.Index + "|" + (req.HasIndex ? "idx" : "noidx") + "|" + req.Payload + "|" + (req.IsQuery ? "query" : "set") + "|" + (int)req.Source;
                resp.Add("Echo", req.Payload);
            }

            private static void Silent(CommandRequest req, CommandResponse resp)
            {
            }

            private static void Quiet(CommandRequest req, CommandResponse resp)
            {
                resp.Suppress();
            }

            private static void Boom(CommandRequest req, CommandResponse resp)
            {
                resp.Add("x", 1);
                throw new InvalidOperationException("kaput");
            }
        }

        private static void Mqtt(Rig r, string tail, string payload)
        {
            string topic = "cmnd/lamp/" + tail;
            r.D.Execute(CommandSource.Mqtt, topic, 10, tail.Length, payload);
        }

        [TestMethod]
        public void Name_Is_Case_Insensitive_And_Trailing_Digits_Are_The_Index()
        {
            Rig r = Rig.Create();
            Mqtt(r, "eCHo12", "hi");
            Assert.AreEqual("ECHO|12|idx|hi|set|0", r.Seen);
            Assert.AreEqual("RESULT {\"Echo\":\"hi\"}\n", r.Output.Text());
            Assert.AreEqual("ECHO", r.Output.At(0).Subtopic);
        }

        [TestMethod]
        public void No_Digits_Means_Index_One_Without_User_Index()
        {
            Rig r = Rig.Create();
            Mqtt(r, "echo", "x");
            Assert.AreEqual("ECHO|1|noidx|x|set|0", r.Seen);
            Mqtt(r, "Echo0", "x");
            Assert.AreEqual("ECHO|0|idx|x|set|0", r.Seen);
        }

        [TestMethod]
        public void Payload_Is_Trimmed_And_Question_Mark_Or_Empty_Is_A_Query()
        {
            Rig r = Rig.Create();
            Mqtt(r, "Echo", "  on \r\n");
            Assert.AreEqual("ECHO|1|noidx|on|set|0", r.Seen);
            Mqtt(r, "Echo", " ? ");
            Assert.AreEqual("ECHO|1|noidx||query|0", r.Seen);
            Mqtt(r, "Echo", null);
            Assert.AreEqual("ECHO|1|noidx||query|0", r.Seen);
            Mqtt(r, "Echo", "");
            Assert.AreEqual("ECHO|1|noidx||query|0", r.Seen);
        }

        [TestMethod]
        public void Trim_Returns_The_Same_String_When_Nothing_Is_Trimmed()
        {
            string p = "toggle";
            Assert.IsTrue(object.ReferenceEquals(p, CommandDispatcher.TrimPayload(p)));
            Assert.AreEqual("a b", CommandDispatcher.TrimPayload("\ta b "));
            Assert.AreEqual("", CommandDispatcher.TrimPayload("   "));
            Assert.AreEqual("??", CommandDispatcher.TrimPayload("??"));
        }

        [TestMethod]
        public void A_Trimmed_Table_Still_Finds_Every_Command_And_Grows_Again()
        {
            Rig r = Rig.Create();
            r.D.TrimToCount();
            r.D.TrimToCount();
            Assert.AreEqual(4, r.D.Count);
            Assert.IsTrue(r.D.IsRegistered("BOOM"));
            Assert.IsFalse(r.D.IsRegistered("LATE"));
            r.D.Register(new string[] { "LATE" }, Dummy);
            Assert.AreEqual(5, r.D.Count);
            Assert.IsTrue(r.D.IsRegistered("LATE"));
            Assert.IsTrue(r.D.IsRegistered("QUIET"));
            Mqtt(r, "Echo3", "after");
            Assert.AreEqual("ECHO|3|idx|after|set|0", r.Seen);
        }

        [TestMethod]
        public void Only_The_Slice_Is_The_Name()
        {
            Rig r = Rig.Create();
            // "ECHO" inside a longer text: the slice [5, 5+5) is "echo3".
            r.D.Execute(CommandSource.Fallback, "xxxx/echo3/yy", 5, 5, "p");
            Assert.AreEqual("ECHO|3|idx|p|set|2", r.Seen);
        }

        [TestMethod]
        public void Unknown_Command_Answers_Exactly_Command_Unknown()
        {
            Rig r = Rig.Create();
            Mqtt(r, "Ech", "1");
            Mqtt(r, "Echoo", "1");
            Mqtt(r, "123", "1");
            Mqtt(r, "", "1");
            Assert.AreEqual("RESULT {\"Command\":\"Unknown\"}\nRESULT {\"Command\":\"Unknown\"}\nRESULT {\"Command\":\"Unknown\"}\nRESULT {\"Command\":\"Unknown\"}\n", r.Output.Text());
            Assert.IsNull(r.Seen);
        }

        [TestMethod]
        public void Handler_Writing_Nothing_Answers_Command_Error()
        {
            Rig r = Rig.Create();
            Mqtt(r, "Silent", "1");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}\n", r.Output.Text());
            Assert.AreEqual("SILENT", r.Output.At(0).Subtopic);
        }

        [TestMethod]
        public void Suppressed_Answer_Publishes_Nothing()
        {
            Rig r = Rig.Create();
            Mqtt(r, "Quiet", "1");
            Assert.AreEqual(0, r.Output.Count);
        }

        [TestMethod]
        public void Throwing_Handler_Is_Logged_And_Answers_Error()
        {
            Rig r = Rig.Create();
            Mqtt(r, "boom", "secret-payload");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}\n", r.Output.Text());
            Assert.IsTrue(r.Log.Contains("CMD: BOOM failed: kaput"));
            Assert.IsFalse(r.Log.Contains("secret-payload"));
            // the dispatcher still works afterwards
            Mqtt(r, "echo", "ok");
            Assert.AreEqual("RESULT {\"Echo\":\"ok\"}", r.Output.At(1).ToString());
        }

        [TestMethod]
        public void ExecuteLine_Splits_Command_And_Payload_And_Skips_A_Cmnd_Preamble()
        {
            Rig r = Rig.Create();
            r.D.ExecuteLine(CommandSource.Console, "  Echo2   hello world ");
            Assert.AreEqual("ECHO|2|idx|hello world|set|3", r.Seen);
            r.D.ExecuteLine(CommandSource.Console, "cmnd/lamp/echo7 x");
            Assert.AreEqual("ECHO|7|idx|x|set|3", r.Seen);
            r.D.ExecuteLine(CommandSource.Backlog, "echo");
            Assert.AreEqual("ECHO|1|noidx||query|4", r.Seen);
            r.D.ExecuteLine(CommandSource.Console, "echo=5");
            Assert.AreEqual("ECHO|1|noidx|=5|set|3", r.Seen);
        }

        [TestMethod]
        public void ExecuteLine_Without_A_Command_Does_Nothing()
        {
            Rig r = Rig.Create();
            r.D.ExecuteLine(CommandSource.Console, "");
            r.D.ExecuteLine(CommandSource.Console, "   \t ");
            r.D.ExecuteLine(CommandSource.Console, null);
            r.D.ExecuteLine(CommandSource.Console, "!!! on");
            r.D.ExecuteLine(CommandSource.Console, "cmnd/lamp/");
            Assert.AreEqual(0, r.Output.Count);
        }

        [TestMethod]
        public void Register_Rejects_Duplicates_And_Bad_Names()
        {
            Rig r = Rig.Create();
            Assert.ThrowsException(typeof(ArgumentException), () => r.D.Register(new string[] { "ECHO" }, r.D.IsRegistered("ECHO") ? (CommandHandler)Dummy : Dummy));
            Assert.ThrowsException(typeof(ArgumentException), () => r.D.Register(new string[] { "Power" }, Dummy));
            Assert.ThrowsException(typeof(ArgumentException), () => r.D.Register(new string[] { "POWER2" }, Dummy));
            Assert.ThrowsException(typeof(ArgumentException), () => r.D.Register(new string[] { "" }, Dummy));
            Assert.AreEqual(4, r.D.Count);
        }

        private static void Dummy(CommandRequest req, CommandResponse resp)
        {
        }

        private static void Which(CommandRequest req, CommandResponse resp)
        {
            resp.Add(req.Name, req.Command);
        }

        [TestMethod]
        public void One_Handler_Serves_A_Table_And_Learns_Which_Name_Was_Called()
        {
            Rig r = Rig.Create();
            r.D.Register(new string[] { "ONE", "TWO", "TWO_B" }, Which);
            Mqtt(r, "two_b4", "x");
            Mqtt(r, "One", string.Empty);
            Assert.AreEqual("RESULT {\"TWO_B\":2}\nRESULT {\"ONE\":0}\n", r.Output.Text());
            Assert.AreEqual(7, r.D.Count);
            Assert.AreEqual("TWO", r.D.NameAt(5));
            Assert.IsNull(r.D.NameAt(7));
            Assert.ThrowsException(typeof(ArgumentException), () => r.D.Register(new string[] { "NEW", "NEW" }, Dummy));
            Assert.IsFalse(r.D.IsRegistered("NEW"), "a refused table registers none of its names");
        }

        [TestMethod]
        public void Every_Command_Is_Found_After_The_Table_Grows()
        {
            Rig r = Rig.Create();
            for (int i = 0; i < 60; i++)
            {
                r.D.Register(new string[] { "X" + (char)('A' + (i / 26)) + (char)('A' + (i % 26)) }, r.Echo);
            }

            Assert.AreEqual(64, r.D.Count);
            Mqtt(r, "Echo", "a");
            Assert.AreEqual("ECHO|1|noidx|a|set|0", r.Seen);
            Mqtt(r, "xaa", "b");
            Assert.AreEqual("XAA|1|noidx|b|set|0", r.Seen);
            Mqtt(r, "XCH3", "c");
            Assert.AreEqual("XCH|3|idx|c|set|0", r.Seen);
            Assert.IsTrue(r.D.IsRegistered("BOOM"));
            Assert.IsFalse(r.D.IsRegistered("XCI"));
            Assert.ThrowsException(typeof(ArgumentException), () => r.D.Register(new string[] { "XBZ" }, r.Echo));
        }

        [TestMethod]
        public void Out_Of_Range_Slice_Is_Clamped_Not_Thrown()
        {
            Rig r = Rig.Create();
            r.D.Execute(CommandSource.Mqtt, "echo", 0, 99, "a");
            Assert.AreEqual("ECHO|1|noidx|a|set|0", r.Seen);
            r.D.Execute(CommandSource.Mqtt, "echo", 10, 2, "a");
            r.D.Execute(CommandSource.Mqtt, null, 0, 2, "a");
            Assert.AreEqual("RESULT {\"Echo\":\"a\"}\nRESULT {\"Command\":\"Unknown\"}\n", r.Output.Text());
        }

        [TestMethod]
        public void Huge_Index_Does_Not_Overflow_Into_A_Valid_One()
        {
            Rig r = Rig.Create();
            Mqtt(r, "echo99999999999999999999", "a");
            Assert.IsTrue(r.Seen.StartsWith("ECHO|"));
            Assert.IsFalse(r.Seen.StartsWith("ECHO|1|"));
            Assert.IsFalse(r.Seen.StartsWith("ECHO|-"));
        }

        [TestMethod]
        public void Every_Real_Command_Survives_Control_Characters_And_Replacement_Characters()
        {
            string[] names = new string[]
            {
                "Power", "Power1", "Power0", "Power9", "PowerOnState", "BlinkTime", "BlinkCount", "PowerRetain", "StateText", "StateText2",
                "MqttHost", "MqttPort", "MqttUser", "MqttPassword", "MqttClient", "Topic", "GroupTopic", "FullTopic", "Prefix", "Prefix1",
                "MqttRetry", "MqttKeepAlive", "SSId", "SSId1", "Password1", "SetOption0", "SO4", "SetOption26", "MqttRetainedCmnd",
                "Backlog", "Backlog0", "Restart", "Reset",
            };
            string[] payloads = new string[]
            {
                new string((char)0, 1), "\u0001on", "\uFFFD", "\uFFFD\uFFFD\uFFFD", "on" + new string((char)0, 1) + "off", "\u001B[2J", "{;}", ";;;", "\t\r\n", "\uD800", "%prefix%",
                "\uFFFD;\u0001;Power \uFFFD",
            };
            for (int n = 0; n < names.Length; n++)
            {
                for (int p = 0; p < payloads.Length; p++)
                {
                    CommandRig rig = CommandRig.Create(2);
                    rig.Mqtt(names[n], payloads[p]);
                    rig.Line(names[n] + " " + payloads[p]);
                    rig.Clock.Advance(20000);
                    Assert.IsFalse(rig.Log.Contains("failed"), names[n] + " logged a failure for payload " + p);
                }
            }
        }
    }
}
