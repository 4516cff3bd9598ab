using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Web
{
    /// <summary>A connected device with an in-memory HTTP server and access point.</summary>
    public sealed class WebFixture
    {
        public DeviceFixture D;
        public FakeHttpServer Http;
        public FakeAccessPoint Ap;

        /// <summary>Network up, started, MQTT connected, publishes so far cleared.</summary>
        public static WebFixture Connected(BoardProfile board)
        {
            WebFixture w = Created(board);
            w.D.Network.Up();
            w.D.App.Start();
            w.D.Mqtt.AcceptConnect();
            w.D.Clock.Advance(10);
            w.D.Mqtt.ClearPublished();
            return w;
        }

        /// <summary>Constructed, not started (network down).</summary>
        public static WebFixture Created(BoardProfile board)
        {
            WebFixture w = new WebFixture();
            w.D = DeviceFixture.Prepare(false, DeviceFixture.Host);
            w.Http = new FakeHttpServer();
            w.Ap = new FakeAccessPoint();
            w.D.Ports.Http = w.Http;
            w.D.Ports.AccessPoint = w.Ap;
            w.D.App = new DeviceApp(w.D.Ports, board);
            return w;
        }

        /// <summary>The JSON payloads the device published since the last clear, merged like /cm merges them.</summary>
        public string MqttAnswer()
        {
            Core.Commands.AnswerCapture c = new Core.Commands.AnswerCapture();
            for (int i = 0; i < D.Mqtt.PublishedCount; i++)
            {
                FakeMqttMessage m = D.Mqtt.PublishedAt(i);
                if (m.Topic.IndexOf("stat/") == 0)
                {
                    c.Add(m.Payload);
                }
            }

            return c.ToJson();
        }
    }
}
