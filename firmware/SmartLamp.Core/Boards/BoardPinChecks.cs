using SmartLamp.Core.Json;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Boards
{
    /// <summary>Pin rules of a board profile: which ESP32 pins may be outputs or serial pins, pull-ups, and one owner per pin.</summary>
    public static partial class BoardProfileParser
    {
        private static PinPull ReadPull(JsonNode entry, string path, string source)
        {
            JsonNode node = entry.Get("pull");
            if (node == null || node.IsNull)
            {
                return PinPull.None;
            }

            ExpectKind(node, JsonKind.String, path, source);
            string value = node.StringValue;
            if (value == "up")
            {
                return PinPull.Up;
            }

            if (value == "down")
            {
                return PinPull.Down;
            }

            if (value == "none")
            {
                return PinPull.None;
            }

            throw new BoardProfileException(source, path, "\"" + value + "\" is not a pull mode; use \"up\", \"down\" or \"none\"");
        }

        private static int ReadPin(JsonNode entry, string key, string path, string source)
        {
            JsonNode node = entry.Get(key);
            if (node == null || node.IsNull)
            {
                throw new BoardProfileException(source, path, "missing; expected a GPIO number 0.." + MaxPin.ToString());
            }

            if (node.Kind != JsonKind.Number)
            {
                throw new BoardProfileException(source, path, "expected a GPIO number, got " + Article(node));
            }

            int pin;
            if (!node.TryGetInt32(0, MaxPin, out pin))
            {
                string text = node.NumberText;
                if (text.IndexOf('.') >= 0 || text.IndexOf('e') >= 0 || text.IndexOf('E') >= 0)
                {
                    throw new BoardProfileException(source, path, "expected an integer GPIO number, got " + node.NumberText);
                }

                throw new BoardProfileException(source, path, node.NumberText + " is out of range, ESP32 GPIOs are 0.." + MaxPin.ToString());
            }

            if (pin == 24 || (pin >= 28 && pin <= 31))
            {
                throw new BoardProfileException(source, path, "GPIO" + pin.ToString() + " does not exist on the ESP32");
            }

            if (pin == 6 || pin == 7 || pin == 8 || pin == 11)
            {
                throw new BoardProfileException(source, path, "GPIO" + pin.ToString() + " is wired to the module's SPI flash and cannot be used");
            }

            return pin;
        }

        private static void CheckOutput(int pin, string path, string purpose, string source)
        {
            if (IsInputOnly(pin))
            {
                throw new BoardProfileException(source, path, "GPIO" + pin.ToString() + " is input-only and cannot " + purpose);
            }
        }

        private static void CheckSerialPin(int pin, string path, string source)
        {
            if (pin == 1 || pin == 3)
            {
                throw new BoardProfileException(source, path, "GPIO" + pin.ToString() + " is UART0 (COM1, the nanoFramework debugger link); the COM2 console needs other pins");
            }
        }

        private static void Claim(string[] owners, int pin, string path, string source)
        {
            if (owners[pin] != null)
            {
                throw new BoardProfileException(source, path, "GPIO" + pin.ToString() + " is already used by " + owners[pin]);
            }

            owners[pin] = path;
        }

        private static bool IsInputOnly(int pin)
        {
            return pin >= 34 && pin <= 39;
        }
    }
}
