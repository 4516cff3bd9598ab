using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Relays
{
    /// <summary>Raised after relays changed; <paramref name="changedMask"/> has a bit per relay whose state changed.</summary>
    public delegate void RelaysChangedHandler(int changedMask, int powerMask);

    /// <summary>
    /// Drives 1..8 relays through the GPIO port. Relay indexes are 0-based here (Tasmota's Power1 is
    /// index 0). The power state is a bitmask, bit i = relay i on. Polarity lives in the pin config.
    /// Construct it first thing at boot: the constructor drives every relay pin to its OFF level
    /// before anything else runs, so an active-low relay never clicks on while the firmware starts.
    /// </summary>
    public sealed class RelayDriver
    {
        /// <summary>Largest number of relays a board may declare.</summary>
        public const int MaxRelays = 8;

        private readonly IGpio _gpio;
        private readonly PinConfig[] _pins;
        private int _mask;

        /// <summary>Opens every relay pin as an output at its OFF level.</summary>
        public RelayDriver(IGpio gpio, PinConfig[] relays)
        {
            Require.NotNull(gpio, "gpio");

            if (relays == null || relays.Length < 1 || relays.Length > MaxRelays)
            {
                throw new System.ArgumentException("a board needs 1..8 relays", "relays");
            }

            _gpio = gpio;
            _pins = relays;
            for (int i = 0; i < relays.Length; i++)
            {
                gpio.OpenOutput(relays[i].Pin, relays[i].LevelFor(false));
            }
        }

        /// <summary>Raised after any change of the power mask.</summary>
        public event RelaysChangedHandler Changed;

        /// <summary>Number of relays.</summary>
        public int Count
        {
            get { return _pins.Length; }
        }

        /// <summary>Bit i set = relay i on.</summary>
        public int PowerMask
        {
            get { return _mask; }
        }

        /// <summary>Bitmask with one bit per existing relay.</summary>
        public int AllMask
        {
            get { return (1 << _pins.Length) - 1; }
        }

        /// <summary>True when relay <paramref name="index"/> (0-based) is on.</summary>
        public bool IsOn(int index)
        {
            CheckIndex(index);
            return (_mask & (1 << index)) != 0;
        }

        /// <summary>Switches one relay.</summary>
        public void Set(int index, bool on)
        {
            CheckIndex(index);
            int bit = 1 << index;
            Apply(on ? (_mask | bit) : (_mask & ~bit));
        }

        /// <summary>Switches one relay on.</summary>
        public void On(int index)
        {
            Set(index, true);
        }

        /// <summary>Switches one relay off.</summary>
        public void Off(int index)
        {
            Set(index, false);
        }

        /// <summary>Inverts one relay.</summary>
        public void Toggle(int index)
        {
            CheckIndex(index);
            Apply(_mask ^ (1 << index));
        }

        /// <summary>Switches all relays on or off.</summary>
        public void SetAll(bool on)
        {
            Apply(on ? AllMask : 0);
        }

        /// <summary>Inverts every relay.</summary>
        public void ToggleAll()
        {
            Apply(_mask ^ AllMask);
        }

        /// <summary>Sets the whole power state; bits beyond <see cref="Count"/> are ignored.</summary>
        public void SetMask(int mask)
        {
            Apply(mask & AllMask);
        }

        private void Apply(int newMask)
        {
            int changed = newMask ^ _mask;
            if (changed == 0)
            {
                return;
            }

            _mask = newMask;
            for (int i = 0; i < _pins.Length; i++)
            {
                if ((changed & (1 << i)) != 0)
                {
                    _gpio.Write(_pins[i].Pin, _pins[i].LevelFor((newMask & (1 << i)) != 0));
                }
            }

            RelaysChangedHandler handler = Changed;
            if (handler != null)
            {
                handler(changed, newMask);
            }
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= _pins.Length)
            {
                throw new System.ArgumentOutOfRangeException("index");
            }
        }
    }
}
