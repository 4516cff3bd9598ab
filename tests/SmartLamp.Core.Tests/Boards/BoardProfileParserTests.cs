using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Json;
using SmartLamp.Core.Ports;

namespace SmartLamp.Core.Tests.Boards
{
    [TestClass]
    public class BoardProfileParserTests
    {
        private const string Full = @"{
  ""name"": ""two-relay-test"",
  ""description"": ""Test board with every field"",
  ""relays"": [ { ""pin"": 26, ""activeLow"": false }, { ""pin"": 27, ""activeLow"": true } ],
  ""buttons"": [
    { ""pin"": 0, ""activeLow"": true, ""pull"": ""up"" },
    { ""pin"": 34, ""activeLow"": false, ""pull"": ""none"" },
    { ""pin"": 4, ""activeLow"": false, ""pull"": ""down"" },
    { ""pin"": 5, ""activeLow"": true }
  ],
  ""leds"": [ { ""pin"": 2, ""activeLow"": false }, { ""pin"": 19, ""activeLow"": true } ],
  ""serial"": { ""tx"": 17, ""rx"": 16 },
  ""sources"": [ ""https://example.org/pins"", ""https://example.org/more"" ],
  ""notes"": [ ""free text"" ]
}";

        private static BoardProfileException ErrorOf(string json, string source)
        {
            try
            {
                BoardProfileParser.Parse(json, source);
            }
            catch (BoardProfileException e)
            {
                return e;
            }

            return null;
        }

        private static void AssertError(string json, string expectedMessage)
        {
            BoardProfileException e = ErrorOf(json, "test.json");
            Assert.IsNotNull(e, "expected a BoardProfileException for: " + json);
            Assert.AreEqual(expectedMessage, e.Message);
        }

        // A profile with one valid relay on GPIO26 plus the given extra top-level members (",..." or "").
        private static string WithRelay(string extra)
        {
            return @"{ ""name"": ""t"", ""relays"": [ { ""pin"": 26, ""activeLow"": false } ]" + extra + " }";
        }

        // A profile whose only relay entry is the given JSON object text.
        private static string WithRelayEntry(string entry)
        {
            return @"{ ""name"": ""t"", ""relays"": [ " + entry + " ] }";
        }

        [TestMethod]
        public void Switches_Are_Read_Like_Buttons_And_Share_The_Pin_Check()
        {
            BoardProfile p = BoardProfileParser.Parse(WithRelay(@", ""buttons"": [ { ""pin"": 0, ""activeLow"": true, ""pull"": ""up"" } ], ""switches"": [ { ""pin"": 27, ""activeLow"": true, ""pull"": ""up"" }, { ""pin"": 35, ""activeLow"": false } ]"), "s.json");
            Assert.AreEqual(1, p.Buttons.Length);
            Assert.AreEqual(2, p.Switches.Length);
            Assert.AreEqual(27, p.Switches[0].Pin);
            Assert.IsTrue(p.Switches[0].ActiveLow);
            Assert.AreEqual((int)PinPull.Up, (int)p.Switches[0].Pull);
            Assert.AreEqual(35, p.Switches[1].Pin);
            Assert.AreEqual(0, BoardProfileParser.Parse(WithRelay(string.Empty), "n.json").Switches.Length, "no switches field: none");

            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 27, ""activeLow"": true } ], ""switches"": [ { ""pin"": 27, ""activeLow"": true } ]"),
                "test.json: switches[0].pin: GPIO27 is already used by buttons[0].pin");
            AssertError(WithRelay(@", ""switches"": [ { ""pin"": 27, ""activeLow"": true, ""invert"": true } ]"),
                "test.json: switches[0].invert: unknown field (known fields: pin, activeLow, pull)");
            AssertError(WithRelay(@", ""switches"": [ { ""pin"": 34, ""activeLow"": true, ""pull"": ""up"" } ]"),
                "test.json: switches[0].pull: GPIO34 has no internal pull resistors; use \"none\" and an external resistor");
        }

        [TestMethod]
        public void Full_Profile_Reads_Every_Field()
        {
            BoardProfile p = BoardProfileParser.Parse(Full, "full.json");

            Assert.AreEqual("two-relay-test", p.Name);
            Assert.AreEqual("Test board with every field", p.Description);
            Assert.AreEqual(2, p.Relays.Length);
            Assert.AreEqual(26, p.Relays[0].Pin);
            Assert.IsFalse(p.Relays[0].ActiveLow);
            Assert.AreEqual(27, p.Relays[1].Pin);
            Assert.IsTrue(p.Relays[1].ActiveLow);

            Assert.AreEqual(4, p.Buttons.Length);
            Assert.AreEqual(0, p.Buttons[0].Pin);
            Assert.IsTrue(p.Buttons[0].ActiveLow);
            Assert.AreEqual((int)PinPull.Up, (int)p.Buttons[0].Pull);
            Assert.AreEqual(34, p.Buttons[1].Pin);
            Assert.AreEqual((int)PinPull.None, (int)p.Buttons[1].Pull);
            Assert.AreEqual((int)PinPull.Down, (int)p.Buttons[2].Pull);
            Assert.AreEqual((int)PinPull.None, (int)p.Buttons[3].Pull, "pull defaults to none");

            Assert.AreEqual(2, p.Leds.Length);
            Assert.AreEqual(2, p.Leds[0].Pin);
            Assert.IsFalse(p.Leds[0].ActiveLow);
            Assert.AreEqual(19, p.Leds[1].Pin);
            Assert.IsTrue(p.Leds[1].ActiveLow);

            Assert.AreEqual(17, p.SerialTx);
            Assert.AreEqual(16, p.SerialRx);
            Assert.IsTrue(p.HasSerial);
            Assert.AreEqual(2, p.Sources.Length);
            Assert.AreEqual("https://example.org/more", p.Sources[1]);
        }

        [TestMethod]
        public void Minimal_Profile_Has_Empty_Optionals_And_No_Serial()
        {
            BoardProfile p = BoardProfileParser.Parse(WithRelay(string.Empty), "min.json");

            Assert.AreEqual("t", p.Name);
            Assert.AreEqual(string.Empty, p.Description);
            Assert.AreEqual(1, p.Relays.Length);
            Assert.AreEqual(0, p.Buttons.Length);
            Assert.AreEqual(0, p.Leds.Length);
            Assert.AreEqual(0, p.Sources.Length);
            Assert.AreEqual(BoardProfile.NoPin, p.SerialTx);
            Assert.AreEqual(BoardProfile.NoPin, p.SerialRx);
            Assert.IsFalse(p.HasSerial);
        }

        [TestMethod]
        public void Serial_Null_Means_No_Console_Pins()
        {
            BoardProfile p = BoardProfileParser.Parse(WithRelay(@", ""serial"": null, ""buttons"": null"), "s.json");

            Assert.AreEqual(-1, p.SerialTx);
            Assert.AreEqual(-1, p.SerialRx);
            Assert.AreEqual(0, p.Buttons.Length);
        }

        [TestMethod]
        public void Eight_Relays_Are_Accepted()
        {
            BoardProfile p = BoardProfileParser.Parse(@"{ ""name"": ""eight"", ""relays"": [
                { ""pin"": 4, ""activeLow"": false }, { ""pin"": 5, ""activeLow"": false }, { ""pin"": 13, ""activeLow"": false },
                { ""pin"": 14, ""activeLow"": false }, { ""pin"": 16, ""activeLow"": false }, { ""pin"": 17, ""activeLow"": false },
                { ""pin"": 18, ""activeLow"": false }, { ""pin"": 33, ""activeLow"": true } ] }", "eight.json");

            Assert.AreEqual(8, p.Relays.Length);
            Assert.AreEqual(33, p.Relays[7].Pin);
            Assert.IsTrue(p.Relays[7].ActiveLow);
        }

        [TestMethod]
        public void Malformed_Json_Names_Source_Line_And_Column()
        {
            BoardProfileException e = ErrorOf("{ \"name\": \"x\",\n  \"relays\": [ { \"pin\": 26, } ] }", "hardware/broken.json");

            Assert.IsNotNull(e);
            Assert.AreEqual("hardware/broken.json: line 2, column 28: trailing comma before '}'", e.Message);
            Assert.AreEqual("hardware/broken.json", e.SourceName);
            Assert.AreEqual(string.Empty, e.FieldPath);
            Assert.IsTrue(e.InnerException is JsonException);
        }

        [TestMethod]
        public void Null_Or_Non_Object_Documents_Are_Rejected()
        {
            AssertError(null, "test.json: no content");
            AssertError("[ { \"pin\": 26 } ]", "test.json: expected a JSON object at the top level, got an array");
            AssertError("", "test.json: line 1, column 1: empty document, expected a JSON value");
        }

        [TestMethod]
        public void Oversized_Document_Is_Rejected()
        {
            string padding = string.Empty;
            for (int i = 0; i < 1700; i++)
            {
                padding += "          ";
            }

            AssertError(WithRelay(padding), "test.json: line 1, column 1: document is 17064 characters long, the limit is 16384");
        }

        [TestMethod]
        public void Missing_Empty_Or_Invalid_Name_Is_Rejected()
        {
            AssertError(@"{ ""relays"": [ { ""pin"": 26, ""activeLow"": false } ] }", "test.json: name: missing; every board profile needs a name");
            AssertError(@"{ ""name"": null, ""relays"": [] }", "test.json: name: missing; every board profile needs a name");
            AssertError(@"{ ""name"": """", ""relays"": [] }", "test.json: name: must not be empty");
            AssertError(@"{ ""name"": 5 }", "test.json: name: expected a string, got the number 5");
            AssertError(@"{ ""name"": ""Sonoff Mini"" }", "test.json: name: \"Sonoff Mini\" may only contain lower-case letters, digits, '-' and '_'");
            AssertError(@"{ ""name"": ""a1234567890123456789012345678901234567890"" }", "test.json: name: is 41 characters long, at most 40 are allowed");
        }

        [TestMethod]
        public void A_Board_Needs_At_Least_One_Relay()
        {
            AssertError(@"{ ""name"": ""t"" }", "test.json: relays: missing; a board needs at least one relay");
            AssertError(@"{ ""name"": ""t"", ""relays"": [] }", "test.json: relays: empty; a board needs at least one relay");
            AssertError(@"{ ""name"": ""t"", ""relays"": { ""pin"": 26 } }", "test.json: relays: expected an array, got an object");
        }

        [TestMethod]
        public void More_Than_Eight_Relays_Are_Rejected()
        {
            string relays = string.Empty;
            int[] pins = new int[] { 4, 5, 13, 14, 16, 17, 18, 19, 21 };
            for (int i = 0; i < pins.Length; i++)
            {
                relays += (i == 0 ? string.Empty : ", ") + "{ \"pin\": " + pins[i].ToString() + ", \"activeLow\": false }";
            }

            AssertError("{ \"name\": \"t\", \"relays\": [ " + relays + " ] }", "test.json: relays: 9 entries, at most 8 are supported");
        }

        [TestMethod]
        public void Too_Many_Buttons_Or_Leds_Are_Rejected()
        {
            string many = "[ 1, 2, 3, 4, 5, 6, 7, 8, 9 ]";
            AssertError(WithRelay(", \"buttons\": " + many), "test.json: buttons: 9 entries, at most 8 are supported");
            AssertError(WithRelay(", \"leds\": " + many), "test.json: leds: 9 entries, at most 8 are supported");
        }

        [TestMethod]
        public void Input_Only_Pins_Cannot_Be_Outputs()
        {
            BoardProfileException e = ErrorOf(@"{ ""name"": ""sonoff"", ""relays"": [ { ""pin"": 26, ""activeLow"": false }, { ""pin"": 34, ""activeLow"": false } ] }", "sonoff.json");
            Assert.IsNotNull(e);
            Assert.AreEqual("sonoff.json: relays[1].pin: GPIO34 is input-only and cannot drive a relay", e.Message);
            Assert.AreEqual("sonoff.json", e.SourceName);
            Assert.AreEqual("relays[1].pin", e.FieldPath);
            Assert.AreEqual("GPIO34 is input-only and cannot drive a relay", e.Detail);

            AssertError(WithRelay(@", ""leds"": [ { ""pin"": 36, ""activeLow"": true } ]"), "test.json: leds[0].pin: GPIO36 is input-only and cannot drive an LED");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 35, ""rx"": 16 }"), "test.json: serial.tx: GPIO35 is input-only and cannot be a UART TX");
            AssertError(WithRelayEntry(@"{ ""pin"": 39, ""activeLow"": true }"), "test.json: relays[0].pin: GPIO39 is input-only and cannot drive a relay");
        }

        [TestMethod]
        public void Input_Only_Pins_Are_Fine_As_Inputs_Without_Pull()
        {
            BoardProfile p = BoardProfileParser.Parse(WithRelay(@", ""buttons"": [ { ""pin"": 39, ""activeLow"": true, ""pull"": ""none"" } ], ""serial"": { ""tx"": 17, ""rx"": 36 }"), "in.json");

            Assert.AreEqual(39, p.Buttons[0].Pin);
            Assert.AreEqual(36, p.SerialRx);
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 39, ""activeLow"": true, ""pull"": ""up"" } ]"), "test.json: buttons[0].pull: GPIO39 has no internal pull resistors; use \"none\" and an external resistor");
        }

        [TestMethod]
        public void Pins_Out_Of_Range_Are_Rejected()
        {
            AssertError(WithRelayEntry(@"{ ""pin"": 40, ""activeLow"": false }"), "test.json: relays[0].pin: 40 is out of range, ESP32 GPIOs are 0..39");
            AssertError(WithRelayEntry(@"{ ""pin"": -1, ""activeLow"": false }"), "test.json: relays[0].pin: -1 is out of range, ESP32 GPIOs are 0..39");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 99999999999999999999, ""activeLow"": true } ]"), "test.json: buttons[0].pin: 99999999999999999999 is out of range, ESP32 GPIOs are 0..39");
        }

        [TestMethod]
        public void Missing_Flash_And_Debugger_Pins_Are_Rejected()
        {
            AssertError(WithRelayEntry(@"{ ""pin"": 24, ""activeLow"": false }"), "test.json: relays[0].pin: GPIO24 does not exist on the ESP32");
            AssertError(WithRelayEntry(@"{ ""pin"": 30, ""activeLow"": false }"), "test.json: relays[0].pin: GPIO30 does not exist on the ESP32");
            AssertError(WithRelay(@", ""leds"": [ { ""pin"": 6, ""activeLow"": false } ]"), "test.json: leds[0].pin: GPIO6 is wired to the module's SPI flash and cannot be used");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 11, ""activeLow"": true } ]"), "test.json: buttons[0].pin: GPIO11 is wired to the module's SPI flash and cannot be used");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 1, ""rx"": 16 }"), "test.json: serial.tx: GPIO1 is UART0 (COM1, the nanoFramework debugger link); the COM2 console needs other pins");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 17, ""rx"": 3 }"), "test.json: serial.rx: GPIO3 is UART0 (COM1, the nanoFramework debugger link); the COM2 console needs other pins");
        }

        [TestMethod]
        public void A_Pin_May_Be_Used_Only_Once_In_The_Whole_Profile()
        {
            AssertError(@"{ ""name"": ""t"", ""relays"": [ { ""pin"": 26, ""activeLow"": false }, { ""pin"": 26, ""activeLow"": true } ] }", "test.json: relays[1].pin: GPIO26 is already used by relays[0].pin");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 26, ""activeLow"": true } ]"), "test.json: buttons[0].pin: GPIO26 is already used by relays[0].pin");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 0, ""activeLow"": true } ], ""leds"": [ { ""pin"": 0, ""activeLow"": true } ]"), "test.json: leds[0].pin: GPIO0 is already used by buttons[0].pin");
            AssertError(WithRelay(@", ""leds"": [ { ""pin"": 2, ""activeLow"": false } ], ""serial"": { ""tx"": 17, ""rx"": 2 }"), "test.json: serial.rx: GPIO2 is already used by leds[0].pin");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 26, ""rx"": 16 }"), "test.json: serial.tx: GPIO26 is already used by relays[0].pin");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 17, ""rx"": 17 }"), "test.json: serial.rx: GPIO17 is already used by serial.tx");
        }

        [TestMethod]
        public void Wrong_Types_Name_The_Field()
        {
            AssertError(WithRelayEntry(@"{ ""pin"": ""26"", ""activeLow"": false }"), "test.json: relays[0].pin: expected a GPIO number, got a string");
            AssertError(WithRelayEntry(@"{ ""pin"": 26.5, ""activeLow"": false }"), "test.json: relays[0].pin: expected an integer GPIO number, got 26.5");
            AssertError(WithRelayEntry(@"{ ""pin"": 2e1, ""activeLow"": false }"), "test.json: relays[0].pin: expected an integer GPIO number, got 2e1");
            AssertError(WithRelayEntry(@"{ ""pin"": 26, ""activeLow"": ""yes"" }"), "test.json: relays[0].activeLow: expected true or false, got a string");
            AssertError(WithRelayEntry(@"{ ""pin"": 26, ""activeLow"": 1 }"), "test.json: relays[0].activeLow: expected true or false, got the number 1");
            AssertError(WithRelayEntry("26"), "test.json: relays[0]: expected an object, got the number 26");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 0, ""activeLow"": true, ""pull"": true } ]"), "test.json: buttons[0].pull: expected a string, got true");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 0, ""activeLow"": true, ""pull"": ""pullup"" } ]"), "test.json: buttons[0].pull: \"pullup\" is not a pull mode; use \"up\", \"down\" or \"none\"");
            AssertError(WithRelay(@", ""serial"": ""COM2"""), "test.json: serial: expected an object, got a string");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 17, ""rx"": false }"), "test.json: serial.rx: expected a GPIO number, got false");
            AssertError(WithRelay(@", ""description"": false"), "test.json: description: expected a string, got false");
            AssertError(WithRelay(@", ""sources"": [ ""https://a"", 1 ]"), "test.json: sources[1]: expected a string, got the number 1");
            AssertError(WithRelay(@", ""notes"": ""one note"""), "test.json: notes: expected an array, got a string");
            AssertError(WithRelay(@", ""leds"": [ null ]"), "test.json: leds[0]: expected an object, got null");
        }

        [TestMethod]
        public void Missing_Pin_Or_Polarity_Is_Rejected()
        {
            AssertError(WithRelayEntry(@"{ ""activeLow"": false }"), "test.json: relays[0].pin: missing; expected a GPIO number 0..39");
            AssertError(WithRelayEntry(@"{ ""pin"": 26 }"), "test.json: relays[0].activeLow: missing; expected true or false (polarity must be explicit)");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 0 } ]"), "test.json: buttons[0].activeLow: missing; expected true or false (polarity must be explicit)");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 17 }"), "test.json: serial.rx: missing; expected a GPIO number 0..39");
        }

        [TestMethod]
        public void NanoffTarget_Is_Accepted_As_A_String_Only()
        {
            BoardProfile p = BoardProfileParser.Parse(WithRelay(@", ""nanoffTarget"": ""ESP32_PSRAM_REV0"""), "test.json");
            Assert.AreEqual(1, p.Relays.Length);
            AssertError(WithRelay(@", ""nanoffTarget"": 3"), "test.json: nanoffTarget: expected a string, got the number 3");
        }

        [TestMethod]
        public void Unknown_Fields_Are_Rejected_With_The_Known_Ones()
        {
            AssertError(@"{ ""name"": ""t"", ""relay"": [] }", "test.json: relay: unknown field (known fields: name, description, relays, buttons, switches, leds, serial, sources, notes, nanoffTarget)");
            AssertError(WithRelayEntry(@"{ ""pin"": 26, ""activeLow"": false, ""inverted"": true }"), "test.json: relays[0].inverted: unknown field (known fields: pin, activeLow)");
            AssertError(WithRelay(@", ""buttons"": [ { ""pin"": 0, ""activeLow"": true, ""pullup"": true } ]"), "test.json: buttons[0].pullup: unknown field (known fields: pin, activeLow, pull)");
            AssertError(WithRelay(@", ""serial"": { ""tx"": 17, ""rx"": 16, ""baud"": 115200 }"), "test.json: serial.baud: unknown field (known fields: tx, rx)");
        }

        [TestMethod]
        public void Missing_Source_Is_Still_Named()
        {
            BoardProfileException e = ErrorOf(@"{ ""name"": ""t"" }", null);

            Assert.IsNotNull(e);
            Assert.AreEqual("<board profile>: relays: missing; a board needs at least one relay", e.Message);
        }
    }
}
