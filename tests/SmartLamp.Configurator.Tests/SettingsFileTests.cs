using SmartLamp.Configurator;

namespace SmartLamp.Configurator.Tests;

[TestClass]
public class SettingsFileTests
{
    private static ConfiguratorException Refused(string text)
    {
        var e = Assert.ThrowsExactly<ConfiguratorException>(() => SettingsFile.Parse(text, "lamp.json"));
        Assert.AreEqual(ExitCodes.Usage, e.ExitCode);
        return e;
    }

    [TestMethod]
    public void Json_Keys_Are_Commands_And_Values_Their_Payloads()
    {
        List<string> c = SettingsFile.Parse(
            "{ \"$schema\": \"x\", // comment\n \"MqttHost\": \"10.0.0.2\", \"MqttPort\": 1883, \"Topic\": \"hall\", \"SetOption0\": true, \"PowerRetain\": false, \"StateText\": [\"aus\", \"an\"], }",
            "lamp.json");

        CollectionAssert.AreEqual(new[] { "MqttHost 10.0.0.2", "MqttPort 1883", "Topic hall", "SetOption0 1", "PowerRetain 0", "StateText1 aus", "StateText2 an" }, c);
        Assert.AreEqual("Backlog0 MqttHost 10.0.0.2; MqttPort 1883; Topic hall; SetOption0 1; PowerRetain 0; StateText1 aus; StateText2 an", SettingsFile.ToBacklog(c, "lamp.json"));
    }

    [TestMethod]
    public void Text_Files_Have_One_Command_Per_Line()
    {
        List<string> c = SettingsFile.Parse("# hall lamp\r\nMqttHost 10.0.0.2\r\n\r\n  Topic hall  \n// end\n", "lamp.txt");
        CollectionAssert.AreEqual(new[] { "MqttHost 10.0.0.2", "Topic hall" }, c);
    }

    [TestMethod]
    public void Values_That_Cannot_Go_Into_A_Backlog_Are_Refused_By_Name()
    {
        Assert.AreEqual("lamp.json: \"Topic\" = \"a;b\" contains ';' or a line break, which would split the Backlog", Refused("{\"Topic\":\"a;b\"}").Message);
        Assert.AreEqual("lamp.json: \"MqttPassword\" (value hidden) contains ';' or a line break, which would split the Backlog", Refused("{\"MqttPassword\":\"se;cret\"}").Message);
        StringAssert.StartsWith(Refused("{\"Topic\":\"\"}").Message, "lamp.json: \"Topic\" is empty");
        StringAssert.StartsWith(Refused("{\"Topic\":null}").Message, "lamp.json: \"Topic\" is null");
        Assert.AreEqual("lamp.json: \"Timer1\" must be a string, number or true/false, not object", Refused("{\"Timer1\":{\"Enable\":1}}").Message);
        Assert.AreEqual("lamp.json: \"Mqtt Host\" is not a command name", Refused("{\"Mqtt Host\":\"x\"}").Message);
        StringAssert.StartsWith(Refused("{\"Backlog\":\"Power on\"}").Message, "lamp.json: no Backlog inside a settings file");
        StringAssert.StartsWith(Refused("Power on; Power off").Message, "lamp.json line 1: ';' would split the Backlog");
        StringAssert.StartsWith(Refused("{\"Topic\": ").Message, "lamp.json: not valid JSON");
        Assert.AreEqual("lamp.json: the JSON must be an object of command names and values", Refused("[\"Topic x\"]").Message);
        Assert.AreEqual("lamp.json: no commands in the settings file", Refused("# nothing\n").Message);
    }

    [TestMethod]
    public void More_Than_30_Commands_Or_A_Line_Over_800_Bytes_Is_Refused()
    {
        string many = string.Join("\n", Enumerable.Range(1, 31).Select(i => "StateText1 " + i));
        Assert.AreEqual("lamp.json: 31 commands, but one Backlog holds at most 30; split the file", Refused(many).Message);

        List<string> fits = SettingsFile.Parse("{\"FullTopic\":\"" + new string('a', 781) + "\"}", "lamp.json");
        Assert.AreEqual(800, SettingsFile.ToBacklog(fits, "lamp.json").Length);

        List<string> big = SettingsFile.Parse("{\"FullTopic\":\"" + new string('\u00e4', 391) + "\"}", "lamp.json");
        var e = Assert.ThrowsExactly<ConfiguratorException>(() => SettingsFile.ToBacklog(big, "lamp.json"));
        Assert.AreEqual("lamp.json: the Backlog would be 801 bytes, the device's console accepts 800; split the file", e.Message);
    }

    [TestMethod]
    public void A_Missing_File_Is_A_Usage_Error()
    {
        var e = Assert.ThrowsExactly<ConfiguratorException>(() => SettingsFile.Load("/nonexistent/lamp.json"));
        Assert.AreEqual(ExitCodes.Usage, e.ExitCode);
        StringAssert.StartsWith(e.Message, "cannot read settings file /nonexistent/lamp.json");
    }
}
