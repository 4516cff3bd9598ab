using System;
using SmartLamp.Core.App;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Time
{
    /// <summary>A started, connected one-relay device with a virtual wall clock (not valid until <see cref="Sync"/>).</summary>
    public sealed class TimeRig
    {
        public DeviceFixture F;
        public VirtualWallClock Wall;

        public DeviceApp App
        {
            get { return F.App; }
        }

        public static TimeRig Start()
        {
            TimeRig r = new TimeRig();
            r.F = DeviceFixture.Prepare(false, DeviceFixture.Host);
            r.Wall = new VirtualWallClock(r.F.Clock);
            r.F.Ports.Wall = r.Wall;
            r.Boot();
            return r;
        }

        /// <summary>A new DeviceApp on the same flash, clock and wall clock (a power cut: no Shutdown before).</summary>
        public void Boot()
        {
            F.Gpio = new SimGpio(F.Clock);
            F.Ports.Gpio = F.Gpio;
            F.Mqtt = new FakeMqttLink();
            F.Ports.Mqtt = F.Mqtt;
            F.App = new DeviceApp(F.Ports, DeviceFixture.OneRelayBoard());
            F.Network.Up();
            F.App.Start();
            F.Mqtt.AcceptConnect();
            F.Clock.Advance(0);
        }

        /// <summary>Runs a command and returns the last RESULT payload.</summary>
        public string Cmd(string line)
        {
            App.ExecuteCommand(line);
            F.Clock.Advance(0);
            return F.LastPayload("stat/" + DeviceFixture.T + "/RESULT");
        }

        /// <summary>An SNTP answer with this UTC time.</summary>
        public void Sync(int y, int mo, int d, int h, int mi, int s)
        {
            Wall.Sync(new DateTime(y, mo, d, h, mi, s));
        }

        /// <summary>An SNTP answer <paramref name="seconds"/> before UTC minute <paramref name="utcMinuteOfDay"/> of that day.</summary>
        public void SyncBefore(int y, int mo, int d, int utcMinuteOfDay, int seconds)
        {
            Wall.Sync(new DateTime(y, mo, d, 0, 0, 0).AddMinutes(utcMinuteOfDay).AddSeconds(-seconds));
        }

        public void Advance(long ms)
        {
            F.Clock.Advance(ms);
        }

        public bool On
        {
            get { return App.Relays.IsOn(0); }
        }

        public int PowerPublishes
        {
            get { return F.Mqtt.CountOn("stat/" + DeviceFixture.T + "/POWER"); }
        }
    }
}
