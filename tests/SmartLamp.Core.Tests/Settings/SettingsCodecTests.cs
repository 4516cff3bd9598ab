using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Settings
{
    [TestClass]
    public class SettingsCodecTests
    {
        private const string Mac = "A0B1C2D3E4F5";

        /// <summary>Wraps <paramref name="body"/> in a valid header, as the codec would.</summary>
        private static string WithHeader(string body)
        {
            uint crc = SettingsCodec.Crc32(body);
            string hex = string.Empty;
            for (int shift = 28; shift >= 0; shift -= 4)
            {
                int d = (int)((crc >> shift) & 0xF);
                hex += (char)(d < 10 ? '0' + d : 'A' + d - 10);
            }

            return "SmartLampSettings 1 " + hex + " " + body.Length + "\n" + body;
        }

        private static string ReplaceOnce(string s, string find, string with)
        {
            int i = s.IndexOf(find);
            Assert.IsTrue(i >= 0, "test text lacks " + find);
            return s.Substring(0, i) + with + s.Substring(i + find.Length);
        }

        private static DeviceSettings Odd()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            s.MqttHost = "broker.lan";
            s.MqttPort = 8883;
            s.MqttUser = "user=name";
            s.MqttPassword = "p\\a=s\ns\rw\u0001rd\u00E9\uFFFD";
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
            s.SavedPower = 5;
            s.BlinkTime = 3;
            s.BlinkCount = 0;
            s.BootCount = 17;
            s.SaveCount = 4;
            return s;
        }

        private static void AssertSame(DeviceSettings a, DeviceSettings b)
        {
            Assert.AreEqual(a.MqttHost, b.MqttHost);
            Assert.AreEqual(a.MqttPort, b.MqttPort);
            Assert.AreEqual(a.MqttUser, b.MqttUser);
            Assert.AreEqual(a.MqttPassword, b.MqttPassword);
            Assert.AreEqual(a.MqttClient, b.MqttClient);
            Assert.AreEqual(a.Topic, b.Topic);
            Assert.AreEqual(a.GroupTopic, b.GroupTopic);
            Assert.AreEqual(a.FullTopic, b.FullTopic);
            for (int i = 0; i < 3; i++)
            {
                Assert.AreEqual(a.Prefix[i], b.Prefix[i]);
            }

            Assert.AreEqual(a.MqttRetry, b.MqttRetry);
            Assert.AreEqual(a.MqttKeepAlive, b.MqttKeepAlive);
            Assert.AreEqual(a.TelePeriod, b.TelePeriod);
            for (int i = 0; i < 2; i++)
            {
                Assert.AreEqual(a.Ssid[i], b.Ssid[i]);
                Assert.AreEqual(a.WifiPassword[i], b.WifiPassword[i]);
            }

            Assert.AreEqual(a.SaveState, b.SaveState);
            Assert.AreEqual(a.ResultOnCommandTopic, b.ResultOnCommandTopic);
            Assert.AreEqual(a.IndexSingleRelay, b.IndexSingleRelay);
            Assert.AreEqual(a.PowerRetain, b.PowerRetain);
            Assert.AreEqual(a.AcceptRetainedCommands, b.AcceptRetainedCommands);
            for (int i = 0; i < 4; i++)
            {
                Assert.AreEqual(a.StateText[i], b.StateText[i]);
            }

            Assert.AreEqual(a.PowerOnState, b.PowerOnState);
            Assert.AreEqual(a.SavedPower, b.SavedPower);
            Assert.AreEqual(a.BlinkTime, b.BlinkTime);
            Assert.AreEqual(a.BlinkCount, b.BlinkCount);
            Assert.AreEqual(a.BootCount, b.BootCount);
            Assert.AreEqual(a.SaveCount, b.SaveCount);
        }

        [TestMethod]
        public void SameIgnoringSaveCount_Sees_Every_Other_Difference()
        {
            DeviceSettings s = Odd();
            string before = SettingsCodec.Encode(s);
            s.SaveCount += 7;
            Assert.IsTrue(SettingsCodec.SameIgnoringSaveCount(SettingsCodec.Encode(s), before));

            s.BootCount++;
            Assert.IsFalse(SettingsCodec.SameIgnoringSaveCount(SettingsCodec.Encode(s), before), "last line before SaveCount");
            s.BootCount--;
            s.MqttHost = s.MqttHost + "x";
            Assert.IsFalse(SettingsCodec.SameIgnoringSaveCount(SettingsCodec.Encode(s), before), "first line");
            Assert.IsFalse(SettingsCodec.SameIgnoringSaveCount("garbage", before));
        }

        [TestMethod]
        public void Round_Trip_Keeps_Every_Field_Including_Newlines_Equals_And_Backslashes()
        {
            DeviceSettings original = Odd();
            string text = SettingsCodec.Encode(original);
            DeviceSettings loaded = new DeviceSettings();
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.Ok, SettingsCodec.Decode(text, loaded, Mac, log));
            AssertSame(original, loaded);
            Assert.AreEqual(0, log.Count);
        }

        [TestMethod]
        public void Encoded_Text_Has_A_Header_And_One_Line_Per_Key()
        {
            string text = SettingsCodec.Encode(Odd());
            Assert.IsTrue(text.StartsWith("SmartLampSettings 1 "));
            Assert.IsTrue(text.IndexOf("\nMqttHost=broker.lan\n") >= 0);
            Assert.IsTrue(text.IndexOf("\nMqttUser=user=name\n") >= 0);
            Assert.IsTrue(text.IndexOf("\nMqttPassword=p\\\\a=s\\ns\\rw\\u0001rd\u00E9\uFFFD\n") >= 0);
            Assert.IsTrue(text.IndexOf("\nPowerRetain=1\n") >= 0);
            Assert.IsTrue(text.EndsWith("\nSaveCount=4\n"));
        }

        [TestMethod]
        public void A_Changed_Character_Is_Detected_And_Gives_Defaults_With_A_Log_Line()
        {
            string text = SettingsCodec.Encode(Odd());
            string tampered = ReplaceOnce(text, "MqttPort=8883", "MqttPort=8884");
            DeviceSettings loaded = DeviceSettings.CreateDefaults(Mac);
            loaded.MqttHost = "stale";
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.Corrupt, SettingsCodec.Decode(tampered, loaded, Mac, log));
            AssertSame(DeviceSettings.CreateDefaults(Mac), loaded);
            Assert.IsTrue(log.Contains("CFG: Settings checksum mismatch, use defaults"));
        }

        [TestMethod]
        public void Truncated_Text_Is_Detected()
        {
            string text = SettingsCodec.Encode(Odd());
            DeviceSettings loaded = new DeviceSettings();
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.Corrupt, SettingsCodec.Decode(text.Substring(0, text.Length - 10), loaded, Mac, log));
            Assert.AreEqual(1883, loaded.MqttPort);
            Assert.IsTrue(log.Contains("CFG: Settings truncated"));
        }

        [TestMethod]
        public void Missing_Empty_And_Garbage_Text_Give_Defaults_And_Never_Throw()
        {
            string[] bad = new string[]
            {
                null, "", "\n", "garbage", "SmartLampSettings", "SmartLampSettings 1\n", "SmartLampSettings x y z\nA=1",
                "SmartLampSettings 1 ZZZZZZZZ 3\nA=1", "SmartLampSettings 1 00000000 99999999999\n", "\uFFFD\u0000\uFFFD\n\u0001=\u0002",
                "SmartLampSettings 2 00000000 0\n", "SmartLampSettings 1 00000000 -1\n",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                DeviceSettings loaded = new DeviceSettings();
                RecordingLog log = new RecordingLog();
                Assert.AreEqual(SettingsCodec.Corrupt, SettingsCodec.Decode(bad[i], loaded, Mac, log), "case " + i);
                Assert.AreEqual("smartlamp_D3E4F5", loaded.Topic, "case " + i);
                Assert.AreEqual(1, log.Count, "case " + i);
                Assert.IsTrue(log.LineAt(0).StartsWith("CFG: "), "case " + i);
            }
        }

        [TestMethod]
        public void Newer_Version_Is_Not_Guessed_At()
        {
            string body = "MqttHost=x\n";
            string text = ReplaceOnce(WithHeader(body), "SmartLampSettings 1 ", "SmartLampSettings 2 ");
            DeviceSettings loaded = new DeviceSettings();
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.Corrupt, SettingsCodec.Decode(text, loaded, Mac, log));
            Assert.AreEqual("", loaded.MqttHost);
            Assert.IsTrue(log.Contains("CFG: Settings version 2 not supported, use defaults"));
        }

        [TestMethod]
        public void Unknown_Keys_And_Lines_Without_Equals_Are_Ignored()
        {
            string text = WithHeader("FutureOption=42\nMqttHost=broker\njust text\n=novalue\nTopic=den\n");
            DeviceSettings loaded = new DeviceSettings();
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.Ok, SettingsCodec.Decode(text, loaded, Mac, log));
            Assert.AreEqual("broker", loaded.MqttHost);
            Assert.AreEqual("den", loaded.Topic);
            Assert.AreEqual(0, log.Count);
        }

        [TestMethod]
        public void Keys_That_Only_Resemble_Known_Ones_Are_Ignored()
        {
            string text = WithHeader("Prefix4=x\nPrefix=x\nPrefix0=x\nSSId3=x\nPassword0=x\nStateText5=x\nStateText=x\nMqttHostname=x\nTopi=x\nsetoption0=0\nSetOption0=0");
            DeviceSettings loaded = new DeviceSettings();
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.Ok, SettingsCodec.Decode(text, loaded, Mac, log));
            Assert.IsFalse(loaded.SaveState, "the last line counts even without a trailing newline");
            loaded.SaveState = true;
            AssertSame(DeviceSettings.CreateDefaults(Mac), loaded);
            Assert.AreEqual(0, log.Count);
        }

        [TestMethod]
        public void Indexed_Keys_Reach_Their_Own_Slot()
        {
            string text = WithHeader("Prefix3=t\nSSId2=net\nPassword2=pw\nStateText4=Halten\nStateText1=Aus\n");
            DeviceSettings loaded = new DeviceSettings();
            Assert.AreEqual(SettingsCodec.Ok, SettingsCodec.Decode(text, loaded, Mac, new RecordingLog()));
            Assert.AreEqual("cmnd", loaded.Prefix[0]);
            Assert.AreEqual("t", loaded.Prefix[2]);
            Assert.AreEqual("", loaded.Ssid[0]);
            Assert.AreEqual("net", loaded.Ssid[1]);
            Assert.AreEqual("pw", loaded.WifiPassword[1]);
            Assert.AreEqual("Aus", loaded.StateText[0]);
            Assert.AreEqual("ON", loaded.StateText[1]);
            Assert.AreEqual("Halten", loaded.StateText[3]);
        }

        [TestMethod]
        public void Stored_Defaults_Keep_The_Default_Strings_And_Escaped_Values_Are_Decoded()
        {
            string text = WithHeader("FullTopic=%prefix%/%topic%/\nGroupTopic=tas\\u006Dotas\nMqttHost=a\\\\b\n");
            DeviceSettings loaded = new DeviceSettings();
            Assert.AreEqual(SettingsCodec.Ok, SettingsCodec.Decode(text, loaded, Mac, new RecordingLog()));
            Assert.IsTrue(object.ReferenceEquals(DeviceSettings.DefaultFullTopic, loaded.FullTopic));
            Assert.AreEqual("tasmotas", loaded.GroupTopic);
            Assert.AreEqual("a\\b", loaded.MqttHost);
        }

        [TestMethod]
        public void Decode_Refills_The_Arrays_Of_The_Same_Instance()
        {
            DeviceSettings s = DeviceSettings.CreateDefaults(Mac);
            string[] prefix = s.Prefix;
            string[] ssid = s.Ssid;
            string[] stateText = s.StateText;
            s.Prefix[0] = "old";
            s.Ssid[1] = "old";
            s.StateText[2] = "old";

            Assert.AreEqual(SettingsCodec.Corrupt, SettingsCodec.Decode(null, s, Mac, new RecordingLog()));

            Assert.IsTrue(object.ReferenceEquals(prefix, s.Prefix));
            Assert.IsTrue(object.ReferenceEquals(ssid, s.Ssid));
            Assert.IsTrue(object.ReferenceEquals(stateText, s.StateText));
            Assert.AreEqual("cmnd", s.Prefix[0]);
            Assert.AreEqual("", s.Ssid[1]);
            Assert.AreEqual("TOGGLE", s.StateText[2]);
        }

        [TestMethod]
        public void Out_Of_Range_Values_Fall_Back_To_That_Keys_Default_Only()
        {
            string text = WithHeader("MqttPort=70000\nMqttRetry=5\nBlinkTime=1\nPowerOnState=9\nSetOption0=yes\nTopic=\nTelePeriod=5\nMqttHost=kept\nPrefix1=waytoolongprefix\nMqttPassword=bad\\escape\n");
            DeviceSettings loaded = new DeviceSettings();
            RecordingLog log = new RecordingLog();
            Assert.AreEqual(SettingsCodec.SomeDefaults, SettingsCodec.Decode(text, loaded, Mac, log));
            Assert.AreEqual(1883, loaded.MqttPort);
            Assert.AreEqual(10, loaded.MqttRetry);
            Assert.AreEqual(10, loaded.BlinkTime);
            Assert.AreEqual(3, loaded.PowerOnState);
            Assert.IsTrue(loaded.SaveState);
            Assert.AreEqual("smartlamp_D3E4F5", loaded.Topic);
            Assert.AreEqual(300, loaded.TelePeriod);
            Assert.AreEqual("cmnd", loaded.Prefix[0]);
            Assert.AreEqual("", loaded.MqttPassword);
            Assert.AreEqual("kept", loaded.MqttHost);
            Assert.AreEqual(1, log.Count);
            Assert.AreEqual("CFG: Invalid values replaced by defaults: MqttPort,MqttRetry,BlinkTime,PowerOnState,SetOption0,Topic,TelePeriod,Prefix1,MqttPassword", log.LineAt(0));
            Assert.IsFalse(log.Contains("70000"));
        }

        [TestMethod]
        public void Crc32_Is_The_Standard_Crc_Of_The_Utf16le_Bytes()
        {
            // zlib.crc32("123456789".encode("utf-16-le")) == 0xA290E877
            Assert.AreEqual((long)0xA290E877, (long)SettingsCodec.Crc32("123456789"));
            Assert.AreEqual((long)0, (long)SettingsCodec.Crc32(""));
        }
    }
}
