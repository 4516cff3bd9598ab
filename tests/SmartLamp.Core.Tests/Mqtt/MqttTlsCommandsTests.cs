using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Mqtt
{
    [TestClass]
    public class MqttTlsCommandsTests
    {
        private const string Result = "stat/" + DeviceFixture.T + "/RESULT";

        [TestMethod]
        public void MqttTls_Is_Off_By_Default_And_The_Connect_Is_Plain()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            Assert.IsFalse(f.Mqtt.LastOptions.Tls);
            Assert.AreEqual("mqtt_ca.pem", f.Mqtt.LastOptions.CaFile);
            f.Command("MqttTls", string.Empty);
            Assert.AreEqual("{\"MqttTls\":\"OFF\"}", f.LastPayload(Result));
        }

        [TestMethod]
        public void MqttTls_1_Answers_On_Then_Reconnects_Over_Tls()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            int attempts = f.Mqtt.ConnectAttempts;
            f.Command("MqttTls", "1");
            Assert.AreEqual("{\"MqttTls\":\"ON\"}", f.LastPayload(Result));
            f.Clock.Advance(100);
            Assert.AreEqual(attempts + 1, f.Mqtt.ConnectAttempts);
            Assert.IsTrue(f.Mqtt.LastOptions.Tls);
            Assert.AreEqual("mqtt_ca.pem", f.Mqtt.LastOptions.CaFile);
            Assert.IsTrue(f.App.Settings.MqttTls);
        }

        [TestMethod]
        public void SetOption103_Is_Tasmotas_Name_For_The_Same_Switch()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("SetOption103", "1");
            Assert.AreEqual("{\"SetOption103\":\"ON\"}", f.LastPayload(Result));
            Assert.IsTrue(f.App.Settings.MqttTls);
            f.Command("MqttTls", string.Empty);
            Assert.AreEqual("{\"MqttTls\":\"ON\"}", f.LastPayload(Result));
            f.Command("SO103", "0");
            Assert.AreEqual("{\"SetOption103\":\"OFF\"}", f.LastPayload(Result));
            f.Command("SetOption103", "5");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(Result));
            Assert.IsFalse(f.App.Settings.MqttTls);
        }

        [TestMethod]
        public void MqttTls_Rejects_Values_Other_Than_0_And_1()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("MqttTls", "2");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(Result));
            f.Command("MqttTls", "maybe");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(Result));
            Assert.IsFalse(f.App.Settings.MqttTls);
        }

        [TestMethod]
        public void MqttCaFile_Takes_A_Plain_File_Name_And_0_And_1_Shortcuts()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("MqttCaFile", "isrg-root-x1.pem");
            Assert.AreEqual("{\"MqttCaFile\":\"isrg-root-x1.pem\"}", f.LastPayload(Result));
            f.Command("MqttCaFile", "0");
            Assert.AreEqual("{\"MqttCaFile\":\"\"}", f.LastPayload(Result));
            f.Command("MqttCaFile", "1");
            Assert.AreEqual("{\"MqttCaFile\":\"mqtt_ca.pem\"}", f.LastPayload(Result));
        }

        [TestMethod]
        public void MqttCaFile_Refuses_Paths_And_Long_Names()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            string[] bad = new string[] { "..", "I:\\ca.pem", "certs/ca.pem", "ca pem", "a23456789012345678901234567890123" };
            for (int i = 0; i < bad.Length; i++)
            {
                f.Command("MqttCaFile", bad[i]);
                Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(Result), bad[i]);
            }

            Assert.AreEqual("mqtt_ca.pem", f.App.Settings.MqttCaFile);
        }

        [TestMethod]
        public void Tls_And_Watchdog_Settings_Survive_A_Save_And_A_Boot()
        {
            MemorySettingsStore store = new MemorySettingsStore();
            SettingsService a = new SettingsService(store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            a.Load();
            a.Current.MqttTls = true;
            a.Current.MqttCaFile = "isrg-root-x1.pem";
            a.Current.MqttWatchdog = 42;
            Assert.IsTrue(a.SaveNow());
            Assert.IsTrue(store.Get("settings.a.json").IndexOf("\"MqttTls\":1,\"MqttCaFile\":\"isrg-root-x1.pem\",\"MqttWatchdog\":42") > 0);

            SettingsService b = new SettingsService(store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            b.Load();
            Assert.IsTrue(b.Current.MqttTls);
            Assert.AreEqual("isrg-root-x1.pem", b.Current.MqttCaFile);
            Assert.AreEqual(42, b.Current.MqttWatchdog);
        }

        [TestMethod]
        public void MqttCaFile_Change_Reconnects_Only_With_Tls_On()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            int attempts = f.Mqtt.ConnectAttempts;
            f.Command("MqttCaFile", "other.pem");
            f.Clock.Advance(100);
            Assert.AreEqual(attempts, f.Mqtt.ConnectAttempts);

            f.Command("MqttTls", "1");
            f.Clock.Advance(100);
            f.Mqtt.AcceptConnect();
            attempts = f.Mqtt.ConnectAttempts;
            f.Command("MqttCaFile", "1");
            f.Clock.Advance(100);
            Assert.AreEqual(attempts + 1, f.Mqtt.ConnectAttempts);
            Assert.AreEqual("mqtt_ca.pem", f.Mqtt.LastOptions.CaFile);
        }
    }
}
