using nanoFramework.TestFramework;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Relays;
using SmartLamp.Simulation;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Relays
{
    [TestClass]
    public class RelayDriverTests
    {
        private static PinConfig[] TwoRelays()
        {
            return new PinConfig[] { new PinConfig(12, false), new PinConfig(13, true) };
        }

        [TestMethod]
        public void Boot_Drives_Every_Relay_Pin_To_Its_Off_Level_Before_Anything_Else()
        {
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);
            RelayDriver relays = new RelayDriver(gpio, TwoRelays());

            Assert.AreEqual(2, gpio.TraceCount);
            Assert.AreEqual("0 12 0\n0 13 1\n", gpio.TraceText());
            Assert.AreEqual(0, relays.PowerMask);
            Assert.IsTrue(gpio.IsOutput(12));
            Assert.IsTrue(gpio.IsOutput(13));
        }

        [TestMethod]
        public void Active_Low_Relay_Toggle_Shows_Inverted_Levels_In_The_Pin_Trace()
        {
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);
            RelayDriver relays = new RelayDriver(gpio, new PinConfig[] { new PinConfig(5, true) });

            clock.Advance(100);
            relays.Toggle(0);
            clock.Advance(250);
            relays.Toggle(0);

            Assert.AreEqual("0 5 1\n100 5 0\n350 5 1\n", gpio.TraceText());
            Assert.AreEqual(0, relays.PowerMask);
        }

        [TestMethod]
        public void Active_High_Relay_On_Off_Follows_The_State()
        {
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);
            RelayDriver relays = new RelayDriver(gpio, TwoRelays());

            relays.On(0);
            Assert.IsTrue(gpio.Read(12));
            Assert.IsTrue(relays.IsOn(0));
            Assert.AreEqual(1, relays.PowerMask);
            relays.Off(0);
            Assert.IsFalse(gpio.Read(12));
            Assert.AreEqual(0, relays.PowerMask);
        }

        [TestMethod]
        public void All_On_All_Off_And_Toggle_All_Set_The_Mask_And_Every_Pin()
        {
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);
            RelayDriver relays = new RelayDriver(gpio, TwoRelays());

            relays.SetAll(true);
            Assert.AreEqual(3, relays.PowerMask);
            Assert.IsTrue(gpio.Read(12));
            Assert.IsFalse(gpio.Read(13));

            relays.Off(1);
            relays.ToggleAll();
            Assert.AreEqual(2, relays.PowerMask);
            Assert.IsFalse(gpio.Read(12));
            Assert.IsFalse(gpio.Read(13));

            relays.SetAll(false);
            Assert.AreEqual(0, relays.PowerMask);
            Assert.IsTrue(gpio.Read(13));
        }

        [TestMethod]
        public void Setting_The_Same_State_Writes_No_Pin_And_Raises_No_Event()
        {
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);
            RelayDriver relays = new RelayDriver(gpio, TwoRelays());
            int[] events = new int[1];
            relays.Changed += (changed, mask) => events[0]++;

            relays.Off(0);
            relays.SetMask(0);
            Assert.AreEqual(2, gpio.TraceCount);
            Assert.AreEqual(0, events[0]);

            relays.On(1);
            Assert.AreEqual(1, events[0]);
            Assert.AreEqual(3, gpio.TraceCount);
        }

        [TestMethod]
        public void Changed_Event_Reports_Changed_Bits_And_New_Mask()
        {
            VirtualClock clock = new VirtualClock();
            SimGpio gpio = new SimGpio(clock);
            RelayDriver relays = new RelayDriver(gpio, TwoRelays());
            int[] seen = new int[2];
            relays.Changed += (changed, mask) => { seen[0] = changed; seen[1] = mask; };

            relays.SetMask(3);
            Assert.AreEqual(3, seen[0]);
            Assert.AreEqual(3, seen[1]);
            relays.Toggle(1);
            Assert.AreEqual(2, seen[0]);
            Assert.AreEqual(1, seen[1]);
        }

        [TestMethod]
        public void SetMask_Ignores_Bits_Beyond_The_Relay_Count()
        {
            VirtualClock clock = new VirtualClock();
            RelayDriver relays = new RelayDriver(new SimGpio(clock), TwoRelays());
            relays.SetMask(0xFF);
            Assert.AreEqual(3, relays.PowerMask);
        }

        [TestMethod]
        public void Out_Of_Range_Index_And_Bad_Relay_Counts_Are_Rejected()
        {
            VirtualClock clock = new VirtualClock();
            RelayDriver relays = new RelayDriver(new SimGpio(clock), TwoRelays());
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => relays.On(2));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => relays.Toggle(-1));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new RelayDriver(new SimGpio(clock), new PinConfig[0]));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new RelayDriver(new SimGpio(clock), (PinConfig[])ArraySlots.Nulls(new PinConfig[9])));
        }

        [TestMethod]
        public void An_Input_Only_Pin_Cannot_Drive_A_Relay()
        {
            VirtualClock clock = new VirtualClock();
            Assert.ThrowsException(typeof(System.InvalidOperationException), () => new RelayDriver(new SimGpio(clock), new PinConfig[] { new PinConfig(34, false) }));
        }
    }
}
