using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>GroupTopic2..4 set over MQTT are subscribed: a group command switches the device.</summary>
[TestClass]
public sealed class GroupTopicTests
{
    [TestMethod]
    public async Task A_Command_On_GroupTopic2_Switches_The_Device()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("grp");
        string group = InProcessSim.UniqueTopic("kitchen");
        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t);
        await probe.WaitForAsync("tele/" + t + "/LWT", "Online");
        await probe.WaitForAsync("stat/" + t + "/POWER", "OFF");

        int mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + t + "/GroupTopic2", group);
        Received answer = await probe.WaitForAsync(r => r.Topic == "stat/" + t + "/RESULT" && r.Payload.Contains("\"GroupTopic2\":\"" + group + "\"", StringComparison.Ordinal), "GroupTopic2 answer", mark);
        StringAssert.StartsWith(answer.Payload, "{\"GroupTopic1\":\"tasmotas\",\"GroupTopic2\":\"" + group + "\"");

        // The device re-subscribes after the change; a command sent before that would be lost, so
        // ON (idempotent) is repeated until the state answer arrives.
        mark = probe.Mark();
        Received on = null;
        for (int i = 0; i < 20 && on == null; i++)
        {
            await probe.PublishAsync("cmnd/" + group + "/POWER", "ON");
            try
            {
                on = await probe.WaitForAsync("stat/" + t + "/POWER", "ON", mark, TimeSpan.FromMilliseconds(500));
            }
            catch (TimeoutException)
            {
            }
            catch (AssertFailedException)
            {
            }
        }

        Assert.IsNotNull(on, probe.Dump(mark));
        Assert.IsTrue(sim.Device.App.Relays.IsOn(0));

        mark = probe.Mark();
        await probe.PublishAsync("cmnd/" + group + "/POWER", "OFF");
        await probe.WaitForAsync("stat/" + t + "/POWER", "OFF", mark);
        Assert.AreEqual(group, sim.Device.App.Settings.MoreGroupTopics[0]);
    }
}
