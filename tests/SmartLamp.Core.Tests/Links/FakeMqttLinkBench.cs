using SmartLamp.Core.Ports;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>Runs <see cref="MqttLinkContract"/> on the test double <see cref="FakeMqttLink"/>.</summary>
    public sealed class FakeMqttLinkBench : IMqttLinkBench
    {
        private FakeMqttLink _link;
        private int _plan;

        /// <inheritdoc />
        public int PatienceMs
        {
            get { return 0; }
        }

        /// <inheritdoc />
        public IMqttLink Start(IMqttLinkListener listener)
        {
            _link = new FakeMqttLink();
            _link.Attach(listener);
            return _link;
        }

        /// <inheritdoc />
        public void Connect(int plan)
        {
            _plan = plan;
            MqttConnectOptions o = new MqttConnectOptions();
            o.Host = "127.0.0.1";
            o.Port = 1883;
            o.ClientId = "contract";
            _link.Connect(o);
        }

        /// <inheritdoc />
        public void Answer()
        {
            if (_plan == MqttLinkContract.Refuse)
            {
                _link.RefuseConnect(5);
            }
            else
            {
                _link.AcceptConnect();
            }
        }

        /// <inheritdoc />
        public void Drop()
        {
            _link.DropConnection();
        }

        /// <inheritdoc />
        public void Deliver(string topic, string payload)
        {
            _link.Deliver(topic, payload, false);
        }

        /// <inheritdoc />
        public void LateEvents()
        {
            // The double has no library behind it: nothing of a closed session can come late. (Its Deliver
            // is the tests' way to type a command at any time, and its DropConnection acts on the live session.)
        }
    }
}
