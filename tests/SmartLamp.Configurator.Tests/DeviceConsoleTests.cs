using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

[TestClass]
public class DeviceConsoleTests
{
    private static DeviceConsole Console(IConsoleLink link, StringWriter trace = null)
    {
        return new DeviceConsole(link, new Redactor(), trace, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(300));
    }

    [TestMethod]
    public void A_Command_Is_Sent_Once_And_Its_Json_Answer_Returned()
    {
        var d = FakeDevice.SmartLamp();
        CommandAnswer a = Console(d).Send("  MqttHost 10.0.0.2 ");

        CollectionAssert.AreEqual(new[] { "MqttHost 10.0.0.2" }, d.Sent);
        Assert.HasCount(1, a.Answers);
        Assert.AreEqual("{\"MqttHost\":\"10.0.0.2\"}", a.Answers[0].Payload);
        Assert.IsEmpty(a.Errors);
    }

    [TestMethod]
    public void Lines_Before_The_Echo_And_Telemetry_After_It_Are_Not_Answers()
    {
        var d = new FakeDevice();
        d.Print("00:00:00.500 MQT: stat/lamp/RESULT = {\"POWER\":\"OFF\"}");
        d.Respond = _ => new[]
        {
            "00:00:01.000 MQT: Attempting connection...",
            "00:00:01.000 CMD: Power on",
            "00:00:01.001 MQT: tele/lamp/STATE = {\"POWER\":\"ON\"}",
            "00:00:01.001 RSL: LWT = {\"x\":1}",
            "00:00:01.002 MQT: stat/lamp/RESULT = {\"POWER\":\"ON\"}",
            "00:00:01.002 MQT: stat/lamp/POWER = ON",
        };

        CommandAnswer a = Console(d).Send("Power on");

        Assert.HasCount(1, a.Answers);
        Assert.AreEqual("{\"POWER\":\"ON\"}", a.Answers[0].Payload);
    }

    [TestMethod]
    public void Status_0_Collects_Every_Status_Part_But_Not_A_Later_Result()
    {
        var d = new FakeDevice();
        d.Respond = _ => new[]
        {
            "CMD: Status 0",
            "RSL: STATUS = {\"Status\":{\"Topic\":\"lamp\"}}",
            "RSL: STATUS1 = {\"StatusPRM\":{}}",
            "RSL: STATUS11 = {\"StatusSTS\":{}}",
            "RSL: RESULT = {\"POWER\":\"ON\"}",
        };

        CommandAnswer a = Console(d).Send("Status 0");

        CollectionAssert.AreEqual(new[] { "STATUS", "STATUS1", "STATUS11" }, a.Answers.Select(x => x.Subtopic).ToArray());
    }

    [TestMethod]
    public void A_Backlog_Waits_For_One_Answer_Per_Command()
    {
        var d = new FakeDevice();
        d.Respond = _ => new[]
        {
            "CMD: Backlog0 Topic hall; MqttHost 10.0.0.2",
            "MQT: stat/lamp/RESULT = {\"Topic\":\"hall\"}",
            "MQT: tele/lamp/LWT = Offline (retained)",
            "MQT: stat/lamp/RESULT = {\"MqttHost\":\"10.0.0.2\"}",
            "MQT: stat/hall/RESULT = {\"POWER\":\"ON\"}",
        };

        CommandAnswer a = Console(d).Send("Backlog0 Topic hall; MqttHost 10.0.0.2", 2);

        CollectionAssert.AreEqual(new[] { "{\"Topic\":\"hall\"}", "{\"MqttHost\":\"10.0.0.2\"}" }, a.Answers.Select(x => x.Payload).ToArray());
        Assert.AreEqual(2, a.Expected);
    }

    [TestMethod]
    public void Error_And_Unknown_Answers_Are_Errors()
    {
        Assert.IsTrue(DeviceConsole.IsError("{\"Command\":\"Error\"}"));
        Assert.IsTrue(DeviceConsole.IsError("{\"Command\":\"Unknown\"}"));
        Assert.IsTrue(DeviceConsole.IsError("{\"MqttPort\":\"Error\"}"));
        Assert.IsFalse(DeviceConsole.IsError("{\"StateText1\":\"Unknown\"}"));
        Assert.IsFalse(DeviceConsole.IsError("{\"POWER\":\"ON\"}"));
        Assert.IsFalse(DeviceConsole.IsError("not json"));
    }

    [TestMethod]
    public void No_Echo_Is_No_Answer()
    {
        var d = new FakeDevice();
        d.Print("00:00:01.000 MQT: Attempting connection...");

        var e = Assert.ThrowsExactly<ConfiguratorException>(() => Console(d).Send("MqttPassword hunter22"));

        Assert.AreEqual(ExitCodes.NoAnswer, e.ExitCode);
        Assert.AreEqual("no answer from the device within 5 s to \"MqttPassword ****\" (is --port the device's serial console, at --baud?)", e.Message);
    }

    [TestMethod]
    public void An_Echo_Without_Answer_Is_No_Answer()
    {
        var d = new FakeDevice { Respond = _ => new[] { "CMD: Publish x y" } };

        var e = Assert.ThrowsExactly<ConfiguratorException>(() => Console(d).Send("Publish x y"));

        Assert.AreEqual(ExitCodes.NoAnswer, e.ExitCode);
        StringAssert.StartsWith(e.Message, "the device took \"Publish x y\" but gave no answer");
    }

    [TestMethod]
    public void An_Overrun_Answer_Means_The_Line_Was_Refused()
    {
        var d = new FakeDevice { Respond = _ => new[] { "CMD: Serial buffer overrun: line longer than 800 bytes ignored" } };

        var e = Assert.ThrowsExactly<ConfiguratorException>(() => Console(d).Send("Topic " + new string('x', 900)));

        Assert.AreEqual(ExitCodes.DeviceError, e.ExitCode);
        StringAssert.StartsWith(e.Message, "the device refused the line (Serial buffer overrun: line longer than 800 bytes ignored)");
    }

    [TestMethod]
    public void A_Tasmota_Echo_In_Clear_Text_Also_Matches_And_The_Trace_Is_Masked()
    {
        var d = new FakeDevice
        {
            Respond = _ => new[]
            {
                "12:00:00.000 CMD: MqttPassword hunter22",
                "12:00:00.001 MQT: stat/t/RESULT = {\"MqttPassword\":\"hunter22\"}",
            },
        };
        var trace = new StringWriter();

        CommandAnswer a = Console(d, trace).Send("MqttPassword hunter22");

        Assert.HasCount(1, a.Answers);
        Assert.DoesNotContain("hunter22", trace.ToString());
        StringAssert.Contains(trace.ToString(), "  | 12:00:00.000 CMD: MqttPassword ****");
    }
}
