using SmartLamp.Core.Rules;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Rules
{
    /// <summary>A <see cref="CommandRig"/> with the rules engine wired as DeviceApp wires it (no MQTT).</summary>
    public sealed class RulesRig
    {
        public CommandRig R;
        public RulesEngine Engine;

        /// <summary>
        /// <paramref name="relays"/> relays; Rule1 holds <paramref name="rule1"/> (null = empty) and is on
        /// when <paramref name="enabled"/>; started, boot events handled, records cleared.
        /// </summary>
        public static RulesRig Create(int relays, string rule1, bool enabled)
        {
            RulesRig g = new RulesRig();
            g.R = CommandRig.Create(relays);
            if (rule1 != null)
            {
                g.R.S.Rules[0] = rule1;
            }

            g.R.S.RulesEnabled = enabled ? 1 : 0;
            g.Engine = new RulesEngine(g.R.Settings, g.R.Dispatcher, g.R.Output, g.R.Clock, g.R.Log, g.R.Config.Backlog);
            g.Engine.Register(g.R.Dispatcher);
            g.R.Power.Changed += g.Engine.OnRelaysChanged;
            g.R.Power.SwitchGate = g.Engine.AllowRelaySwitch;
            g.Engine.Start(g.R.Relays.Count, g.R.Relays.PowerMask);
            g.R.Clock.Advance(0);
            g.R.Output.Clear();
            g.R.Log.Clear();
            return g;
        }

        /// <summary>Runs a console line, then lets the queued events run.</summary>
        public void Line(string line)
        {
            R.Line(line);
            R.Clock.Advance(0);
        }

        /// <summary>Raises an event, then lets the queue run.</summary>
        public void Raise(string name, string key, string value)
        {
            Engine.Raise(name, key, value);
            R.Clock.Advance(0);
        }

        /// <summary>Every answer so far as lines; see <see cref="RecordingOutput.Text"/>.</summary>
        public string Text()
        {
            return R.Output.Text();
        }
    }
}
