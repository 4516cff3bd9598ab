using SmartLamp.Core.Buttons;

namespace SmartLamp.Core.Tests.Buttons
{
    /// <summary>Records ButtonInputs.StateChanged as "Button&lt;n&gt;#State=&lt;s&gt;;" entries.</summary>
    public sealed class ButtonEvents
    {
        private string _text = string.Empty;

        /// <summary>Subscribes a new recorder to <paramref name="buttons"/>.</summary>
        public static ButtonEvents Attach(ButtonInputs buttons)
        {
            ButtonEvents e = new ButtonEvents();
            buttons.StateChanged += e.On;
            return e;
        }

        /// <summary>Everything recorded so far.</summary>
        public string Text
        {
            get { return _text; }
        }

        private void On(int buttonIndex0, int state)
        {
            _text = _text + "Button" + (buttonIndex0 + 1).ToString() + "#State=" + state.ToString() + ";";
        }
    }
}
