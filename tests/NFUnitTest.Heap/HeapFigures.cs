using System;
using System.Reflection;
using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;
using NativeGC = nanoFramework.Runtime.Native.GC;

namespace SmartLamp.Core.Tests.Heap
{
    /// <summary>
    /// Free managed heap on the nanoCLR around a full DeviceApp boot on the mscorlib-only doubles and over
    /// 1,000 MQTT <c>Power TOGGLE</c> commands. These are figures, printed as <c>HEAP:</c> lines, not a
    /// budget: the test fails only when the measurement did not happen (the device did not come online,
    /// the commands did not toggle the relay, a reading is not positive). Nano-only: the host has no
    /// nanoFramework.Runtime.Native (the host's allocation figures come from tools/SmartLamp.Bench).
    /// </summary>
    [TestClass]
    public class HeapFigures
    {
        private const int Commands = 1000;

        /// <summary>Virtual time after the CONNACK so the boot's delayed work (discovery, saves, first telemetry checks) has run.</summary>
        private const long SettleMs = 60000;

        /// <summary>Virtual time between two commands (1,000 commands in 10 s, as the wear bench).</summary>
        private const long CommandGapMs = 10;

        [TestMethod]
        public void Free_Managed_Heap_Around_A_DeviceApp_Boot_And_1000_Power_Toggles()
        {
            // Everything the measurement itself needs exists before the first reading: the doubles, both
            // journal copies of the settings previous boots left in the store (flash on the device, so
            // the boot's save replaces a copy instead of adding one), the board and the strings. The log
            // drops its lines as the device's serial log does once written (a RecordingLog keeps them).
            BoardProfile board = DeviceFixture.OneRelayBoard();
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            SettingsService previous = new SettingsService(f.Store, new VirtualClock(), new QuietLog(), DeviceFixture.Mac);
            previous.Load();
            previous.SaveNow();
            previous = null;
            f.Ports.Log = new QuietLog();
            string cmndPower = "cmnd/" + DeviceFixture.T + "/POWER";
            string statPower = "stat/" + DeviceFixture.T + "/POWER";
            string subscription = "cmnd/" + DeviceFixture.T + "/#";
            string toggle = "TOGGLE";
            string on = "ON";
            int copies = f.Store.Count;

            uint beforeBoot = FreeHeap();
            f.App = new DeviceApp(f.Ports, board);
            uint afterNew = FreeHeap();
            f.Network.Up();
            f.App.Start();
            uint afterStart = FreeHeap();
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(SettleMs);
            bool online = f.Mqtt.IsConnected && f.Mqtt.IsSubscribed(subscription);
            int bootPublishes = f.Mqtt.PublishedCount;
            uint withRecordings = FreeHeap();

            // What the doubles recorded (published messages, pin trace) is the test's, not the device's: a
            // real link sends and forgets. Dropped here and after every command (the lists keep their capacity).
            Forget(f);
            uint afterBoot = FreeHeap();

            int ons = 0;
            uint afterFirst = 0;
            uint afterFirstTen = 0;
            for (int i = 0; i < Commands; i++)
            {
                f.Mqtt.Deliver(cmndPower, toggle, false);
                f.Clock.Advance(CommandGapMs);
                FakeMqttMessage last = f.Mqtt.Last(statPower);
                if (last != null && last.Payload == on)
                {
                    ons++;
                }

                Forget(f);
                if (i == 0)
                {
                    afterFirst = FreeHeap();
                }

                if (i == 9)
                {
                    afterFirstTen = FreeHeap();
                }
            }

            f.Clock.Advance(SettleMs);
            Forget(f);
            uint afterCommands = FreeHeap();

            int retained = (int)beforeBoot - (int)afterBoot;
            int growth = (int)afterBoot - (int)afterCommands;
            int growthAfterTen = (int)afterFirstTen - (int)afterCommands;
            Print("HEAP: free before boot " + beforeBoot + " B");
            Print("HEAP: free after boot " + afterBoot + " B (retained by the boot " + retained + " B: new DeviceApp "
                + ((int)beforeBoot - (int)afterNew) + " B, Start " + ((int)afterNew - (int)afterStart) + " B, CONNACK + "
                + (SettleMs / 1000) + " s " + ((int)afterStart - (int)afterBoot) + " B; "
                + bootPublishes + " boot publishes held by the fake link until dropped: " + ((int)afterBoot - (int)withRecordings) + " B)");
            Print("HEAP: free after " + Commands + " Power TOGGLE " + afterCommands + " B (growth " + growth
                + " B: " + ((int)afterBoot - (int)afterFirst) + " B by the first command, " + ((int)afterFirst - (int)afterFirstTen) + " B by the next 9, "
                + growthAfterTen + " B by the other " + (Commands - 10) + ")");
            Print("HEAP: relay switched ON " + ons + " times; settings copies in the store " + copies + " before boot, " + f.Store.Count + " after; settings file " + f.Store.Text.Length + " characters");

            Assert.AreEqual(2, copies, "both journal copies must be in the store before the boot");
            Assert.IsTrue(online, "the device did not come online: no boot to measure");
            Assert.IsTrue(bootPublishes > 0, "the boot published nothing");
            Assert.AreEqual(Commands / 2, ons, "every other TOGGLE must switch the relay on");
            Assert.IsTrue(beforeBoot > 0 && afterBoot > 0 && afterFirst > 0 && afterFirstTen > 0 && afterCommands > 0, "GC.Run reported no free heap");
            Assert.IsTrue(afterBoot < beforeBoot, "a booted DeviceApp holds nothing: the reading is not the managed heap");
        }

        /// <summary>
        /// Where the boot's heap goes: after the same boot, every reference field reachable from the
        /// DeviceApp (five levels deep) is set to null through reflection, children first, and the bytes a
        /// collection then frees are printed (<c>HEAP-HOLDER:</c> lines, 500 B and more). A field frees only
        /// what nothing else holds, so shared objects show under the last holder cleared. Destroys the app.
        /// </summary>
        [TestMethod]
        public void Where_The_Boot_Heap_Goes()
        {
            DeviceFixture f = Booted();
            uint before = FreeHeap();
            int listed = Release(f.App, "app", 0);
            uint after = FreeHeap();
            Print("HEAP-HOLDER: " + ((int)after - (int)before) + " B freed in all by clearing the app's fields; " + listed + " fields of 500 B or more listed");
            Assert.IsTrue(listed > 0, "clearing the app's fields freed nothing: the walk did not run");
        }

        private static DeviceFixture Booted()
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            SettingsService previous = new SettingsService(f.Store, new VirtualClock(), new QuietLog(), DeviceFixture.Mac);
            previous.Load();
            previous.SaveNow();
            f.Ports.Log = new QuietLog();
            f.App = new DeviceApp(f.Ports, DeviceFixture.OneRelayBoard());
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();
            f.Clock.Advance(SettleMs);
            Forget(f);
            return f;
        }

        /// <summary>Clears every reference field of <paramref name="target"/>, deepest first; returns how many freed 500 B or more.</summary>
        private static int Release(object target, string path, int depth)
        {
            int listed = 0;
            FieldInfo[] fields = target.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
            for (int i = 0; i < fields.Length; i++)
            {
                FieldInfo field = fields[i];
                if (field.FieldType.IsValueType)
                {
                    continue;
                }

                object value = field.GetValue(target);
                if (value == null)
                {
                    continue;
                }

                string name = path + "." + field.Name;
                if (depth < 5 && !(value is string) && !(value is Array) && !(value is DeviceApp) && !(value is System.Threading.Thread) && !(value is System.Threading.WaitHandle))
                {
                    listed += Release(value, name, depth + 1);
                }

                string what = value is string ? "string, " + ((string)value).Length + " chars"
                    : value is Array ? value.GetType().Name + ", " + ((Array)value).Length + " slots" : value.GetType().Name;
                WeakReference weak = new WeakReference(value);
                value = null;
                uint held = FreeHeap();
                field.SetValue(target, null);
                uint freed = FreeHeap() - held;
                object alive = weak.Target;
                if (alive != null)
                {
                    field.SetValue(target, alive);
                }

                alive = null;
                if ((int)freed >= 500)
                {
                    Print("HEAP-HOLDER: " + freed + " B " + name + " (" + what + ")");
                    listed++;
                }
            }

            return listed;
        }

        /// <summary>
        /// Free managed heap in bytes after a full collection: the sum of the free blocks, as
        /// nanoFramework.Runtime.Native.GC.Run returns it (what the device's Status 4 reports as heap).
        /// Read twice, the second taken: the first can still see a few blocks the launcher held a moment
        /// earlier. No compaction (Run(true)): it kills the POSIX nanoCLR (SIGSEGV), and compaction does
        /// not change the free total anyway.
        /// </summary>
        private static uint FreeHeap()
        {
            NativeGC.Run(false);
            return NativeGC.Run(false);
        }

        private static void Print(string line)
        {
            global::System.Console.WriteLine(line);
        }

        private static void Forget(DeviceFixture f)
        {
            f.Mqtt.ClearPublished();
            f.Gpio.ClearTrace();
        }

        /// <summary>A log port that drops every line (the device's log writes and forgets).</summary>
        private sealed class QuietLog : ILog
        {
            public void Write(string tag, string a, string b, string c)
            {
            }
        }
    }
}
