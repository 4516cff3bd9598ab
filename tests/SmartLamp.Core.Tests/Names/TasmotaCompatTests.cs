using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Names
{
    /// <summary>Names, retain options, stored SetOptions, GroupTopic2..4 and Status "Power" as Tasmota answers them.</summary>
    [TestClass]
    public class TasmotaCompatTests
    {
        private const string T = DeviceFixture.T;
        private const string Result = "stat/" + DeviceFixture.T + "/RESULT";
        private const string Error = "{\"Command\":\"Error\"}";

        private static DeviceFixture Connected()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Mqtt.ClearPublished();
            return f;
        }

        /// <summary>Lets a settings change that reconnects apply and accepts the new connection.</summary>
        private static void Reconnect(DeviceFixture f)
        {
            f.Clock.Advance(10);
            if (f.Mqtt.ConnectPending)
            {
                f.Mqtt.AcceptConnect();
            }
        }

        [TestMethod]
        public void Status_Power_Is_A_Bit_String_Highest_Relay_First()
        {
            Assert.AreEqual("1010", StatusCommand.PowerBits(0xA, 4));
            Assert.AreEqual("0001", StatusCommand.PowerBits(0x1, 4));
            Assert.AreEqual("0", StatusCommand.PowerBits(0, 1));
            DeviceFixture f = Connected();
            f.Command("Power2", "ON");
            f.Command("Status", string.Empty);
            Assert.IsTrue(f.LastPayload("stat/" + T + "/STATUS").IndexOf("\"Power\":\"10\"") > 0);
        }

        [TestMethod]
        public void DeviceName_FriendlyName_And_Hostname_Answer_And_Persist_As_Tasmota()
        {
            DeviceFixture f = Connected();
            f.Command("DeviceName", "Kitchen");
            Assert.AreEqual("{\"DeviceName\":\"Kitchen\"}", f.LastPayload(Result));
            f.Command("FriendlyName2", "Hood");
            Assert.AreEqual("{\"FriendlyName2\":\"Hood\"}", f.LastPayload(Result));
            f.Command("FN1", "\"");
            Assert.AreEqual("{\"FriendlyName1\":\"\"}", f.LastPayload(Result));
            f.Command("FriendlyName1", "1");
            Assert.AreEqual("{\"FriendlyName1\":\"SmartLamp\"}", f.LastPayload(Result));
            f.Command("FriendlyName9", "x");
            Assert.AreEqual(Error, f.LastPayload(Result));
            f.Command("DeviceName", "a_name_that_is_longer_than_32_chars");
            Assert.AreEqual(Error, f.LastPayload(Result));
            f.Command("DeviceName", "1");
            Assert.AreEqual("{\"DeviceName\":\"SmartLamp\"}", f.LastPayload(Result));

            f.Command("Hostname", "lamp-kitchen");
            Assert.AreEqual("{\"Hostname\":\"lamp-kitchen\"}", f.LastPayload(Result));
            Reconnect(f);
            f.Command("Status", "5");
            Assert.IsTrue(f.LastPayload("stat/" + T + "/STATUS5").IndexOf("\"Hostname\":\"lamp-kitchen\"") > 0);
            f.Command("Hostname", "lamp.kitchen");
            Assert.AreEqual("{\"Hostname\":\"%s-%04d\"}", f.LastPayload(Result));
            Reconnect(f);
            f.Command("Status", "5");
            Assert.IsTrue(f.LastPayload("stat/" + T + "/STATUS5").IndexOf("\"Hostname\":\"" + T + "-6089\"") > 0);

            f.App.Shutdown();
            SettingsService reread = new SettingsService(f.Store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            reread.Load();
            Assert.AreEqual("Hood", reread.Current.FriendlyName[1]);
            Assert.AreEqual("SmartLamp", reread.Current.DeviceName);
        }

        [TestMethod]
        public void Status_Lists_DeviceName_And_One_FriendlyName_Per_Relay()
        {
            DeviceFixture f = Connected();
            f.Command("DeviceName", "Kitchen");
            f.Command("FriendlyName2", "Hood");
            f.Command("Status", string.Empty);
            Assert.IsTrue(f.LastPayload("stat/" + T + "/STATUS").StartsWith("{\"Status\":{\"DeviceName\":\"Kitchen\",\"FriendlyName\":[\"SmartLamp\",\"Hood\"],"));
        }

        [TestMethod]
        public void Retain_Options_Retain_Their_Messages_And_Clear_The_Broker_Copy_When_Turned_Off()
        {
            DeviceFixture f = Connected();
            f.Command("StateRetain", "1");
            Assert.AreEqual("{\"StateRetain\":\"ON\"}", f.LastPayload(Result));
            f.Command("TelePeriod", string.Empty);
            f.Clock.Advance(10);
            FakeMqttMessage state = f.Mqtt.Last("tele/" + T + "/STATE");
            Assert.IsTrue(state.Retain);
            f.Command("StateRetain", "0");
            state = f.Mqtt.Last("tele/" + T + "/STATE");
            Assert.AreEqual(string.Empty, state.Payload);
            Assert.IsTrue(state.Retain);
            Assert.AreEqual("{\"StateRetain\":\"OFF\"}", f.LastPayload(Result));

            f.Mqtt.ClearPublished();
            f.Command("StatusRetain", "0"); // already off: nothing to clear
            Assert.AreEqual(1, f.Mqtt.PublishedCount);
            f.Command("StatusRetain", "on");
            f.Command("Status", "1");
            Assert.IsTrue(f.Mqtt.Last("stat/" + T + "/STATUS1").Retain);
            f.Command("InfoRetain", "2"); // as Tasmota's: not an error, the state is answered and kept
            Assert.AreEqual("{\"InfoRetain\":\"OFF\"}", f.LastPayload(Result));
            f.Command("StatusRetain", "toggle");
            Assert.AreEqual("{\"StatusRetain\":\"ON\"}", f.LastPayload(Result));
            f.Command("ButtonTopic", "hall");
            f.Command("ButtonRetain", "1");
            f.Command("ButtonRetain", "0");
            FakeMqttMessage cleared = f.Mqtt.Last("cmnd/hall/POWER1");
            Assert.AreEqual(string.Empty, cleared.Payload);
            Assert.IsTrue(cleared.Retain);
        }

        [TestMethod]
        public void Every_Tasmota_SetOption_Is_Stored_And_Answered()
        {
            DeviceFixture f = Connected();
            f.Command("SetOption65", "1");
            Assert.AreEqual("{\"SetOption65\":\"ON\"}", f.LastPayload(Result));
            f.Command("SO65", string.Empty);
            Assert.AreEqual("{\"SetOption65\":\"ON\"}", f.LastPayload(Result));
            f.Command("SetOption65", "2");
            Assert.AreEqual(Error, f.LastPayload(Result));
            f.Command("SetOption34", "50");
            Assert.AreEqual("{\"SetOption34\":50}", f.LastPayload(Result));
            f.Command("SetOption34", "256");
            Assert.AreEqual(Error, f.LastPayload(Result));
            f.Command("SetOption33", "0");
            Assert.AreEqual(Error, f.LastPayload(Result));
            f.Command("SetOption57", string.Empty);
            Assert.AreEqual("{\"SetOption57\":\"ON\"}", f.LastPayload(Result));
            f.Command("SetOption177", "1");
            Assert.AreEqual("{\"SetOption177\":\"ON\"}", f.LastPayload(Result));
            f.Command("SetOption178", "1");
            Assert.AreEqual(Error, f.LastPayload(Result));

            // retain flags only through their own commands (Tasmota)
            f.Command("SetOption5", "1");
            Assert.AreEqual(Error, f.LastPayload(Result));
            f.Command("PowerRetain", "1");
            f.Command("SetOption5", string.Empty);
            Assert.AreEqual("{\"SetOption5\":\"ON\"}", f.LastPayload(Result));

            f.App.Shutdown();
            SettingsService reread = new SettingsService(f.Store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            reread.Load();
            Assert.IsTrue(SetOptionFlags.Get(reread.Current, 65));
            Assert.IsTrue(SetOptionFlags.Get(reread.Current, 177));
            Assert.AreEqual(50, SetOptionFlags.GetParam(reread.Current, 34));
        }

        [TestMethod]
        public void SetOption59_Publishes_Tele_State_On_Every_Power_Change()
        {
            DeviceFixture f = Connected();
            f.Command("Power1", "ON");
            Assert.AreEqual(0, f.Mqtt.CountOn("tele/" + T + "/STATE"));
            f.Command("SetOption59", "1");
            f.Command("Power1", "OFF");
            Assert.AreEqual(1, f.Mqtt.CountOn("tele/" + T + "/STATE"));
            Assert.IsTrue(f.LastPayload("tele/" + T + "/STATE").IndexOf("\"POWER1\":\"OFF\"") > 0);
            f.Command("State", string.Empty);
            Assert.AreEqual(2, f.Mqtt.CountOn("tele/" + T + "/STATE"));
        }

        [TestMethod]
        public void GroupTopic2_Is_Subscribed_And_Commands_There_Act()
        {
            DeviceFixture f = Connected();
            f.Command("GroupTopic2", "kitchen");
            Reconnect(f);
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/kitchen/#"));
            Assert.IsTrue(f.Mqtt.IsSubscribed("cmnd/tasmotas/#"));
            f.Mqtt.Deliver("cmnd/kitchen/Power1", "ON", false);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }
    }
}
