using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Relays
{
    /// <summary>Tasmota 15's TimedPower, PowerLock, the '_' no-answer prefix and Json, through MQTT in virtual time.</summary>
    [TestClass]
    public class PowerExtrasTests
    {
        private const string T = DeviceFixture.T;
        private const string Result = "stat/" + T + "/RESULT";

        private static DeviceFixture Two()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Clock.Advance(6000);
            f.Mqtt.ClearPublished();
            return f;
        }

        private static string Answer(DeviceFixture f, string name, string payload)
        {
            f.Mqtt.ClearPublished();
            f.Command(name, payload);
            return f.LastPayload(Result);
        }

        [TestMethod]
        public void TimedPower_Switches_On_Now_And_Off_After_The_Time()
        {
            DeviceFixture f = Two();
            Assert.AreEqual("{\"POWER1\":\"ON\"}", Answer(f, "TimedPower1", "2000"));
            Assert.IsTrue(f.App.Relays.IsOn(0));
            f.Clock.Advance(1999);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            f.Clock.Advance(1);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual("OFF", f.LastPayload("stat/" + T + "/POWER1"));
        }

        [TestMethod]
        public void TimedPower_With_Off_Switches_Off_Then_On()
        {
            DeviceFixture f = Two();
            f.Command("Power2", "ON");
            Assert.AreEqual("{\"POWER2\":\"OFF\"}", Answer(f, "TimedPower2", "1000,off"));
            f.Clock.Advance(1000);
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Answer(f, "TimedPower2", "500,2");
            Assert.IsFalse(f.App.Relays.IsOn(1), "toggle now");
            f.Clock.Advance(500);
            Assert.IsTrue(f.App.Relays.IsOn(1), "toggle again after 0.5 s");
        }

        [TestMethod]
        public void TimedPower_Blink_Stops_Blinking_After_The_Time()
        {
            DeviceFixture f = Two();
            Answer(f, "TimedPower1", "3000,blink");
            f.Clock.Advance(1000);
            Assert.AreEqual("Power1 4", ListedCommand(f));
            f.Clock.Advance(2000);
            Assert.AreEqual("{\"TimedPower\":\"Empty\"}", Answer(f, "TimedPower", string.Empty));
            Assert.AreEqual("{\"POWER1\":\"OFF\"}", Answer(f, "Power1", string.Empty));
        }

        private static string ListedCommand(DeviceFixture f)
        {
            string list = Answer(f, "TimedPower", string.Empty);
            int at = list.IndexOf("\"Command\":\"");
            Assert.IsTrue(at > 0, list);
            int start = at + 11;
            return list.Substring(start, list.IndexOf('"', start) - start);
        }

        [TestMethod]
        public void TimedPower_Lists_Cancels_And_Answers_Like_Tasmota()
        {
            DeviceFixture f = Two();
            Assert.AreEqual("{\"TimedPower\":\"Empty\"}", Answer(f, "TimedPower", string.Empty));
            Answer(f, "TimedPower1", "2000");
            f.Clock.Advance(500);
            Assert.AreEqual("{\"TimedPower\":[{\"Remaining\":1500,\"Command\":\"Power1 0\"}]}", Answer(f, "TimedPower", string.Empty));
            Assert.AreEqual("{\"TimedPower\":\"Done\"}", Answer(f, "TimedPower1", string.Empty));
            f.Clock.Advance(3000);
            Assert.IsTrue(f.App.Relays.IsOn(0), "cancelled: stays on");
            Assert.AreEqual("{\"Command\":\"Error\"}", Answer(f, "TimedPower3", "1000"));
        }

        [TestMethod]
        public void TimedPower_Repeated_Restarts_The_Time_And_Has_A_50ms_Floor()
        {
            DeviceFixture f = Two();
            Answer(f, "TimedPower1", "1000");
            f.Clock.Advance(800);
            Answer(f, "TimedPower1", "1000");
            f.Clock.Advance(800);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            f.Clock.Advance(200);
            Assert.IsFalse(f.App.Relays.IsOn(0));

            Answer(f, "TimedPower1", "10");
            f.Clock.Advance(49);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            f.Clock.Advance(1);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void TimedPower0_Acts_On_All_Relays()
        {
            DeviceFixture f = Two();
            f.Command("TimedPower0", "1000");
            Assert.AreEqual(3, f.App.Relays.PowerMask);
            f.Clock.Advance(1000);
            Assert.AreEqual(0, f.App.Relays.PowerMask);
        }

        [TestMethod]
        public void PowerLock_Keeps_A_Relay_As_It_Is()
        {
            DeviceFixture f = Two();
            Assert.AreEqual("{\"PowerLock\":\"01\"}", Answer(f, "PowerLock1", "1"));
            Assert.AreEqual(1, f.App.Settings.PowerLock);
            Assert.AreEqual("{\"POWER1\":\"OFF\"}", Answer(f, "Power1", "ON"));
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual("OFF", f.LastPayload("stat/" + T + "/POWER1"), "the state is shown");

            f.Command("Power0", "ON");
            Assert.AreEqual(2, f.App.Relays.PowerMask, "Power0 leaves the locked relay alone");

            f.Command("TimedPower1", "1000");
            Assert.IsFalse(f.App.Relays.IsOn(0));

            Assert.AreEqual("{\"PowerLock\":\"11\"}", Answer(f, "PowerLock0", "1"));
            f.Command("Power2", "OFF");
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.AreEqual("{\"PowerLock\":\"00\"}", Answer(f, "PowerLock0", "0"));
            Assert.AreEqual("{\"PowerLock\":\"00\"}", Answer(f, "PowerLock", string.Empty));
            Assert.AreEqual("{\"Command\":\"Error\"}", Answer(f, "PowerLock3", "1"));
            f.Command("Power1", "ON");
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void PowerLock_Shows_In_Status()
        {
            DeviceFixture f = Two();
            f.Command("PowerLock2", "1");
            f.Command("Status", string.Empty);
            string status = f.LastPayload("stat/" + T + "/STATUS");
            Assert.IsTrue(status.IndexOf("\"Power\":\"00\",\"PowerLock\":\"10\"") > 0, status);
        }

        [TestMethod]
        public void A_Leading_Underscore_Runs_The_Command_Without_An_Answer()
        {
            DeviceFixture f = Two();
            f.Mqtt.ClearPublished();
            f.Command("_PowerLock2", "1");
            Assert.AreEqual(2, f.App.Settings.PowerLock);
            Assert.AreEqual(string.Empty, f.Mqtt.Transcript());
            f.Command("_NoSuchCommand", "1");
            Assert.AreEqual(string.Empty, f.Mqtt.Transcript());
            f.App.ExecuteCommand("_PowerLock0 0");
            Assert.AreEqual(0, f.App.Settings.PowerLock);
            Assert.AreEqual(string.Empty, f.Mqtt.Transcript());
            Assert.AreEqual("{\"Command\":\"Unknown\"}", Answer(f, "_", "1"), "a lone '_' is not a prefix");
        }

        [TestMethod]
        public void Json_Runs_Each_Member_As_A_Command()
        {
            DeviceFixture f = Two();
            f.Mqtt.ClearPublished();
            f.Command("Json", "{\"Power2\":\"ON\",\"PowerLock\":[0,1],\"PulseTime1\":25}");
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.AreEqual(2, f.App.Settings.PowerLock);
            Assert.AreEqual(25, f.App.Settings.PulseTime[0]);
        }

        [TestMethod]
        public void Json_Without_An_Object_Answers_Empty()
        {
            DeviceFixture f = Two();
            Assert.AreEqual("{\"Json\":\"Empty\"}", Answer(f, "Json", "{}"));
            Assert.AreEqual("{\"Json\":\"Empty\"}", Answer(f, "Json", "[1,2]"));
            Assert.AreEqual("{\"Json\":\"Empty\"}", Answer(f, "Json", "{\"Power1\":"));
            Assert.AreEqual("{\"Json\":\"Empty\"}", Answer(f, "Json", string.Empty));
            Assert.AreEqual(0, f.App.Relays.PowerMask);
        }
    }
}
