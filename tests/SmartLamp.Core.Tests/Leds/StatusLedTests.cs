using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Leds;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Leds
{
    [TestClass]
    public class StatusLedTests
    {
        private const string T = DeviceFixture.T;
        private const int Led = 2;

        /// <summary>One relay (GPIO12), button GPIO0, status LED on GPIO2 wired to VCC (active low).</summary>
        private static BoardProfile LedBoard()
        {
            return new BoardProfile(
                "test-led",
                string.Empty,
                new PinConfig[] { new PinConfig(12, false) },
                new ButtonConfig[] { new ButtonConfig(0, true, PinPull.Up) },
                new PinConfig[] { new PinConfig(Led, true) },
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
        }

        /// <summary>Two relays, a link LED on GPIO2 (active low) and a relay LED on GPIO15 (active high).</summary>
        private static BoardProfile TwoLedBoard()
        {
            return new BoardProfile(
                "test-2led",
                string.Empty,
                new PinConfig[] { new PinConfig(12, false), new PinConfig(13, false) },
                new ButtonConfig[0],
                new PinConfig[] { new PinConfig(Led, true), new PinConfig(15, false) },
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
        }

        /// <summary>"t level" lines of <paramref name="pin"/> in the trace from <paramref name="fromMs"/> on.</summary>
        private static string PinTrace(SimGpio gpio, int pin, long fromMs)
        {
            string text = string.Empty;
            for (int i = 0; i < gpio.TraceCount; i++)
            {
                TraceEntry e = gpio.TraceAt(i);
                if (e.Pin == pin && e.TimeMs >= fromMs)
                {
                    text = text + e.TimeMs.ToString() + " " + (e.Level ? "1" : "0") + "\n";
                }
            }

            return text;
        }

        [TestMethod]
        public void Network_Down_Blinks_With_A_1_s_Period_On_An_Inverted_Led()
        {
            DeviceFixture f = DeviceFixture.Create(LedBoard(), false, DeviceFixture.Host);
            long t0 = f.Clock.NowMs;
            f.App.Start();
            f.Clock.Advance(2000);

            // opened off (high), lit at once (low), then toggling every 500 ms
            string expected = t0 + " 1\n" + t0 + " 0\n" + (t0 + 500) + " 1\n" + (t0 + 1000) + " 0\n" + (t0 + 1500) + " 1\n" + (t0 + 2000) + " 0\n";
            Assert.AreEqual(expected, PinTrace(f.Gpio, Led, t0));
        }

        [TestMethod]
        public void Mqtt_Down_Blinks_With_A_2_s_Period()
        {
            DeviceFixture f = DeviceFixture.Create(LedBoard(), false, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();
            f.Clock.Advance(100);
            long t0 = f.Clock.NowMs;
            f.Clock.Advance(4000);
            Assert.AreEqual((t0 + 900) + " 1\n" + (t0 + 1900) + " 0\n" + (t0 + 2900) + " 1\n" + (t0 + 3900) + " 0\n", PinTrace(f.Gpio, Led, t0));
        }

        [TestMethod]
        public void Connected_Led_Shows_The_Power_State()
        {
            DeviceFixture f = DeviceFixture.Connected(LedBoard());
            Assert.IsFalse(f.App.Leds.IsLit(0));
            Assert.IsTrue(f.Gpio.Read(Led));
            f.Command("Power", "on");
            Assert.IsTrue(f.App.Leds.IsLit(0));
            Assert.IsFalse(f.Gpio.Read(Led));
            f.Command("Power", "off");
            Assert.IsFalse(f.App.Leds.IsLit(0));
        }

        [TestMethod]
        public void Losing_Mqtt_Starts_The_Blink_And_Reconnecting_Ends_It()
        {
            DeviceFixture f = DeviceFixture.Connected(LedBoard());
            f.Command("Power", "on");
            f.Mqtt.DropConnection();
            f.Clock.Advance(1000);
            Assert.IsFalse(f.App.Leds.IsLit(0));
            f.Clock.Advance(1000);
            Assert.IsTrue(f.App.Leds.IsLit(0));
            f.Clock.Advance(1000);
            Assert.IsFalse(f.App.Leds.IsLit(0));
            f.Clock.Advance(8000); // the retry 10 s after the loss is pending (a broker answers within the 10 s connect timeout)
            f.Mqtt.AcceptConnect();
            Assert.IsTrue(f.App.Leds.IsLit(0));
            f.Clock.Advance(5000);
            Assert.IsTrue(f.App.Leds.IsLit(0));
        }

        [TestMethod]
        public void SetOption31_Stops_The_Link_Blinking()
        {
            DeviceFixture f = DeviceFixture.Create(LedBoard(), false, DeviceFixture.Host);
            f.App.Start();
            f.App.ExecuteCommand("SetOption31 1");
            f.App.ExecuteCommand("Power on");
            long t0 = f.Clock.NowMs;
            f.Clock.Advance(5000);
            Assert.AreEqual(string.Empty, PinTrace(f.Gpio, Led, t0 + 1));
            Assert.IsTrue(f.App.Leds.IsLit(0));
            Assert.IsTrue(f.App.Settings.NoLinkBlink);
        }

        [TestMethod]
        public void LedState_0_Keeps_The_Led_Off_And_LedMask_Chooses_The_Relays()
        {
            DeviceFixture f = DeviceFixture.Connected(LedBoard());
            f.Command("LedState", "0");
            Assert.AreEqual("{\"LedState\":0}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("Power", "on");
            Assert.IsFalse(f.App.Leds.IsLit(0));

            f.Command("LedState", "1");
            Assert.IsTrue(f.App.Leds.IsLit(0));
            f.Command("LedMask", "");
            Assert.AreEqual("{\"LedMask\":\"65535 (0xFFFF)\"}", f.LastPayload("stat/" + T + "/RESULT"));
            f.Command("LedMask", "0x0002");
            Assert.AreEqual("{\"LedMask\":\"2 (0x0002)\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsFalse(f.App.Leds.IsLit(0));

            f.Command("LedState", "9");
            Assert.AreEqual("{\"LedState\":1}", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void LedPower_Sets_LedState_0_Or_8()
        {
            DeviceFixture f = DeviceFixture.Connected(LedBoard());
            f.Command("LedPower", "1");
            Assert.AreEqual("{\"LedPower1\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.AreEqual(8, f.App.Settings.LedState);
            Assert.IsTrue(f.App.Leds.IsLit(0));
            f.Command("LedPower", "toggle");
            Assert.AreEqual("{\"LedPower1\":\"OFF\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.AreEqual(0, f.App.Settings.LedState);
            Assert.IsFalse(f.App.Leds.IsLit(0));
        }

        [TestMethod]
        public void LedState_2_Flashes_On_Every_Received_Message()
        {
            DeviceFixture f = DeviceFixture.Connected(LedBoard());
            f.Command("LedState", "2");
            f.Clock.Advance(1000);
            long t0 = f.Clock.NowMs;
            f.Command("Status", "11");
            f.Clock.Advance(1000);
            Assert.AreEqual(t0 + " 0\n" + (t0 + 200) + " 1\n", PinTrace(f.Gpio, Led, t0));
        }

        [TestMethod]
        public void With_Two_Leds_The_Second_Shows_Relay_1_And_The_First_Only_The_Link()
        {
            DeviceFixture f = DeviceFixture.Connected(TwoLedBoard());
            f.Command("Power1", "on");
            Assert.IsFalse(f.App.Leds.IsLit(0));
            Assert.IsTrue(f.App.Leds.IsLit(1));
            Assert.IsTrue(f.Gpio.Read(15));
            f.Command("Power2", "on");
            f.Command("Power1", "off");
            Assert.IsFalse(f.App.Leds.IsLit(1));

            f.Command("LedPower1", "on");
            Assert.AreEqual("{\"LedPower1\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
            Assert.IsTrue(f.App.Leds.IsLit(1));
            f.Command("LedPower2", "on");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload("stat/" + T + "/RESULT"));
        }
    }
}
