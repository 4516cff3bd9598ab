using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Tests.Settings
{
    /// <summary>Shared helpers of the settings tests (no state).</summary>
    public static class SettingsTestData
    {
        public const string Mac = "A0B1C2D3E4F5";

        /// <summary>A settings file around <paramref name="rest"/> (everything after the header, starting "\"Seq\":..."), with the right CRC.</summary>
        public static string Seal(string rest)
        {
            return SettingsCodec.CrcKeyPrefix + Hex(SettingsCodec.Crc32Utf8(rest)) + "\"," + rest;
        }

        /// <summary>8 upper-case hex digits.</summary>
        public static string Hex(uint value)
        {
            string hex = string.Empty;
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                int d = (int)((value >> shift) & 0xF);
                hex += (char)(d < 10 ? '0' + d : 'A' + d - 10);
            }

            return hex;
        }


        /// <summary>Settings with every field away from its default (text with quotes, backslashes, non-ASCII and a surrogate pair).</summary>
        public static DeviceSettings Odd()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.MqttHost = "broker.lan";
            s.MqttPort = 8883;
            s.MqttUser = "user=name";
            s.MqttPassword = "p\\a\"s s\u00E9\uD83D\uDE00";
            s.Topic = "kitchen";
            s.GroupTopic = "lights";
            s.FullTopic = "home/%prefix%/%topic%/";
            s.Prefix[1] = "status";
            s.MqttRetry = 30;
            s.MqttKeepAlive = 60;
            s.TelePeriod = 0;
            s.Ssid[0] = "Home Net";
            s.Ssid[1] = "Back=up";
            s.WifiPassword[0] = "wifi pass";
            s.SaveState = false;
            s.ResultOnCommandTopic = true;
            s.IndexSingleRelay = true;
            s.PowerRetain = true;
            s.AcceptRetainedCommands = true;
            s.StateText[0] = "Aus";
            s.StateText[3] = "Halten";
            s.PowerOnState = 1;
            s.SaveData = 60;
            s.SavedPower = 5;
            s.BlinkTime = 3;
            s.BlinkCount = 0;
            s.BootCount = 17;
            return s;
        }

        /// <summary>Asserts that every stored field of <paramref name="a"/> and <paramref name="b"/> is equal (compared through the encoder, so new fields are covered).</summary>
        public static void AssertSame(DeviceSettings a, DeviceSettings b)
        {
            Assert.AreEqual(SettingsCodec.EncodeBody(a), SettingsCodec.EncodeBody(b));
            Assert.AreEqual(a.MqttPassword, b.MqttPassword);
            Assert.AreEqual(a.SaveState, b.SaveState);
            Assert.AreEqual(a.SaveData, b.SaveData);
        }
    }
}
