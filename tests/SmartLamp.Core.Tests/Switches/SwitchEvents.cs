using SmartLamp.Core.Switches;

namespace SmartLamp.Core.Tests.Switches
{
    /// <summary>Records SwitchInputs.StateChanged as "Switch&lt;n&gt;#State=&lt;s&gt;;" entries.</summary>
    public sealed class SwitchEvents
    {
        private string _text = string.Empty;

        /// <summary>Subscribes a new recorder to <paramref name="switches"/>.</summary>
        public static SwitchEvents Attach(SwitchInputs switches)
        {
            SwitchEvents e = new SwitchEvents();
            switches.StateChanged += e.On;
            return e;
        }

        /// <summary>Everything recorded so far.</summary>
        public string Text
        {
            get { return _text; }
        }

        private void On(int switchIndex0, int state)
        {
            _text = _text + "Switch" + (switchIndex0 + 1).ToString() + "#State=" + state.ToString() + ";";
        }
    }
}
