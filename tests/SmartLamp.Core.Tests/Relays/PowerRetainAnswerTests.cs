using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    /// <summary>PowerRetain answers with StateText1/2 like every other on/off setting (Tasmota's ResponseCmndStateText).</summary>
    [TestClass]
    public class PowerRetainAnswerTests
    {
        [TestMethod]
        public void PowerRetain_Answer_Uses_The_StateTexts()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("StateText1", "Aus");
            r.Mqtt("StateText2", "An");

            r.Mqtt("PowerRetain", "1");
            Assert.AreEqual("RESULT {\"PowerRetain\":\"An\"}", r.Last());
            Assert.IsTrue(r.S.PowerRetain);

            r.Mqtt("PowerRetain", "0");
            Assert.AreEqual("RESULT {\"PowerRetain\":\"Aus\"}", r.Last());
            Assert.IsFalse(r.S.PowerRetain);

            r.Mqtt("PowerRetain", string.Empty);
            Assert.AreEqual("RESULT {\"PowerRetain\":\"Aus\"}", r.Last());
        }
    }
}
