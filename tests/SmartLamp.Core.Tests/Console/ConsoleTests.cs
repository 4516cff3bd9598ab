using nanoFramework.TestFramework;
using SmartLamp.Core.Console;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

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
            Assert.IsTrue(f.Serial.OutputContains("CMD: Backlog0 Power on; Password1 ****"));
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
            [TestMethod]
        public void Serial_Lines_Carry_The_Time_Like_Tasmota()
        {
            RecordingLog inner = new RecordingLog();
            FakeSerialLine serial = new FakeSerialLine();
            VirtualClock clock = new VirtualClock();
            ConsoleLog log = new ConsoleLog(inner, serial, clock);

            clock.Advance(3723045);
            log.Write("MQT", "stat/x/RESULT = ", "{\"POWER\":\"ON\"}", null);

            Assert.AreEqual("01:02:03.045 MQT: stat/x/RESULT = {\"POWER\":\"ON\"}", serial.OutputAt(0));
            Assert.AreEqual("MQT: stat/x/RESULT = {\"POWER\":\"ON\"}", inner.LineAt(0), "the log port gets no time stamp");
        }

        [TestMethod]
        public void The_Device_Console_Echoes_The_Command_Then_The_Result_With_Time_Stamps()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, DeviceFixture.Host);
            f.App.Start();
            int before = f.Serial.OutputCount;

            f.Serial.Type("  Power on ");

            Assert.AreEqual(before + 3, f.Serial.OutputCount);
            Assert.AreEqual("00:00:00.000 CMD: Power on", f.Serial.OutputAt(before));
            Assert.AreEqual("00:00:00.000 RSL: RESULT = {\"POWER\":\"ON\"}", f.Serial.OutputAt(before + 1));
            Assert.AreEqual("00:00:00.000 RSL: POWER = ON", f.Serial.OutputAt(before + 2));
        }

        [TestMethod]
        public void Serial_Console_Answers_Unknown_Commands_As_Tasmota()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();
            int before = f.Serial.OutputCount;

            f.Serial.Type("Frobnicate 3");

            Assert.IsTrue(f.Serial.OutputAt(before).EndsWith(" CMD: Frobnicate 3"));
            Assert.IsTrue(f.Serial.OutputAt(before + 1).EndsWith(" MQT: stat/" + DeviceFixture.T + "/RESULT = {\"Command\":\"Unknown\"}"));
        }
    }
}
