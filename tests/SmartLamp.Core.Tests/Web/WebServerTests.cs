using nanoFramework.TestFramework;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Web;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Web
{
    [TestClass]
    public class WebServerTests
    {
        private const string Result = "stat/" + DeviceFixture.T + "/RESULT";

        [TestMethod]
        public void The_Server_Starts_With_The_Device_And_WebServer_0_Stops_It()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            Assert.IsTrue(w.Http.IsRunning);
            w.D.Command("WebServer", "0");
            Assert.AreEqual("{\"WebServer\":\"Stopped\"}", w.D.LastPayload(Result));
            Assert.IsFalse(w.Http.IsRunning);
            w.D.Command("WebServer", "2");
            Assert.IsTrue(w.Http.IsRunning);
            Assert.AreEqual("{\"WebServer\":\"Active for Admin on " + DeviceFixture.T + " with IP address " + w.D.Network.IpAddress + "\"}", w.D.LastPayload(Result));
        }

        [TestMethod]
        public void Cm_Answers_What_Mqtt_Publishes_And_Publishes_It_Too()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            FakeHttpResponse r = w.Http.Get("/cm?cmnd=Power%20TOGGLE");
            Assert.AreEqual(200, r.Status);
            Assert.AreEqual("application/json", r.ContentType);
            Assert.AreEqual("{\"POWER\":\"ON\"}", r.Body);
            Assert.AreEqual("ON", w.D.LastPayload("stat/" + DeviceFixture.T + "/POWER"));
            Assert.AreEqual(r.Body, w.MqttAnswer());

            Assert.AreEqual("{\"Command\":\"Unknown\"}", w.Http.Get("/cm?cmnd=NoSuchCommand").Body);
            Assert.AreEqual("{\"POWER\":\"OFF\",\"POWER\":\"ON\"}", w.Http.Get("/cm?cmnd=Backlog%20Power%20OFF%3B%20Power%20ON").Body, "a Backlog runs at once and answers every command");
            Assert.IsTrue(w.D.App.Relays.IsOn(0));
            Assert.AreEqual(WebServer.EnterCommandJson, w.Http.Get("/cm").Body);
            Assert.AreEqual(WebServer.EnterCommandJson, w.Http.Get("/cm?cmnd=").Body);
        }

        [TestMethod]
        public void WebPassword_Guards_Cm_And_The_Pages_And_Is_Never_Shown()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            Assert.AreEqual("{\"WebPassword\":\"****\"}", w.Http.Get("/cm?cmnd=WebPassword%20s3cret-pw").Body);
            FakeHttpResponse denied = w.Http.Get("/cm?cmnd=Power");
            Assert.AreEqual(401, denied.Status);
            Assert.AreEqual(WebServer.NeedPasswordJson, denied.Body);
            Assert.AreEqual(401, w.Http.Get("/cm?cmnd=Power&user=admin&password=wrong").Status);
            Assert.AreEqual(401, w.Http.Get("/cm?cmnd=Power&user=root&password=s3cret-pw").Status);
            Assert.AreEqual("{\"POWER\":\"OFF\"}", w.Http.Get("/cm?cmnd=Power&user=admin&password=s3cret-pw").Body);

            FakeHttpResponse page = w.Http.Get("/");
            Assert.AreEqual(401, page.Status);
            Assert.AreEqual("WWW-Authenticate: Basic realm=\"SmartLamp\"", page.Header);
            string basic = "Basic " + WebServer.Base64("admin:s3cret-pw");
            FakeHttpResponse ok = w.Http.Send("GET", "/cn", string.Empty, basic);
            Assert.AreEqual(200, ok.Status);
            Assert.IsFalse(ok.Has("s3cret-pw"));
            Assert.AreEqual("{\"WebPassword\":\"****\"}", w.Http.Send("GET", "/cm?cmnd=WebPassword", string.Empty, basic).Body);
        }

        [TestMethod]
        public void Base64_Matches_Known_Values()
        {
            Assert.AreEqual("YWRtaW46", WebServer.Base64("admin:"));
            Assert.AreEqual("YWRtaW46eA==", WebServer.Base64("admin:x"));
            Assert.AreEqual("YWRtaW46w6k=", WebServer.Base64("admin:\u00e9"));
            Assert.IsTrue(WebServer.BasicOk("basic YWRtaW46eA==", "x"));
            Assert.IsFalse(WebServer.BasicOk("Bearer YWRtaW46eA==", "x"));
        }

        [TestMethod]
        public void The_Main_Page_Toggles_And_Shows_Every_Relay()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.TwoRelayBoard());
            FakeHttpResponse page = w.Http.Post("/", "o=2");
            Assert.AreEqual(200, page.Status);
            Assert.IsTrue(page.Has("id=POWER1>OFF<"));
            Assert.IsTrue(page.Has("id=POWER2>ON<"));
            Assert.AreEqual("ON", w.D.LastPayload("stat/" + DeviceFixture.T + "/POWER2"));
            Assert.AreEqual("{\"POWER1\":\"OFF\",\"POWER2\":\"ON\"}", w.Http.Get("/st").Body);
            Assert.IsTrue(page.LongestChunk <= HtmlOut.ChunkChars);
            Assert.IsTrue(page.Chunks > 1, "streamed in chunks");
        }

        [TestMethod]
        public void Saving_The_Configuration_Runs_The_Commands_That_Changed()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            w.D.Command("MqttPassword", "mqtt-secret");
            FakeHttpResponse r = w.Http.Post("/cn", "save=1&MqttHost=broker2.local&MqttPort=1883&Topic=" + DeviceFixture.T + "&MqttPassword=&Password1=");
            Assert.AreEqual(200, r.Status);
            Assert.AreEqual("broker2.local", w.D.App.Settings.MqttHost);
            Assert.AreEqual("mqtt-secret", w.D.App.Settings.MqttPassword, "an empty password field keeps the password");
            Assert.AreEqual("{\"MqttHost\":\"broker2.local\"}", w.D.LastPayload(Result));
            Assert.IsFalse(r.Has("mqtt-secret"));
            Assert.IsTrue(r.Has("value=\"broker2.local\""));
            Assert.IsTrue(w.D.Log.Contains("CMD: MqttHost broker2.local"));
        }

        [TestMethod]
        public void Page_Text_Is_Escaped()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            w.D.Command("GroupTopic", "a<b>\"c");
            FakeHttpResponse r = w.Http.Get("/cn");
            Assert.IsFalse(r.Has("a<b>"));
            Assert.IsTrue(r.Has("a&lt;b&gt;&quot;c"));
        }

        [TestMethod]
        public void The_Console_Runs_A_Command_And_Returns_The_New_Log_Lines()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            FakeHttpResponse r = w.Http.Get("/cs?c2=0&c1=Status%200");
            Assert.AreEqual(200, r.Status);
            Assert.IsTrue(r.Has("CMD: Status 0"));
            Assert.IsTrue(r.Has("\"Status\":{"));
            FakeHttpResponse page = w.Http.Get("/cs");
            Assert.IsTrue(page.Has("<textarea"));
            Assert.IsTrue(page.Has("CMD: Status 0"));

            FakeHttpResponse masked = w.Http.Get("/cs?c2=0&c1=MqttPassword%20hunter22");
            Assert.IsFalse(masked.Has("hunter22"));
        }

        [TestMethod]
        public void User_Mode_Keeps_The_Admin_Pages_Closed()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            w.D.Command("WebServer", "1");
            Assert.AreEqual(200, w.Http.Get("/").Status);
            Assert.AreEqual(403, w.Http.Get("/cn").Status);
            Assert.AreEqual(403, w.Http.Get("/cs?c1=Reset%201").Status);
            Assert.AreEqual(404, w.Http.Get("/nothing").Status);
        }

        [TestMethod]
        public void Restart_Needs_The_Confirmation_Post()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            FakeHttpResponse ask = w.Http.Get("/rt?yes=1");
            Assert.IsTrue(ask.Has("Restart the device?"));
            w.D.Clock.Advance(5000);
            Assert.AreEqual(0, w.D.System.Restarts);
            w.Http.Post("/rt", "yes=1");
            w.D.Clock.Advance(5000);
            Assert.AreEqual(1, w.D.System.Restarts);
        }

        [TestMethod]
        public void Requests_The_Adapter_Rejected_Get_Their_Status()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            int[] codes = new int[] { 400, 405, 413, 414, 431 };
            for (int i = 0; i < codes.Length; i++)
            {
                FakeHttpResponse r = w.Http.SendBad(codes[i]);
                Assert.AreEqual(codes[i], r.Status);
                Assert.IsTrue(r.Ended);
            }
        }

        [TestMethod]
        public void The_Portal_Joins_The_Chosen_Network_And_The_Access_Point_Closes()
        {
            WebFixture w = WebFixture.Created(DeviceFixture.OneRelayBoard());
            w.D.App.Start();
            w.D.Clock.Advance(WifiSetup.NoSsidDelayMs);
            Assert.IsTrue(w.Ap.IsOpen);
            FakeHttpResponse probe = w.Http.Get("/generate_204");
            Assert.AreEqual(302, probe.Status);
            Assert.AreEqual("Location: http://192.168.4.1/wi", probe.Header);
            Assert.IsTrue(w.Http.Get("/").Has("name=s1"));

            FakeHttpResponse r = w.Http.Post("/wi", "s1=HomeNet&p1=wifi-pass-1");
            Assert.IsTrue(r.Has("Joining HomeNet"));
            Assert.AreEqual("HomeNet", w.D.Network.ConfiguredSsid1);
            Assert.AreEqual("wifi-pass-1", w.D.App.Settings.WifiPassword[0]);
            Assert.IsTrue(w.Ap.IsOpen);
            w.D.Network.Up();
            Assert.IsFalse(w.Ap.IsOpen);
        }

        [TestMethod]
        public void WifiConfig_Answers_Like_Tasmota_And_2_Opens_The_Access_Point()
        {
            WebFixture w = WebFixture.Connected(DeviceFixture.OneRelayBoard());
            w.D.Command("WifiConfig", string.Empty);
            Assert.AreEqual("{\"WifiConfig\":\"2 WifiManager\"}", w.D.LastPayload(Result));
            w.D.Command("WifiConfig", "4");
            Assert.AreEqual("{\"WifiConfig\":\"4 Retry\"}", w.D.LastPayload(Result));
            w.D.Command("WifiConfig", "3");
            Assert.AreEqual("{\"Command\":\"Error\"}", w.D.LastPayload(Result));
            Assert.IsFalse(w.Ap.IsOpen);
            w.D.Command("WifiConfig", "2");
            Assert.IsTrue(w.Ap.IsOpen);
        }
    }
}
