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
        /// The ButtonTopic / SwitchTopic command on the <paramref name="setting"/> field: stores the new
        /// value through the settings service (saved when it changed) and answers {<paramref name="key"/>:value}.
        /// "1" is the own Topic; a query or a group command keeps the value. A wildcard, a space or a slash
        /// answers {"Command":"Error"} and keeps it.
        /// </summary>
        protected void TopicCommand(CommandRequest req, CommandResponse resp, string key, ref string setting)
        {
            string p = req.Payload;
            string value = setting;
            if (!req.IsQuery && req.Source != CommandSource.Group)
            {
                if (CommandValue.IsChar(p, '1'))
                {
                    value = Settings.Topic;
                }
                else if (SettingsCodec.IsCleanText(p, DeviceSettings.MaxTopicLength) && p.IndexOf('+') < 0 && p.IndexOf('#') < 0 && p.IndexOf(' ') < 0 && p.IndexOf('/') < 0)
                {
                    value = p;
                }
                else
                {
                    return; // {"Command":"Error"}
                }
            }

            _service.Set(ref setting, value, 0);
            resp.Add(key, value);
        }

        /// <summary>The ButtonDebounce / SwitchDebounce command: as <see cref="TopicCommand"/>, for a number of 40..1000 ms (anything else keeps the value).</summary>
        protected void DebounceCommand(CommandRequest req, CommandResponse resp, string key, ref int setting)
        {
            int v = CommandValue.Parse(req.Payload);
            if (v >= MinDebounceMs && v <= MaxDebounceMs)
            {
                _service.Set(ref setting, v, 0);
            }

            resp.Add(key, setting);
        }

        /// <summary>The settings service: every write of a setting goes through its <c>Set</c>.</summary>
        protected SettingsService Service
        {
            get { return _service; }
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
