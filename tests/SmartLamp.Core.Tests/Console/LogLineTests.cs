using nanoFramework.TestFramework;
using SmartLamp.Core.Console;
using SmartLamp.Core.Ports;
using SmartLamp.Simulation;

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
