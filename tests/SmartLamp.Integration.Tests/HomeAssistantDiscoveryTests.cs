using System.Text.Json;
using SmartLamp.Integration.Tests.Harness;

namespace SmartLamp.Integration.Tests;

/// <summary>
/// Home Assistant's side of discovery (issue 9) replayed by an independent client on a real broker:
/// the Tasmota integration (hatasmota: read the retained discovery message, validate it, build the topics
/// from ft/tp/t, poll STATE on Online, switch with Power&lt;n&gt;, read POWER/POWER&lt;n&gt; from RESULT and
/// STATE, poll STATUS) and the MQTT integration (native homeassistant/switch configs, birth message).
/// </summary>
[TestClass]
public sealed class HomeAssistantDiscoveryTests
{
    private static readonly TimeSpan DiscoveryWait = TimeSpan.FromSeconds(25);

    [TestMethod]
    public Task Tasmota_Integration_Discovers_Polls_And_Switches_A_One_Relay_Board() => TasmotaFlowAsync("esp32-devkitc-relay", 1);

    [TestMethod]
    public Task Tasmota_Integration_Discovers_Polls_And_Switches_A_Two_Relay_Board() => TasmotaFlowAsync("sonoff-dual-r3", 2);

    [TestMethod]
    public async Task Mqtt_Integration_Discovers_And_Switches_A_Two_Relay_Board_Natively()
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("hass");
        await using MqttProbe ha = await MqttProbe.ConnectAsync(broker, "homeassistant/#", "stat/" + t + "/#", "tele/" + t + "/LWT");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Board = "sonoff-dual-r3");
        Received online = await ha.WaitForAsync("tele/" + t + "/LWT", "Online");
        await ha.WaitForAsync("stat/" + t + "/POWER2", "OFF", online.Seq); // connected and reported
        string mac = sim.Device.Mac;

        int mark = ha.Mark();
        await ha.PublishAsync("cmnd/" + t + "/HassDiscovery", "1");
        await ha.WaitForAsync("stat/" + t + "/RESULT", "{\"HassDiscovery\":\"ON\"}", mark);
        var configs = new JsonElement[2];
        for (int i = 0; i < 2; i++)
        {
            string topic = "homeassistant/switch/" + mac + "_RL_" + (i + 1) + "/config";
            Received m = await ha.WaitForAsync(x => x.Topic == topic && x.Payload.Length > 0, topic, mark);
            configs[i] = JsonDocument.Parse(m.Payload).RootElement;
            CollectionAssert.AreEqual(Array.Empty<string>(), NativeSwitchProblems(topic, configs[i], mac), m.Payload);
        }

        Received[] retained = await MqttProbe.RetainedAsync(broker, "homeassistant/#", "homeassistant/marker");
        Assert.HasCount(2, retained.Where(r => r.Retain && r.Topic.StartsWith("homeassistant/switch/" + mac, StringComparison.Ordinal)), string.Join("\n", retained.Select(r => r.ToString())));

        // Availability as Home Assistant reads it.
        Received lwt = ha.On("tele/" + t + "/LWT").Last();
        Assert.AreEqual(configs[0].GetProperty("payload_available").GetString(), lwt.Payload);

        // Switch relay 2 the way the entity does and read its state back.
        JsonElement two = configs[1];
        mark = ha.Mark();
        await ha.PublishAsync(two.GetProperty("command_topic").GetString(), two.GetProperty("payload_on").GetString());
        await ha.WaitForAsync(two.GetProperty("state_topic").GetString(), two.GetProperty("state_on").GetString(), mark);
        Assert.IsTrue(sim.Device.App.Relays.IsOn(1));
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0));

        // Home Assistant restarts: its birth message gets the configs again.
        mark = ha.Mark();
        await ha.PublishAsync("homeassistant/status", "online");
        await ha.WaitForTopicsAsync(x => x.Topic.StartsWith("homeassistant/switch/" + mac, StringComparison.Ordinal) && x.Payload.Length > 0, 2, "configs after the birth message", mark);

        // Turned off: the entities are removed (empty retained configs).
        mark = ha.Mark();
        await ha.PublishAsync("cmnd/" + t + "/HassDiscovery", "0");
        await ha.WaitForTopicsAsync(x => x.Topic.StartsWith("homeassistant/switch/" + mac, StringComparison.Ordinal) && x.Payload.Length == 0, 2, "empty configs", mark);
        retained = await MqttProbe.RetainedAsync(broker, "homeassistant/#", "homeassistant/marker");
        Assert.IsEmpty(retained.Where(r => r.Topic.StartsWith("homeassistant/switch/", StringComparison.Ordinal)), string.Join("\n", retained.Select(r => r.ToString())));
    }

    private static async Task TasmotaFlowAsync(string board, int relays)
    {
        await using TestBroker broker = await TestBroker.StartAsync();
        string t = InProcessSim.UniqueTopic("tdsc");
        await using MqttProbe ha = await MqttProbe.ConnectAsync(broker, "tasmota/discovery/#", "stat/" + t + "/#", "tele/" + t + "/#");
        await using InProcessSim sim = await InProcessSim.StartAsync(broker, t, c => c.Board = board);
        Assert.AreEqual(relays, sim.Device.Board.Relays.Length);
        string mac = sim.Device.Mac;
        string configTopic = "tasmota/discovery/" + mac + "/config";

        // 1. Discovery: retained config and sensors, valid for hatasmota.
        Received configMsg = await ha.WaitForAsync(m => m.Topic == configTopic && m.Payload.Length > 0, "the discovery config", 0, DiscoveryWait);
        Received sensorsMsg = await ha.WaitForAsync(m => m.Topic == "tasmota/discovery/" + mac + "/sensors", "the discovery sensors", 0, DiscoveryWait);
        JsonElement c = JsonDocument.Parse(configMsg.Payload).RootElement;
        CollectionAssert.AreEqual(Array.Empty<string>(), HatasmotaConfigProblems(configTopic, c), configMsg.Payload);
        JsonElement sensors = JsonDocument.Parse(sensorsMsg.Payload).RootElement;
        Assert.AreEqual(JsonValueKind.Object, sensors.GetProperty("sn").ValueKind);
        Assert.AreEqual(1, sensors.GetProperty("ver").GetInt32());
        Assert.AreEqual(relays, c.GetProperty("rl").EnumerateArray().Count(v => v.GetInt32() == 1));
        Assert.AreEqual(1, c.GetProperty("rl")[0].GetInt32());
        Assert.AreEqual(board, c.GetProperty("md").GetString());
        Assert.AreEqual(t, c.GetProperty("t").GetString());
        Received[] retained = await MqttProbe.RetainedAsync(broker, "tasmota/discovery/" + mac + "/#", "tasmota/discovery/" + mac + "/marker");
        Assert.AreEqual(
            configTopic + " (retained) | tasmota/discovery/" + mac + "/sensors (retained)",
            string.Join(" | ", retained.Select(r => r.Topic + (r.Retain ? " (retained)" : string.Empty)).OrderBy(x => x, StringComparer.Ordinal)));

        string Topic(int prefix) => c.GetProperty("ft").GetString()
            .Replace("%hostname%", c.GetProperty("hn").GetString())
            .Replace("%id%", mac.Substring(6))
            .Replace("%prefix%", c.GetProperty("tp")[prefix].GetString())
            .Replace("%topic%", c.GetProperty("t").GetString());
        string cmnd = Topic(0), stat = Topic(1), tele = Topic(2);
        string on = c.GetProperty("state")[1].GetString(), off = c.GetProperty("state")[0].GetString();

        // 2. Availability, then the poll Home Assistant sends on Online.
        Assert.AreEqual(c.GetProperty("onln").GetString(), ha.On(tele + "LWT").Last().Payload);
        int mark = ha.Mark();
        await ha.PublishAsync(cmnd + "STATE", string.Empty);
        Received state = await ha.WaitForAsync(m => m.Topic == stat + "RESULT" && StatePower(m.Payload, relays - 1) != null, "the STATE answer", mark);
        for (int i = 0; i < relays; i++)
        {
            Assert.AreEqual(off, StatePower(state.Payload, i), state.Payload);
        }

        // The tele STATE the device sent 5 s after connecting carries the state too.
        Received tele1 = await ha.WaitForAsync(m => m.Topic == tele + "STATE", "tele STATE", 0);
        Assert.AreEqual(off, StatePower(tele1.Payload, 0), tele1.Payload);

        // 3. Switch every relay with Power<n> (Power1 even on one relay) and read RESULT like hatasmota.
        for (int i = 0; i < relays; i++)
        {
            mark = ha.Mark();
            await ha.PublishAsync(cmnd + "POWER" + (i + 1), on);
            await ha.WaitForAsync(m => m.Topic == stat + "RESULT" && StatePower(m.Payload, i) == on, "relay " + (i + 1) + " on", mark);
            Assert.IsTrue(sim.Device.App.Relays.IsOn(i));
        }

        mark = ha.Mark();
        await ha.PublishAsync(cmnd + "POWER1", off);
        await ha.WaitForAsync(m => m.Topic == stat + "RESULT" && StatePower(m.Payload, 0) == off, "relay 1 off", mark);
        Assert.IsFalse(sim.Device.App.Relays.IsOn(0));

        // 4. Status sensors: STATUS polls answered on stat/<t>/STATUS<n> at the paths hatasmota reads.
        mark = ha.Mark();
        await ha.PublishAsync(cmnd + "STATUS", "11");
        Received sts = await ha.WaitForAsync(m => m.Topic == stat + "STATUS11", "STATUS11", mark);
        JsonElement wifi = JsonDocument.Parse(sts.Payload).RootElement.GetProperty("StatusSTS").GetProperty("Wifi");
        Assert.AreEqual(JsonValueKind.Number, wifi.GetProperty("LinkCount").ValueKind);
        Assert.AreEqual(JsonValueKind.String, wifi.GetProperty("SSId").ValueKind);
        await ha.PublishAsync(cmnd + "STATUS", "2");
        Received fwr = await ha.WaitForAsync(m => m.Topic == stat + "STATUS2", "STATUS2", mark);
        Assert.AreEqual(SmartLamp.Core.App.FirmwareInfo.Version, JsonDocument.Parse(fwr.Payload).RootElement.GetProperty("StatusFWR").GetProperty("Version").GetString());

        // 5. Removal: SetOption19 1 empties both retained messages.
        mark = ha.Mark();
        await ha.PublishAsync(cmnd + "SetOption19", "1");
        await ha.WaitForAsync(m => m.Topic == configTopic && m.Payload.Length == 0, "the empty config", mark);
        await ha.WaitForAsync(m => m.Topic == "tasmota/discovery/" + mac + "/sensors" && m.Payload.Length == 0, "the empty sensors", mark);
        retained = await MqttProbe.RetainedAsync(broker, "tasmota/discovery/" + mac + "/#", "tasmota/discovery/" + mac + "/marker");
        Assert.IsEmpty(retained, string.Join("\n", retained.Select(r => r.ToString())));
    }

    /// <summary>hatasmota get_state_power: POWER&lt;idx+1&gt;, or POWER for idx 0; null when absent or not JSON.</summary>
    private static string StatePower(string payload, int idx)
    {
        try
        {
            JsonElement s = JsonDocument.Parse(payload).RootElement;
            if (s.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (idx == 0 && s.TryGetProperty("POWER", out JsonElement p))
            {
                return p.GetString();
            }

            return s.TryGetProperty("POWER" + (idx + 1), out JsonElement q) ? q.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>hatasmota's TASMOTA_DISCOVERY_SCHEMA, topic rule and MAC check (discovery.py, config_validation.py, utils.py).</summary>
    private static string[] HatasmotaConfigProblems(string topic, JsonElement c)
    {
        var p = new List<string>();
        var match = System.Text.RegularExpressions.Regex.Match(topic, "^tasmota/discovery/([A-Z0-9_-]+)/config$");
        if (!match.Success)
        {
            p.Add("topic");
        }

        void Str(string k) { if (!c.TryGetProperty(k, out var v) || v.ValueKind != JsonValueKind.String) p.Add(k + ": string"); }
        void Int(string k, int min, int max, bool req)
        {
            if (!c.TryGetProperty(k, out var v)) { if (req) p.Add(k + ": missing"); return; }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int n) || n < min || n > max) p.Add(k + ": int " + min + ".." + max);
        }
        void List(string k, Func<JsonElement, bool> item, bool req)
        {
            if (!c.TryGetProperty(k, out var v)) { if (req) p.Add(k + ": missing"); return; }
            if (v.ValueKind != JsonValueKind.Array || !v.EnumerateArray().All(item)) p.Add(k + ": list");
        }
        bool PosInt(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int n) && n >= 0;
        bool AnyInt(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _);
        bool S(JsonElement e) => e.ValueKind == JsonValueKind.String;
        bool OptS(JsonElement e) => e.ValueKind == JsonValueKind.String || e.ValueKind == JsonValueKind.Null;

        List("btn", PosInt, true);
        Str("dn");
        List("fn", OptS, true);
        Str("ft");
        Str("hn");
        Int("if", 0, 1, false);
        Str("ip");
        Int("lt_st", 0, int.MaxValue, true);
        Int("lk", 0, 1, true);
        Str("mac");
        Str("md");
        Str("ofln");
        Str("onln");
        if (!c.TryGetProperty("so", out var so) || so.ValueKind != JsonValueKind.Object)
        {
            p.Add("so: object");
        }
        else
        {
            foreach (string k in new[] { "11", "13", "17", "20", "30", "68", "73", "82" })
            {
                if (!so.TryGetProperty(k, out var v) || !v.TryGetInt32(out int n) || n < 0 || n > 1) p.Add("so." + k + ": bit");
            }

            foreach (string k in new[] { "4", "80", "114", "117" })
            {
                if (so.TryGetProperty(k, out var v) && (!v.TryGetInt32(out int n) || n < 0 || n > 1)) p.Add("so." + k + ": bit");
            }
        }

        List("tp", S, true);
        List("state", S, true);
        List("sho", PosInt, false);
        List("sht", e => e.ValueKind == JsonValueKind.Array && e.EnumerateArray().All(AnyInt), false);
        Str("sw");
        List("swc", AnyInt, true);
        List("swn", OptS, false);
        List("rl", PosInt, true);
        Str("t");
        Int("ty", 0, 1, true);
        Int("ver", 1, 1, true);
        if (p.Count == 0)
        {
            if (c.GetProperty("tp").GetArrayLength() < 3) p.Add("tp: 3 prefixes");
            if (c.GetProperty("state").GetArrayLength() < 4) p.Add("state: 4 texts");
            if (match.Success && c.GetProperty("mac").GetString() != match.Groups[1].Value) p.Add("mac: differs from the topic");
        }

        return p.ToArray();
    }

    /// <summary>Home Assistant MQTT switch discovery: the keys the issue lists, IDs, topic = unique_id, MAC connection.</summary>
    private static string[] NativeSwitchProblems(string topic, JsonElement c, string mac)
    {
        var p = new List<string>();
        foreach (string k in new[] { "unique_id", "command_topic", "state_topic", "payload_on", "payload_off", "availability_topic", "payload_available", "payload_not_available" })
        {
            if (!c.TryGetProperty(k, out var v) || v.ValueKind != JsonValueKind.String) p.Add(k + ": string");
        }

        if (!c.TryGetProperty("name", out var name) || (name.ValueKind != JsonValueKind.String && name.ValueKind != JsonValueKind.Null)) p.Add("name");
        if (p.Count > 0)
        {
            return p.ToArray();
        }

        string id = c.GetProperty("unique_id").GetString();
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-zA-Z0-9_-]+$")) p.Add("unique_id: characters");
        if (topic != "homeassistant/switch/" + id + "/config") p.Add("topic: object_id must be the unique_id");
        if (!c.TryGetProperty("device", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            p.Add("device");
            return p.ToArray();
        }

        foreach (string k in new[] { "manufacturer", "model", "sw_version", "name" })
        {
            if (!d.TryGetProperty(k, out var v) || v.ValueKind != JsonValueKind.String) p.Add("device." + k);
        }

        if (!d.TryGetProperty("identifiers", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0) p.Add("device.identifiers");
        string expected = string.Join(":", Enumerable.Range(0, 6).Select(i => mac.Substring(i * 2, 2))).ToLowerInvariant();
        if (!d.TryGetProperty("connections", out var cns) || cns.ValueKind != JsonValueKind.Array
            || !cns.EnumerateArray().Any(x => x.ValueKind == JsonValueKind.Array && x.GetArrayLength() == 2 && x[0].GetString() == "mac" && x[1].GetString()?.ToLowerInvariant() == expected))
        {
            p.Add("device.connections: [\"mac\", \"" + expected + "\"]");
        }

        return p.ToArray();
    }
}
