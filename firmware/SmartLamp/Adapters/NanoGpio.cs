// Written against nanoFramework.System.Device.Gpio 1.1.62.
using System;
using System.Device.Gpio;
using SmartLamp.Core.Ports;

namespace SmartLamp.Device.Adapters
{
    /// <summary>
    /// <see cref="IGpio"/> on System.Device.Gpio's <see cref="GpioController"/>. Thin: levels in, levels
    /// out; polarity, debounce and button logic live in the core.
    /// </summary>
    /// <remarks>
    /// Boot glitch: on ESP32 the native SetPinMode(Output) path calls
    /// CPU_GPIO_EnableOutputPin(pin, GpioPinValue_Low, mode) (nf-interpreter
    /// targets/ESP32/_nanoCLR/System.Device.Gpio/cpu_gpio.cpp), i.e. a freshly opened output is driven
    /// LOW, and GpioPin.Write is rejected while the pin is still an input (the native Write checks the
    /// drive mode), so the level cannot be preset from managed code. For an active-high relay LOW is
    /// OFF and there is no glitch. For an active-low relay the pin is LOW (relay input asserted) for the
    /// few interpreted instructions between OpenPin and the Write right after it - far shorter than a
    /// relay's operate time, but visible on a scope. Before this code runs the pin is a floating input;
    /// the relay module's own resistor must hold it OFF (hardware/README.md).
    /// </remarks>
    public sealed class NanoGpio : IGpio
    {
        // ESP32 GPIOs are 0..39; sized with slack for S2/S3 numbering.
        private const int MaxPins = 49;

        private readonly GpioController _controller;
        private readonly GpioPin[] _pins = new GpioPin[MaxPins];
        private readonly PinEdgeHandler[] _edgeHandlers = new PinEdgeHandler[MaxPins];
        private readonly bool[] _callbackRegistered = new bool[MaxPins];
        private readonly ILog _log;

        /// <summary>Creates the adapter on a new controller; <paramref name="log"/> may be null.</summary>
        public NanoGpio(ILog log)
        {
            _controller = new GpioController();
            _log = log;
        }

        /// <inheritdoc />
        public void OpenOutput(int pin, bool level)
        {
            CheckPin(pin);
            GpioPin p = _pins[pin];
            if (p == null)
            {
                p = _controller.OpenPin(pin, PinMode.Output);
                // Immediately, nothing in between: see the remarks on the class.
                p.Write(level ? PinValue.High : PinValue.Low);
                _pins[pin] = p;
                return;
            }

            // Already open (Program.cs makes the relays safe before DeviceApp opens them again): switching
            // an output to Output again would drive it LOW for a moment (see the class remarks).
            if (p.GetPinMode() != PinMode.Output)
            {
                p.SetPinMode(PinMode.Output);
            }

            p.Write(level ? PinValue.High : PinValue.Low);
        }

        /// <inheritdoc />
        public void OpenInput(int pin, PinPull pull, PinEdgeHandler onEdge)
        {
            CheckPin(pin);
            PinMode mode = pull == PinPull.Up ? PinMode.InputPullUp : (pull == PinPull.Down ? PinMode.InputPullDown : PinMode.Input);
            GpioPin p = _pins[pin];
            if (p == null)
            {
                p = _controller.OpenPin(pin, mode);
                _pins[pin] = p;
            }
            else
            {
                p.SetPinMode(mode);
            }

            _edgeHandlers[pin] = onEdge;

            // RegisterCallbackForPinValueChangedEvent stores one callback per pin but subscribes an
            // internal handler on every call, so a second registration fires the callback twice per
            // edge. Register once per pin; a new handler only replaces _edgeHandlers[pin].
            if (onEdge != null && !_callbackRegistered[pin])
            {
                _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, OnPinValueChanged);
                _callbackRegistered[pin] = true;
            }
        }

        /// <inheritdoc />
        public void Write(int pin, bool level)
        {
            CheckPin(pin);
            GpioPin p = _pins[pin];
            if (p == null)
            {
                throw new InvalidOperationException("GPIO" + pin.ToString() + " is not open");
            }

            p.Write(level ? PinValue.High : PinValue.Low);
        }

        /// <inheritdoc />
        public bool Read(int pin)
        {
            CheckPin(pin);
            GpioPin p = _pins[pin];
            if (p == null)
            {
                throw new InvalidOperationException("GPIO" + pin.ToString() + " is not open");
            }

            return p.Read() == PinValue.High;
        }

        // Runs on the runtime's GPIO event thread; exceptions there would vanish silently.
        private void OnPinValueChanged(object sender, PinValueChangedEventArgs e)
        {
            try
            {
                int pin = e.PinNumber;
                if (pin < 0 || pin >= MaxPins)
                {
                    return;
                }

                PinEdgeHandler handler = _edgeHandlers[pin];
                if (handler != null)
                {
                    handler(pin, e.ChangeType == PinEventTypes.Rising);
                }
            }
            catch (Exception ex)
            {
                if (_log != null)
                {
                    _log.Write("APP", "GPIO edge handler failed: ", ex.Message, null);
                }
            }
        }

        private static void CheckPin(int pin)
        {
            if (pin < 0 || pin >= MaxPins)
            {
                throw new ArgumentOutOfRangeException("pin");
            }
        }
    }
}
