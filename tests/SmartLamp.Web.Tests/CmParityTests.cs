using System.Text.RegularExpressions;
using SmartLamp.Core.Commands;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Web.Tests;

/// <summary>
/// /cm answers exactly what MQTT answers: every registered command (as a query) and a list of commands
/// with values, each run once over MQTT (cmnd/&lt;t&gt;/X, the JSON published on stat/&lt;t&gt;/# merged as
/// /cm merges it) and once through /cm, on the same device in the same state.
/// </summary>
[TestClass]
public sealed class CmParityTests
{
    // Commands with values (the query of every registered command is added at run time). Commands that
    // make the device reconnect to the broker (GroupTopic x, MqttHost, Topic...) are left out: the state it
    // publishes after reconnecting follows the command but is not its answer, over MQTT or /cm.
    private static readonly string[] WithValues =
    {
        "Power ON", "Power TOGGLE", "Power1 OFF", "Power2 ON", "Power OFF",
        "PowerOnState 1", "PulseTime1 25", "PulseTime1 0", "BlinkTime 5", "BlinkCount 3", "SetOption0 1", "SetOption26 0",
        "TelePeriod 120", "TelePeriod 5", "StateText1 AUS", "StateText1 OFF", "ButtonDebounce 60",
        "LedState 1", "LedMask 1", "MqttRetry 20", "SaveData 1", "Interlock 0", "Rule1 on Power1#State do Publish x 1 endon",
        "Rule1 0", "Rule1 \"", "Status 1", "Status 2", "Status 5", "Status 11", "Status 99", "SO4", "Backlog Power ON; Power OFF",
        "WebServer 2", "WifiConfig 4", "WebPassword 0", "Nonsense", "Power99 ON", "Topic", "MqttHost", "Prefix1",
    };

    // Answers that move between two runs by themselves: masked before comparing.
    private static readonly Regex Volatile = new(
        "\"(Time|Uptime|UptimeSec|Heap|LoadAvg|Sleep|RSSI|Signal|LinkCount|Downtime|MqttCount|StartupUTC|Epoch|Counter|BootCount|RestartReason|SaveCount|Seconds)\":(\"[^\"]*\"|[0-9.-]+)");

    private static readonly string[] NotRun = { "RESTART", "RESET", "UPGRADE", "OTAURL", "WIFICONFIG", "WEBSERVER", "WEBPASSWORD", "MQTTHOST", "MQTTPORT", "TOPIC", "MQTTCLIENT", "FULLTOPIC", "PREFIX", "MQTTUSER", "MQTTPASSWORD", "SSID", "PASSWORD", "DELAY", "EVENT", "MQTTTLS", "MQTTCAFILE" };

    [TestMethod]
    public async Task Cm_Answers_Match_Mqtt_For_Every_Command()
    {
        await using WebSim w = await WebSim.StartAsync("wpar");
        var lines = new List<string>();
        var dispatcher = w.Sim.Device.App.Commands;
        for (int i = 0; i < dispatcher.Count; i++)
        {
            string name = dispatcher.NameAt(i);
            if (Array.IndexOf(NotRun, name) < 0)
            {
                lines.Add(name); // the query form: changes nothing
            }
        }

        lines.AddRange(WithValues);
        var mismatches = new List<string>();
        foreach (string line in lines)
        {
            int sp = line.IndexOf(' ');
            string cmd = sp < 0 ? line : line.Substring(0, sp);
            string payload = sp < 0 ? string.Empty : line.Substring(sp + 1);

            // Twice per path, so the n-th run of each path starts from the same state (Power TOGGLE: ON then OFF on both).
            string mqtt1 = await ViaMqttAsync(w, cmd, payload);
            string mqtt2 = await ViaMqttAsync(w, cmd, payload);
            string cm1 = await ViaCmAsync(w, line);
            string cm2 = await ViaCmAsync(w, line);
            if (Mask(mqtt1) != Mask(cm1) || Mask(mqtt2) != Mask(cm2))
            {
                mismatches.Add(line + ": mqtt " + mqtt1 + " / " + mqtt2 + " vs cm " + cm1 + " / " + cm2);
            }
        }

        Assert.IsEmpty(mismatches, lines.Count + " commands, mismatches:\n" + string.Join("\n", mismatches));
        Assert.IsGreaterThan(60, lines.Count);
    }

    private static string Mask(string json) => Volatile.Replace(json, "\"$1\":#");

    private static async Task<string> ViaCmAsync(WebSim w, string line)
    {
        string body = (await w.GetAsync("/cm?cmnd=" + Uri.EscapeDataString(line))).Body;
        await QuietAsync(w); // its MQTT copies must not land in the next MQTT run
        return body;
    }

    private static async Task QuietAsync(WebSim w)
    {
        int last = -1;
        while (true)
        {
            int now = w.Probe.Mark();
            if (now == last)
            {
                return;
            }

            last = now;
            await Task.Delay(300);
        }
    }

    /// <summary>Publishes the command and merges the JSON the device publishes on stat/ until 400 ms of quiet.</summary>
    private static async Task<string> ViaMqttAsync(WebSim w, string cmd, string payload)
    {
        int mark = w.Probe.Mark();
        await w.Probe.PublishAsync("cmnd/" + w.Topic + "/" + cmd, payload);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int seen = 0;
        long lastChange = 0;
        while (sw.ElapsedMilliseconds < 5000)
        {
            int n = w.Probe.Messages.Count(m => m.Seq >= mark && m.Topic.StartsWith("stat/" + w.Topic + "/", StringComparison.Ordinal));
            if (n != seen)
            {
                seen = n;
                lastChange = sw.ElapsedMilliseconds;
            }

            if (seen > 0 && sw.ElapsedMilliseconds - lastChange > 400)
            {
                break;
            }

            if (seen == 0 && sw.ElapsedMilliseconds > 1500)
            {
                break; // a command that answers nothing
            }

            await Task.Delay(25);
        }

        var capture = new AnswerCapture();
        foreach (Received m in w.Probe.Messages.Where(m => m.Seq >= mark && m.Topic.StartsWith("stat/" + w.Topic + "/", StringComparison.Ordinal)))
        {
            capture.Add(m.Payload);
        }

        return capture.ToJson();
    }
}
