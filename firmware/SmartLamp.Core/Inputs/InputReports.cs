using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;

namespace SmartLamp.Core.Inputs
{
    /// <summary>What inputs report and how they are set: the #State event, Action messages, Tasmota's SendKey topic publish, the Topic and Debounce command checks, saving and logging.</summary>
    public abstract partial class PinInputs
    {
        /// <summary>Raises StateChanged; true when a handler called <see cref="MarkHandled"/>.</summary>
        protected bool Raise(int index0, int state)
        {
            InputStateHandler handler = StateChanged;
            if (handler == null)
            {
                return false;
            }

            _handled = false;
            try
            {
                handler(index0, state);
            }
            catch (System.Exception e)
            {
                LogError("State handler failed: ", e);
            }

            bool handled = _handled;
            _handled = false;
            return handled;
        }

        /// <summary>Publishes {"&lt;name&gt;":{"Action":"..."}} as a command result (RESULT, or stat/&lt;t&gt;/&lt;NAME&gt; with SetOption4).</summary>
        protected void PublishAction(string name, int index0, string action)
        {
            if (_publisher == null)
            {
                return;
            }

            CommandResponse r = new CommandResponse();
            r.BeginObject(name).Add("Action", action).End();
            _request.Index = index0 + 1;
            _publisher.CommandResult(_request, r.ToJson());
        }

        /// <summary>True when <paramref name="topic"/> (ButtonTopic, SwitchTopic) is set, not "0", and MQTT is connected.</summary>
        protected bool TopicActive(string topic)
        {
            return topic != null && topic.Length > 0 && topic != "0" && _publisher != null && _topics != null && _session != null && _session.IsConnected;
        }

        /// <summary>Publishes cmnd/&lt;topic&gt;/&lt;key&gt; <paramref name="payload"/> (Tasmota's SendKey).</summary>
        protected void PublishKey(string topic, string key, string payload, bool retain)
        {
            _publisher.PublishTopic(_topics.CmndBaseOf(topic) + key, payload, retain);
        }

        /// <summary>The state text relay <paramref name="relay"/> gets from a TOGGLE (ON when it is off).</summary>
        protected string ToggledText(int relay)
        {
            return Power.StateText((Power.PowerState & (1 << relay)) == 0);
        }

        /// <summary>
        /// The ButtonTopic / SwitchTopic command: the new value in <paramref name="value"/> ("1" = the own
        /// Topic), or <paramref name="current"/> for a query or a group command. False for a wildcard, a
        /// space or a slash (answered {"Command":"Error"}).
        /// </summary>
        protected bool TopicValue(CommandRequest req, string current, out string value)
        {
            string p = req.Payload;
            value = current;
            if (req.IsQuery || req.Source == CommandSource.Group)
            {
                return true;
            }

            if (CommandValue.IsChar(p, '1'))
            {
                value = Settings.Topic;
                return true;
            }

            value = p;
            return SettingsCodec.IsCleanText(p, DeviceSettings.MaxTopicLength) && p.IndexOf('+') < 0 && p.IndexOf('#') < 0 && p.IndexOf(' ') < 0 && p.IndexOf('/') < 0;
        }

        /// <summary>The ButtonDebounce / SwitchDebounce command: a valid new value (40..1000 ms) or <paramref name="current"/>.</summary>
        protected static int DebounceValue(CommandRequest req, int current)
        {
            int v = CommandValue.Parse(req.Payload);
            return v >= MinDebounceMs && v <= MaxDebounceMs ? v : current;
        }

        /// <summary>Returns <paramref name="value"/>, saving the settings when it differs from <paramref name="current"/> (a topic setting).</summary>
        protected string Keep(string value, string current)
        {
            if (value != current)
            {
                Persist(0);
            }

            return value;
        }

        /// <summary>Returns <paramref name="value"/>, saving the settings when it differs from <paramref name="current"/> (a number setting).</summary>
        protected int Keep(int value, int current)
        {
            if (value != current)
            {
                Persist(0);
            }

            return value;
        }

        /// <summary>Saves the settings (<paramref name="change"/>: SettingsChange flags).</summary>
        protected void Persist(int change)
        {
            if (_service != null)
            {
                _service.Changed(change);
            }
        }

        /// <summary>Writes a log line with this input kind's tag.</summary>
        protected void Log(string a, string b, string c)
        {
            if (_log != null)
            {
                _log.Write(_tag, a, b, c);
            }
        }

        /// <summary>Logs an exception a callback caught (never throws).</summary>
        protected void LogError(string where, System.Exception e)
        {
            try
            {
                Log(where, e.GetType().Name, ": " + e.Message);
            }
            catch (System.Exception)
            {
                // ignore
            }
        }
    }
}
