using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.App
{
    [TestClass]
    public class DeviceAppTests
    {
        private const string T = DeviceFixture.T;

        /// <summary>Store that notes how many pin changes had happened when the settings were first read.</summary>
        private sealed class ProbeStore : ISettingsStore
        {
            private readonly MemorySettingsStore _inner;
            private readonly SimGpio _gpio;

            public ProbeStore(MemorySettingsStore inner, SimGpio gpio)
            {
                _inner = inner;
                _gpio = gpio;
                TraceAtFirstLoad = -1;
            }

            public int TraceAtFirstLoad { get; private set; }

            public string Read(string name)
            {
                if (TraceAtFirstLoad < 0)
                {
                    TraceAtFirstLoad = _gpio.TraceCount;
                }

                return _inner.Read(name);
            }

            public bool Write(string name, string text)
            {
                return _inner.Write(name, text);
            }

            public bool Delete(string name)
            {
                return _inner.Delete(name);
            }

            public string Problem
            {
                get { return _inner.Problem; }
            }

            public bool AtomicWrites
            {
                get { return _inner.AtomicWrites; }
            }
        }

        [TestMethod]
        public void Settings_Commands_Outside_The_Schema_Store_And_Save_Their_Value()
        {
            // Each command with a value that differs from the default: the settings are saved after it.
            string[] cases = new string[]
            {
                "DeviceName", "Kitchen", "FriendlyName1", "Ceiling", "Hostname", "kitchen-lamp", "PowerRetain", "1",
                "Mem1", "7", "Timezone", "3", "Timers", "2", "DiscoverButton", "1", "DiscoverOff", "1", "NtpServer1", "ntp.example.org", "Timer1", "{\"Enable\":1,\"Time\":\"06:30\",\"Days\":\"1111111\",\"Repeat\":1,\"Action\":1}",
            };
            for (int i = 0; i < cases.Length; i += 2)
            {
                DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
                f.Clock.Advance(SettingsService.SaveDelayMs * 2);
                CommandMustSave(f, cases[i], cases[i + 1]);
            }
        }

        /// <summary>Sends <paramref name="name"/> <paramref name="payload"/> and requires a settings write once the save delay has passed.</summary>
        private static void CommandMustSave(DeviceFixture f, string name, string payload)
        {
            int saves = f.Store.Saves;
            f.Command(name, payload);
            f.Clock.Advance(SettingsService.SaveDelayMs * 2);
            Assert.IsTrue(f.Store.Saves > saves, name + " " + payload + " was not saved");
        }

        [TestMethod]
        public void Every_On_Off_Option_Reads_Its_Payload_The_Same_Way()
        {
            // Capabilities answer their own SetOptions and on/off commands; all must read the payload as
            // the one on/off reader does: words and 0/1 set, an empty or negative value asks, 2 or TOGGLE is an error.
            // (SetOption4 reads the same way as 0 and 26 but moves the answer to another topic; PowerRetain, as
            // Tasmota's, answers its state to a value above 1.)
            string[] commands = new string[]
            {
                "SetOption0", "SetOption1", "SetOption13", "SetOption19", "SetOption26", "SetOption31",
                "SetOption73", "DiscoverOff", "DiscoverButton", "HassDiscovery",
            };
            string[] steps = new string[] { "on", "ON", "", "ON", "false", "OFF", "1", "ON", "-1", "ON", "2", "Error", "toggle", "Error", "0", "OFF" };
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            for (int c = 0; c < commands.Length; c++)
            {
                for (int i = 0; i < steps.Length; i += 2)
                {
                    f.Command(commands[c], steps[i]);
                    string key = steps[i + 1] == "Error" ? "Command" : commands[c];
                    Assert.AreEqual("{\"" + key + "\":\"" + steps[i + 1] + "\"}", f.LastPayload("stat/" + DeviceFixture.T + "/RESULT"), commands[c] + " " + steps[i]);
                }
            }
        }

        [TestMethod]
        public void Commands_Storing_Through_The_Settings_Setters_Save_After_Each_Change()
        {
            // One device, commands in turn; each changes a setting the ones before left alone, so the
            // settings must be written again after every one (a setter that stops storing or stops
            // raising leaves the count where it was).
            string[] cases = new string[]
            {
                "Rule1", "ON System#Boot DO Power2 1 ENDON", "Rule1", "5", "Rule1", "1", "Rule1", "9", "CalcRes", "3",
                "Subscribe", "RING,stat/phone", "Subscribe", "RING,stat/bell", "Unsubscribe", "RING",
                "Subscribe", "A,stat/a", "Unsubscribe", "*", "GroupTopic2", "kitchen", "GroupTopic1", "lights",
                "LedState", "3", "LedMask", "3", "LedPower", "1", "SetOption31", "1",
                "TimeDst", "0,0,3,1,3,120", "TimeStd", "0,0,10,1,4,60", "Latitude", "48.8584", "Longitude", "2.2945",
                "MqttCaFile", "0", "ButtonRetain", "1", "StatusRetain", "1", "MqttWatchdog", "5", "HassDiscovery", "1",
                "Power1", "ON", "PowerOnState", "1", "BlinkTime", "20", "BlinkCount", "5", "StateText1", "AUS",
                "PulseTime2", "10", "Interlock", "1", "Interlock", "1,2", "PowerLock", "1",
                "SetOption1", "1", "SetOption13", "1", "SetOption32", "20", "SetOption73", "1",
                "ButtonDebounce", "100", "ButtonTopic", "hall",
            };
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Clock.Advance(SettingsService.SaveDelayMs * 2);
            for (int i = 0; i < cases.Length; i += 2)
            {
                CommandMustSave(f, cases[i], cases[i + 1]);
            }
        }

        [TestMethod]
        public void Relays_Are_Driven_Off_Before_Settings_Are_Read_And_Inputs_Opened()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            SettingsService seed = new SettingsService(f.Store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            seed.Current.MqttHost = DeviceFixture.Host;
            seed.Current.PowerOnState = 1;
            seed.SaveNow();
            ProbeStore probe = new ProbeStore(f.Store, f.Gpio);
            f.Ports.Storage = probe;

            DeviceApp app = new DeviceApp(f.Ports, DeviceFixture.TwoRelayBoard());
            Assert.AreEqual("0 12 0\n0 13 1\n", f.Gpio.TraceText());
            Assert.AreEqual(-1, probe.TraceAtFirstLoad);

            f.Clock.Advance(10);
            app.Start();

            Assert.AreEqual(2, probe.TraceAtFirstLoad);
            TraceEntry first = f.Gpio.TraceAt(0);
            TraceEntry second = f.Gpio.TraceAt(1);
            Assert.AreEqual(12, first.Pin);
            Assert.IsFalse(first.Level);
            Assert.AreEqual(13, second.Pin);
            Assert.IsTrue(second.Level);
            Assert.IsTrue(app.Relays.IsOn(0));
            Assert.IsTrue(app.Relays.IsOn(1));
            Assert.IsFalse(f.Gpio.Read(13));
            Assert.IsTrue(f.Gpio.IsOpen(0));
            Assert.IsFalse(f.Gpio.IsOutput(4));
        }

        [TestMethod]
        public void Construction_Alone_Publishes_Nothing_And_Attaches_Nothing()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            f.Network.Up();

            Assert.AreEqual(0, f.Mqtt.ConnectAttempts);
            Assert.AreEqual(0, f.Log.Count);
            Assert.IsFalse(f.Gpio.IsOpen(0));
        }

        [TestMethod]
        public void Shutdown_Publishes_Offline_Disconnects_Cleanly_And_Stops_All_Timers()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.Command("Power", "ON");
            f.Mqtt.ClearPublished();

            f.App.Shutdown();

            Assert.AreEqual("tele/" + T + "/LWT = Offline (retained)\n", f.Mqtt.Transcript());
            Assert.AreEqual(1, f.Mqtt.Disconnects);
            Assert.IsFalse(f.Mqtt.IsConnected);
            Assert.AreEqual(0, f.Clock.RunningTimers);
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.Contains("SavedPower", f.Store.Text);
            f.Clock.Advance(3600000);
            Assert.AreEqual(1, f.Mqtt.ConnectAttempts);
        }

        [TestMethod]
        public void Start_Asks_The_Network_To_Join_Only_When_An_Ssid_Is_Set()
        {
            DeviceFixture a = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), false, DeviceFixture.Host);
            a.App.Start();
            Assert.AreEqual(0, a.Network.ConfigureCalls);

            DeviceFixture b = DeviceFixture.Prepare(false, DeviceFixture.Host);
            SettingsService seed = new SettingsService(b.Store, new VirtualClock(), new RecordingLog(), DeviceFixture.Mac);
            seed.Current.Ssid[0] = "homenet";
            seed.SaveNow();
            b.App = new DeviceApp(b.Ports, DeviceFixture.OneRelayBoard());
            b.App.Start();
            Assert.AreEqual(1, b.Network.ConfigureCalls);
            Assert.AreEqual("homenet", b.Network.ConfiguredSsid1);

            b.App.ExecuteCommand("SSId1 othernet");
            Assert.AreEqual(2, b.Network.ConfigureCalls);
            Assert.AreEqual("othernet", b.Network.ConfiguredSsid1);
        }

        [TestMethod]
        public void Serial_Console_Runs_Commands_And_Shows_The_Log()
        {
            DeviceFixture f = DeviceFixture.Create(DeviceFixture.OneRelayBoard(), true, DeviceFixture.Host);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();

            f.Serial.Type("Power1 on");
            f.Serial.Type("   ");

            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.IsTrue(f.Serial.OutputContains("CMD: Power1 on"));
            Assert.IsTrue(f.Serial.OutputContains("MQT: stat/" + T + "/RESULT = {\"POWER\":\"ON\"}"));
            Assert.IsTrue(f.Serial.OutputContains("MQT: tele/" + T + "/LWT = Online (retained)"));
            Assert.AreEqual(f.Log.Count, f.Serial.OutputCount);
        }

        [TestMethod]
        public void ExecuteCommand_Is_The_Console_Path()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.TwoRelayBoard());
            f.Mqtt.ClearPublished();

            f.App.ExecuteCommand("cmnd/" + T + "/Power2 TOGGLE");

            Assert.IsTrue(f.App.Relays.IsOn(1));
            Assert.IsTrue(f.Log.Contains("CMD: cmnd/" + T + "/Power2 TOGGLE"));
            Assert.AreEqual("{\"POWER2\":\"ON\"}", f.LastPayload("stat/" + T + "/RESULT"));
        }

        [TestMethod]
        public void Failing_Command_Handler_Does_Not_Break_The_Device()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            f.App.Commands.Register(new string[] { "BOOM" }, Boom);

            f.Command("Boom", string.Empty);
            f.Command("Power", "ON");

            Assert.IsTrue(f.App.Relays.IsOn(0));
        }

        private static void Boom(SmartLamp.Core.Commands.CommandRequest request, SmartLamp.Core.Commands.CommandResponse response)
        {
            throw new System.InvalidOperationException("boom");
        }
    }
}
