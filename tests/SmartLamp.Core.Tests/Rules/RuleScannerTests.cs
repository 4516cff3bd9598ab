using nanoFramework.TestFramework;
using SmartLamp.Core.Rules;

namespace SmartLamp.Core.Tests.Rules
{
    [TestClass]
    public class RuleScannerTests
    {
        [TestMethod]
        public void Scanner_Finds_Trigger_And_Commands_Of_Each_Rule_By_Index()
        {
            string text = "on Event#ALARM do Power1 ON endon  ON Power1#State=1 DO Backlog Power2 on; Event x=1 BREAK";
            RuleScanner s = new RuleScanner();
            s.Reset(text);

            Assert.IsTrue(s.Next());
            Assert.AreEqual(0, s.RuleIndex);
            Assert.AreEqual("Event#ALARM", text.Substring(s.TriggerStart, s.TriggerEnd - s.TriggerStart));
            Assert.AreEqual("Power1 ON", text.Substring(s.CommandStart, s.CommandEnd - s.CommandStart));
            Assert.IsFalse(s.IsBreak);

            Assert.IsTrue(s.Next());
            Assert.AreEqual(1, s.RuleIndex);
            Assert.AreEqual("Power1#State=1", text.Substring(s.TriggerStart, s.TriggerEnd - s.TriggerStart));
            Assert.AreEqual("Backlog Power2 on; Event x=1", text.Substring(s.CommandStart, s.CommandEnd - s.CommandStart));
            Assert.IsTrue(s.IsBreak);

            Assert.IsFalse(s.Next());
            Assert.IsNull(s.Error);
        }

        [TestMethod]
        public void Empty_Text_Is_A_Valid_Empty_Set()
        {
            Assert.IsNull(RuleScanner.Validate(string.Empty));
            Assert.IsNull(RuleScanner.Validate("   "));
            Assert.IsNull(RuleScanner.Validate(null));
        }

        [TestMethod]
        public void Keywords_Inside_Words_Are_Not_Keywords()
        {
            // "DOOR" is not DO, "ENDONE" is not ENDON, "ON" inside "Power1 ON" ends nothing.
            string text = "ON Event#DOOR DO Event state=ENDONE ENDON";
            RuleScanner s = new RuleScanner();
            s.Reset(text);
            Assert.IsTrue(s.Next());
            Assert.AreEqual("Event#DOOR", text.Substring(s.TriggerStart, s.TriggerEnd - s.TriggerStart));
            Assert.AreEqual("Event state=ENDONE", text.Substring(s.CommandStart, s.CommandEnd - s.CommandStart));
            Assert.IsFalse(s.Next());
            Assert.IsNull(s.Error);
        }

        [TestMethod]
        public void Text_Not_Starting_With_ON_Is_Refused_With_Its_Position()
        {
            Assert.AreEqual("ON expected at character 1: 'Event#A DO Power1 ON ENDON'", RuleScanner.Validate("Event#A DO Power1 ON ENDON"));
            Assert.AreEqual("ON expected at character 27: 'garbage'", RuleScanner.Validate("ON Event#A DO Power ENDON garbage"));
        }

        [TestMethod]
        public void Missing_DO_Is_Refused()
        {
            Assert.AreEqual("DO missing after: 'ON Event#A Power1 ON'", RuleScanner.Validate("ON Event#A Power1 ON ENDON"));
            Assert.AreEqual("DO missing after: 'ON'", RuleScanner.Validate("ON"));
        }

        [TestMethod]
        public void Missing_ENDON_Is_Refused()
        {
            Assert.AreEqual("ENDON or BREAK missing after: 'ON Event#A DO Power1 ON'", RuleScanner.Validate("ON Event#A DO Power1 ON"));
        }

        [TestMethod]
        public void A_Rule_That_Swallowed_The_Next_One_Is_Refused()
        {
            Assert.AreEqual("ENDON or BREAK missing before: 'ON Event#B DO Power1 OFF'", RuleScanner.Validate("ON Event#A DO Power1 ON ON Event#B DO Power1 OFF ENDON"));
        }

        [TestMethod]
        public void Empty_Trigger_Or_Command_Is_Refused()
        {
            Assert.AreEqual("trigger missing after ON at character 1", RuleScanner.Validate("ON DO Power1 ON ENDON"));
            Assert.AreEqual("command missing after: 'ON Event#A DO'", RuleScanner.Validate("ON Event#A DO ENDON"));
        }

        [TestMethod]
        public void Trigger_Without_Hash_Is_Refused()
        {
            Assert.AreEqual("trigger 'System Boot' needs <name>#<key>, like Event#ALARM or Power1#State", RuleScanner.Validate("ON System Boot DO Power1 ON ENDON"));
        }

        [TestMethod]
        public void Garbage_Never_Throws_And_Valid_Sets_Give_Only_Well_Formed_Slices()
        {
            string[] tokens = new string[] { "ON", "on", "DO", "ENDON", "BREAK", "Event#A", "#", "=", ">=", "$|", "Power1", " ", "  ", "x", "%value%", ";", "{", "}", "ENDONON", "ON#" };
            uint seed = 12345;
            int valid = 0;
            for (int round = 0; round < 2000; round++)
            {
                string text = string.Empty;
                int n = (int)(seed % 12);
                for (int i = 0; i < n; i++)
                {
                    seed = (seed * 1103515245) + 12345;
                    text += tokens[(int)((seed >> 8) % (uint)tokens.Length)];
                    if ((seed & 1) == 0)
                    {
                        text += " ";
                    }
                }

                seed = (seed * 1103515245) + 12345;
                if (round % 2 == 0)
                {
                    // Half the rounds: the right shape around random pieces.
                    text = "ON Event#A" + text + " DO " + tokens[(int)((seed >> 8) % (uint)tokens.Length)] + " ENDON";
                }

                RuleScanner s = new RuleScanner();
                s.Reset(text);
                while (s.Next())
                {
                    Assert.IsTrue(s.TriggerStart < s.TriggerEnd && s.TriggerEnd <= s.CommandStart && s.CommandStart < s.CommandEnd && s.CommandEnd <= text.Length, text);
                    RuleTrigger.Evaluate(text, s.TriggerStart, s.TriggerEnd, "Event", "A", "1");
                }

                if (s.Error == null && text.Trim().Length > 0)
                {
                    valid++;
                }
            }

            Assert.IsTrue(valid > 0, "some random sets are valid");
        }

        [TestMethod]
        public void Long_Quotes_Are_Cut()
        {
            Assert.AreEqual("ENDON or BREAK missing after: 'ON Event#A DO Backlog Power1 ON; Power2 ...'", RuleScanner.Validate("ON Event#A DO Backlog Power1 ON; Power2 ON; Power3 ON"));
        }
    }
}
