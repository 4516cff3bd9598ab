using nanoFramework.TestFramework;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>The link contract (<see cref="MqttLinkContract"/>) on the core's state machine that the device and simulator links derive from, with a scripted library, on the host and the nanoCLR.</summary>
    [TestClass]
    public class MqttLinkContractTests
    {
        [TestMethod]
        public void Accepted_Connect_Reports_One_Connected()
        {
            MqttLinkContract.Accepted_Connect_Reports_One_Connected(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Refused_Connect_Reports_One_Failure()
        {
            MqttLinkContract.Refused_Connect_Reports_One_Failure(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Publish_Is_Refused_While_Down()
        {
            MqttLinkContract.Publish_Is_Refused_While_Down(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Messages_Reach_The_Listener_While_Up()
        {
            MqttLinkContract.Messages_Reach_The_Listener_While_Up(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Requested_Disconnect_Is_Not_Reported()
        {
            MqttLinkContract.Requested_Disconnect_Is_Not_Reported(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Lost_Session_Is_Reported_Once()
        {
            MqttLinkContract.Lost_Session_Is_Reported_Once(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Disconnect_While_Connecting_Reports_Nothing()
        {
            MqttLinkContract.Disconnect_While_Connecting_Reports_Nothing(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Reconnect_Replaces_The_Session_Silently()
        {
            MqttLinkContract.Reconnect_Replaces_The_Session_Silently(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Late_Events_Of_A_Closed_Session_Are_Dropped()
        {
            MqttLinkContract.Late_Events_Of_A_Closed_Session_Are_Dropped(new ScriptedMqttLinkBench());
        }

        [TestMethod]
        public void Reports_Never_Overlap()
        {
            MqttLinkContract.Reports_Never_Overlap(new ScriptedMqttLinkBench());
        }
    }
}
