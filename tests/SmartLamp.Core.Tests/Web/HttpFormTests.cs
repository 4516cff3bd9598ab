using nanoFramework.TestFramework;
using SmartLamp.Core.Web;

namespace SmartLamp.Core.Tests.Web
{
    [TestClass]
    public class HttpFormTests
    {
        [TestMethod]
        public void Query_Arguments_Are_Decoded()
        {
            string t = "/cm?user=admin&cmnd=Backlog+Power%20on%3BPower2%20off&empty=&flag";
            Assert.AreEqual("/cm", HttpForm.Path(t));
            Assert.AreEqual("Backlog Power on;Power2 off", HttpForm.Arg(t, null, "cmnd"));
            Assert.AreEqual("admin", HttpForm.Arg(t, null, "USER"));
            Assert.AreEqual(string.Empty, HttpForm.Arg(t, null, "empty"));
            Assert.AreEqual(string.Empty, HttpForm.Arg(t, null, "flag"));
            Assert.IsNull(HttpForm.Arg(t, null, "password"));
            Assert.IsNull(HttpForm.Arg(t, null, "cmn"));
        }

        [TestMethod]
        public void The_Body_Is_Read_When_The_Query_Lacks_The_Argument()
        {
            Assert.AreEqual("lamp 2", HttpForm.Arg("/cn", "save=1&Topic=lamp+2", "Topic"));
            Assert.AreEqual("q", HttpForm.Arg("/cn?Topic=q", "Topic=b", "Topic"));
        }

        [TestMethod]
        public void Utf8_Sequences_Become_Characters_And_Bad_Ones_U_FFFD()
        {
            Assert.AreEqual("K\u00fcche", HttpForm.Decode("K%C3%BCche", 0, 10));
            Assert.AreEqual("\u20ac", HttpForm.Decode("%E2%82%AC", 0, 9));
            char[] pair = HttpForm.Decode("%F0%9F%98%80", 0, 12).ToCharArray();
            Assert.AreEqual(2, pair.Length);
            Assert.AreEqual(0xD83D, (int)pair[0]);
            Assert.AreEqual(0xDE00, (int)pair[1]);
            Assert.AreEqual("\uFFFDa", HttpForm.Decode("%C3a", 0, 4));
            Assert.AreEqual("\uFFFD", HttpForm.Decode("%FF", 0, 3));
            Assert.AreEqual("%4", HttpForm.Decode("%4", 0, 2));
            Assert.AreEqual("%zz", HttpForm.Decode("%zz", 0, 3));
        }

        [TestMethod]
        public void Decoded_Values_Are_Bounded()
        {
            string big = "/x?a=" + new string('b', 2000);
            Assert.AreEqual(HttpForm.MaxValueLength, HttpForm.Arg(big, null, "a").Length);
        }
    }
}
