using SmartLamp.Core.Boards;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Configuration;
using SmartLamp.Core.Relays;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;
using SmartLamp.Simulation;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Commands
{
    /// <summary>Everything the command tests need, wired as the device wires it (no MQTT).</summary>
    public sealed class CommandRig
    {
        /// <summary>MAC of the test device.</summary>
        public const string Mac = "A0B1C2D3E4F5";

        /// <summary>Relay pins: relay i is GPIO 12 + i, active high.</summary>
        public const int FirstPin = 12;

        public VirtualClock Clock;
        public SimGpio Gpio;
        public RelayDriver Relays;
        public MemorySettingsStore Store;
        public SettingsService Settings;
        public RecordingOutput Output;
        public RecordingLog Log;
        public FakeSystemControl System;
        public CommandDispatcher Dispatcher;
        public PowerController Power;
        public RelayStatePublisher PowerState;
        public ConfigCommands Config;
        public int ChangeFlags;
        public int ChangeEvents;

        /// <summary>A rig with <paramref name="relays"/> relays, empty storage, settings loaded and the boot save already written.</summary>
        public static CommandRig Create(int relays)
        {
            return Create(relays, null, true);
        }

        /// <summary>A rig whose store holds <paramref name="storedText"/> as its first settings copy (null = empty flash); <paramref name="settle"/> lets the boot save happen and clears the records.</summary>
        public static CommandRig Create(int relays, string storedText, bool settle)
        {
            MemorySettingsStore flash = new MemorySettingsStore();
            if (storedText != null)
            {
                flash.Set(SettingsJournal.NameA, storedText);
            }

            return CreateFromFlash(relays, flash, settle);
        }

        /// <summary>A rig booting from <paramref name="flash"/> (e.g. another rig's <c>Store.Clone()</c>); <paramref name="settle"/> lets the boot save happen and clears the records.</summary>
        public static CommandRig CreateFromFlash(int relays, MemorySettingsStore flash, bool settle)
        {
            CommandRig r = new CommandRig();
            r.Clock = new VirtualClock();
            r.Gpio = new SimGpio(r.Clock);
            PinConfig[] pins = (PinConfig[])ArraySlots.Nulls(new PinConfig[relays]);
            for (int i = 0; i < relays; i++)
            {
                pins[i] = new PinConfig(FirstPin + i, false);
            }

            r.Relays = new RelayDriver(r.Gpio, pins);
            r.Store = flash;
            r.Log = new RecordingLog();
            r.Output = new RecordingOutput();
            r.System = new FakeSystemControl();
            r.Settings = new SettingsService(r.Store, r.Clock, r.Log, Mac);
            r.Settings.SettingsChanged += r.OnChanged;
            r.Settings.Load();
            r.Power = new PowerController(r.Relays, r.Settings, r.Clock, r.Log);
            r.PowerState = new RelayStatePublisher(r.Power, r.Output, r.Settings, relays);
            r.Dispatcher = new CommandDispatcher(r.Output, r.Log, r.PowerState.OnCommandAnswered);
            r.Power.Register(r.Dispatcher);
            r.PowerState.Register(r.Dispatcher);
            r.Config = ConfigCommands.Register(r.Dispatcher, r.Settings, r.Power, r.Clock, r.System, r.Log);
            SettingsCommands.Register(r.Dispatcher, r.Settings);
            SmartLamp.Core.Mqtt.GroupTopicCommand.Register(r.Dispatcher, r.Settings, r.Log);
            if (settle)
            {
                r.Clock.Advance(SettingsService.SaveDelayMs);
                r.Output.Clear();
                r.Log.Clear();
                r.ChangeFlags = 0;
                r.ChangeEvents = 0;
            }

            return r;
        }

        /// <summary>Settings shortcut.</summary>
        public DeviceSettings S
        {
            get { return Settings.Current; }
        }

        /// <summary>Delivers cmnd/smartlamp_D3E4F5/&lt;command&gt; with <paramref name="payload"/> from the device topic.</summary>
        public void Mqtt(string command, string payload)
        {
            Mqtt(CommandSource.Mqtt, command, payload);
        }

        /// <summary>Delivers a command from <paramref name="source"/>, the name being the tail of a topic.</summary>
        public void Mqtt(CommandSource source, string command, string payload)
        {
            string topic = "cmnd/smartlamp_D3E4F5/" + command;
            int start = topic.LastIndexOf('/') + 1;
            Dispatcher.Execute(source, topic, start, topic.Length - start, payload);
        }

        /// <summary>Runs a console line.</summary>
        public void Line(string line)
        {
            Dispatcher.ExecuteLine(CommandSource.Console, line);
        }

        /// <summary>The last message as text ("" when none).</summary>
        public string Last()
        {
            return Output.Count == 0 ? string.Empty : Output.At(Output.Count - 1).ToString();
        }

        private void OnChanged(int flags)
        {
            ChangeFlags |= flags;
            ChangeEvents++;
        }
    }
}
