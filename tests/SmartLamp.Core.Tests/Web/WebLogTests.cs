using nanoFramework.TestFramework;
using SmartLamp.Core.Web;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Web
{
    [TestClass]
    public class WebLogTests
    {
        /// <summary>Line <paramref name="number"/> as the console page writes it (null when no longer kept).</summary>
        private static string Line(WebLog log, int number)
        {
            FakeHttpResponse r = new FakeHttpResponse();
            HtmlOut o = new HtmlOut();
            o.Begin(r, 200, "text/plain", null);
            bool kept = log.WriteLine(number, o, false);
            o.End();
            Assert.IsTrue(kept || r.Body.Length == 0, "nothing written for a line no longer kept");
            return kept ? r.Body : null;
        }

        [TestMethod]
        public void Lines_Are_Numbered_Passed_On_And_Only_The_Last_Ones_Kept()
        {
            RecordingLog inner = new RecordingLog();
            WebLog log = new WebLog(inner, true);
            Assert.AreEqual(0, log.LastNumber);
            Assert.IsNull(Line(log, 1));
            for (int i = 1; i <= WebLog.Lines + 5; i++)
            {
                log.Write("MQT", "line ", i.ToString(), null);
            }

            Assert.AreEqual(WebLog.Lines + 5, log.LastNumber);
            Assert.AreEqual(WebLog.Lines + 5, inner.Count);
            Assert.IsNull(Line(log, 5));
            Assert.IsNull(Line(log, 0));
            Assert.IsNull(Line(log, WebLog.Lines + 6));
            Assert.AreEqual("MQT: line 6", Line(log, 6));
            Assert.AreEqual("MQT: line " + (WebLog.Lines + 5), Line(log, WebLog.Lines + 5));
        }

        [TestMethod]
        public void Without_A_Web_Server_Lines_Are_Passed_On_But_Not_Kept()
        {
            RecordingLog inner = new RecordingLog();
            WebLog log = new WebLog(inner, false);
            log.Write("MQT", "line ", "1", null);
            log.Write("MQT", "line ", "2", null);
            Assert.AreEqual(2, inner.Count);
            Assert.AreEqual(0, log.LastNumber);
            Assert.IsNull(Line(log, 1));
        }

        [TestMethod]
        public void Long_Lines_Are_Cut_And_Survive_Wrapping_And_Growing()
        {
            WebLog log = new WebLog(new RecordingLog(), true);
            string longText = new string('x', WebLog.MaxLineLength + 50);
            for (int round = 0; round < 3; round++)
            {
                // Short lines first, so the buffer wraps around mid-line, then long ones make it grow.
                for (int i = 0; i < 37; i++)
                {
                    log.Write("T", "short ", i.ToString(), "!");
                }

                for (int i = 0; i < 30; i++)
                {
                    log.Write("L", i.ToString(), "-", longText);
                    string line = Line(log, log.LastNumber);
                    Assert.AreEqual(WebLog.MaxLineLength, line.Length);
                    Assert.AreEqual(("L: " + i + "-" + longText).Substring(0, WebLog.MaxLineLength), line);
                }

                for (int i = 0; i < WebLog.Lines + 3; i++)
                {
                    log.Write("T", "after ", i.ToString(), null);
                }

                for (int back = 0; back < WebLog.Lines; back++)
                {
                    Assert.AreEqual("T: after " + (WebLog.Lines + 2 - back), Line(log, log.LastNumber - back));
                }
            }
        }

        [TestMethod]
        public void Every_Kept_Line_Reads_Back_While_The_Buffer_Wraps()
        {
            WebLog log = new WebLog(new RecordingLog(), true);
            for (int i = 1; i <= 500; i++)
            {
                log.Write("N", new string((char)('a' + (i % 26)), i % 97), null, null);
                for (int k = i - WebLog.Lines + 1; k <= i; k++)
                {
                    if (k > 0)
                    {
                        Assert.AreEqual("N: " + new string((char)('a' + (k % 26)), k % 97), Line(log, k));
                    }
                }
            }
        }
    }
}
