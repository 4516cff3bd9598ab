using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Tests.Commands
{
    [TestClass]
    public class CommandValueTests
    {
        [TestMethod]
        public void Backlog_Item_Ends_At_A_Semicolon_Outside_Json_Braces()
        {
            string text = "Power1 ON;Publish x {\"a\":\"b;c\"};Topic y";
            int first = CommandValue.BacklogItemEnd(text, 0);
            Assert.AreEqual(9, first);
            int second = CommandValue.BacklogItemEnd(text, first + 1);
            Assert.AreEqual("Publish x {\"a\":\"b;c\"}", text.Substring(first + 1, second - first - 1));
            Assert.AreEqual(text.Length, CommandValue.BacklogItemEnd(text, second + 1));
            Assert.AreEqual(0, CommandValue.BacklogItemEnd(";x", 0));
            Assert.AreEqual(0, CommandValue.BacklogItemEnd(string.Empty, 0));
        }

        [TestMethod]
        public void State_Words_Are_Case_Insensitive_Like_Tasmota()
        {
            Assert.AreEqual(0, CommandValue.Parse("off"));
            Assert.AreEqual(0, CommandValue.Parse("FALSE"));
            Assert.AreEqual(0, CommandValue.Parse("Stop"));
            Assert.AreEqual(0, CommandValue.Parse("down"));
            Assert.AreEqual(1, CommandValue.Parse("on"));
            Assert.AreEqual(1, CommandValue.Parse("True"));
            Assert.AreEqual(1, CommandValue.Parse("START"));
            Assert.AreEqual(2, CommandValue.Parse("ToGgLe"));
            Assert.AreEqual(3, CommandValue.Parse("blink"));
            Assert.AreEqual(4, CommandValue.Parse("BlinkOff"));
        }

        [TestMethod]
        public void Words_Must_Match_Whole()
        {
            Assert.AreEqual(CommandValue.None, CommandValue.Parse("onn"));
            Assert.AreEqual(CommandValue.None, CommandValue.Parse("o"));
            Assert.AreEqual(CommandValue.None, CommandValue.Parse("blinkof"));
            Assert.AreEqual(-1, CommandValue.StateWord("toggle!"));
        }

        [TestMethod]
        public void Numbers_Parse_As_Strtol_Base_Zero()
        {
            Assert.AreEqual(42, CommandValue.Parse("42"));
            Assert.AreEqual(42, CommandValue.Parse("  42"));
            Assert.AreEqual(-5, CommandValue.Parse("-5"));
            Assert.AreEqual(7, CommandValue.Parse("+7"));
            Assert.AreEqual(31, CommandValue.Parse("0x1F"));
            Assert.AreEqual(255, CommandValue.Parse("0XfF"));
            Assert.AreEqual(8, CommandValue.Parse("010"));
            Assert.AreEqual(12, CommandValue.Parse("12abc"));
            Assert.AreEqual(0, CommandValue.Parse("0xZZ"));
            Assert.AreEqual(0, CommandValue.Parse("0x"));
            Assert.AreEqual(0, CommandValue.Parse("0"));
            Assert.AreEqual(1, CommandValue.Parse("1"));
        }

        [TestMethod]
        public void No_Number_Gives_Minus_99()
        {
            Assert.AreEqual(-99, CommandValue.Parse(""));
            Assert.AreEqual(-99, CommandValue.Parse(null));
            Assert.AreEqual(-99, CommandValue.Parse("abc"));
            Assert.AreEqual(-99, CommandValue.Parse("-"));
        }

        [TestMethod]
        public void Huge_Numbers_Saturate()
        {
            Assert.AreEqual(int.MaxValue, CommandValue.Parse("99999999999999999999"));
            Assert.AreEqual(int.MinValue, CommandValue.Parse("-99999999999999999999"));
            Assert.AreEqual(int.MaxValue, CommandValue.Parse("0xFFFFFFFFFF"));
        }

        [TestMethod]
        public void Control_Characters_And_Replacement_Characters_Are_No_Value()
        {
            Assert.AreEqual(-99, CommandValue.Parse("\uFFFD\uFFFD"));
            Assert.AreEqual(-99, CommandValue.Parse(new string((char)0, 1) + "\u0001\u001B[0m"));
            Assert.AreEqual(1, CommandValue.Parse("\u00011"));
        }
    }
}
