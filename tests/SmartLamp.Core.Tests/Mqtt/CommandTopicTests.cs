using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Mqtt
{
    [TestClass]
    public class CommandTopicTests
    {
        private const string T = DeviceFixture.T;

        [TestMethod]
        public void Group_Topic_Command_Switches_And_Answers_On_The_Own_Topic()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("cmnd/tasmotas/POWER", "ON", false);

            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual(
                "stat/" + T + "/RESULT = {\"POWER\":\"ON\"}\n" +
                "stat/" + T + "/POWER = ON\n",
                f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Fallback_Topic_Command_Is_Answered_On_The_Fallback_Topic()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Mqtt.Deliver("cmnd/DVES_E0B7C9_fb/Power", "1", false);

            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.AreEqual(
                "stat/DVES_E0B7C9_fb/RESULT = {\"POWER\":\"ON\"}\n" +
                "stat/DVES_E0B7C9_fb/POWER = ON\n",
                f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Unknown_Command_Answers_On_Result()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Mqtt.ClearPublished();

            f.Command("Fly", "away");

            Assert.AreEqual("stat/" + T + "/RESULT = {\"Command\":\"Unknown\"}\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void SetOption4_Moves_Answers_To_The_Command_Topic()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Command("SetOption4", "1");
            f.Mqtt.ClearPublished();

            f.Command("Power2", "ON");
            f.Command("Fly", string.Empty);
            f.Command("PowerOnState", string.Empty);

            Assert.AreEqual(
                "stat/" + T + "/POWER2 = {\"POWER2\":\"ON\"}\n" +
                "stat/" + T + "/POWER2 = ON\n" +
                "stat/" + T + "/COMMAND = {\"Command\":\"Unknown\"}\n" +
                "stat/" + T + "/POWERONSTATE = {\"PowerOnState\":3}\n",
                f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Commands_Without_Mqtt_Are_Answered_On_The_Console_As_RSL()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, string.Empty);
            f.App.Start();

            f.Serial.Type("Power on");

            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.IsTrue(f.Serial.OutputContains("CMD: Power on"));
            Assert.IsTrue(f.Serial.OutputContains("RSL: RESULT = {\"POWER\":\"ON\"}"));
            Assert.IsTrue(f.Serial.OutputContains("RSL: POWER = ON"));
            Assert.IsTrue(f.Log.Contains("RSL: POWER = ON"));
            Assert.AreEqual(0, f.Mqtt.PublishedCount);
        }
    }
}
