using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>Which broker the suite runs against, visible in the test summary.</summary>
[TestClass]
public sealed class HarnessTests
{
    [TestMethod]
    public async Task Suite_Runs_Against_Mosquitto_Or_Says_So()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        if (!broker.IsMosquitto)
        {
            // StartAsync already failed the test when SMARTLAMP_REQUIRE_MOSQUITTO=1.
            Assert.Inconclusive("mosquitto not found: the integration tests ran against the embedded MQTTnet broker (set " + TestBroker.RequireVariable + "=1 to make this a failure)");
        }

        await using MqttProbe probe = await MqttProbe.ConnectAsync(broker, "$SYS/broker/version");
        Received version = await probe.WaitForAsync(m => m.Topic == "$SYS/broker/version", "$SYS/broker/version");
        StringAssert.StartsWith(version.Payload, "mosquitto version");
    }
}
