using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Settings
{
    /// <summary>Stored text that is not SmartLamp settings (another firmware's file with a valid-looking header) gives defaults.</summary>
    [TestClass]
    public class SettingsHeaderTests
    {
        private const string Mac = "A0B1C2D3E4F5";

        [TestMethod]
        public void Text_With_Another_Magic_Gives_Defaults_Even_With_A_Matching_Checksum()
        {
            DeviceSettings original = DeviceSettings.CreateDefaults(Mac);
            original.MqttHost = "broker.lan";
            string text = SettingsCodec.Encode(original);
            Assert.IsTrue(text.StartsWith(SettingsCodec.Magic + " "));

            // Same version, checksum and length: only the magic word differs.
            string foreign = "OtherFirmware" + text.Substring(SettingsCodec.Magic.Length);
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            loaded.MqttHost = "stale";
            RecordingLog log = new RecordingLog();

            Assert.AreEqual(SettingsCodec.Corrupt, SettingsCodec.Decode(foreign, loaded, Mac, log));
            Assert.AreEqual(string.Empty, loaded.MqttHost);
            Assert.IsTrue(log.Contains("CFG: Settings header invalid, use defaults"));

            // The untouched text still loads, so it is the magic word that was refused.
            Assert.AreEqual(SettingsCodec.Ok, SettingsCodec.Decode(text, loaded, Mac, new RecordingLog()));
            Assert.AreEqual("broker.lan", loaded.MqttHost);
        }
    }
}
