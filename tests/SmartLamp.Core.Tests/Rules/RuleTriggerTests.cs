using nanoFramework.TestFramework;
using SmartLamp.Core.Rules;

namespace SmartLamp.Core.Tests.Rules
{
    [TestClass]
    public class RuleTriggerTests
    {
        private static int Eval(string trigger, string name, string key, string value)
        {
            return RuleTrigger.Evaluate(trigger, 0, trigger.Length, name, key, value);
        }

        [TestMethod]
        public void Names_Compare_Without_Case_And_Other_Events_Are_Not_This_Event()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("power1#state", "Power1", "State", "1"));
            Assert.AreEqual(RuleTrigger.NotThisEvent, Eval("Power2#State", "Power1", "State", "1"));
            Assert.AreEqual(RuleTrigger.NotThisEvent, Eval("Power1#Boot", "Power1", "State", "1"));
            Assert.AreEqual(RuleTrigger.NotThisEvent, Eval("Event#ALARMS", "Event", "ALARM", "x"));
        }

        [TestMethod]
        public void Without_Operator_Any_Value_Matches()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#ALARM", "Event", "ALARM", string.Empty));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#ALARM", "Event", "alarm", "ringing"));
        }

        [TestMethod]
        public void Equal_Compares_Text_Without_Case()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#ALARM=ringing", "Event", "ALARM", "Ringing"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#ALARM=ringing", "Event", "ALARM", "ring"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Power1#State=1", "Power1", "State", "1.0"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#A = on", "Event", "A", "ON"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#A=", "Event", "A", string.Empty));
        }

        [TestMethod]
        public void Numeric_Comparisons_Read_Leading_Numbers()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#T>20", "Event", "T", "21.5C"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#T>21.5", "Event", "T", "21.5"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#T>=21.5", "Event", "T", "21.5"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#T<0", "Event", "T", "-3"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#T<=-3.5", "Event", "T", "-3"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#T==1", "Event", "T", "1.0"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#T!=1", "Event", "T", "2"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#T!=1", "Event", "T", "1"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#T<5", "Event", "T", "ring"));
        }

        [TestMethod]
        public void State_Words_On_The_Rule_Side_Count_As_Numbers()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("Power1#State==ON", "Power1", "State", "1"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Button1#State==toggle", "Button1", "State", "2"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Power1#State==OFF", "Power1", "State", "1"));
        }

        [TestMethod]
        public void Divisible_Never_Divides_By_Zero()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#N|5", "Event", "N", "15"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#N|5", "Event", "N", "16"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#N|0", "Event", "N", "16"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#N|-1", "Event", "N", "-2147483648"));
        }

        [TestMethod]
        public void Text_Operators_Compare_Without_Case()
        {
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#M$<wake", "Event", "M", "WAKE up"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#M$<wake", "Event", "M", "wak"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#M$>UP", "Event", "M", "wake up"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#M$|KE U", "Event", "M", "wake up"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#M$^KE U", "Event", "M", "wake up"));
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#M$!sleep", "Event", "M", "wake"));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#M$!WAKE", "Event", "M", "wake"));
        }

        [TestMethod]
        public void A_Third_Level_Looks_Into_A_Json_Value()
        {
            string json = "{\"DS18B20\":{\"Temperature\":23.5},\"Id\":\"x\"}";
            Assert.AreEqual(RuleTrigger.Match, Eval("Event#Sensor#ds18b20#temperature>23", "Event", "SENSOR", json));
            Assert.AreEqual(RuleTrigger.NoMatch, Eval("Event#Sensor#DS18B20#Temperature>24", "Event", "SENSOR", json));
            Assert.AreEqual(RuleTrigger.NotThisEvent, Eval("Event#Sensor#Missing", "Event", "SENSOR", json));
            Assert.AreEqual(RuleTrigger.NotThisEvent, Eval("Event#Sensor#Id", "Event", "SENSOR", "not json"));
        }

        [TestMethod]
        public void Number_Reader_Follows_CharToFloat()
        {
            Assert.AreEqual(21.5, RuleNumber.Parse("21.5C", 0, 5));
            Assert.AreEqual(-0.25, RuleNumber.Parse(" -0.25", 0, 6));
            Assert.AreEqual(0.0, RuleNumber.Parse("ring", 0, 4));
            Assert.AreEqual(7.0, RuleNumber.Parse("x=7;", 2, 3));
        }
    }
}
