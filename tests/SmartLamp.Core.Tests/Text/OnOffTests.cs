using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Telemetry;
using SmartLamp.Core.Tests.Commands;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Text
{
    /// <summary>The one on/off reading and writing, and the one white space, with the cases whose behaviour they changed.</summary>
    [TestClass]
    public class OnOffTests
    {
        [TestMethod]
        public void On_Off_Words_And_Digits_Are_Read_Other_Values_Are_Queries_Or_Refused()
        {
            Assert.AreEqual(OnOff.On, OnOff.Read("1"));
            Assert.AreEqual(OnOff.On, OnOff.Read("on"));
            Assert.AreEqual(OnOff.On, OnOff.Read("TRUE"));
            Assert.AreEqual(OnOff.Off, OnOff.Read("0"));
            Assert.AreEqual(OnOff.Off, OnOff.Read("Off"));
            Assert.AreEqual(OnOff.Off, OnOff.Read("false"));
            Assert.AreEqual(OnOff.Query, OnOff.Read(string.Empty));
            Assert.AreEqual(OnOff.Query, OnOff.Read(null));
            Assert.AreEqual(OnOff.Query, OnOff.Read("maybe"), "no number and no word: Tasmota's payload -99, a query");
            Assert.AreEqual(OnOff.Query, OnOff.Read("-1"), "Tasmota sets only payloads >= 0");
            Assert.AreEqual(OnOff.Refused, OnOff.Read("2"));
            Assert.AreEqual(OnOff.Refused, OnOff.Read("toggle"));
        }

        [TestMethod]
        public void On_Off_Is_Answered_With_StateText_Or_ON_OFF_When_It_Is_Missing()
        {
            string[] texts = new string[] { "Aus", "An", "Um", "Halt" };
            Assert.AreEqual("An", OnOff.Text(texts, true));
            Assert.AreEqual("Aus", OnOff.Text(texts, false));
            Assert.AreEqual("ON", OnOff.Text(new string[] { "Aus", string.Empty }, true));
            Assert.AreEqual("OFF", OnOff.Text(null, false));
        }

        [TestMethod]
        public void A_Stored_SetOption_Answers_Text_That_Is_No_Number_As_A_Query()
        {
            CommandRig r = CommandRig.Create(1);
            r.Config.AddSetOptions(new SetOptionStore(r.Settings).HandleSetOption);
            r.Mqtt("SetOption59", "1");
            Assert.AreEqual("RESULT {\"SetOption59\":\"ON\"}", r.Last());
            r.Mqtt("SetOption59", "maybe");
            Assert.AreEqual("RESULT {\"SetOption59\":\"ON\"}", r.Last(), "was {\"Command\":\"Error\"}; Tasmota answers the state");
            r.Mqtt("SetOption59", "2");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            Assert.IsTrue(SetOptionFlags.Get(r.S, 59));
        }

        [TestMethod]
        public void White_Space_Is_Every_Character_Up_To_Space_Everywhere()
        {
            Assert.IsTrue(Chars.IsSpace(' '));
            Assert.IsTrue(Chars.IsSpace('\t'));
            Assert.IsTrue(Chars.IsSpace('\r'));
            Assert.IsTrue(Chars.IsSpace((char)1));
            Assert.IsFalse(Chars.IsSpace('!'));
            Assert.IsFalse(Chars.IsSpace((char)0xA0));

            string t = "\t a b\r\n";
            Assert.AreEqual(2, Chars.SkipSpaces(t, 0, t.Length), "was 0: only ' ' was skipped");
            Assert.AreEqual(5, Chars.TrimEnd(t, 0, t.Length));

            int v;
            Assert.IsTrue(TextFormat.TryParseInt("\t42\r", out v), "TelePeriod/Status read their number like every command (was refused)");
            Assert.AreEqual(42, v);
        }
    }
}
