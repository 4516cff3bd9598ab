using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Switches;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Switches
{
    /// <summary>Wall-switch inputs (SwitchMode, SwitchTopic, SwitchDebounce, Switch#State, SetOption114) in virtual time.</summary>
    [TestClass]
    public class SwitchInputsTests
    {
        private const string T = DeviceFixture.T;
        private const int S1 = 27; // Switch1: active low, pull-up (open at boot)
        private const int S2 = 14; // Switch2: active low, pull-up

        /// <summary>Two relays (GPIO 12, 13), Button1 on GPIO 0, Switch1 on GPIO 27 and Switch2 on GPIO 14.</summary>
        public static BoardProfile Board()
        {
            return new BoardProfile(
                "test-switches",
                string.Empty,
                new PinConfig[] { new PinConfig(12, false), new PinConfig(13, false) },
                new ButtonConfig[] { new ButtonConfig(0, true, PinPull.Up) },
                new ButtonConfig[] { new ButtonConfig(S1, true, PinPull.Up), new ButtonConfig(S2, true, PinPull.Up) },
                new PinConfig[0],
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
        }

        /// <summary>Connected, past the boot window and the first STATE, nothing recorded.</summary>
        private static DeviceFixture Booted()
        {
            DeviceFixture f = DeviceFixture.Connected(Board());
            f.Clock.Advance(6000);
            f.Mqtt.ClearPublished();
            return f;
        }

        /// <summary>Closes (true) or opens switch pin <paramref name="pin"/> and lets the debounce pass.</summary>
        private static void Set(DeviceFixture f, int pin, bool closed)
        {
            f.Gpio.SetInput(pin, !closed);
            f.Clock.Advance(SwitchInputs.DebounceMs + 10);
        }

        /// <summary>Sends "Name payload" to the command topic and returns the stat RESULT answer.</summary>
        private static string Answer(DeviceFixture f, string line)
        {
            int space = line.IndexOf(' ');
            f.Command(space < 0 ? line : line.Substring(0, space), space < 0 ? string.Empty : line.Substring(space + 1));
            return f.LastPayload("stat/" + T + "/RESULT");
        }

        private static bool Relay1(DeviceFixture f)
        {
            return f.App.Relays.IsOn(0);
        }

        [TestMethod]
        public void Mode0_Every_Change_Toggles_And_Publishes_The_Power_State()
        {
            DeviceFixture f = Booted();
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
            Assert.AreEqual("ON", f.LastPayload("stat/" + T + "/POWER1"));
            Set(f, S1, false);
            Assert.IsFalse(Relay1(f));
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
        }

        [TestMethod]
        public void Each_Switch_Drives_Its_Own_Relay()
        {
            DeviceFixture f = Booted();
            Set(f, S2, true);
            Assert.IsFalse(Relay1(f));
            Assert.IsTrue(f.App.Relays.IsOn(1));
        }

        [TestMethod]
        public void Mode1_Follows_The_Switch()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 1");
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
            f.App.ExecuteCommand("Power1 off");
            Set(f, S1, false);
            Assert.IsFalse(Relay1(f));
            f.App.ExecuteCommand("Power1 on");
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f), "closing switches ON, not toggle");
            Set(f, S1, false);
            Assert.IsFalse(Relay1(f));
        }

        [TestMethod]
        public void Mode2_Follows_Inverted()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 2");
            Set(f, S1, true);
            Assert.IsFalse(Relay1(f));
            Set(f, S1, false);
            Assert.IsTrue(Relay1(f));
        }

        [TestMethod]
        public void Mode3_Closing_Toggles_Opening_Does_Nothing()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 3");
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
            Set(f, S1, false);
            Assert.IsTrue(Relay1(f));
            Set(f, S1, true);
            Assert.IsFalse(Relay1(f));
        }

        [TestMethod]
        public void Mode4_Opening_Toggles_Closing_Does_Nothing()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 4");
            Set(f, S1, true);
            Assert.IsFalse(Relay1(f));
            Set(f, S1, false);
            Assert.IsTrue(Relay1(f));
        }

        [TestMethod]
        public void Mode5_Short_Press_Toggles_On_Release_Long_Press_Sends_Hold()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 5");
            SwitchEvents events = SwitchEvents.Attach(f.App.Switches);
            Set(f, S1, true);
            Assert.IsFalse(Relay1(f), "nothing while pressed");
            Set(f, S1, false);
            Assert.IsTrue(Relay1(f));
            Assert.AreEqual("Switch1#State=2;", events.Text);

            Set(f, S1, true);
            f.Clock.Advance(4000); // SetOption32 default 40 x 0.1 s
            Assert.AreEqual("Switch1#State=2;Switch1#State=3;", events.Text);
            Set(f, S1, false);
            Assert.IsTrue(Relay1(f), "a hold does not toggle, neither does its release");
            Assert.AreEqual("Switch1#State=2;Switch1#State=3;", events.Text);
        }

        [TestMethod]
        public void A_Change_While_Another_Switch_Holds_Counts_After_The_Debounce_Not_At_The_Hold()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 5");
            Set(f, S1, true); // Switch1's hold is due in 4 s on the shared input timer
            f.Gpio.SetInput(S2, false); // Switch2 (mode 0) closes
            f.Clock.Advance(SwitchInputs.DebounceMs);
            Assert.IsTrue(f.App.Relays.IsOn(1), "Switch2 counts once it has been stable for the debounce time");
            Assert.IsFalse(Relay1(f));
        }

        [TestMethod]
        public void Mode6_Is_Mode5_With_The_Contact_Inverted()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 6");
            Set(f, S1, true); // resting position of an inverted push button
            Assert.IsFalse(Relay1(f));
            Set(f, S1, false);
            Assert.IsFalse(Relay1(f));
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
        }

        [TestMethod]
        public void Mode7_Every_Change_Toggles()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 7");
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
            Set(f, S1, false);
            Assert.IsFalse(Relay1(f));
        }

        [TestMethod]
        public void Mode13_Pushes_On_Only()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 13");
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
            Set(f, S1, false);
            Set(f, S1, true);
            Assert.IsTrue(Relay1(f));
        }

        [TestMethod]
        public void Mode15_Leaves_The_Relay_And_Sends_The_Sensor_Message()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 15");
            f.Mqtt.ClearPublished();
            Set(f, S1, true);
            Assert.IsFalse(Relay1(f));
            string sensor = f.LastPayload("tele/" + T + "/SENSOR");
            Assert.IsNotNull(sensor);
            Assert.IsTrue(sensor.IndexOf("\"Switch1\":\"ON\",\"Switch2\":\"OFF\"") > 0, sensor);
            Assert.AreEqual(0, f.Mqtt.CountOn("stat/" + T + "/POWER1"));
        }

        [TestMethod]
        public void Status8_Reports_The_Switch_States()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 1");
            Set(f, S1, true);
            f.Command("Status", "8");
            string s = f.LastPayload("stat/" + T + "/STATUS8");
            Assert.IsNotNull(s);
            Assert.IsTrue(s.IndexOf("\"Switch1\":\"ON\",\"Switch2\":\"OFF\"}}") > 0, s);
        }

        [TestMethod]
        public void Bounces_Shorter_Than_SwitchDebounce_Are_Ignored()
        {
            DeviceFixture f = Booted();
            f.Gpio.SetInput(S1, false);
            f.Clock.Advance(30);
            f.Gpio.SetInput(S1, true);
            f.Clock.Advance(200);
            Assert.IsFalse(Relay1(f));

            f.Gpio.SetInput(S1, false);
            f.Clock.Advance(49);
            Assert.IsFalse(Relay1(f));
            f.Clock.Advance(1);
            Assert.IsTrue(Relay1(f), "stable for exactly SwitchDebounce counts");
        }

        [TestMethod]
        public void SwitchDebounce_Accepts_40_To_1000()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchDebounce 200");
            f.App.ExecuteCommand("SwitchDebounce 39");
            f.App.ExecuteCommand("SwitchDebounce 1001");
            Assert.AreEqual(200, f.App.Settings.SwitchDebounce);
            Assert.AreEqual("{\"SwitchDebounce\":200}", Answer(f, "SwitchDebounce"));
            f.Gpio.SetInput(S1, false);
            f.Clock.Advance(199);
            Assert.IsFalse(Relay1(f));
            f.Clock.Advance(1);
            Assert.IsTrue(Relay1(f));
        }

        [TestMethod]
        public void SwitchMode_Answers_Like_Tasmota()
        {
            DeviceFixture f = Booted();
            Assert.AreEqual("{\"SwitchMode1\":3}", Answer(f, "SwitchMode1 3"));
            Assert.AreEqual("{\"SwitchMode1\":3}", Answer(f, "SwitchMode 17"));
            Assert.AreEqual("{\"SwitchMode2\":0}", Answer(f, "SwitchMode2"));
            Assert.AreEqual("{\"Command\":\"Error\"}", Answer(f, "SwitchMode9 1"));
            Assert.AreEqual(3, f.App.Settings.SwitchMode[0]);
        }

        [TestMethod]
        public void Changes_In_The_Boot_Window_Only_Move_The_Resting_Position()
        {
            DeviceFixture f = DeviceFixture.Connected(Board());
            f.Gpio.SetInput(S1, false);
            f.Clock.Advance(1000);
            Assert.IsFalse(Relay1(f));
            f.Clock.Advance(SwitchInputs.BootIgnoreMs);
            Assert.IsTrue(f.App.Switches.IsClosed(0));
            Set(f, S1, false);
            Assert.IsTrue(Relay1(f), "the first change after the window acts");
        }

        [TestMethod]
        public void SwitchTopic_Publishes_The_Action_Instead_Of_Switching()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchTopic hall");
            f.App.ExecuteCommand("SwitchMode2 1");
            f.Mqtt.ClearPublished();
            Set(f, S1, true);
            Set(f, S2, true);
            Assert.IsFalse(Relay1(f));
            Assert.IsFalse(f.App.Relays.IsOn(1));
            Assert.AreEqual("cmnd/hall/POWER1 = TOGGLE\ncmnd/hall/POWER2 = ON\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void SwitchTopic_Equal_To_The_Own_Topic_Sends_An_Explicit_State()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchTopic 1");
            Assert.AreEqual(T, f.App.Settings.SwitchTopic);
            f.Mqtt.ClearPublished();
            Set(f, S1, true);
            Assert.AreEqual("ON", f.LastPayload("cmnd/" + T + "/POWER1"));
        }

        [TestMethod]
        public void A_Rule_On_Switch1_State_Takes_The_Change_Over()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("Rule1 ON Switch1#State=2 DO Power2 ON ENDON");
            f.App.ExecuteCommand("Rule1 1");
            Set(f, S1, true);
            f.Clock.Advance(0);
            Assert.IsFalse(Relay1(f), "the rule took the change over");
            Assert.IsTrue(f.App.Relays.IsOn(1));
        }

        [TestMethod]
        public void Follow_Mode_Raises_State_1_And_0_For_The_Rules()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode1 1");
            SwitchEvents events = SwitchEvents.Attach(f.App.Switches);
            Set(f, S1, true);
            Set(f, S1, false);
            Assert.AreEqual("Switch1#State=1;Switch1#State=0;", events.Text);
        }

        [TestMethod]
        public void SetOption114_Detaches_And_Publishes_The_Action()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SetOption114 1");
            f.App.ExecuteCommand("SwitchMode1 1");
            f.Mqtt.ClearPublished();
            Set(f, S1, true);
            Assert.IsFalse(Relay1(f));
            Assert.AreEqual("stat/" + T + "/RESULT = {\"Switch1\":{\"Action\":\"ON\"}}\n", f.Mqtt.Transcript());
            f.Mqtt.ClearPublished();
            Set(f, S1, false);
            Assert.AreEqual("stat/" + T + "/RESULT = {\"Switch1\":{\"Action\":\"OFF\"}}\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void SetOption114_With_SetOption4_Publishes_On_Stat_SWITCH1()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SetOption114 1");
            f.App.ExecuteCommand("SetOption4 1");
            f.Mqtt.ClearPublished();
            Set(f, S1, true);
            Assert.AreEqual("{\"Switch1\":{\"Action\":\"TOGGLE\"}}", f.LastPayload("stat/" + T + "/SWITCH1"));
        }

        [TestMethod]
        public void SetOption114_Announces_swc_And_swn_In_Tasmota_Discovery()
        {
            DeviceFixture f = Booted();
            f.App.ExecuteCommand("SwitchMode2 1");
            f.App.ExecuteCommand("SetOption114 1");
            f.Clock.Advance(2000);
            string config = f.LastPayload("tasmota/discovery/" + DeviceFixture.Mac + "/config");
            Assert.IsNotNull(config);
            Assert.IsTrue(config.IndexOf("\"swc\":[0,1,-1,-1,-1,-1,-1,-1],\"swn\":[\"Switch1\",\"Switch2\",null,null,null,null,null,null]") > 0, config);
            Assert.IsTrue(config.IndexOf("\"114\":1") > 0, config);

            f.App.ExecuteCommand("SetOption114 0");
            f.Clock.Advance(2000);
            config = f.LastPayload("tasmota/discovery/" + DeviceFixture.Mac + "/config");
            Assert.IsTrue(config.IndexOf("\"swc\":[-1,-1,-1,-1,-1,-1,-1,-1],\"swn\":[null,null,null,null,null,null,null,null]") > 0, config);
        }
    }
}
