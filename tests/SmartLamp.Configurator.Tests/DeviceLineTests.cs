using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

[TestClass]
public class DeviceLineTests
{
    [TestMethod]
    public void A_Published_Line_With_Time_Stamp_And_Retain_Flag()
    {
        DeviceLine l = DeviceLine.Parse("01:02:03.456 MQT: tele/lamp/LWT = Online (retained)");

        Assert.AreEqual(DeviceLineKind.Publish, l.Kind);
        Assert.AreEqual("MQT: tele/lamp/LWT = Online (retained)", l.Body);
        Assert.AreEqual("tele/lamp/LWT", l.Subject);
        Assert.AreEqual("Online", l.Payload);
        Assert.AreEqual("LWT", l.Subtopic);
        Assert.IsFalse(l.IsAnswer);
    }

    [TestMethod]
    public void A_Result_While_Mqtt_Is_Down_Without_Time_Stamp()
    {
        DeviceLine l = DeviceLine.Parse("RSL: RESULT = {\"POWER\":\"ON\"}");

        Assert.AreEqual(DeviceLineKind.Publish, l.Kind);
        Assert.AreEqual("RESULT", l.Subtopic);
        Assert.IsTrue(l.IsAnswer);
    }

    [TestMethod]
    public void Old_Tasmota_Time_Stamps_Without_Milliseconds_Are_Stripped()
    {
        DeviceLine l = DeviceLine.Parse("13:45:21 CMD: Status 0");

        Assert.AreEqual(DeviceLineKind.Command, l.Kind);
        Assert.AreEqual("Status 0", l.Subject);
    }

    [TestMethod]
    public void Log_Lines_Are_Not_Publishes()
    {
        Assert.AreEqual(DeviceLineKind.Other, DeviceLine.Parse("MQT: Attempting connection...").Kind);
        Assert.AreEqual(DeviceLineKind.Other, DeviceLine.Parse("MQT: ignored retained cmnd/x/POWER = ON (MqttRetainedCmnd 1 executes retained commands)").Kind);
        Assert.AreEqual(DeviceLineKind.Other, DeviceLine.Parse("SIM: Wi-Fi off").Kind);
        Assert.AreEqual(DeviceLineKind.Other, DeviceLine.Parse(null).Kind);
        Assert.IsFalse(DeviceLine.Parse("MQT: stat/x/POWER = ON").IsAnswer, "not JSON");
    }
}
