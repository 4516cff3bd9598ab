using nanoFramework.TestFramework;
using SmartLamp.Core.Console;

namespace SmartLamp.Core.Tests.Console
{
    [TestClass]
    public class SerialLineReaderTests
    {
        // Feeds every character of text as one byte (text must be ASCII or contain \u0080..\u00FF as raw bytes)
        // and returns the lines completed, joined with '|', overruns written as "<OVERRUN>".
        private static string Feed(SerialLineReader reader, string text)
        {
            string result = string.Empty;
            for (int i = 0; i < text.Length; i++)
            {
                int r = reader.Accept((byte)text[i]);
                if (r == SerialLineReader.LineReady)
                {
                    result += (result.Length == 0 ? string.Empty : "|") + reader.Line;
                }
                else if (r == SerialLineReader.Overrun)
                {
                    result += (result.Length == 0 ? string.Empty : "|") + "<OVERRUN>";
                }
            }

            return result;
        }

        [TestMethod]
        public void Cr_Lf_And_CrLf_Each_End_One_Line()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual("Power on|Power off|Status 0|State", Feed(reader, "Power on\rPower off\nStatus 0\r\nState\n"));
            Assert.AreEqual(0, reader.Pending);
        }

        [TestMethod]
        public void Empty_Lines_And_Lf_Cr_Pairs_Give_No_Line()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual(string.Empty, Feed(reader, "\r\n\n\r\r\n"));
            Assert.AreEqual("Power", Feed(reader, "Power\n\r"));
        }

        [TestMethod]
        public void A_Line_Without_Terminator_Stays_Pending()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual(string.Empty, Feed(reader, "Power on"));
            Assert.AreEqual(8, reader.Pending);
            Assert.AreEqual("Power on", Feed(reader, "\r"));
        }

        [TestMethod]
        public void Backspace_And_Del_Erase_The_Last_Character()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual("Power on", Feed(reader, "Powx\ber onn\u007F\r"));
            Assert.AreEqual("Power", Feed(reader, "\b\b\bPower\r"));
        }

        [TestMethod]
        public void Ctrl_U_And_Ctrl_C_Discard_The_Line_So_Far()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual("Power off", Feed(reader, "Reset 1\u0015Power off\r"));
            Assert.AreEqual("State", Feed(reader, "Restart 1\u0003State\n"));
        }

        [TestMethod]
        public void Tab_Is_A_Space_And_Other_Control_Characters_Are_Dropped()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual("Power on", Feed(reader, "Power\ton" + new string((char)0, 1) + "\u0007\u001B\r"));
        }

        [TestMethod]
        public void A_Line_Of_Exactly_The_Maximum_Is_Accepted()
        {
            SerialLineReader reader = new SerialLineReader(10);
            Assert.AreEqual("Topic abcd", Feed(reader, "Topic abcd\r"));
        }

        [TestMethod]
        public void An_Overlong_Line_Is_Refused_Whole_And_The_Next_Line_Works()
        {
            SerialLineReader reader = new SerialLineReader(10);
            Assert.AreEqual("<OVERRUN>", Feed(reader, "Topic abcde\r\n"));
            Assert.AreEqual("Power on", Feed(reader, "Power on\n"));
            Assert.AreEqual("<OVERRUN>|State", Feed(reader, "Backlog Power on; Power off\rState\r"));
        }

        [TestMethod]
        public void Backspace_Cannot_Rescue_An_Overlong_Line()
        {
            SerialLineReader reader = new SerialLineReader(4);
            Assert.AreEqual("<OVERRUN>", Feed(reader, "Power\b\b\r"));
        }

        [TestMethod]
        public void The_Default_Maximum_Is_800_Bytes_And_The_Answer_Says_So()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual(800, reader.MaxLength);
            Assert.AreEqual("Serial buffer overrun: line longer than 800 bytes ignored", SerialLineReader.OverrunMessage);
            string line = new string('x', 800);
            Assert.AreEqual(line, Feed(reader, line + "\n"));
            Assert.AreEqual("<OVERRUN>", Feed(reader, line + "y\n"));
        }

        [TestMethod]
        public void Utf8_Bytes_Are_Decoded_When_The_Line_Ends()
        {
            SerialLineReader reader = new SerialLineReader();
            // "SSId1 Küche €" in UTF-8: ü = C3 BC, € = E2 82 AC.
            Assert.AreEqual("SSId1 K\u00FCche \u20AC", Feed(reader, "SSId1 K\u00C3\u00BCche \u00E2\u0082\u00AC\r"));
        }

        [TestMethod]
        public void Invalid_Utf8_Becomes_Question_Marks_And_Never_Throws()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual("a?b", Feed(reader, "a\u00FFb\r"));
            Assert.AreEqual("a?b", Feed(reader, "a\u00C3b\r"), "truncated two-byte sequence");
            Assert.AreEqual("a?", Feed(reader, "a\u00E2\u0082\r"), "sequence cut by the line end");
            Assert.AreEqual("?", Feed(reader, "\u00C0\u0080\r"), "overlong encoding of NUL");
            Assert.AreEqual("x?y", Feed(reader, "x\u00F0\u009F\u0098\u0080y\r"), "four-byte character");
        }

        [TestMethod]
        public void Backspace_Erases_A_Whole_Multibyte_Character()
        {
            SerialLineReader reader = new SerialLineReader();
            Assert.AreEqual("K", Feed(reader, "K\u00C3\u00BC\b\r"));
        }

        [TestMethod]
        public void Maximum_Outside_1_To_4096_Is_Refused()
        {
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new SerialLineReader(0));
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => new SerialLineReader(4097));
        }
    }
}
