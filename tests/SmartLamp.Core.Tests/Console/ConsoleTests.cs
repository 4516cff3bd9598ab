using nanoFramework.TestFramework;
using SmartLamp.Core.Console;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Console
{
    [TestClass]
    public class ConsoleTests
    {
        [TestMethod]
        public void ConsoleLog_Writes_Each_Line_To_The_Log_And_The_Serial_Line()
        {
            RecordingLog inner = new RecordingLog();
            FakeSerialLine serial = new FakeSerialLine();
            ConsoleLog log = new ConsoleLog(inner, serial);

            log.Write("MQT", "tele/x/LWT = ", "Online", " (retained)");
            log.Write("CMD", "Power on", null, null);

            Assert.AreEqual(2, inner.Count);
            Assert.AreEqual("MQT: tele/x/LWT = Online (retained)", inner.LineAt(0));
            Assert.AreEqual(2, serial.OutputCount);
            Assert.AreEqual("MQT: tele/x/LWT = Online (retained)", serial.OutputAt(0));
            Assert.AreEqual("CMD: Power on", serial.OutputAt(1));
        }
    }
}
