using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;

namespace SmartLamp.Core.Tests.Commands
{
    [TestClass]
    public class CommandResponseTests
    {
        [TestMethod]
        public void Builds_Nested_Objects_And_Arrays_With_Escapes()
        {
            CommandResponse r = new CommandResponse();
            r.Add("Topic", "a\"b\\c").Add("Power", 3).BeginObject("Wifi").Add("AP", 1).Add("RSSI", -55).End()
             .BeginArray("StateText").Item("OFF").Item("ON").End().AddIndexed("POWER", 2, "ON");
            Assert.AreEqual("{\"Topic\":\"a\\\"b\\\\c\",\"Power\":3,\"Wifi\":{\"AP\":1,\"RSSI\":-55},\"StateText\":[\"OFF\",\"ON\"],\"POWER2\":\"ON\"}", r.ToJson());
        }

        [TestMethod]
        public void Control_Characters_Are_Escaped_And_Clear_Starts_Over()
        {
            CommandResponse r = new CommandResponse();
            r.Add("x", "a\u0001\n");
            Assert.AreEqual("{\"x\":\"a\\u0001\\n\"}", r.ToJson());
            r.Clear();
            Assert.IsTrue(r.IsEmpty);
            r.Add("n", long.MinValue);
            Assert.AreEqual("{\"n\":-9223372036854775808}", r.ToJson());
        }

        [TestMethod]
        public void SetJson_Returns_The_Same_Instance_And_Suppress_Is_Not_Empty()
        {
            CommandResponse r = new CommandResponse();
            string constant = "{\"POWER\":\"ON\"}";
            r.SetJson(constant);
            Assert.IsTrue(object.ReferenceEquals(constant, r.ToJson()));
            r.Clear();
            r.Suppress();
            Assert.IsFalse(r.IsEmpty);
            Assert.IsTrue(r.Suppressed);
        }

        [TestMethod]
        public void Grows_Past_The_Initial_Buffer()
        {
            CommandResponse r = new CommandResponse();
            string big = new string('x', 600);
            r.Add("a", big).Add("b", big);
            Assert.AreEqual(1 + 6 + 600 + 1 + 5 + 600 + 2, r.ToJson().Length);
        }

        [TestMethod]
        public void AddIndexed_As_First_Item_Opens_The_Object()
        {
            CommandResponse r = new CommandResponse();
            r.AddIndexed("Prefix", 1, "cmnd").AddIndexed("Prefix", 2, "stat");
            Assert.AreEqual("{\"Prefix1\":\"cmnd\",\"Prefix2\":\"stat\"}", r.ToJson());
        }
    }
}
