using nanoFramework.TestFramework;
using SmartLamp.Core.Buttons;
using SmartLamp.Core.Tests.App;

namespace SmartLamp.Core.Tests.Rules
{
    /// <summary>The rules engine as DeviceApp wires it: buttons, MQTT session, network.</summary>
    [TestClass]
    public class RulesWiringTests
    {
        private static void Press(DeviceFixture f, int pin)
        {
            f.Gpio.SetInput(pin, false);
            f.Clock.Advance(100);
            f.Gpio.SetInput(pin, true);
            f.Clock.Advance(ButtonInputs.MultiPressWindowMs + 100);
        }

        private static DeviceFixture Booted(string rule1)
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.TwoRelayBoard(), false, DeviceFixture.Host);
            f.App.Start();
            f.Clock.Advance(ButtonInputs.BootIgnoreMs);
            f.App.ExecuteCommand("Rule1 " + rule1);
            f.App.ExecuteCommand("Rule1 1");
            f.Clock.Advance(0);
            return f;
        }

        [TestMethod]
        public void A_Button_Press_With_A_Rule_Runs_The_Rule_Instead_Of_Toggling()
        {
            DeviceFixture f = Booted("ON Button1#State=2 DO Power2 ON ENDON");
            Press(f, 0);
            Assert.IsFalse(f.App.Relays.IsOn(0), "the rule took the press over");
            Assert.IsTrue(f.App.Relays.IsOn(1));
        }

        [TestMethod]
        public void A_Button_Without_A_Rule_Still_Toggles_Its_Relay()
        {
            DeviceFixture f = Booted("ON Button1#State=3 DO Power2 ON ENDON");
            Press(f, 0);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.IsFalse(f.App.Relays.IsOn(1));
        }

        [TestMethod]
        public void Wifi_And_Mqtt_Events_Come_From_The_Device()
        {
            DeviceFixture f = Booted("ON Wifi#Connected DO Power1 ON ENDON ON Mqtt#Connected DO Power2 ON ENDON ON Mqtt#Disconnected DO Power2 OFF ENDON");
            f.Network.Up();
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.IsFalse(f.App.Relays.IsOn(1));

            f.Mqtt.AcceptConnect();
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(1));

            f.Mqtt.DropConnection();
            f.Clock.Advance(0);
            Assert.IsFalse(f.App.Relays.IsOn(1));
        }

        [TestMethod]
        public void Wifi_Disconnected_Comes_When_The_Network_Goes()
        {
            DeviceFixture f = Booted("ON Wifi#Disconnected DO Power1 ON ENDON");
            f.Network.Up();
            f.Clock.Advance(0);
            Assert.IsFalse(f.App.Relays.IsOn(0));
            f.Network.Down();
            f.Clock.Advance(0);
            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        [TestMethod]
        public void Rule_Commands_Answer_On_The_Result_Topic()
        {
            DeviceFixture f = Booted("ON Event#ALARM DO Power1 ON ENDON");
            f.Network.Up();
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(0);
            f.Mqtt.ClearPublished();

            f.Command("Event", "ALARM");
            f.Clock.Advance(0);
            string t = DeviceFixture.T;
            Assert.AreEqual("stat/" + t + "/RESULT = {\"Event\":\"Done\"}\nstat/" + t + "/RESULT = {\"POWER1\":\"ON\"}\nstat/" + t + "/POWER1 = ON\n", f.Mqtt.Transcript());
        }
    }
}
