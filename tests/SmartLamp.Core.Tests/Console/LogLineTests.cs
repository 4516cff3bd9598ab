using nanoFramework.TestFramework;
using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Console
{
    [TestClass]
    public class LogLineTests
    {
        [TestMethod]
        public void A_Line_Is_Formatted_With_The_Time_And_Grows_Past_Its_First_Buffer()
        {
            LogLine line = new LogLine();
            string payload = new string('x', 300);

            line.Format(true, new System.DateTime(2026, 1, 2, 1, 2, 3, 45), "MQT", "stat/x/RESULT = ", payload, null);

            Assert.AreEqual("01:02:03.045 MQT: stat/x/RESULT = " + payload, line.ToString());
            Assert.AreEqual(line.ToString().Length, line.Length);

            line.Format(false, System.DateTime.MinValue, "CMD", "Power on", null, " (serial)");
            Assert.AreEqual("CMD: Power on (serial)", line.ToString());
        }

        [TestMethod]
        public void Lines_Up_To_The_Kept_Size_Share_One_Buffer_And_A_Longer_Line_Is_Not_Kept()
        {
            LogLine line = new LogLine();
            System.DateTime t = new System.DateTime(2026, 1, 2, 1, 2, 3, 45);
            line.Format(true, t, "MQT", new string('a', LogLine.KeptChars - 13 - 5), null, null); // exactly the kept size
            char[] kept = line.Chars;
            Assert.AreEqual(LogLine.KeptChars, kept.Length);
            Assert.AreEqual(LogLine.KeptChars, line.Length);
            Assert.AreEqual("01:02:03.045 MQT: " + new string('a', LogLine.KeptChars - 18), line.ToString());

            string payload = new string('b', 1000);
            line.Format(true, t, "MQT", "tasmota/discovery/X/config = ", payload, null);
            Assert.AreEqual("01:02:03.045 MQT: tasmota/discovery/X/config = " + payload, line.ToString());
            Assert.IsFalse(object.ReferenceEquals(kept, line.Chars));

            line.Format(false, t, "CMD", "Power on", null, null);
            Assert.IsTrue(object.ReferenceEquals(kept, line.Chars), "after a short line the long line's buffer must be gone");
            Assert.AreEqual("CMD: Power on", line.ToString());

            line.Format(false, t, "MQT", new string('c', LogLine.KeptChars - 4), null, null); // one character over
            Assert.AreEqual(LogLine.KeptChars + 1, line.Length);
            Assert.AreEqual("MQT: " + new string('c', LogLine.KeptChars - 4), line.ToString());
            line.Release();
            Assert.IsTrue(object.ReferenceEquals(kept, line.Chars), "Release must drop the long line's buffer");
            Assert.AreEqual(0, line.Length);
        }

        [TestMethod]
        public void The_Tee_Writes_A_Long_Line_Whole_And_The_Next_Short_One_Intact()
        {
            LineTakingLog inner = new LineTakingLog();
            FakeSerialLine serial = new FakeSerialLine();
            ConsoleLog log = new ConsoleLog(inner, serial, null);
            string payload = new string('x', 700);

            log.Write("MQT", "tele/x/STATE = ", payload, null);
            log.Write("MQT", "stat/x/POWER = ", "ON", null);

            Assert.AreEqual("MQT: tele/x/STATE = " + payload, serial.OutputAt(0));
            Assert.AreEqual("MQT: stat/x/POWER = ON", serial.OutputAt(1));
            Assert.AreEqual("MQT: stat/x/POWER = ON", inner.Last);
            Assert.AreEqual(2, inner.LinesWritten);
        }

        [TestMethod]
        public void The_Tee_Formats_Once_And_Hands_The_Same_Line_To_A_Log_Port_That_Takes_Lines()
        {
            LineTakingLog inner = new LineTakingLog();
            FakeSerialLine serial = new FakeSerialLine();
            VirtualClock clock = new VirtualClock();
            ConsoleLog log = new ConsoleLog(inner, serial, clock);
            clock.Advance(3723045);

            log.Write("MQT", "stat/x/POWER = ", "ON", null);

            Assert.AreEqual(0, inner.PiecesWritten, "the tee must not make the log port format the line again");
            Assert.AreEqual(1, inner.LinesWritten);
            Assert.AreEqual("01:02:03.045 MQT: stat/x/POWER = ON", inner.Last);
            Assert.AreEqual("01:02:03.045 MQT: stat/x/POWER = ON", serial.OutputAt(0));
        }

        private sealed class LineTakingLog : ILog, ILogOutput
        {
            public int PiecesWritten;
            public int LinesWritten;
            public string Last;

            public void Write(string tag, string a, string b, string c)
            {
                PiecesWritten++;
            }

            public void WriteLine(char[] line, int length)
            {
                LinesWritten++;
                Last = new string(line, 0, length);
            }
        }
    }
}
