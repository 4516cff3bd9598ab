using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using nanoFramework.TestFramework;

namespace SmartLamp.Core.Tests.Commands
{
    /// <summary>
    /// Edges of the configuration commands: Restart 1 / Reset 1 answer first and restart only
    /// <see cref="ConfigCommands.RestartDelayMs"/> later, so the answer has time to leave the device
    /// (on the device a timer due "now" fires on another thread at once, before the MQTT client has
    /// sent the answer); the lowest MqttRetry Tasmota accepts is accepted.
    /// </summary>
    [TestClass]
    public class ConfigLimitsTests
    {
        [TestMethod]
        public void Restart_1_Waits_The_Restart_Delay_After_Answering()
        {
            CommandRig r = CommandRig.Create(1);

            r.Mqtt("Restart", "1");
            Assert.AreEqual("RESULT {\"Restart\":\"Restarting\"}", r.Last());

            r.Clock.Advance(ConfigCommands.RestartDelayMs - 1);
            Assert.AreEqual(0, r.System.Restarts, "restarted before the answer could go out");
            r.Clock.Advance(1);
            Assert.AreEqual(1, r.System.Restarts);
        }

        [TestMethod]
        public void Reset_1_Waits_The_Restart_Delay_After_Answering()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttHost", "broker");

            r.Mqtt("Reset", "1");
            Assert.AreEqual("RESULT {\"Reset\":\"Reset and Restarting\"}", r.Last());

            r.Clock.Advance(ConfigCommands.RestartDelayMs - 1);
            Assert.AreEqual(0, r.System.Restarts, "restarted before the answer could go out");
            Assert.AreEqual("broker", r.S.MqttHost, "settings reset before the restart delay ran out");
            r.Clock.Advance(1);
            Assert.AreEqual(1, r.System.Restarts);
            Assert.AreEqual(string.Empty, r.S.MqttHost);
        }

        [TestMethod]
        public void MqttRetry_Accepts_Its_Minimum_Of_Ten()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("MqttRetry", "30");
            Assert.AreEqual("RESULT {\"MqttRetry\":30}", r.Last());

            r.Mqtt("MqttRetry", "10");

            Assert.AreEqual("RESULT {\"MqttRetry\":10}", r.Last());
            Assert.AreEqual(10, r.S.MqttRetry);
            r.Mqtt("MqttRetry", "11");
            Assert.AreEqual("RESULT {\"MqttRetry\":11}", r.Last());
        }
    }
}
