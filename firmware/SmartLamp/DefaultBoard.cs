namespace SmartLamp.Device
{
    /// <summary>
    /// The board profile compiled into the firmware, used when I:\board.json is absent: a verbatim copy
    /// of hardware/esp32-devkitc-relay.json (the default board). tests/SmartLamp.Host.Tests
    /// (ProjectFilesTests) fails when the two drift apart.
    /// </summary>
    internal static class DefaultBoard
    {
        /// <summary>Where the text below comes from (shown in error messages).</summary>
        public const string Source = "compiled-in default (hardware/esp32-devkitc-relay.json)";

        /// <summary>The profile JSON.</summary>
        public const string Json = @"{
  ""name"": ""esp32-devkitc-relay"",
  ""description"": ""Espressif ESP32-DevKitC (WROOM-32 or WROVER) with a 1-channel relay module on GPIO26, the on-board BOOT button and an LED on GPIO2. The default board."",
  ""nanoffTarget"": ""ESP32_REV0"",
  ""relays"": [
    { ""pin"": 26, ""activeLow"": false }
  ],
  ""buttons"": [
    { ""pin"": 0, ""activeLow"": true, ""pull"": ""up"" }
  ],
  ""leds"": [
    { ""pin"": 2, ""activeLow"": false }
  ],
  ""serial"": { ""tx"": 33, ""rx"": 32 },
  ""sources"": [
    ""https://docs.espressif.com/projects/esp-idf/en/v5.2.1/esp32/hw-reference/esp32/get-started-devkitc.html"",
    ""https://docs.espressif.com/projects/esptool/en/latest/esp32/advanced-topics/boot-mode-selection.html"",
    ""https://docs.espressif.com/projects/esp-idf/en/v4.4.7/esp32/hw-reference/esp32/get-started-wrover-kit.html"",
    ""https://github.com/nanoframework/System.IO.Ports/blob/main/Tests/UnitTestsSerialPort/SerialTests.cs""
  ],
  ""notes"": [
    ""Relay GPIO26: not a strapping pin, not flash, not input-only, not UART0. Active-high module (IN high = relay on); set activeLow to true for the common opto-isolated modules that switch on a low input."",
    ""Button GPIO0: the DevKitC 'Boot' (download) button pulls GPIO0 to GND. Holding it during reset enters the ROM bootloader, so it only works as a user button after boot."",
    ""LED GPIO2: the DevKitC V4 has no user LED; wire an LED + resistor from GPIO2 to GND (DOIT-style DevKit V1 clones have one there). GPIO2 is a strapping pin that must be low or floating for download mode, which an LED to GND satisfies."",
    ""Serial console COM2 on TX GPIO33 / RX GPIO32 (the pins nanoFramework's own COM2 tests use). GPIO16/17 are avoided because WROVER modules use them for PSRAM.""
  ]
}";
    }
}
