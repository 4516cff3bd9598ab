// Host-only: GC.GetAllocatedBytesForCurrentThread does not exist on nanoFramework.
using System;
using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.HostOnly
{
    [TestClass]
    public class PowerAllocationTests
    {
        private sealed class NullOutput : ICommandOutput
        {
            public int Messages;

            public void CommandResult(CommandRequest request, string json)
            {
                Messages++;
            }

            public void Stat(CommandRequest request, string subtopic, string payload, bool retain)
            {
                Messages++;
            }
        }

        /// <summary>Pins without a trace (SimGpio records every write, which would be counted).</summary>
        private sealed class QuietGpio : SmartLamp.Core.Ports.IGpio
        {
            private readonly bool[] _levels = new bool[64];

            public void OpenOutput(int pin, bool level)
            {
                _levels[pin] = level;
            }

            public void OpenInput(int pin, SmartLamp.Core.Ports.PinPull pull, SmartLamp.Core.Ports.PinEdgeHandler onEdge)
            {
            }

            public void Write(int pin, bool level)
            {
                _levels[pin] = level;
            }

            public bool Read(int pin)
            {
                return _levels[pin];
            }
        }

        [TestMethod]
        public void A_Steady_State_Power_Command_Allocates_Nothing_In_The_Core()
        {
            CommandRig r = CommandRig.Create(2);
            QuietGpio gpio = new QuietGpio();
            SmartLamp.Core.Relays.RelayDriver relays = new SmartLamp.Core.Relays.RelayDriver(gpio, new SmartLamp.Core.Boards.PinConfig[] { new SmartLamp.Core.Boards.PinConfig(12, false), new SmartLamp.Core.Boards.PinConfig(13, true) });
            NullOutput output = new NullOutput();
            CommandDispatcher d = new CommandDispatcher(output, r.Log);
            SmartLamp.Core.Relays.PowerController power = new SmartLamp.Core.Relays.PowerController(relays, r.S, r.Clock, output);
            power.Register(d);
            power.Attach(r.Settings, r.Log);

            string topic1 = "cmnd/smartlamp_D3E4F5/Power1";
            string topic2 = "cmnd/smartlamp_D3E4F5/POWER2";
            int start = topic1.LastIndexOf('/') + 1;
            string on = "ON";
            string off = "off";
            string toggle = "toggle";
            string query = "";

            for (int i = 0; i < 200; i++)
            {
                d.Execute(CommandSource.Mqtt, topic1, start, 6, on);
                d.Execute(CommandSource.Mqtt, topic2, start, 6, toggle);
                d.Execute(CommandSource.Mqtt, topic1, start, 6, off);
                d.Execute(CommandSource.Mqtt, topic1, start, 6, query);
            }

            output.Messages = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                d.Execute(CommandSource.Mqtt, topic1, start, 6, on);
                d.Execute(CommandSource.Mqtt, topic2, start, 6, toggle);
                d.Execute(CommandSource.Mqtt, topic1, start, 6, off);
                d.Execute(CommandSource.Mqtt, topic1, start, 6, query);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(8000, output.Messages);
            Assert.IsTrue(r.Settings.SavePending, "the power changes did go through SettingsService");
            Assert.AreEqual(0L, allocated, "bytes allocated by 4000 Power commands");
        }
    }
}
