using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Text
{
    /// <summary>
    /// The one reading and the one writing of an on/off value, as Tasmota's on/off SetOptions
    /// (CmndSetoptionBase) do it. Reading: the payload's number or state word
    /// (<see cref="CommandValue.Parse"/>: 0, OFF, FALSE, STOP, DOWN are off; 1, ON, TRUE, START are
    /// on); an empty payload, a negative number or text that is neither a number nor a word is a
    /// query; a number or word above 1 (2, TOGGLE, BLINK) is refused. Writing: StateText1 (off) or StateText2 (on),
    /// "OFF"/"ON" where that text is missing.
    /// </summary>
    public static class OnOff
    {
        // What Read returns:
        public const int Off = 0; // the payload asks for off
        public const int On = 1; // the payload asks for on
        public const int Query = -1; // no value (empty, a negative number, text that is no number or word): answer the state
        public const int Refused = -2; // a number or state word above 1: answer {"Command":"Error"}

        /// <summary><see cref="Off"/>, <see cref="On"/>, <see cref="Query"/> or <see cref="Refused"/> for a command's payload.</summary>
        public static int Read(string payload)
        {
            if (payload == null || payload.Length == 0)
            {
                return Query;
            }

            int v = CommandValue.Parse(payload);
            if (v == Off || v == On)
            {
                return v;
            }

            return v < 0 ? Query : Refused;
        }

        /// <summary>How an on/off value is answered: <paramref name="stateText"/>[1] for on, [0] for off (StateText2/1), "ON"/"OFF" when that text is missing or empty.</summary>
        public static string Text(string[] stateText, bool on)
        {
            int i = on ? 1 : 0;
            if (stateText != null && stateText.Length > i)
            {
                string t = stateText[i];
                if (t != null && t.Length > 0)
                {
                    return t;
                }
            }

            return on ? "ON" : "OFF";
        }
    }
}
