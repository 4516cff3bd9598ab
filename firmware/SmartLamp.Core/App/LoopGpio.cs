using SmartLamp.Core.Loop;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.App
{
    /// <summary>
    /// The pins as the core sees them: outputs and reads go straight to the port; an input edge, which the
    /// port reports on its own thread, is posted to the loop and reaches the input's handler there
    /// ("GPIO edge"). One posting delegate for all pins, so an edge allocates nothing.
    /// </summary>
    internal sealed class LoopGpio : IGpio
    {
        private const int Pins = 40;

        private readonly IGpio _port;
        private readonly EventLoop _loop;
        private readonly PinEdgeHandler[] _handlers = (PinEdgeHandler[])ArraySlots.Nulls(new PinEdgeHandler[Pins]);
        private readonly PinEdgeHandler _post;
        private readonly LoopHandler _deliver;

        public LoopGpio(IGpio port, EventLoop loop)
        {
            _port = port;
            _loop = loop;
            _post = Post;
            _deliver = Deliver;
        }

        public void OpenOutput(int pin, bool level)
        {
            _port.OpenOutput(pin, level);
        }

        public void OpenInput(int pin, PinPull pull, PinEdgeHandler onEdge)
        {
            if (pin < 0 || pin >= Pins)
            {
                _port.OpenInput(pin, pull, onEdge); // the port refuses it with its own message
                return;
            }

            _handlers[pin] = onEdge;
            _port.OpenInput(pin, pull, onEdge == null ? null : _post);
        }

        public void Write(int pin, bool level)
        {
            _port.Write(pin, level);
        }

        public bool Read(int pin)
        {
            return _port.Read(pin);
        }

        // On the port's thread.
        private void Post(int pin, bool level)
        {
            _loop.Post("GPIO edge", _deliver, level ? pin + Pins : pin, null, null, null);
        }

        // On the loop's thread.
        private void Deliver(LoopEvent e)
        {
            int pin = e.Number % Pins;
            PinEdgeHandler h = _handlers[pin];
            if (h != null)
            {
                h(pin, e.Number >= Pins);
            }
        }
    }
}
