using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Relays;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.Boards
{
    /// <summary>A parsed profile drives the real relay driver and inputs on simulated pins with the right polarity.</summary>
    [TestClass]
    public class BoardProfileWiringTests
    {
        private const string Profile = @"{
  ""name"": ""mixed-polarity"",
  ""relays"": [ { ""pin"": 26, ""activeLow"": false }, { ""pin"": 13, ""activeLow"": true } ],
  ""buttons"": [ { ""pin"": 0, ""activeLow"": true, ""pull"": ""up"" }, { ""pin"": 4, ""activeLow"": false, ""pull"": ""down"" } ],
  ""leds"": [ { ""pin"": 19, ""activeLow"": true } ]
}";

        [TestMethod]
        public void Profile_Relays_Boot_Off_With_Their_Polarity_And_Switch_Correctly()
        {
            BoardProfile board = BoardProfileParser.Parse(Profile, "mixed.json");
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);

            RelayDriver relays = new RelayDriver(gpio, board.Relays);

            // Off at boot: active-high relay low, active-low relay high.
            Assert.AreEqual("0 26 0\n0 13 1\n", gpio.TraceText());
            Assert.AreEqual(2, relays.Count);

            clock.Advance(10);
            relays.On(0);
            relays.On(1);
            Assert.IsTrue(gpio.Read(26));
            Assert.IsFalse(gpio.Read(13));
            Assert.AreEqual(3, relays.PowerMask);

            clock.Advance(5);
            relays.Off(1);
            Assert.IsTrue(gpio.Read(13));
            Assert.AreEqual("0 26 0\n0 13 1\n10 26 1\n10 13 0\n15 13 1\n", gpio.TraceText());
        }

        [TestMethod]
        public void Profile_Buttons_Open_With_Their_Pull_And_Decode_Presses()
        {
            BoardProfile board = BoardProfileParser.Parse(Profile, "mixed.json");
            SimGpio gpio = new SimGpio(new VirtualClock());

            for (int i = 0; i < board.Buttons.Length; i++)
            {
                gpio.OpenInput(board.Buttons[i].Pin, board.Buttons[i].Pull, null);
            }

            // Idle levels come from the pulls; neither button reads as pressed.
            Assert.IsTrue(gpio.Read(0));
            Assert.IsFalse(gpio.Read(4));
            Assert.IsFalse(board.Buttons[0].IsPressed(gpio.Read(0)));
            Assert.IsFalse(board.Buttons[1].IsPressed(gpio.Read(4)));

            gpio.SetInput(0, false);
            gpio.SetInput(4, true);
            Assert.IsTrue(board.Buttons[0].IsPressed(gpio.Read(0)));
            Assert.IsTrue(board.Buttons[1].IsPressed(gpio.Read(4)));
        }

        [TestMethod]
        public void Profile_Led_Polarity_Maps_Logical_State_To_Level()
        {
            BoardProfile board = BoardProfileParser.Parse(Profile, "mixed.json");
            SimGpio gpio = new SimGpio(new VirtualClock());
            PinConfig led = board.Leds[0];

            gpio.OpenOutput(led.Pin, led.LevelFor(false));
            Assert.IsTrue(gpio.Read(19), "active-low LED is off at high level");
            gpio.Write(led.Pin, led.LevelFor(true));
            Assert.IsFalse(gpio.Read(19));
        }
    }
}
