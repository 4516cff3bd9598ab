// Host-only (reads files): the shipped hardware/*.json profiles and the name -> file lookup of
// tools/SmartLamp.Boards.Host. Not compiled into the nanoFramework test build.
using System;
using System.IO;
using nanoFramework.TestFramework;
using SmartLamp.Boards.Host;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Relays;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.HostOnly
{
    [TestClass]
    public class BoardFilesTests
    {
        private const string KnownList = "default (= esp32-devkitc-relay), esp32-devkitc-relay, esp32-relay-x4, shelly-plus-1, sonoff-dual-r3, sonoff-mini-r4";

        private static string NewTempDir()
        {
            string dir = Path.Combine(Path.GetTempPath(), "smartlamp-boards-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return dir;
        }

        private static void AssertButton(ButtonConfig b, int pin, bool activeLow, PinPull pull)
        {
            Assert.AreEqual(pin, b.Pin);
            Assert.AreEqual(activeLow, b.ActiveLow, "activeLow of GPIO" + pin);
            Assert.AreEqual((int)pull, (int)b.Pull, "pull of GPIO" + pin);
        }

        [TestMethod]
        public void Known_Names_Are_The_Shipped_Profiles()
        {
            string[] names = BoardProfileFiles.KnownNames();

            Assert.AreEqual(5, names.Length);
            Assert.AreEqual("esp32-devkitc-relay", names[0]);
            Assert.AreEqual("esp32-relay-x4", names[1]);
            Assert.AreEqual("shelly-plus-1", names[2]);
            Assert.AreEqual("sonoff-dual-r3", names[3]);
            Assert.AreEqual("sonoff-mini-r4", names[4]);
        }

        [TestMethod]
        public void Sonoff_Dual_R3_Has_The_Published_Pins()
        {
            BoardProfile p = BoardProfileFiles.Load("sonoff-dual-r3");

            Assert.AreEqual(2, p.Relays.Length);
            Assert.AreEqual(27, p.Relays[0].Pin);
            Assert.IsFalse(p.Relays[0].ActiveLow);
            Assert.AreEqual(14, p.Relays[1].Pin);
            Assert.IsFalse(p.Relays[1].ActiveLow);
            Assert.AreEqual(1, p.Buttons.Length);
            AssertButton(p.Buttons[0], 0, true, PinPull.Up);
            Assert.AreEqual(2, p.Switches.Length);
            AssertButton(p.Switches[0], 32, true, PinPull.Up);
            AssertButton(p.Switches[1], 33, true, PinPull.Up);
            Assert.AreEqual(1, p.Leds.Length);
            Assert.AreEqual(13, p.Leds[0].Pin);
            Assert.IsTrue(p.Leds[0].ActiveLow);
            Assert.IsFalse(p.HasSerial);
        }

        [TestMethod]
        public void Default_Board_Is_The_DevKitC_Relay()
        {
            BoardProfile p = BoardProfileFiles.Load("default");

            Assert.AreEqual("esp32-devkitc-relay", p.Name);
            Assert.AreEqual(BoardProfileFiles.DefaultBoard, p.Name);
            Assert.AreEqual(1, p.Relays.Length);
            Assert.AreEqual(26, p.Relays[0].Pin);
            Assert.IsFalse(p.Relays[0].ActiveLow);
            Assert.AreEqual(1, p.Buttons.Length);
            AssertButton(p.Buttons[0], 0, true, PinPull.Up);
            Assert.AreEqual(1, p.Leds.Length);
            Assert.AreEqual(2, p.Leds[0].Pin);
            Assert.IsFalse(p.Leds[0].ActiveLow);
            Assert.AreEqual(33, p.SerialTx);
            Assert.AreEqual(32, p.SerialRx);
        }

        [TestMethod]
        public void Sonoff_Mini_R4_Has_The_Published_Pins()
        {
            BoardProfile p = BoardProfileFiles.Load("sonoff-mini-r4");

            Assert.AreEqual(1, p.Relays.Length);
            Assert.AreEqual(26, p.Relays[0].Pin);
            Assert.IsFalse(p.Relays[0].ActiveLow);
            Assert.AreEqual(1, p.Buttons.Length);
            AssertButton(p.Buttons[0], 0, true, PinPull.Up);
            Assert.AreEqual(1, p.Switches.Length);
            AssertButton(p.Switches[0], 27, true, PinPull.Up);
            Assert.AreEqual(1, p.Leds.Length);
            Assert.AreEqual(19, p.Leds[0].Pin);
            Assert.IsTrue(p.Leds[0].ActiveLow);
            Assert.IsFalse(p.HasSerial);
        }

        [TestMethod]
        public void Shelly_Plus_1_Has_The_Published_Pins()
        {
            BoardProfile p = BoardProfileFiles.Load("shelly-plus-1");

            Assert.AreEqual(1, p.Relays.Length);
            Assert.AreEqual(26, p.Relays[0].Pin);
            Assert.IsFalse(p.Relays[0].ActiveLow);
            Assert.AreEqual(1, p.Buttons.Length);
            AssertButton(p.Buttons[0], 25, true, PinPull.Up);
            Assert.AreEqual(1, p.Switches.Length);
            AssertButton(p.Switches[0], 4, false, PinPull.None);
            Assert.AreEqual(1, p.Leds.Length);
            Assert.AreEqual(0, p.Leds[0].Pin);
            Assert.IsTrue(p.Leds[0].ActiveLow);
            Assert.AreEqual(-1, p.SerialTx);
            Assert.AreEqual(-1, p.SerialRx);
        }

        [TestMethod]
        public void Esp32_Relay_X4_Has_The_Published_Pins()
        {
            BoardProfile p = BoardProfileFiles.Load("esp32-relay-x4");

            Assert.AreEqual(4, p.Relays.Length);
            Assert.AreEqual(32, p.Relays[0].Pin);
            Assert.AreEqual(33, p.Relays[1].Pin);
            Assert.AreEqual(25, p.Relays[2].Pin);
            Assert.AreEqual(26, p.Relays[3].Pin);
            Assert.IsFalse(p.Relays[2].ActiveLow);
            Assert.AreEqual(1, p.Buttons.Length);
            AssertButton(p.Buttons[0], 0, true, PinPull.Up);
            Assert.AreEqual(1, p.Leds.Length);
            Assert.AreEqual(23, p.Leds[0].Pin);
            Assert.IsFalse(p.Leds[0].ActiveLow);
            Assert.IsFalse(p.HasSerial);
        }

        [TestMethod]
        public void Every_Shipped_Profile_Names_Https_Sources_And_Matches_Its_File()
        {
            string[] names = BoardProfileFiles.KnownNames();
            for (int i = 0; i < names.Length; i++)
            {
                BoardProfile p = BoardProfileFiles.Load(names[i]);
                Assert.AreEqual(names[i], p.Name);
                Assert.IsTrue(p.Description.Length > 0, names[i] + " has a description");
                Assert.IsTrue(p.Sources.Length >= 2, names[i] + " names at least two sources");
                for (int s = 0; s < p.Sources.Length; s++)
                {
                    Assert.StartsWith("https://", p.Sources[s], names[i] + " source " + s);
                }
            }
        }

        [TestMethod]
        public void Default_Board_Relay_Boots_Off_On_Simulated_Pins()
        {
            BoardProfile p = BoardProfileFiles.Load(BoardProfileFiles.DefaultAlias);
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);

            RelayDriver relays = new RelayDriver(gpio, p.Relays);
            clock.Advance(20);
            relays.Toggle(0);

            Assert.AreEqual("0 26 0\n20 26 1\n", gpio.TraceText());
        }

        [TestMethod]
        public void Unknown_Board_Lists_The_Known_Boards_On_One_Line()
        {
            UnknownBoardException e = null;
            try
            {
                BoardProfileFiles.Load("sonoff-basic");
            }
            catch (UnknownBoardException ex)
            {
                e = ex;
            }

            Assert.IsNotNull(e);
            Assert.AreEqual("unknown board \"sonoff-basic\"; known boards: " + KnownList, e.Message);
            Assert.IsFalse(e.Message.Contains("\n"));
            Assert.AreEqual("sonoff-basic", e.RequestedName);
            Assert.AreEqual(5, e.KnownNames.Length);
        }

        [TestMethod]
        public void Hardware_Folder_Is_The_Checkout_And_Profiles_Are_Copied_To_The_Output()
        {
            string dir = BoardProfileFiles.FindHardwareDirectory();
            string repo = Path.GetDirectoryName(dir);

            Assert.AreEqual("hardware", Path.GetFileName(dir));
            Assert.IsTrue(File.Exists(Path.Combine(repo, "SmartLamp.sln")), dir + " is beside SmartLamp.sln");
            Assert.IsTrue(File.Exists(Path.Combine(dir, "README.md")));

            string[] names = BoardProfileFiles.KnownNames();
            for (int i = 0; i < names.Length; i++)
            {
                string copy = Path.Combine(AppContext.BaseDirectory, "hardware", names[i] + ".json");
                Assert.IsTrue(File.Exists(copy), copy + " is copied for published builds");
                Assert.AreEqual(File.ReadAllText(Path.Combine(dir, names[i] + ".json")), File.ReadAllText(copy));
            }
        }

        [TestMethod]
        public void Copied_Profiles_Load_Without_A_Checkout()
        {
            string copies = Path.Combine(AppContext.BaseDirectory, "hardware");

            BoardProfile p = BoardProfileFiles.Load("default", copies);

            Assert.AreEqual("esp32-devkitc-relay", p.Name);
            Assert.AreEqual(5, BoardProfileFiles.KnownNames(copies).Length);
        }

        [TestMethod]
        public void A_Path_Loads_That_File_And_Errors_Name_It()
        {
            string dir = NewTempDir();
            try
            {
                string good = Path.Combine(dir, "my-board.json");
                File.WriteAllText(good, "{ \"name\": \"custom\", \"relays\": [ { \"pin\": 13, \"activeLow\": true } ] }");
                string bad = Path.Combine(dir, "bad.json");
                File.WriteAllText(bad, "{ \"name\": \"bad\", \"relays\": [ { \"pin\": 36, \"activeLow\": true } ] }");

                BoardProfile p = BoardProfileFiles.Load(good);
                Assert.AreEqual("custom", p.Name);
                Assert.AreEqual(13, p.Relays[0].Pin);

                BoardProfileException e = null;
                try
                {
                    BoardProfileFiles.Load(bad);
                }
                catch (BoardProfileException ex)
                {
                    e = ex;
                }

                Assert.IsNotNull(e);
                Assert.AreEqual(bad + ": relays[0].pin: GPIO36 is input-only and cannot drive a relay", e.Message);
                Assert.ThrowsException(typeof(FileNotFoundException), () => BoardProfileFiles.Load(Path.Combine(dir, "missing.json")));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void Named_Profile_Errors_Name_The_Hardware_File()
        {
            string dir = NewTempDir();
            try
            {
                File.WriteAllText(Path.Combine(dir, "broken.json"), "{\n  \"name\": \"broken\",\n  \"relays\": [ ]\n}");
                File.WriteAllText(Path.Combine(dir, "renamed.json"), "{ \"name\": \"original\", \"relays\": [ { \"pin\": 26, \"activeLow\": false } ] }");
                File.WriteAllText(Path.Combine(dir, "truncated.json"), "{ \"name\": \"truncated\",\n  \"relays\": [");

                Assert.AreEqual("hardware/broken.json: relays: empty; a board needs at least one relay", ErrorOf("broken", dir));
                Assert.AreEqual("hardware/renamed.json: name: \"original\" does not match the file name \"renamed\"", ErrorOf("renamed", dir));
                Assert.AreEqual("hardware/truncated.json: line 2, column 14: unexpected end of input, expected a value", ErrorOf("truncated", dir));
                Assert.AreEqual("unknown board \"nope\"; known boards: broken, renamed, truncated", ErrorOf("nope", dir));
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [TestMethod]
        public void Names_And_Paths_Are_Told_Apart()
        {
            Assert.IsFalse(BoardProfileFiles.IsPath("shelly-plus-1"));
            Assert.IsFalse(BoardProfileFiles.IsPath("default"));
            Assert.IsTrue(BoardProfileFiles.IsPath("shelly-plus-1.json"));
            Assert.IsTrue(BoardProfileFiles.IsPath("boards/x"));
            Assert.IsTrue(BoardProfileFiles.IsPath("C:\\boards\\x"));
            Assert.ThrowsException(typeof(ArgumentException), () => BoardProfileFiles.Load(" "));
        }

        private static string ErrorOf(string name, string hardwareDirectory)
        {
            try
            {
                BoardProfileFiles.Load(name, hardwareDirectory);
            }
            catch (Exception e)
            {
                return e.Message;
            }

            return null;
        }
    }
}
