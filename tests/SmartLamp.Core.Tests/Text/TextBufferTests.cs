using nanoFramework.TestFramework;
using SmartLamp.Core.Text;

namespace SmartLamp.Core.Tests.Text
{
    [TestClass]
    public class TextBufferTests
    {
        [TestMethod]
        public void Appends_Characters_Strings_And_Other_Buffers_In_Order()
        {
            TextBuffer other = new TextBuffer(8);
            other.Append("xy");
            TextBuffer b = new TextBuffer(8);
            b.Append('a').Append("bc").Append((string)null).Append(other).Append((TextBuffer)null).Append('d');

            Assert.AreEqual("abcxyd", b.ToString());
            Assert.AreEqual(6, b.Length);
            Assert.AreEqual('x', b[3]);
        }

        [TestMethod]
        public void Grows_Past_Its_Capacity_Keeping_The_Content_Also_When_Appended_To_Itself()
        {
            TextBuffer b = new TextBuffer(1);
            string expected = string.Empty;
            for (int i = 0; i < 100; i++)
            {
                b.Append((char)('a' + (i % 26)));
                expected += (char)('a' + (i % 26));
            }

            b.Append(expected);
            TextBuffer copy = new TextBuffer(1);
            copy.Append(b).Append(b);

            Assert.AreEqual(expected + expected, b.ToString());
            Assert.AreEqual(400, copy.Length);
            Assert.AreEqual(expected + expected + expected + expected, copy.ToString());

            TextBuffer self = new TextBuffer(4);
            self.Append("abc").Append(self).Append(self);
            Assert.AreEqual("abcabcabcabc", self.ToString());
        }

        [TestMethod]
        public void Numbers_Are_Decimal_With_Sign_And_Zero()
        {
            TextBuffer b = new TextBuffer(8);
            b.AppendNumber(0).Append(' ').AppendNumber(7).Append(' ').AppendNumber(-42).Append(' ').AppendNumber(1234567890123L)
             .Append(' ').AppendNumber(long.MaxValue).Append(' ').AppendNumber(long.MinValue);

            Assert.AreEqual("0 7 -42 1234567890123 9223372036854775807 -9223372036854775808", b.ToString());
        }

        [TestMethod]
        public void Two_Digits_Keep_The_Leading_Zero_And_Hex_Has_Fixed_Width()
        {
            TextBuffer b = new TextBuffer(8);
            b.AppendTwoDigits(0).Append(':').AppendTwoDigits(7).Append(':').AppendTwoDigits(59).Append(':').AppendTwoDigits(2026);
            b.Append(' ').AppendHex(0x1F, 4, true).Append(' ').AppendHex(0xAB, 2, false).Append(' ').AppendHex(0xDEADBEEF, 8, true);

            Assert.AreEqual("00:07:59:26 001F ab DEADBEEF", b.ToString());
        }

        [TestMethod]
        public void Clear_Starts_Over_And_Reading_Past_The_End_Throws()
        {
            TextBuffer b = new TextBuffer(4);
            b.Append("old text");
            b.Clear();
            Assert.AreEqual(0, b.Length);
            Assert.AreEqual(string.Empty, b.ToString());
            b.Append("new");

            Assert.AreEqual("new", b.ToString());
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => { char c = b[3]; });
        }
    }
}
