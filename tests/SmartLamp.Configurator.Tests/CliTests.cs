using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

[TestClass]
public class CliTests
{
    private sealed class Run
    {
        public readonly StringWriter Out = new();
        public readonly StringWriter Err = new();
        public readonly List<string> Opened = new();
        public int Code;

        public static Run With(FakeDevice device, params string[] args)
        {
            var r = new Run();
            r.Code = ConfiguratorCli.Run(args, r.Out, r.Err, (port, baud) =>
            {
                r.Opened.Add(port + "@" + baud);
                return device;
            });
            return r;
        }
    }

    [TestMethod]
    public void Send_Prints_Each_Command_And_Its_Answer_And_Closes_The_Port()
    {
        FakeDevice d = FakeDevice.SmartLamp();
        Run r = Run.With(d, "--port", "/dev/ttyUSB0", "send", "MqttHost 10.0.0.2", "Topic hall");

        Assert.AreEqual(ExitCodes.Ok, r.Code, r.Err.ToString());
        CollectionAssert.AreEqual(new[] { "/dev/ttyUSB0@115200" }, r.Opened);
        Assert.AreEqual("> MqttHost 10.0.0.2\n< {\"MqttHost\":\"10.0.0.2\"}\n> Topic hall\n< {\"Topic\":\"hall\"}\n", r.Out.ToString().Replace("\r\n", "\n"));
        Assert.IsTrue(d.Disposed);
    }

    [TestMethod]
    public void Apply_Sends_One_Backlog_Then_Status_0()
    {
        string file = Path.Combine(Path.GetTempPath(), "smartlamp-cfg-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, "{\"MqttHost\":\"10.0.0.2\",\"Topic\":\"hall\",\"MqttPassword\":\"hunter22\"}");
        try
        {
            var d = new FakeDevice();
            d.Respond = line => line.StartsWith("Backlog0", StringComparison.Ordinal)
                ? new[] { "CMD: " + SmartLamp.Core.Console.SecretMask.CommandLine(line), "RSL: RESULT = {\"MqttHost\":\"10.0.0.2\"}", "RSL: RESULT = {\"Topic\":\"hall\"}", "RSL: RESULT = {\"MqttPassword\":\"****\"}" }
                : new[] { "CMD: Status 0", "MQT: stat/hall/STATUS = {\"Status\":{\"Topic\":\"hall\"}}", "MQT: stat/hall/STATUS6 = {\"StatusMQT\":{\"MqttHost\":\"10.0.0.2\"}}" };

            Run r = Run.With(d, "apply", file, "-p", "COM3", "--baud", "9600");

            Assert.AreEqual(ExitCodes.Ok, r.Code, r.Err.ToString());
            CollectionAssert.AreEqual(new[] { "Backlog0 MqttHost 10.0.0.2; Topic hall; MqttPassword hunter22", "Status 0" }, d.Sent);
            CollectionAssert.AreEqual(new[] { "COM3@9600" }, r.Opened);
            string output = r.Out.ToString();
            StringAssert.Contains(output, "> Backlog0 MqttHost 10.0.0.2; Topic hall; MqttPassword ****");
            StringAssert.Contains(output, "< {\"StatusMQT\":{\"MqttHost\":\"10.0.0.2\"}}");
            Assert.DoesNotContain("hunter22", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void Send_Backlog_Status_Sends_One_Backlog0_Then_Reads_Status_0()
    {
        var d = new FakeDevice();
        d.Respond = line => line.StartsWith("Backlog0", StringComparison.Ordinal)
            ? new[] { "CMD: " + line, "RSL: RESULT = {\"MqttHost\":\"10.0.0.2\"}", "RSL: RESULT = {\"Topic\":\"hall\"}" }
            : new[] { "CMD: " + line, "RSL: STATUS = {\"Status\":{\"Topic\":\"hall\"}}" };

        Run r = Run.With(d, "-p", "/dev/ttyUSB0", "send", "--backlog", "--status", "MqttHost 10.0.0.2", "Topic hall");

        Assert.AreEqual(ExitCodes.Ok, r.Code, r.Err.ToString());
        CollectionAssert.AreEqual(new[] { "Backlog0 MqttHost 10.0.0.2; Topic hall", "Status 0" }, d.Sent);
        Assert.AreEqual("> Backlog0 MqttHost 10.0.0.2; Topic hall\n< {\"MqttHost\":\"10.0.0.2\"}\n< {\"Topic\":\"hall\"}\n> Status 0\n< {\"Status\":{\"Topic\":\"hall\"}}\n", r.Out.ToString().Replace("\r\n", "\n"));
    }

    [TestMethod]
    public void Apply_Sends_A_Rule_With_A_Backlog_On_Its_Own_Line_After_The_Backlog()
    {
        string file = Path.Combine(Path.GetTempPath(), "smartlamp-cfg-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(file, "Topic hall\nRule1 ON Event#ALARM DO Backlog Power1 ON; Delay 10 ENDON\n");
        try
        {
            var d = new FakeDevice { Respond = line => new[] { "CMD: " + line, "RSL: RESULT = {\"" + line.Split(' ')[0] + "\":\"ok\"}" } };

            Run r = Run.With(d, "-p", "/dev/ttyUSB0", "apply", "--no-status", file);

            Assert.AreEqual(ExitCodes.Ok, r.Code, r.Err.ToString());
            CollectionAssert.AreEqual(new[] { "Backlog0 Topic hall", "Rule1 ON Event#ALARM DO Backlog Power1 ON; Delay 10 ENDON" }, d.Sent);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestMethod]
    public void Send_Backlog_Refuses_A_Command_With_A_Semicolon_Before_Opening_The_Port()
    {
        Run r = Run.With(new FakeDevice(), "-p", "/dev/ttyUSB0", "send", "--backlog", "Topic hall", "Rule1 ON x DO Backlog a; b ENDON");

        Assert.AreEqual(ExitCodes.Usage, r.Code);
        Assert.IsEmpty(r.Opened);
        StringAssert.Contains(r.Err.ToString(), "holds ';' and cannot go inside a Backlog");
    }

    [TestMethod]
    public void An_Unusable_Settings_File_Fails_Before_The_Port_Is_Opened()
    {
        Run r = Run.With(new FakeDevice(), "-p", "/dev/ttyUSB0", "apply", "/nonexistent/lamp.json");

        Assert.AreEqual(ExitCodes.Usage, r.Code);
        Assert.IsEmpty(r.Opened);
        StringAssert.StartsWith(r.Err.ToString(), "smartlamp-config: error: cannot read settings file /nonexistent/lamp.json");
    }

    [TestMethod]
    public void A_Device_Error_Gives_Exit_Code_1_And_The_Other_Commands_Still_Run()
    {
        var d = new FakeDevice
        {
            Respond = line => new[] { "CMD: " + line, line.StartsWith("Frob", StringComparison.Ordinal) ? "RSL: RESULT = {\"Command\":\"Unknown\"}" : "RSL: RESULT = {\"POWER\":\"ON\"}" },
        };

        Run r = Run.With(d, "-p", "/dev/ttyUSB0", "send", "Frob 1", "Power on");

        Assert.AreEqual(ExitCodes.DeviceError, r.Code);
        CollectionAssert.AreEqual(new[] { "Frob 1", "Power on" }, d.Sent);
        Assert.AreEqual("smartlamp-config: error: the device answered {\"Command\":\"Unknown\"} to \"Frob 1\"", r.Err.ToString().Trim());
    }

    [TestMethod]
    public void A_Silent_Device_Gives_Exit_Code_5()
    {
        Run r = Run.With(new FakeDevice(), "-p", "/dev/ttyUSB0", "status");

        Assert.AreEqual(ExitCodes.NoAnswer, r.Code);
        StringAssert.StartsWith(r.Err.ToString(), "smartlamp-config: error: no answer from the device within 5 s to \"Status 0\"");
    }

    [TestMethod]
    public void Nothing_Printed_Ever_Holds_A_Password_Even_From_A_Tasmota_That_Echoes_It()
    {
        var d = new FakeDevice
        {
            Respond = line => new[] { "00:00:01 CMD: " + line, "00:00:01 MQT: stat/t/RESULT = {\"" + line.Split(' ')[0] + "\":\"" + line.Substring(line.IndexOf(' ') + 1) + "\"}" },
        };

        Run r = Run.With(d, "-p", "/dev/ttyUSB0", "--verbose", "send", "MqttPassword hunter22", "Password1 wifi-secret", "Topic hunter22x");

        string all = r.Out.ToString() + r.Err.ToString();
        Assert.AreEqual(ExitCodes.Ok, r.Code, all);
        Assert.DoesNotContain("hunter22\"", all);
        Assert.DoesNotContain("wifi-secret", all);
        StringAssert.Contains(all, "< {\"MqttPassword\":\"****\"}");
        StringAssert.Contains(all, "  | 00:00:01 CMD: Password1 ****");
    }

    [TestMethod]
    public void Bad_Arguments_Give_Exit_Code_2()
    {
        Assert.AreEqual(ExitCodes.Usage, Run.With(new FakeDevice(), "send", "Power on").Code, "--port missing");
        Assert.AreEqual(ExitCodes.Usage, Run.With(new FakeDevice(), "-p", "x", "send").Code, "no command");
        Assert.AreEqual(ExitCodes.Usage, Run.With(new FakeDevice(), "-p", "x").Code, "no verb");
        Assert.AreEqual(ExitCodes.Usage, Run.With(new FakeDevice(), "-p", "x", "--baud", "12", "status").Code);
        Assert.AreEqual(ExitCodes.Usage, Run.With(new FakeDevice(), "-p", "x", "--timeout", "0", "status").Code);
    }

    [TestMethod]
    public void A_Missing_Port_Gives_Exit_Code_3()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        int code = ConfiguratorCli.Run(new[] { "--port", "/nonexistent/ttyUSB9", "status" }, output, errors);

        Assert.AreEqual(ExitCodes.PortMissing, code);
        StringAssert.StartsWith(errors.ToString(), "smartlamp-config: error: serial port /nonexistent/ttyUSB9 not found");
    }

    [TestMethod]
    public void Help_Lists_The_Verbs_And_Exit_Codes()
    {
        var output = new StringWriter();
        int code = ConfiguratorCli.Run(new[] { "--help" }, output, new StringWriter());

        Assert.AreEqual(0, code);
        string help = output.ToString();
        StringAssert.Contains(help, "send");
        StringAssert.Contains(help, "apply");
        StringAssert.Contains(help, "status");
        StringAssert.Contains(help, "5  no answer from the device within --timeout");
    }
}
