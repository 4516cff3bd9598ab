using nanoFramework.TestFramework;

namespace SmartLamp.Core.Tests.Links
{
    /// <summary>The link contract (<see cref="MqttLinkContract"/>) on the test double the core tests rely on, on the host and the nanoCLR.</summary>
    [TestClass]
    public class FakeMqttLinkContractTests
    {
        [TestMethod]
        public void Accepted_Connect_Reports_One_Connected()
        {
            MqttLinkContract.Accepted_Connect_Reports_One_Connected(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Refused_Connect_Reports_One_Failure()
        {
            MqttLinkContract.Refused_Connect_Reports_One_Failure(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Publish_Is_Refused_While_Down()
        {
            MqttLinkContract.Publish_Is_Refused_While_Down(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Messages_Reach_The_Listener_While_Up()
        {
            MqttLinkContract.Messages_Reach_The_Listener_While_Up(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Requested_Disconnect_Is_Not_Reported()
        {
            MqttLinkContract.Requested_Disconnect_Is_Not_Reported(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Lost_Session_Is_Reported_Once()
        {
            MqttLinkContract.Lost_Session_Is_Reported_Once(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Disconnect_While_Connecting_Reports_Nothing()
        {
            MqttLinkContract.Disconnect_While_Connecting_Reports_Nothing(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Reconnect_Replaces_The_Session_Silently()
        {
            MqttLinkContract.Reconnect_Replaces_The_Session_Silently(new FakeMqttLinkBench());
        }

        [TestMethod]
        public void Late_Events_Of_A_Closed_Session_Are_Dropped()
        {
            MqttLinkContract.Late_Events_Of_A_Closed_Session_Are_Dropped(new FakeMqttLinkBench());
        }
    }
}
