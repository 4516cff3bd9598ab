using Microsoft.Playwright;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Web.Tests;

/// <summary>The device's pages in a real browser (Debian chromium through Playwright), against the simulator on mosquitto.</summary>
[TestClass]
public sealed class BrowserTests
{
    private static async Task<(IPlaywright, IBrowser)> BrowserAsync()
    {
        WebSim.NeedChromium();
        IPlaywright pw = await Playwright.CreateAsync();
        IBrowser b = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = WebSim.ChromiumPath,
            Headless = true,
            Args = new[] { "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage" },
        });
        return (pw, b);
    }

    [TestMethod]
    public async Task Toggle_On_The_Page_Publishes_Power_And_A_Button_Press_Updates_The_Page()
    {
        await using WebSim w = await WebSim.StartAsync("wtog");
        var (pw, browser) = await BrowserAsync();
        using (pw)
        await using (browser)
        {
            IPage page = await browser.NewPageAsync();
            await page.GotoAsync(w.Base + "/");
            await Assertions.Expect(page.Locator("#POWER1")).ToHaveTextAsync("OFF");

            int mark = w.Probe.Mark();
            await page.ClickAsync("button[name=o][value='1']");
            await w.Probe.WaitForAsync("stat/" + w.Topic + "/POWER", "ON", mark);
            await Assertions.Expect(page.Locator("#POWER1")).ToHaveTextAsync("ON");

            // A change made elsewhere (the simulated button) shows without a reload.
            mark = w.Probe.Mark();
            await w.Sim.Device.PressAsync(1);
            await w.Probe.WaitForAsync("stat/" + w.Topic + "/POWER", "OFF", mark);
            await Assertions.Expect(page.Locator("#POWER1")).ToHaveTextAsync("OFF", new() { Timeout = 5000 });
        }
    }

    [TestMethod]
    public async Task Without_JavaScript_The_Toggle_Form_Still_Works()
    {
        await using WebSim w = await WebSim.StartAsync("wnojs");
        var (pw, browser) = await BrowserAsync();
        using (pw)
        await using (browser)
        {
            IBrowserContext ctx = await browser.NewContextAsync(new() { JavaScriptEnabled = false });
            IPage page = await ctx.NewPageAsync();
            await page.GotoAsync(w.Base + "/");
            int mark = w.Probe.Mark();
            await page.ClickAsync("button[name=o][value='1']");
            await w.Probe.WaitForAsync("stat/" + w.Topic + "/POWER", "ON", mark);
            await Assertions.Expect(page.Locator("#POWER1")).ToHaveTextAsync("ON");
        }
    }

    [TestMethod]
    public async Task Changing_The_Mqtt_Broker_On_The_Configuration_Page_Reconnects_The_Device()
    {
        await using WebSim w = await WebSim.StartAsync("wcfg");
        await using TestBroker second = await TestBroker.StartAsync();
        await using MqttProbe probe2 = await MqttProbe.ConnectAsync(second, "tele/" + w.Topic + "/LWT", "stat/" + w.Topic + "/#");
        var (pw, browser) = await BrowserAsync();
        using (pw)
        await using (browser)
        {
            IPage page = await browser.NewPageAsync();
            await page.GotoAsync(w.Base + "/cn");
            Assert.AreEqual(string.Empty, await page.InputValueAsync("input[name=MqttPassword]"), "secrets are never rendered");
            await page.FillAsync("input[name=MqttHost]", "localhost");
            await page.FillAsync("input[name=MqttPort]", second.Port.ToString());
            int mark = w.Probe.Mark();
            await page.ClickAsync("button[name=save]");
            await Assertions.Expect(page.Locator("text=Saved.")).ToBeVisibleAsync();
            await probe2.WaitForAsync("tele/" + w.Topic + "/LWT", "Online", 0, TimeSpan.FromSeconds(20));
            Assert.AreEqual("localhost", w.Sim.Device.App.Settings.MqttHost);
            Assert.AreEqual(second.Port, w.Sim.Device.App.Settings.MqttPort);
            // The old broker saw the answers to the form's commands before the move.
            await w.Probe.WaitForAsync("stat/" + w.Topic + "/RESULT", "{\"MqttHost\":\"localhost\"}", mark);
        }
    }

    [TestMethod]
    public async Task The_Console_Page_Runs_Status_0()
    {
        await using WebSim w = await WebSim.StartAsync("wcon");
        var (pw, browser) = await BrowserAsync();
        using (pw)
        await using (browser)
        {
            IPage page = await browser.NewPageAsync();
            await page.GotoAsync(w.Base + "/cs");
            int mark = w.Probe.Mark();
            await page.FillAsync("#c1", "Status 0");
            await page.PressAsync("#c1", "Enter");
            await w.Probe.WaitForAsync(m => m.Topic == "stat/" + w.Topic + "/STATUS" && m.Payload.Contains("\"Status\":{"), "STATUS", mark);
            await Assertions.Expect(page.Locator("#t")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("CMD: Status 0[\\s\\S]*StatusFWR"), new() { Timeout = 10000 });
        }
    }

    [TestMethod]
    public async Task WebPassword_Asks_The_Browser_To_Log_In()
    {
        await using WebSim w = await WebSim.StartAsync("wpwd");
        w.Sim.Device.ConsoleLine("WebPassword browser-pw1");
        var (pw, browser) = await BrowserAsync();
        using (pw)
        await using (browser)
        {
            // Without credentials the page answers 401 with a Basic challenge (headless chromium then gives up:
            // ERR_INVALID_AUTH_CREDENTIALS), so the anonymous side is checked over plain HTTP.
            var (status, _) = await w.GetAsync("/");
            Assert.AreEqual(401, status);
            IPage anonymous = await browser.NewPageAsync();
            await Assert.ThrowsExactlyAsync<PlaywrightException>(() => anonymous.GotoAsync(w.Base + "/"));

            IBrowserContext ctx = await browser.NewContextAsync(new() { HttpCredentials = new HttpCredentials { Username = "admin", Password = "browser-pw1" } });
            IPage page = await ctx.NewPageAsync();
            IResponse ok = await page.GotoAsync(w.Base + "/");
            Assert.AreEqual(200, ok.Status);
            await Assertions.Expect(page.Locator("#POWER1")).ToHaveTextAsync("OFF");
        }
    }

    [TestMethod]
    public async Task Provisioning_Forgotten_Wifi_Opens_The_Portal_Which_Joins_The_Chosen_Network()
    {
        await using WebSim w = await WebSim.StartAsync("wprov");
        int mark = w.Probe.Mark();
        w.Sim.Device.WifiForget();
        await w.Probe.WaitForAsync("tele/" + w.Topic + "/LWT", "Offline", mark, TimeSpan.FromSeconds(30));
        await WaitUntil(() => w.Sim.Device.AccessPoint?.IsOpen == true, "access point open", TimeSpan.FromSeconds(15));
        StringAssert.StartsWith(w.Sim.Device.AccessPoint.Ssid, w.Topic + "-");

        var (pw, browser) = await BrowserAsync();
        using (pw)
        await using (browser)
        {
            IPage page = await browser.NewPageAsync();
            // A phone's connectivity probe lands on the Wi-Fi page (captive portal redirect).
            await page.GotoAsync(w.Base + "/generate_204");
            StringAssert.EndsWith(page.Url, "/wi");
            await page.FillAsync("input[name=s1]", "HomeNet");
            await page.FillAsync("input[name=p1]", "home-wifi-pw");
            mark = w.Probe.Mark();
            await page.ClickAsync("form[action='/wi'] button");
            await Assertions.Expect(page.Locator("#joining")).ToContainTextAsync("Joining HomeNet");
        }

        await w.Probe.WaitForAsync("tele/" + w.Topic + "/LWT", "Online", mark, TimeSpan.FromSeconds(30));
        await WaitUntil(() => w.Sim.Device.AccessPoint?.IsOpen == false, "access point closed", TimeSpan.FromSeconds(10));
        Assert.AreEqual("HomeNet", w.Sim.Device.App.Settings.Ssid[0]);
        Assert.AreEqual("home-wifi-pw", w.Sim.Device.App.Settings.WifiPassword[0]);
        Assert.AreEqual("HomeNet", w.Sim.Device.Network.Ssid);
    }

    internal static async Task WaitUntil(Func<bool> condition, string what, TimeSpan timeout)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout)
            {
                Assert.Fail("timed out waiting for " + what);
            }

            await Task.Delay(50);
        }
    }
}
