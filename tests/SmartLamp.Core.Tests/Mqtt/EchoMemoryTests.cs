using nanoFramework.TestFramework;
using SmartLamp.Core.Mqtt;

namespace SmartLamp.Core.Tests.Mqtt
{
    /// <summary>The memory of recent publishes both loop guards share: window edge, one match each, oldest slot reused.</summary>
    [TestClass]
    public class EchoMemoryTests
    {
        [TestMethod]
        public void A_Publish_Matches_Once_Up_To_Its_Age_Limit_With_Its_Tag()
        {
            EchoMemory m = new EchoMemory(4);
            Assert.AreEqual(-1, m.Take("a", "1", 0, 100), "nothing remembered yet");
            m.Remember("a", "1", 1000, 3);
            Assert.AreEqual(-1, m.Take("a", "2", 1100, 100), "other payload");
            Assert.AreEqual(-1, m.Take("b", "1", 1100, 100), "other topic");
            Assert.AreEqual(3, m.Take("a", "1", 1100, 100), "exactly at the age limit");
            Assert.AreEqual(-1, m.Take("a", "1", 1100, 100), "taken once");

            m.Remember("a", "1", 2000, 5);
            Assert.AreEqual(-1, m.Take("a", "1", 2101, 100), "1 ms past the limit");
        }

        [TestMethod]
        public void The_Oldest_Publish_Is_Forgotten_When_Every_Slot_Is_Used()
        {
            EchoMemory m = new EchoMemory(4);
            string[] payloads = new string[] { "p0", "p1", "p2", "p3", "p4" };
            for (int i = 0; i < payloads.Length; i++)
            {
                m.Remember("t", payloads[i], 0, i);
            }

            Assert.AreEqual(-1, m.Take("t", "p0", 0, 10), "overwritten by the fifth");
            for (int i = 1; i < payloads.Length; i++)
            {
                Assert.AreEqual(i, m.Take("t", payloads[i], 0, 10), payloads[i]);
            }
        }
    }
}
