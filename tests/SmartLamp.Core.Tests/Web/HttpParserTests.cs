using nanoFramework.TestFramework;
using SmartLamp.Core.Ports;
using SmartLamp.Core.Web;

namespace SmartLamp.Core.Tests.Web
{
    [TestClass]
    public class HttpParserTests
    {
        private static byte[] Bytes(string s)
        {
            byte[] b = new byte[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                b[i] = (byte)s[i];
            }

            return b;
        }

        // Random.Next(0) throws on the nanoCLR (it returns 0 on .NET).
        private static int Next(System.Random rnd, int n)
        {
            return n <= 0 ? 0 : rnd.Next(n);
        }

        private static int Parse(string s, HttpRequest req)
        {
            byte[] b = Bytes(s);
            return HttpParser.Parse(b, b.Length, req);
        }

        [TestMethod]
        public void A_Get_With_Headers_Is_Read_Whole()
        {
            HttpRequest req = new HttpRequest();
            string text = "GET /cm?cmnd=Power%20on HTTP/1.1\r\nHost: lamp\r\nAuthorization: Basic YWRtaW46eA==\r\n\r\n";
            Assert.AreEqual(text.Length, Parse(text, req));
            Assert.AreEqual(0, req.Status);
            Assert.AreEqual("GET", req.Method);
            Assert.AreEqual("/cm?cmnd=Power%20on", req.Target);
            Assert.AreEqual("lamp", req.Host);
            Assert.AreEqual("Basic YWRtaW46eA==", req.Authorization);
            Assert.AreEqual(string.Empty, req.Body);
        }

        [TestMethod]
        public void A_Post_Waits_For_Its_Body_Then_Reads_It()
        {
            HttpRequest req = new HttpRequest();
            string head = "POST /cn HTTP/1.1\r\nContent-Length: 11\r\n\r\n";
            Assert.AreEqual(HttpParser.NeedMore, Parse(head + "Topic", req));
            Assert.AreEqual(head.Length + 11, Parse(head + "Topic=lamp1", req));
            Assert.AreEqual("Topic=lamp1", req.Body);
        }

        [TestMethod]
        public void Bare_Line_Feeds_And_No_Headers_Are_Accepted()
        {
            HttpRequest req = new HttpRequest();
            Assert.AreEqual(16, Parse("GET / HTTP/1.0\n\n", req));
            Assert.AreEqual(0, req.Status);
            Assert.AreEqual("/", req.Target);
            Assert.AreEqual(20, Parse("GET /in HTTP/1.1\r\n\r\n", req));
            Assert.AreEqual("/in", req.Target);
        }

        [TestMethod]
        public void Malformed_Requests_Get_400()
        {
            string[] bad = new string[]
            {
                "GET\r\n\r\n", "GET /\r\n\r\n", "get / HTTP/1.1\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET x HTTP/1.1\r\n\r\n",
                "GET / HTTP/2.0\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", "POST / HTTP/1.1\r\nContent-Length: x1\r\n\r\n",
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", "GET /\u0001 HTTP/1.1\r\n\r\n", "GET /\u00e9 HTTP/1.1\r\n\r\n",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                HttpRequest req = new HttpRequest();
                Assert.IsTrue(Parse(bad[i], req) > 0, "complete: case " + i.ToString());
                Assert.AreEqual(400, req.Status, "case " + i.ToString());
            }
        }

        [TestMethod]
        public void Oversized_Parts_Get_414_431_413_And_Unknown_Methods_405()
        {
            HttpRequest req = new HttpRequest();
            string longTarget = "/" + new string('a', HttpRequest.MaxTargetLength);
            Parse("GET " + longTarget + " HTTP/1.1\r\n\r\n", req);
            Assert.AreEqual(414, req.Status);

            Parse("GET " + longTarget + longTarget, req); // no line end yet, already too long
            Assert.AreEqual(414, req.Status);

            Parse("GET / HTTP/1.1\r\nX: " + new string('b', HttpRequest.MaxHeadLength) + "\r\n\r\n", req);
            Assert.AreEqual(431, req.Status);

            Parse("POST / HTTP/1.1\r\nContent-Length: 1025\r\n\r\n", req);
            Assert.AreEqual(413, req.Status);
            Parse("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n", req);
            Assert.AreEqual(413, req.Status);

            Parse("DELETE / HTTP/1.1\r\n\r\n", req);
            Assert.AreEqual(405, req.Status);
        }

        [TestMethod]
        public void Ten_Thousand_Seeded_Mutations_Never_Throw_And_Always_End()
        {
            string[] seeds = new string[]
            {
                "GET /cm?cmnd=Power%20TOGGLE HTTP/1.1\r\nHost: a\r\n\r\n",
                "POST /cn HTTP/1.1\r\nContent-Length: 9\r\nAuthorization: Basic eA==\r\n\r\nTopic=abc",
            };
            System.Random rnd = new System.Random(17);
            HttpRequest req = new HttpRequest();
            byte[] buf = new byte[256];
            int complete = 0;
            for (int n = 0; n < 10000; n++)
            {
                string s = seeds[n % 2];
                int len = s.Length;
                for (int i = 0; i < len; i++)
                {
                    buf[i] = (byte)s[i];
                }

                int edits = 1 + rnd.Next(4);
                for (int e = 0; e < edits; e++)
                {
                    int at = Next(rnd, len);
                    int kind = rnd.Next(3);
                    if (kind == 0)
                    {
                        buf[at] = (byte)rnd.Next(256);
                    }
                    else if (kind == 1 && len < buf.Length)
                    {
                        len = at + 1 + Next(rnd, buf.Length - at - 1);
                    }
                    else
                    {
                        len = at;
                    }
                }

                int used = HttpParser.Parse(buf, len, req);
                Assert.IsTrue(used == HttpParser.NeedMore || (used > 0 && used <= len), "used " + used.ToString());
                if (used > 0 && req.Status == 0)
                {
                    complete++;
                    Assert.IsTrue(req.Target.Length > 0 && req.Target[0] == '/');
                }
            }

            Assert.IsTrue(complete > 0);
        }
    }
}
