using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

[TestClass]
public class RedactorTests
{
    [TestMethod]
    public void Command_Lines_Show_Password_Values_As_Stars()
    {
        var r = new Redactor();
        Assert.AreEqual("Backlog0 Topic hall; MqttPassword ****; Password2 ****", r.Command("Backlog0 Topic hall; MqttPassword hunter22; Password2 wifi-pass"));
    }

    [TestMethod]
    public void Json_Password_Members_Are_Masked_Even_From_A_Tasmota()
    {
        var r = new Redactor();
        Assert.AreEqual("{\"MqttPassword\":\"****\",\"Topic\":\"x\"}", r.Text("{\"MqttPassword\":\"a \\\"quoted\\\" pw\",\"Topic\":\"x\"}"));
        Assert.AreEqual("12:00:00 MQT: stat/x/RESULT = {\"Password1\": \"****\"}", r.Text("12:00:00 MQT: stat/x/RESULT = {\"Password1\": \"secret\"}"));
    }

    [TestMethod]
    public void Learned_Secrets_Are_Masked_Anywhere()
    {
        var r = new Redactor();
        r.Learn("Backlog MqttPassword hunter22; Password1 wifi-secret");
        r.Learn("MqttPassword 1");

        Assert.AreEqual("error near **** and ****", r.Text("error near hunter22 and wifi-secret"));
        Assert.AreEqual("CMD: MqttPassword ****", r.Text("CMD: MqttPassword hunter22"));
        Assert.AreEqual("MqttPort 1883", r.Text("MqttPort 1883"), "\"1\" (default password) is too short to be searched for");
    }

    [TestMethod]
    public void A_Learned_Backlog_Is_Split_As_The_Device_Splits_It()
    {
        // The device keeps "{a;bcd}" whole (a ';' between braces does not end a Backlog item), so the
        // whole value is the secret, not "{a".
        var r = new Redactor();
        r.Learn("Backlog MqttPassword {a;bcd}; Topic x");
        Assert.AreEqual("sent ****", r.Text("sent {a;bcd}"));
    }
}
