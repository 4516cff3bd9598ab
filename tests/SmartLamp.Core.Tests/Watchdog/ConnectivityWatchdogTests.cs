using nanoFramework.TestFramework;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Watchdog;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Watchdog
{
    [TestClass]
    public class ConnectivityWatchdogTests
    {
        private const long Minute = 60000;

        [TestMethod]
        public void First_Recovery_Comes_Exactly_At_The_Limit_Then_At_Doubling_Gaps()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, "broker.local", 10);

            clock.Advance(10 * Minute - 1);
            Assert.AreEqual(0, r.Count);
            clock.Advance(1);
            Assert.AreEqual(1, r.Count);
            Assert.AreEqual("1@600000", r.Calls);

            clock.Advance(20 * Minute - 1);
            Assert.AreEqual(1, r.Count);
            clock.Advance(1);
            Assert.AreEqual("1@600000 2@1800000", r.Calls);

            clock.Advance(40 * Minute);
            Assert.AreEqual("1@600000 2@1800000 3@4200000", r.Calls);
            Assert.AreEqual(3, r.Watchdog.Attempts);
        }

        [TestMethod]
        public void Gaps_Stop_Growing_At_Four_Hours()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, "broker.local", 60);

            // 1 h, then +2 h, then +4 h, +4 h, +4 h: at 1, 3, 7, 11, 15 h.
            clock.Advance(15 * 60 * Minute);
            Assert.AreEqual("1@3600000 2@10800000 3@25200000 4@39600000 5@54000000", r.Calls);
        }

        [TestMethod]
        public void Connecting_Resets_The_Outage_And_A_Later_Drop_Starts_A_New_One()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, "broker.local", 10);
            clock.Advance(10 * Minute);
            Assert.AreEqual(1, r.Count);

            r.Watchdog.OnConnected(true);
            clock.Advance(5 * 60 * Minute);
            Assert.AreEqual(1, r.Count);
            Assert.AreEqual(0, r.Watchdog.Attempts);
            Assert.IsTrue(r.Log.Contains("APP: MQTT back after 10 min"));

            r.Watchdog.OnDisconnected();
            clock.Advance(10 * Minute - 1);
            Assert.AreEqual(1, r.Count);
            clock.Advance(1);
            Assert.AreEqual(2, r.Count);
            Assert.AreEqual("1@600000 1@600000", r.Calls);
            Assert.AreEqual(2, r.Watchdog.TotalRecoveries);
        }

        [TestMethod]
        public void Limit_Zero_Turns_Recoveries_Off_And_Short_Limits_Are_Raised_To_One_Minute()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, "broker.local", 0);
            clock.Advance(48 * 60 * Minute);
            Assert.AreEqual(0, r.Count);

            r.Watchdog.LimitMs = 5000;
            Assert.AreEqual(Minute, r.Watchdog.LimitMs);
            r.Watchdog.LimitMs = -3;
            Assert.AreEqual(0L, r.Watchdog.LimitMs);
        }

        [TestMethod]
        public void A_New_Limit_Applies_To_The_Running_Outage()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, "broker.local", 60);
            clock.Advance(20 * Minute);
            r.Watchdog.LimitMs = 15 * Minute;
            Assert.AreEqual(0, r.Count);
            clock.Advance(0);
            Assert.AreEqual(1, r.Count);
            Assert.AreEqual("1@1200000", r.Calls);
            r.Watchdog.LimitMs = 30 * Minute;
            clock.Advance(10 * Minute - 1);
            Assert.AreEqual(1, r.Count);
            clock.Advance(1);
            Assert.AreEqual("1@1200000 1@1800000", r.Calls);
        }

        [TestMethod]
        public void Nothing_Is_Recovered_While_MqttHost_Is_Empty()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, string.Empty, 10);
            clock.Advance(5 * 60 * Minute);
            Assert.AreEqual(0, r.Count);
            Assert.IsFalse(r.Log.Contains("MQTT down"));

            r.Settings.MqttHost = "broker.local";
            clock.Advance(10 * Minute);
            Assert.AreEqual(1, r.Count);
        }

        [TestMethod]
        public void A_Failing_Recovery_Handler_Is_Logged_And_The_Watchdog_Keeps_Going()
        {
            VirtualClock clock = new VirtualClock();
            RecoveryRecorder r = RecoveryRecorder.Started(clock, "broker.local", 10);
            r.Throw = true;
            clock.Advance(10 * Minute);
            Assert.IsTrue(r.Log.Contains("APP: Recovery failed: boom"));
            clock.Advance(20 * Minute);
            Assert.AreEqual(2, r.Count);
        }

        [TestMethod]
        public void Device_With_Broker_Gone_For_Two_Days_Never_Restarts_And_Keeps_Switching_Locally()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            int recoveries = 0;
            f.App.Watchdog.Recover += (attempt, downMs) => recoveries++;
            f.Mqtt.DropConnection();
            for (int hour = 0; hour < 48; hour++)
            {
                f.Clock.Advance(60 * Minute);
                if (f.Mqtt.ConnectPending)
                {
                    f.Mqtt.RefuseConnect(-2);
                }
            }

            Assert.AreEqual(0, f.System.Restarts);
            // 15, 45, 105, 225, 465 min, then every 4 h up to 2865 min: 15 recoveries in 48 h.
            Assert.AreEqual(15, recoveries);
            Assert.IsTrue(f.Log.Contains("APP: MQTT down for 15 min, working locally; recovery 1"));

            f.App.ExecuteCommand("Power on");
            Assert.IsTrue(f.App.Relays.IsOn(0));
            Assert.IsTrue(f.Gpio.Read(12));
        }

        [TestMethod]
        public void Device_Watchdog_Is_Quiet_While_Connected()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            int recoveries = 0;
            f.App.Watchdog.Recover += (attempt, downMs) => recoveries++;
            f.Clock.Advance(24 * 60 * Minute);
            Assert.AreEqual(0, recoveries);
            Assert.IsTrue(f.App.Watchdog.IsConnected);
        }

        [TestMethod]
        public void MqttWatchdog_Command_Sets_Minutes_And_The_Running_Limit()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            string result = "stat/" + DeviceFixture.T + "/RESULT";
            f.Command("MqttWatchdog", string.Empty);
            Assert.AreEqual("{\"MqttWatchdog\":15}", f.LastPayload(result));
            f.Command("MqttWatchdog", "30");
            Assert.AreEqual("{\"MqttWatchdog\":30}", f.LastPayload(result));
            Assert.AreEqual(30 * Minute, f.App.Watchdog.LimitMs);
            Assert.AreEqual(30, f.App.Settings.MqttWatchdog);
            f.Command("MqttWatchdog", "0");
            Assert.AreEqual(0L, f.App.Watchdog.LimitMs);
        }

        [TestMethod]
        public void MqttWatchdog_Command_Rejects_Out_Of_Range()
        {
            DeviceFixture f = DeviceFixture.Connected(DeviceFixture.OneRelayBoard());
            string result = "stat/" + DeviceFixture.T + "/RESULT";
            f.Command("MqttWatchdog", "1441");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(result));
            f.Command("MqttWatchdog", "-1");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(result));
            f.Command("MqttWatchdog", "soon");
            Assert.AreEqual("{\"Command\":\"Error\"}", f.LastPayload(result));
            Assert.AreEqual(15, f.App.Settings.MqttWatchdog);
        }

        /// <summary>A started watchdog whose recoveries are recorded as "attempt@downMs".</summary>
        private sealed class RecoveryRecorder
        {
            public ConnectivityWatchdog Watchdog;
            public DeviceSettings Settings;
            public RecordingLog Log;
            public string Calls = string.Empty;
            public int Count;
            public bool Throw;

            public static RecoveryRecorder Started(VirtualClock clock, string host, int limitMinutes)
            {
                RecoveryRecorder r = new RecoveryRecorder();
                r.Log = new RecordingLog();
                SettingsService service = new SettingsService(new MemorySettingsStore(), clock, r.Log, DeviceFixture.Mac);
                r.Settings = service.Current;
                r.Settings.MqttHost = host;
                r.Settings.MqttWatchdog = limitMinutes;
                r.Watchdog = new ConnectivityWatchdog(clock, r.Log, service);
                r.Watchdog.Recover += r.OnRecover;
                r.Watchdog.Start();
                return r;
            }

            private void OnRecover(int attempt, long downMs)
            {
                Count++;
                Calls = Calls.Length == 0 ? attempt + "@" + downMs : Calls + " " + attempt + "@" + downMs;
                if (Throw)
                {
                    throw new System.Exception("boom");
                }
            }
        }
    }
}
