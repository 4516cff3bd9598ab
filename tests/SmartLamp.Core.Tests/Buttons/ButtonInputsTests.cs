using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Buttons
{
    [TestClass]
    public class ButtonInputsTests
    {
        private const string T = DeviceFixture.T;

        [TestMethod]
        public void Press_Toggles_The_Relay_After_The_Debounce_Time()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, string.Empty);
            f.App.Start();

            f.Gpio.SetInput(0, false);
            f.Clock.Advance(49);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            f.Clock.Advance(1);
            Assert.IsTrue(f.App.Relays.IsOn(0));

            f.Gpio.SetInput(0, true);
            f.Clock.Advance(100);
            Assert.IsTrue(f.App.Relays.IsOn(0));

            f.Gpio.SetInput(0, false);
            f.Clock.Advance(50);
            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Bounces_Shorter_Than_The_Debounce_Time_Are_Ignored()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, string.Empty);
            f.App.Start();

            f.Gpio.SetInput(0, false);
            f.Clock.Advance(20);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(20);
            f.Gpio.SetInput(0, false);
            f.Clock.Advance(10);
            f.Gpio.SetInput(0, true);
            f.Clock.Advance(500);

            Assert.IsFalse(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Each_Button_Drives_Its_Relay_And_Publishes_The_State()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Mqtt.ClearPublished();

            f.Gpio.SetInput(4, false);
            f.Clock.Advance(50);

            Assert.IsFalse(f.App.Relays.IsOn(0));
            Assert.IsTrue(f.App.Relays.IsOn(1));
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
            DeviceFixture f = DeviceFixture.Create(board, false, string.Empty);
            f.App.Start();

            f.Gpio.SetInput(14, true);
            f.Clock.Advance(50);

            Assert.IsTrue(f.App.Relays.IsOn(0));
        }
    
        [TestMethod]
        public void A_Press_Raises_Button_State_Toggle_For_Rules()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.TwoRelayBoard(), false, string.Empty);
            f.App.Start();
            ButtonEvents events = ButtonEvents.Attach(f.App.Buttons);

            f.Gpio.SetInput(4, false);
            f.Clock.Advance(50);

            Assert.AreEqual("Button2#State=2;", events.Text);
        }
    }
}
