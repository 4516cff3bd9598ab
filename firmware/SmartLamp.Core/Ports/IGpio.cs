namespace SmartLamp.Core.Ports
{
    /// <summary>
    /// Digital pins. Levels are electrical (true = high); polarity belongs to the relay, button and
    /// LED logic, never to the port. The device adapter wraps System.Device.Gpio.GpioController, the
    /// host adapter is SmartLamp.Simulation.SimGpio (records a pin trace).
    /// </summary>
    public interface IGpio
    {
        /// <summary>
        /// Opens <paramref name="pin"/> as a push-pull output driven to <paramref name="level"/>.
        /// Implementations write the level before switching the pin to output where the hardware
        /// allows it, so the pin never shows the opposite level (relay boot glitch).
        /// </summary>
        void OpenOutput(int pin, bool level);

        /// <summary>Opens <paramref name="pin"/> as an input; <paramref name="onEdge"/> is called on every level change (may be null).</summary>
        void OpenInput(int pin, PinPull pull, PinEdgeHandler onEdge);

        /// <summary>Drives an output pin.</summary>
        void Write(int pin, bool level);

        /// <summary>Reads a pin's current level.</summary>
        bool Read(int pin);
    }

    /// <summary>Input bias.</summary>
    public enum PinPull
    {
        /// <summary>Floating input.</summary>
        None = 0,
        /// <summary>Internal pull-up.</summary>
        Up = 1,
        /// <summary>Internal pull-down.</summary>
        Down = 2,
    }

    /// <summary>Called when an input pin changes level; <paramref name="level"/> is the new level.</summary>
    public delegate void PinEdgeHandler(int pin, bool level);
}
