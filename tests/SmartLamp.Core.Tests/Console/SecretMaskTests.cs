using nanoFramework.TestFramework;
using SmartLamp.Core.Console;

namespace SmartLamp.Core.Tests.Console
{
    [TestClass]
    public class SecretMaskTests
    {
        [TestMethod]
        public void Password_Commands_Lose_Their_Value()
        {
            Assert.AreEqual("MqttPassword ****", SecretMask.CommandLine("MqttPassword hunter22"));
            Assert.AreEqual("Password1 ****", SecretMask.CommandLine("Password1 secret with spaces"));
            Assert.AreEqual("mqttpassword ****", SecretMask.CommandLine("mqttpassword x;y"));
            Assert.AreEqual("cmnd/lamp/MqttPassword ****", SecretMask.CommandLine("cmnd/lamp/MqttPassword hunter22"));
        }

        [TestMethod]
        public void Queries_And_Other_Commands_Are_Kept_As_They_Are()
        {
            string line = "Topic lamp";
            Assert.IsTrue(object.ReferenceEquals(line, SecretMask.CommandLine(line)), "no copy when nothing is masked");
            Assert.AreEqual("MqttPassword", SecretMask.CommandLine("MqttPassword"));
            Assert.AreEqual("Password2   ", SecretMask.CommandLine("Password2   "));
            Assert.IsNull(SecretMask.CommandLine(null));
        }

        [TestMethod]
        public void A_Backlog_Is_Split_As_Backlog_Runs_It_So_A_Semicolon_Inside_Braces_Stays_In_The_Masked_Value()
        {
            // Tasmota (and CommandValue.BacklogItemEnd) do not end an item at a ';' between { and }:
            // the device sets the password "{a;b}", so none of it may be shown.
            Assert.AreEqual(
                "Backlog MqttPassword ****; Topic x",
                SecretMask.CommandLine("Backlog MqttPassword {a;b}; Topic x"));
        }

        [TestMethod]
        public void Inside_A_Backlog_Only_The_Password_Values_Are_Masked()
        {
            Assert.AreEqual(
                "Backlog0 Topic lamp; MqttPassword ****; MqttHost 10.0.0.2; Password1 ****",
                SecretMask.CommandLine("Backlog0 Topic lamp; MqttPassword hunter22; MqttHost 10.0.0.2; Password1 wifi-secret"));
            Assert.AreEqual("backlog MqttPassword ****;Power on", SecretMask.CommandLine("backlog MqttPassword a b c;Power on"));
            Assert.AreEqual("Backlog MqttPassword; Power on", SecretMask.CommandLine("Backlog MqttPassword; Power on"));
        }

        [TestMethod]
        public void A_Password_Value_Naming_Another_Command_Is_Still_Masked()
        {
            Assert.AreEqual("MqttPassword ****", SecretMask.CommandLine("MqttPassword Backlog0 Topic x; Password1 y"));
        }
    }
}
