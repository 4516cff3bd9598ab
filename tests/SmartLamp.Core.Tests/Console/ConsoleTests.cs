using nanoFramework.TestFramework;
using SmartLamp.Core.Console;
using SmartLamp.Core.Tests.App;
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

        [TestMethod]
        public void Console_Lines_That_Set_Passwords_Are_Echoed_Masked_And_Still_Executed()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, DeviceFixture.Host);
            f.App.Start();

            f.Serial.Type("MqttPassword hunter22");
            f.Serial.Type("Backlog0 Power on; Password1 secret99");
            f.Clock.Advance(10);

            Assert.AreEqual("hunter22", f.App.Settings.MqttPassword);
            Assert.AreEqual("secret99", f.App.Settings.WifiPassword[0]);
            Assert.IsTrue(f.App.Relays.IsOn(0), "the rest of the Backlog ran");
            Assert.IsTrue(f.Serial.OutputContains("CMD: MqttPassword ****"));
            Assert.IsTrue(f.Serial.OutputContains("CMD: Backlog0 ****"));
            Assert.IsFalse(f.Log.Contains("hunter22"), "log leaks the MQTT password");
            Assert.IsFalse(f.Log.Contains("secret99"), "log leaks the Wi-Fi password");
            Assert.IsFalse(f.Serial.OutputContains("hunter22"), "console leaks the MQTT password");
            Assert.IsFalse(f.Serial.OutputContains("secret99"), "console leaks the Wi-Fi password");
        }

        [TestMethod]
        public void Other_Console_Lines_Are_Echoed_Verbatim()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, DeviceFixture.Host);
            f.App.Start();
            f.Serial.Type("SSId1 MyNet");
            Assert.IsTrue(f.Serial.OutputContains("CMD: SSId1 MyNet"));
        }
    }
}
