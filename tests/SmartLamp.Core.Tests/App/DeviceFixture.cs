using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.App
{
    /// <summary>
    /// A DeviceApp on simulated ports, for the MQTT/telemetry/app tests. MAC AABBCCE0B7C9 gives topic
    /// smartlamp_E0B7C9, client DVES_E0B7C9 and host name smartlamp_E0B7C9-6089 (0xE0B7C9 &amp; 0x1FFF = 6089).
    /// </summary>
    public sealed class DeviceFixture
    {
        public const string Mac = "AABBCCE0B7C9";
        public const string Host = "broker.local";
        public const string T = "smartlamp_E0B7C9";
        public const string Client = "DVES_E0B7C9";

        public VirtualClock Clock;
        public SimGpio Gpio;
        public FakeMqttLink Mqtt;
        public SimNetworkLink Network;
        public MemorySettingsStore Store;
        public RecordingLog Log;
        public FakeSystemControl System;
        public FakeSerialLine Serial;
        public DevicePorts Ports;
        public DeviceApp App;

        /// <summary>Relay on GPIO 12 (active high), button on GPIO 0 (active low, pull-up).</summary>
        public static BoardProfile OneRelayBoard()
        {
            return new BoardProfile(
                "test-1relay",
                "one relay",
                new PinConfig[] { new PinConfig(12, false) },
                new ButtonConfig[] { new ButtonConfig(0, true, PinPull.Up) },
                new PinConfig[0],
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
        }

        /// <summary>Relays on GPIO 12 (active high) and 13 (active low), buttons on GPIO 0 and 4.</summary>
        public static BoardProfile TwoRelayBoard()
        {
            return new BoardProfile(
                "test-2relay",
                "two relays",
                new PinConfig[] { new PinConfig(12, false), new PinConfig(13, true) },
                new ButtonConfig[] { new ButtonConfig(0, true, PinPull.Up), new ButtonConfig(4, true, PinPull.Up) },
                new PinConfig[0],
                BoardProfile.NoPin,
                BoardProfile.NoPin,
                null);
        }

        /// <summary>Ports and store prepared (MqttHost set, network down), app constructed, not started.</summary>
        public static DeviceFixture Create(BoardProfile board, bool withSerial, string host)
        {
            DeviceFixture f = Prepare(withSerial, host);
            f.App = new DeviceApp(f.Ports, board);
            return f;
        }

        /// <summary>Ports and store prepared, no app yet (tests that swap a port construct it themselves).</summary>
        public static DeviceFixture Prepare(bool withSerial, string host)
        {
            DeviceFixture f = new DeviceFixture();
            f.Clock = new VirtualClock();
            f.Gpio = new SimGpio(f.Clock);
            f.Mqtt = new FakeMqttLink();
            f.Network = new SimNetworkLink(Mac);
            f.Store = new MemorySettingsStore();
            f.Log = new RecordingLog();
            f.System = new FakeSystemControl();
            f.Serial = withSerial ? new FakeSerialLine() : null;
            Seed(f.Store, host);

            DevicePorts p = new DevicePorts();
            p.Gpio = f.Gpio;
            p.Clock = f.Clock;
            p.Mqtt = f.Mqtt;
            p.Network = f.Network;
            p.Storage = f.Store;
            p.Serial = f.Serial;
            p.Log = f.Log;
            p.System = f.System;
            f.Ports = p;
            return f;
        }

        /// <summary>One relay, network up, started, broker accepted the connect; nothing recorded yet from the connect is cleared.</summary>
        public static DeviceFixture Connected(BoardProfile board)
        {
            DeviceFixture f = Create(board, false, Host);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();
            return f;
        }

        /// <summary>Writes settings with <paramref name="host"/> into the store, as a previous boot would have.</summary>
        public static void Seed(MemorySettingsStore store, string host)
        {
            SettingsService s = new SettingsService(store, new VirtualClock(), new RecordingLog(), Mac);
            s.Current.MqttHost = host;
            s.SaveNow();
        }

        /// <summary>Delivers a (non-retained) command to the device's own cmnd topic.</summary>
        public void Command(string name, string payload)
        {
            Mqtt.Deliver("cmnd/" + T + "/" + name, payload, false);
        }

        /// <summary>Payload of the last publish on <paramref name="topic"/>, or null.</summary>
        public string LastPayload(string topic)
        {
            FakeMqttMessage m = Mqtt.Last(topic);
            return m == null ? null : m.Payload;
        }
    }
}
