using nanoFramework.TestFramework;
using SmartLamp.Core.Web;

namespace SmartLamp.Core.Tests.Web
{
    [TestClass]
    public class DnsResponderTests
    {
        // Query id 0x1234, RD, one question "connectivitycheck.gstatic.com" type A class IN.
        private static byte[] Query(int qtype)
        {
            string[] labels = new string[] { "connectivitycheck", "gstatic", "com" };
            byte[] q = new byte[64];
            q[0] = 0x12;
            q[1] = 0x34;
            q[2] = 0x01;
            q[5] = 1;
            int p = 12;
            for (int i = 0; i < labels.Length; i++)
            {
                q[p++] = (byte)labels[i].Length;
                for (int j = 0; j < labels[i].Length; j++)
                {
                    q[p++] = (byte)labels[i][j];
                }
            }

            q[p++] = 0;
            q[p++] = 0;
            q[p++] = (byte)qtype;
            q[p++] = 0;
            q[p++] = 1;
            byte[] r = new byte[p];
            System.Array.Copy(q, r, p);
            return r;
        }

        [TestMethod]
        public void An_A_Question_Gets_The_Access_Point_Address()
        {
            byte[] q = Query(1);
            byte[] a = new byte[600];
            int n = DnsResponder.Answer(q, q.Length, DnsResponder.ParseIp("192.168.4.1"), a);
            Assert.AreEqual(q.Length + 16, n);
            Assert.AreEqual(0x12, (int)a[0]);
            Assert.AreEqual(0x34, (int)a[1]);
            Assert.AreEqual(0x85, (int)a[2]); // QR AA RD
            Assert.AreEqual(1, (int)a[7]);    // one answer
            Assert.AreEqual(0xC0, (int)a[q.Length]);
            Assert.AreEqual(192, (int)a[n - 4]);
            Assert.AreEqual(168, (int)a[n - 3]);
            Assert.AreEqual(4, (int)a[n - 2]);
            Assert.AreEqual(1, (int)a[n - 1]);
        }

        [TestMethod]
        public void Other_Types_Get_No_Answer_Records()
        {
            byte[] q = Query(28); // AAAA
            byte[] a = new byte[600];
            Assert.AreEqual(q.Length, DnsResponder.Answer(q, q.Length, DnsResponder.ParseIp("192.168.4.1"), a));
            Assert.AreEqual(0, (int)a[7]);
        }

        [TestMethod]
        public void Malformed_Messages_Are_Dropped()
        {
            byte[] ip = DnsResponder.ParseIp("10.0.0.1");
            byte[] a = new byte[600];
            byte[] q = Query(1);
            Assert.AreEqual(0, DnsResponder.Answer(q, 11, ip, a));            // shorter than a header
            Assert.AreEqual(0, DnsResponder.Answer(q, q.Length - 2, ip, a));  // question cut
            q[2] = 0x81;                                                       // a response
            Assert.AreEqual(0, DnsResponder.Answer(q, q.Length, ip, a));
            q = Query(1);
            q[12] = 0xC0;                                                      // compression inside the question
            Assert.AreEqual(0, DnsResponder.Answer(q, q.Length, ip, a));
            q = Query(1);
            q[5] = 0;                                                          // no question
            Assert.AreEqual(0, DnsResponder.Answer(q, q.Length, ip, a));
            Assert.AreEqual(0, DnsResponder.Answer(Query(1), 20, ip, new byte[10]));
        }

        [TestMethod]
        public void Random_Bytes_Never_Throw()
        {
            System.Random rnd = new System.Random(53);
            byte[] ip = DnsResponder.ParseIp("192.168.4.1");
            byte[] q = new byte[DnsResponder.MaxMessage];
            byte[] a = new byte[DnsResponder.MaxMessage + 16];
            for (int n = 0; n < 2000; n++)
            {
                int len = rnd.Next(q.Length + 1);
                for (int i = 0; i < len; i++)
                {
                    q[i] = (byte)rnd.Next(256);
                }

                if (n % 2 == 0 && len > 12)
                {
                    q[2] = 0;
                    q[4] = 0;
                    q[5] = 1;
                }

                int r = DnsResponder.Answer(q, len, ip, a);
                Assert.IsTrue(r >= 0 && r <= a.Length);
            }
        }

        [TestMethod]
        public void Addresses_Parse_Only_As_Dotted_Quads()
        {
            Assert.IsNotNull(DnsResponder.ParseIp("192.168.4.1"));
            Assert.IsNull(DnsResponder.ParseIp("192.168.4"));
            Assert.IsNull(DnsResponder.ParseIp("192.168.4.256"));
            Assert.IsNull(DnsResponder.ParseIp("1..2.3"));
            Assert.IsNull(DnsResponder.ParseIp("a.b.c.d"));
        }
    }
}
