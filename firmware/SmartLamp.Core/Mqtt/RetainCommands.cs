using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Mqtt
{
    /// <summary>
    /// Tasmota's retain options besides PowerRetain (mqtt.ino CmndButtonRetain ... CmndStateRetain):
    /// <c>ButtonRetain</c>, <c>SwitchRetain</c>, <c>SensorRetain</c>, <c>StateRetain</c>, <c>InfoRetain</c>,
    /// <c>StatusRetain</c>, each 0/1 (on/off), answering <c>{"ButtonRetain":"ON"}</c> with StateText.
    /// Turning one off while it was on removes what the broker kept, as Tasmota does, by publishing an
    /// empty retained message: ButtonRetain on cmnd/&lt;ButtonTopic&gt;/POWER&lt;n&gt; of every button,
    /// SwitchRetain on cmnd/&lt;SwitchTopic&gt;/POWER&lt;n&gt; of every switch, SensorRetain on tele/&lt;t&gt;/SENSOR,
    /// StateRetain on tele/&lt;t&gt;/STATE, InfoRetain on tele/&lt;t&gt;/INFO1..3, StatusRetain on
    /// stat/&lt;t&gt;/STATUS and STATUS1..11. Any other value (2, TOGGLE, text) changes nothing and is answered
    /// with the option's state, as in Tasmota (unlike a SetOption, which answers {"Command":"Error"}).
    /// </summary>
    public sealed class RetainCommands
    {
        // The six options, indexes into the name tables below.
        private const int Button = 0, Switch = 1, Sensor = 2, State = 3, Info = 4, Status = 5;

        private static readonly string[] UpperNames = new string[] { "BUTTONRETAIN", "SWITCHRETAIN", "SENSORRETAIN", "STATERETAIN", "INFORETAIN", "STATUSRETAIN" };
        private static readonly string[] Names = new string[] { "ButtonRetain", "SwitchRetain", "SensorRetain", "StateRetain", "InfoRetain", "StatusRetain" };

        private readonly SettingsService _service;
        private readonly MqttPublisher _publisher;
        private readonly TopicSet _topics;
        private readonly int _buttons;
        private readonly int _switches;

        private RetainCommands(SettingsService service, MqttPublisher publisher, TopicSet topics, int buttons, int switches)
        {
            _service = service;
            _publisher = publisher;
            _topics = topics;
            _buttons = buttons;
            _switches = switches;
        }

        /// <summary>Registers the six commands; <paramref name="buttons"/>/<paramref name="switches"/> are the board's input counts.</summary>
        public static RetainCommands Register(CommandDispatcher d, SettingsService service, MqttPublisher publisher, TopicSet topics, int buttons, int switches)
        {
            Require.NotNull(d, "d");
            Require.NotNull(service, "service");
            Require.NotNull(publisher, "publisher");
            Require.NotNull(topics, "topics");

            RetainCommands c = new RetainCommands(service, publisher, topics, buttons, switches);
            d.Register(UpperNames, c.CmndRetain);

            return c;
        }

        /// <summary>Any of the six: the called name's position in the table tells which option.</summary>
        private void CmndRetain(CommandRequest req, CommandResponse resp)
        {
            Run(req.Command, Names[req.Command], req, resp);
        }

        private void Run(int which, string name, CommandRequest req, CommandResponse resp)
        {
            DeviceSettings s = _service.Current;
            bool current = Get(s, which);
            if (!req.IsQuery)
            {
                // As Tasmota's: only 0 and 1 change the option; any other value (2, TOGGLE, text) is answered with its state.
                int v = CommandValue.Parse(req.Payload);
                if ((v == 0 || v == 1) && (v == 1) != current)
                {
                    if (v == 0)
                    {
                        Clear(s, which);
                    }

                    Store(s, which, v == 1);
                    current = v == 1;
                }
            }

            resp.Add(name, OnOff.Text(s.StateText, current));
        }

        /// <summary>Empty retained messages on every topic the option retained.</summary>
        private void Clear(DeviceSettings s, int which)
        {
            switch (which)
            {
                case Button:
                    ClearKeys(s.ButtonTopic, _buttons);
                    break;
                case Switch:
                    ClearKeys(s.SwitchTopic, _switches);
                    break;
                case Sensor:
                    _publisher.Publish(TopicSet.Tele, "SENSOR", string.Empty, true);
                    break;
                case State:
                    _publisher.Publish(TopicSet.Tele, "STATE", string.Empty, true);
                    break;
                case Info:
                    _publisher.Publish(TopicSet.Tele, "INFO1", string.Empty, true);
                    _publisher.Publish(TopicSet.Tele, "INFO2", string.Empty, true);
                    _publisher.Publish(TopicSet.Tele, "INFO3", string.Empty, true);
                    break;
                default:
                    _publisher.Publish(TopicSet.Stat, "STATUS", string.Empty, true);
                    for (int n = 1; n <= 11; n++)
                    {
                        if (n != 9)
                        {
                            _publisher.Publish(TopicSet.Stat, "STATUS" + n.ToString(), string.Empty, true);
                        }
                    }

                    break;
            }
        }

        private void ClearKeys(string keyTopic, int count)
        {
            if (keyTopic == null || keyTopic.Length == 0 || keyTopic == "0")
            {
                return;
            }

            string b = _topics.CmndBaseOf(keyTopic);
            for (int i = 1; i <= count; i++)
            {
                _publisher.PublishTopic(b + "POWER" + i.ToString(), string.Empty, true);
            }
        }

        private static bool Get(DeviceSettings s, int which)
        {
            switch (which)
            {
                case Button: return s.ButtonRetain;
                case Switch: return s.SwitchRetain;
                case Sensor: return s.SensorRetain;
                case State: return s.StateRetain;
                case Info: return s.InfoRetain;
                default: return s.StatusRetain;
            }
        }

        private void Store(DeviceSettings s, int which, bool on)
        {
            switch (which)
            {
                case Button: _service.Set(ref s.ButtonRetain, on, 0); break;
                case Switch: _service.Set(ref s.SwitchRetain, on, 0); break;
                case Sensor: _service.Set(ref s.SensorRetain, on, 0); break;
                case State: _service.Set(ref s.StateRetain, on, 0); break;
                case Info: _service.Set(ref s.InfoRetain, on, 0); break;
                default: _service.Set(ref s.StatusRetain, on, 0); break;
            }
        }
    }
}
