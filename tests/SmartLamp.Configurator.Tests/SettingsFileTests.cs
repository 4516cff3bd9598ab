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
        SettingsPlan p = SettingsFile.Parse(
            "{ \"$schema\": \"x\", // comment\n \"MqttHost\": \"10.0.0.2\", \"MqttPort\": 1883, \"Topic\": \"hall\", \"SetOption0\": true, \"PowerRetain\": false, \"StateText2\": \"an\", }",
            "lamp.json");

        CollectionAssert.AreEqual(new[] { "MqttHost 10.0.0.2", "MqttPort 1883", "Topic hall", "SetOption0 1", "PowerRetain 0", "StateText2 an" }, p.Commands);
        Assert.IsEmpty(p.Skipped);
        List<IReadOnlyList<string>> lines = SettingsFile.ToBacklogs(p.Commands, "lamp.json");
        Assert.HasCount(1, lines);
        Assert.AreEqual("Backlog0 MqttHost 10.0.0.2; MqttPort 1883; Topic hall; SetOption0 1; PowerRetain 0; StateText2 an", SettingsFile.BacklogLine(lines[0]));
    }

    [TestMethod]
    public void A_Copy_Of_The_Device_Settings_File_Sends_Only_Commands_With_Values()
    {
        // The shape of firmware/SmartLamp.Core/Settings/README.md (version 2), shortened.
        SettingsPlan p = SettingsFile.Parse(
            "{\"Crc32\":\"5D2C0A11\",\"Seq\":12,\"Version\":2,\"MqttHost\":\"broker.lan\",\"MqttPort\":1883,\"MqttUser\":\"\",\"MqttPassword\":\"\","
            + "\"Topic\":\"hall\",\"TelePeriod\":300,\"SetOption0\":1,\"Subscriptions\":[\"a\"],\"SavedPower\":1,\"BootCount\":7}",
            "settings.a.json");

        CollectionAssert.AreEqual(new[] { "MqttHost broker.lan", "MqttPort 1883", "Topic hall", "TelePeriod 300", "SetOption0 1" }, p.Commands);
        CollectionAssert.AreEqual(
            new[]
            {
                "Crc32: not a command (kept by the device itself)", "Seq: not a command (kept by the device itself)", "Version: not a command (kept by the device itself)",
                "MqttUser: empty (not set; write 0 to clear it)", "MqttPassword: empty (not set; write 0 to clear it)", "Subscriptions: a list is not one command",
                "SavedPower: not a command (kept by the device itself)", "BootCount: not a command (kept by the device itself)",
            },
            p.Skipped);
    }

    [TestMethod]
    public void Text_Files_Have_One_Command_Per_Line()
    {
        List<string> c = SettingsFile.Parse("# hall lamp\r\nMqttHost 10.0.0.2\r\n\r\n  Topic hall  \n// end\n", "lamp.txt").Commands;
        CollectionAssert.AreEqual(new[] { "MqttHost 10.0.0.2", "Topic hall" }, c);
    }

    [TestMethod]
    public void Values_That_Cannot_Go_Into_A_Backlog_Are_Refused_By_Name()
    {
        Assert.AreEqual("lamp.json: \"Topic\" = \"a\\nb\" contains a line break; the console takes one command per line", Refused("{\"Topic\":\"a\\nb\"}").Message);
        Assert.AreEqual("lamp.json: \"MqttPassword\" (value hidden) contains a line break; the console takes one command per line", Refused("{\"MqttPassword\":\"se\\ncret\"}").Message);
        StringAssert.StartsWith(Refused("{\"Topic\":null}").Message, "lamp.json: \"Topic\" is null");
        Assert.AreEqual("lamp.json: \"Timer1\" must be a string, number or true/false, not object", Refused("{\"Timer1\":{\"Enable\":1}}").Message);
        Assert.AreEqual("lamp.json: \"Mqtt Host\" is not a command name", Refused("{\"Mqtt Host\":\"x\"}").Message);
        StringAssert.StartsWith(Refused("{\"Backlog\":\"Power on\"}").Message, "lamp.json: no Backlog inside a settings file");
        StringAssert.StartsWith(Refused("{\"Topic\": ").Message, "lamp.json: not valid JSON");
        Assert.AreEqual("lamp.json: the JSON must be an object of command names and values", Refused("[\"Topic x\"]").Message);
        Assert.AreEqual("lamp.json: no commands in the settings file", Refused("# nothing\n").Message);
        Assert.AreEqual("lamp.json: no commands in the settings file", Refused("{\"Seq\":1,\"MqttUser\":\"\"}").Message);
    }

    [TestMethod]
    public void Values_With_Semicolons_Go_On_Their_Own_Line_And_Rule_Flag_Masks_Are_Skipped()
    {
        SettingsPlan p = SettingsFile.Parse(
            "{\"Topic\":\"hall\",\"Rule1\":\"ON Event#ALARM DO Backlog Power1 ON; Delay 10 ENDON\",\"RulesEnabled\":1,\"RulesOnce\":0,\"RulesStopOnError\":0}",
            "settings.a.json");

        CollectionAssert.AreEqual(new[] { "Topic hall" }, p.Commands);
        CollectionAssert.AreEqual(new[] { "Rule1 ON Event#ALARM DO Backlog Power1 ON; Delay 10 ENDON" }, p.OwnLine);
        CollectionAssert.AreEqual(
            new[] { "RulesEnabled: not a command (kept by the device itself)", "RulesOnce: not a command (kept by the device itself)", "RulesStopOnError: not a command (kept by the device itself)" },
            p.Skipped);

        SettingsPlan lines = SettingsFile.Parse("Topic hall\nRule2 ON Power1#State DO Backlog Power2 ON; Power3 ON ENDON\n", "lamp.txt");
        CollectionAssert.AreEqual(new[] { "Topic hall" }, lines.Commands);
        CollectionAssert.AreEqual(new[] { "Rule2 ON Power1#State DO Backlog Power2 ON; Power3 ON ENDON" }, lines.OwnLine);
    }

    [TestMethod]
    public void More_Than_30_Commands_Or_800_Bytes_Are_Split_Into_Backlogs_In_Order()
    {
        List<string> many = SettingsFile.Parse(string.Join("\n", Enumerable.Range(1, 31).Select(i => "BlinkCount " + i)), "lamp.txt").Commands;
        List<IReadOnlyList<string>> groups = SettingsFile.ToBacklogs(many, "lamp.txt");
        Assert.HasCount(2, groups);
        Assert.HasCount(30, groups[0]);
        CollectionAssert.AreEqual(new[] { "BlinkCount 31" }, groups[1].ToArray());

        List<string> fits = SettingsFile.Parse("{\"FullTopic\":\"" + new string('a', 781) + "\"}", "lamp.json").Commands;
        Assert.AreEqual(800, SettingsFile.BacklogLine(SettingsFile.ToBacklogs(fits, "lamp.json")[0]).Length);

        // Bytes, not characters: "Backlog0 StateText1 " + 390 "ä" (780 bytes) is exactly 800 bytes; "; StateText2 x" no longer fits.
        List<string> two = SettingsFile.Parse("{\"StateText1\":\"" + new string('\u00e4', 390) + "\",\"StateText2\":\"x\"}", "lamp.json").Commands;
        List<IReadOnlyList<string>> split = SettingsFile.ToBacklogs(two, "lamp.json");
        Assert.HasCount(2, split);
        CollectionAssert.AreEqual(new[] { "StateText2 x" }, split[1].ToArray());
    }

    [TestMethod]
    public void A_Single_Command_Longer_Than_A_Console_Line_Is_Refused()
    {
        List<string> big = SettingsFile.Parse("{\"FullTopic\":\"" + new string('\u00e4', 391) + "\"}", "lamp.json").Commands;
        var e = Assert.ThrowsExactly<ConfiguratorException>(() => SettingsFile.ToBacklogs(big, "lamp.json"));
        Assert.AreEqual(ExitCodes.Usage, e.ExitCode);
        StringAssert.EndsWith(e.Message, "is longer than the device's console line (800 bytes with \"Backlog0 \")");
    }

    [TestMethod]
    public void A_Missing_File_Is_A_Usage_Error()
    {
        var e = Assert.ThrowsExactly<ConfiguratorException>(() => SettingsFile.Load("/nonexistent/lamp.json"));
        Assert.AreEqual(ExitCodes.Usage, e.ExitCode);
        StringAssert.StartsWith(e.Message, "cannot read settings file /nonexistent/lamp.json");
    }
}
