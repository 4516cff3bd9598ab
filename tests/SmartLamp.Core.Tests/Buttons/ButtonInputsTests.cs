using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Buttons;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Buttons
{
    [TestClass]
    public class ButtonInputsTests
    {
        private const string T = DeviceFixture.T;

        /// <summary>Started offline on <paramref name="board"/>, past the 4 s boot window.</summary>
        private static DeviceFixture Booted(BoardProfile board)
        {
            DeviceFixture f = DeviceFixture.Create(board, false, string.Empty);
            f.App.Start();
            f.Clock.Advance(ButtonInputs.BootIgnoreMs);
            return f;
        }

        /// <summary>Active-low button on <paramref name="pin"/>: down for <paramref name="downMs"/>, then up for <paramref name="upMs"/>.</summary>
        private static void Press(DeviceFixture f, int pin, int downMs, int upMs)
        {
            f.Gpio.SetInput(pin, false);
            f.Clock.Advance(downMs);
            f.Gpio.SetInput(pin, true);
            f.Clock.Advance(upMs);
        }

        [TestMethod]
        public void A_Press_Exactly_At_The_Debounce_Limit_Counts()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            Press(f, 0, 50, 1000);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Press_One_ms_Below_The_Debounce_Limit_Is_Ignored()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            Press(f, 0, 49, 1000);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void ButtonDebounce_Sets_The_Limit_Within_40_To_1000()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            f.App.ExecuteCommand("ButtonDebounce 100");
            f.App.ExecuteCommand("ButtonDebounce 39");
            f.App.ExecuteCommand("ButtonDebounce 1001");
            Assert.AreEqual(100, f.App.Settings.ButtonDebounce);
            Press(f, 0, 99, 1000);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            Press(f, 0, 100, 1000);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Bounces_Shorter_Than_The_Debounce_Time_Are_Ignored()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(20);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(20);
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(10);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(1000);

            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Single_Press_Toggles_When_The_Multi_Press_Window_Closes()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(150);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(50 + ButtonInputs.MultiPressWindowMs - 150 - 1);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            f.Clock.Advance(1);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Each_Button_Drives_Its_Relay_And_Publishes_The_State()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Clock.Advance(6000); // boot window and the first STATE
            f.Mqtt.ClearPublished();
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);

            Press(f, 4, 100, 1000);

            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.AreEqual("Button2#State=2;", events.Text);
            Assert.AreEqual(
                "stat/" + T + "/RESULT = {\"POWER2\":\"ON\"}\n" +
                "stat/" + T + "/POWER2 = ON\n",
                f.Mqtt.Transcript());
        }

        [TestMethod]
        public void Extra_Buttons_Drive_The_First_Relay()
        {
            BoardProfile board = new BoardProfile(
                "test-1relay-2buttons",
                string.Empty,
                new PinConfig[] { new PinConfig(12, false) },
                new ButtonConfig[] { new ButtonConfig(0, true, PinPull.Up), new ButtonConfig(14, false, PinPull.Down) },
                new PinConfig[0],
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
            DeviceFixture f = Booted(board);

            f.Gpio.SetInput(14, true);
            f.Clock.Advance(100);
            f.Gpio.SetInput(14, false);
            f.Clock.Advance(1000);

            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Double_Press_On_Button1_Toggles_Relay2_And_Raises_State_11()
        {
            DeviceFixture f = Booted(DeviceFixture.TwoRelayBoard());
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            Press(f, 0, 100, 200);
            Press(f, 0, 100, 1000);

            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.AreEqual("Button1#State=11;", events.Text);
        }

        [TestMethod]
        public void A_Triple_Press_Toggles_Relay3_Only_Where_It_Exists()
        {
            DeviceFixture f3 = Booted(ThreeRelayBoard());
            Press(f3, 0, 100, 200);
            Press(f3, 0, 100, 200);
            Press(f3, 0, 100, 1000);
            Assert.AreEqual(4, f3.App.Relays.PowerMask);

            DeviceFixture f2 = Booted(DeviceFixture.TwoRelayBoard());
            ButtonEvents events = ButtonEvents.Attach(f2.App.Buttons);
            Press(f2, 0, 100, 200);
            Press(f2, 0, 100, 200);
            Press(f2, 0, 100, 1000);
            Assert.AreEqual(0, f2.App.Relays.PowerMask);
            Assert.AreEqual("Button1#State=12;", events.Text);
        }

        [TestMethod]
        public void Presses_More_Than_The_Window_Apart_Count_Separately()
        {
            DeviceFixture f = Booted(DeviceFixture.TwoRelayBoard());
            Press(f, 0, 100, 600);
            Assert.AreEqual(1, f.App.Relays.PowerMask);
            Press(f, 0, 100, 600);
            Assert.AreEqual(0, f.App.Relays.PowerMask);
        }

        [TestMethod]
        public void Release_At_3_99_s_Is_A_Press_Not_A_Hold()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            Press(f, 0, 3990, 1000);
            Assert.AreEqual("Button1#State=2;", events.Text);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Release_At_4_01_s_Is_A_Hold_And_Does_Not_Toggle()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            Press(f, 0, 4010, 1000);
            Assert.AreEqual("Button1#State=3;", events.Text);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void SetOption32_Sets_The_Hold_Time()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            f.App.ExecuteCommand("SetOption32 10");
            f.App.ExecuteCommand("SetOption32 251");
            Assert.AreEqual(10, f.App.Settings.HoldTime);
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            Press(f, 0, 1010, 1000);
            Assert.AreEqual("Button1#State=3;", events.Text);
        }

        [TestMethod]
        public void Presses_In_The_First_4_s_After_Boot_Are_Ignored()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, string.Empty);
            f.App.Start();
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            Press(f, 0, 100, 1000);
            Press(f, 0, 100, 1000);
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(1800); // down across the 4 s mark
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(1000);
            Assert.AreEqual(string.Empty, events.Text);
            Assert.IsFalse(f.App.Relays.IsOn(0));

            Press(f, 0, 100, 1000);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Button_Down_At_Boot_Is_Not_A_Press_And_Never_Resets()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, string.Empty);
            f.Gpio.PresetInput(0, false); // stuck down before power-on
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.App.Start();
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            f.Clock.Advance(100000);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(2000);

            Assert.AreEqual(string.Empty, events.Text);
            Assert.AreEqual(0, f.System.Restarts);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void A_Button_With_Inverted_Polarity_Cannot_Reset_A_Just_Powered_Device()
        {
            // the profile says active-high, the button is really active-low: it reads "pressed" at rest
            BoardProfile board = new BoardProfile(
                "test-inverted",
                string.Empty,
                new PinConfig[] { new PinConfig(12, false) },
                new ButtonConfig[] { new ButtonConfig(0, false, PinPull.Up) },
                new PinConfig[0],
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
            DeviceFixture f = DeviceFixture.Prepare(false, string.Empty);
            f.Gpio.PresetInput(0, true);
            f.App = new SmartLamp.Core.App.DeviceApp(f.Ports, board);
            f.App.Start();
            f.Clock.Advance(10 * 60 * 1000);
            Assert.AreEqual(0, f.System.Restarts);
        }

        [TestMethod]
        public void Holding_40_s_Resets_On_Release()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            f.App.ExecuteCommand("Topic kitchen");
            f.Clock.Advance(2000);
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(50 + 40000);
            Assert.AreEqual(0, f.System.Restarts);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(50 + 1000);
            Assert.AreEqual(1, f.System.Restarts);
            Assert.AreEqual(DeviceFixture.T, f.App.Settings.Topic);
        }

        [TestMethod]
        public void Holding_39_s_Does_Not_Reset()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            Press(f, 0, 39900, 2000);
            Assert.AreEqual(0, f.System.Restarts);
        }

        [TestMethod]
        public void SetOption1_Disables_The_Reset_Hold()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            f.App.ExecuteCommand("SetOption1 1");
            Press(f, 0, 60000, 2000);
            Assert.AreEqual(0, f.System.Restarts);
            Assert.IsTrue(f.App.Settings.ButtonRestrict);
        }

        [TestMethod]
        public void SetOption13_Acts_At_Once_And_A_Long_Hold_Turns_It_Off()
        {
            DeviceFixture f = Booted(DeviceFixture.TwoRelayBoard());
            f.App.ExecuteCommand("SetOption13 1");
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(50);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(100);
            Press(f, 0, 100, 1000); // a second press is not a double press
            Assert.AreEqual(0, f.App.Relays.PowerMask);
            Assert.AreEqual("Button1#State=2;Button1#State=2;", events.Text);

            Press(f, 0, 40100, 1000);
            Assert.IsFalse(f.App.Settings.ButtonSingle);
            Assert.AreEqual(0, f.System.Restarts);
        }

        [TestMethod]
        public void SetOption73_Detaches_And_Publishes_Actions()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Clock.Advance(10000); // boot window, the first STATE and the discovery messages
            f.Command("SetOption73", "1");
            Assert.AreEqual("{\"SetOption73\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Mqtt.ClearPublished();
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);

            Press(f, 0, 100, 1000);
            Press(f, 0, 100, 200);
            Press(f, 0, 100, 1000);
            Press(f, 0, 4100, 1000);

            Assert.AreEqual(0, f.App.Relays.PowerMask);
            Assert.AreEqual("Button1#State=10;Button1#State=11;Button1#State=3;Button1#State=15;", events.Text);
            Assert.AreEqual(
                "stat/" + T + "/RESULT = {\"Button1\":{\"Action\":\"SINGLE\"}}\n" +
                "stat/" + T + "/RESULT = {\"Button1\":{\"Action\":\"DOUBLE\"}}\n" +
                "stat/" + T + "/RESULT = {\"Button1\":{\"Action\":\"HOLD\"}}\n" +
                "stat/" + T + "/RESULT = {\"Button1\":{\"Action\":\"CLEAR\"}}\n",
                f.Mqtt.Transcript());
        }

        [TestMethod]
        public void SetOption73_Actions_Go_To_stat_BUTTON1_With_SetOption4()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(6000);
            f.Command("SetOption73", "1");
            f.Command("SetOption4", "1");
            f.Mqtt.ClearPublished();
            Press(f, 0, 100, 1000);
            Assert.AreEqual("stat/" + T + "/BUTTON1 = {\"Button1\":{\"Action\":\"SINGLE\"}}\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void ButtonTopic_Publishes_Toggle_And_Hold_Instead_Of_Switching()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(10000); // boot window, the first STATE and the discovery messages
            f.Command("ButtonTopic", "hall");
            Assert.AreEqual("{\"ButtonTopic\":\"hall\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Mqtt.ClearPublished();

            Press(f, 0, 100, 1000);
            Press(f, 0, 4100, 1000);

            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.AreEqual("cmnd/hall/POWER = TOGGLE\ncmnd/hall/POWER = HOLD\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void ButtonTopic_Equal_To_The_Own_Topic_Sends_An_Explicit_On()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Clock.Advance(6000); // boot window and the first STATE
            f.Command("ButtonTopic", "1");
            Assert.AreEqual(T, f.App.Settings.ButtonTopic);
            f.Mqtt.ClearPublished();
            Press(f, 0, 100, 1000);
            Assert.AreEqual("cmnd/" + T + "/POWER = ON\n", f.Mqtt.Transcript());
        }

        [TestMethod]
        public void ButtonTopic_Refuses_Wildcards_And_Ignores_The_Group_Topic()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("ButtonTopic", "a/#");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("ButtonTopic", "a/b");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"), "a slash");
            f.Command("ButtonTopic", "a b");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"), "a space");
            f.Mqtt.Deliver("cmnd/tasmotas/ButtonTopic", "grp", false);
            Assert.AreEqual("0", f.App.Settings.ButtonTopic);
        }

        [TestMethod]
        public void A_Handler_That_Marks_The_Press_Handled_Keeps_The_Relay()
        {
            DeviceFixture f = Booted(DeviceFixture.OneRelayBoard());
            HandledMarker marker = HandledMarker.Attach(f.App.Buttons);
            Press(f, 0, 100, 1000);
            Assert.AreEqual("Button1#State=2;", marker.Marked); // the press reached the handler, which took it over
            Assert.IsFalse(f.App.Relays.IsOn(0));

            marker.Enabled = false; // the same press, not taken over, toggles
            Press(f, 0, 100, 1000);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        /// <summary>Three relays (GPIO 12, 13, 14), one button on GPIO 0.</summary>
        public static BoardProfile ThreeRelayBoard()
        {
            return new BoardProfile(
                "test-3relay",
                string.Empty,
                new PinConfig[] { new PinConfig(12, false), new PinConfig(13, false), new PinConfig(14, false) },
                new ButtonConfig[] { new ButtonConfig(0, true, PinPull.Up) },
                new PinConfig[0],
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
        }
    }

    /// <summary>A rules stand-in that takes over every button event while <see cref="Enabled"/>.</summary>
    public sealed class HandledMarker
    {
        private ButtonInputs _buttons;

        /// <summary>True (the default) while the marker takes events over.</summary>
        public bool Enabled;

        /// <summary>The events taken over, as "Button&lt;n&gt;#State=&lt;s&gt;;" entries.</summary>
        public string Marked;

        /// <summary>Subscribes a marker to <paramref name="buttons"/>.</summary>
        public static HandledMarker Attach(ButtonInputs buttons)
        {
            HandledMarker m = new HandledMarker();
            m._buttons = buttons;
            m.Enabled = true;
            m.Marked = string.Empty;
            buttons.StateChanged += m.On;
            return m;
        }

        private void On(int buttonIndex0, int state)
        {
            if (Enabled)
            {
                Marked = Marked + "Button" + (buttonIndex0 + 1).ToString() + "#State=" + state.ToString() + ";";
                _buttons.MarkHandled();
            }
        }
    }
}
