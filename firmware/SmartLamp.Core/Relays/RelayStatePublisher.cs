using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Relays
{
    /// <summary>
    /// Publishes the relay states the bank announces (<see cref="PowerController.Changed"/>):
    /// <c>stat/&lt;t&gt;/RESULT {"POWER":"ON"}</c> then <c>stat/&lt;t&gt;/POWER ON</c> (retained with
    /// PowerRetain) per relay, and RESULT alone for BLINK ON / BLINK OFF, from the bank's precomputed
    /// texts (no allocation).
    /// <para>
    /// Announcements without a command (button, switch, timer, pulse end, blink end, interlock, MQTT
    /// connect) go out at once. A command's announcements wait for its answer: the command's response
    /// is the first RESULT, the dispatcher publishes it and then calls <see cref="OnCommandAnswered"/>,
    /// which sends the rest in order (that relay's stat POWER, then RESULT + POWER of every further
    /// relay, as Tasmota's Power0 does), on the topics of the command's source.
    /// </para>
    /// Also the PowerRetain command (it clears the broker's retained POWER copies).
    /// </summary>
    public sealed class RelayStatePublisher
    {
        /// <summary>Most announcements one command holds back (each relay's BLINK OFF, the interlocked relays, the state).</summary>
        private const int MaxPending = 2 * RelayDriver.MaxRelays;

        private readonly PowerController _power;
        private readonly ICommandOutput _output;
        private readonly SettingsService _service;
        private readonly DeviceSettings _settings;
        private readonly int _count;
        private readonly CommandRequest _internal = new CommandRequest();
        private readonly int[] _held = new int[MaxPending]; // relay mask | power mask << 8 | report << 16
        private int _pending;

        /// <summary>Listens to <paramref name="power"/>'s change event and publishes through <paramref name="output"/>.</summary>
        public RelayStatePublisher(PowerController power, ICommandOutput output, SettingsService service, int relayCount)
        {
            Require.NotNull(output, "output");

            _power = power;
            _output = output;
            _service = service;
            _settings = service.Current; // null service: throws here
            _count = relayCount;
            _internal.Name = "POWER";
            _internal.Payload = string.Empty;
            _internal.Source = CommandSource.Internal;
            power.Changed += OnChanged; // null power: throws here
        }

        private static readonly string[] CommandNames = new string[] { "POWERRETAIN" };

        /// <summary>Registers POWERRETAIN.</summary>
        public void Register(CommandDispatcher d)
        {
            d.Register(CommandNames, CmndPowerRetain);
        }

        /// <summary>
        /// The dispatcher's after-answer step (a <see cref="CommandAnsweredHandler"/> given to its
        /// constructor): sends what the command announced after its answer; with
        /// <paramref name="answerPublished"/> false (a quiet "_Power") the first RESULT too.
        /// </summary>
        public void OnCommandAnswered(CommandRequest request, bool answerPublished)
        {
            int n = _pending;
            _pending = 0;
            bool skip = answerPublished;
            for (int i = 0; i < n; i++)
            {
                int held = _held[i];
                Publish(request, held & 0xFF, (held >> 8) & 0xFF, (RelayReport)(held >> 16), skip);
                skip = false;
            }
        }

        private void OnChanged(RelayChangeReason reason, int relayMask, int powerMask, RelayReport report)
        {
            if (report == RelayReport.Switched)
            {
                return; // pins only: announced by the State report that follows
            }

            if (reason == RelayChangeReason.Command && _pending < MaxPending)
            {
                _held[_pending++] = (relayMask & 0xFF) | ((powerMask & 0xFF) << 8) | ((int)report << 16);
                return;
            }

            Publish(_internal, relayMask, powerMask, report, false);
        }

        /// <summary>RESULT (unless <paramref name="skipFirstResult"/>: the command's response was it) then stat POWER for each relay in the mask.</summary>
        private void Publish(CommandRequest request, int relayMask, int powerMask, RelayReport report, bool skipFirstResult)
        {
            for (int i = 0; i < _count; i++)
            {
                if ((relayMask & (1 << i)) == 0)
                {
                    continue;
                }

                bool on = (powerMask & (1 << i)) != 0;
                if (!skipFirstResult)
                {
                    _output.CommandResult(request, _power.ResultJson(i, report, on));
                }

                skipFirstResult = false;
                if (report == RelayReport.State)
                {
                    _output.Stat(request, _power.PowerKey(i), _power.StateText(on), _settings.PowerRetain);
                }
            }
        }

        private void CmndPowerRetain(CommandRequest req, CommandResponse resp)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v == 0 || v == 1)
            {
                if (v == 0)
                {
                    // Clear the broker's retained copy: an EMPTY retained message on every stat/<t>/POWER(n).
                    for (int i = 0; i < _count; i++)
                    {
                        _output.Stat(req, _power.PowerKey(i), string.Empty, true);
                    }
                }

                _service.Set(ref _settings.PowerRetain, v == 1, 0);
            }

            resp.Add("PowerRetain", _power.StateText(_settings.PowerRetain));
        }
    }
}
