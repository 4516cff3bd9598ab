using SmartLamp.Core.App;
using SmartLamp.Core.Boards;
using SmartLamp.Core.Json;
using SmartLamp.Core.Tests.App;
using SmartLamp.TestDoubles;

namespace SmartLamp.Core.Tests.Discovery
{
    /// <summary>Helpers shared by the discovery tests (no state of their own).</summary>
    public static class DiscoveryRig
    {
        public const string Mac = DeviceFixture.Mac;
        public const string T = DeviceFixture.T;
        public const string ConfigTopic = "tasmota/discovery/AABBCCE0B7C9/config";
        public const string SensorsTopic = "tasmota/discovery/AABBCCE0B7C9/sensors";

        /// <summary>A connected device whose first discovery has gone out (10 s after the connect).</summary>
        public static DeviceFixture Announced(BoardProfile board)
        {
            DeviceFixture f = DeviceFixture.Connected(board);
            f.Clock.Advance(10000);
            return f;
        }

        /// <summary>Warm reboot on the same flash: a new app on fresh ports that share the old store.</summary>
        public static DeviceFixture Reboot(DeviceFixture old, BoardProfile board)
        {
            old.App.Shutdown();
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            f.Store = old.Store;
            f.Ports.Storage = old.Store;
            f.App = new DeviceApp(f.Ports, board);
            f.Network.Up();
            f.App.Start();
            f.Mqtt.AcceptConnect();
            return f;
        }

        /// <summary>The last config payload parsed (fails the test when there is none).</summary>
        public static JsonNode LastConfig(DeviceFixture f)
        {
            string p = f.LastPayload(ConfigTopic);
            if (p == null)
            {
                throw new System.Exception("no discovery config published");
            }

            return JsonReader.Parse(p);
        }

        /// <summary>Number of publishes whose topic starts with <paramref name="prefix"/>.</summary>
        public static int CountStartingWith(FakeMqttLink mqtt, string prefix)
        {
            int n = 0;
            for (int i = 0; i < mqtt.PublishedCount; i++)
            {
                if (mqtt.PublishedAt(i).Topic.StartsWith(prefix))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>The array <paramref name="a"/> as text: strings quoted, null as null ("[1,0]", "[\"a\",null]").</summary>
        public static string ArrayText(JsonNode a)
        {
            string s = "[";
            for (int i = 0; i < a.Count; i++)
            {
                if (i > 0)
                {
                    s += ",";
                }

                JsonNode v = a[i];
                s += v.Kind == JsonKind.Null ? "null" : (v.Kind == JsonKind.String ? "\"" + v.StringValue + "\"" : v.NumberText);
            }

            return s + "]";
        }

        /// <summary>Replaces every <paramref name="find"/> in <paramref name="text"/> (string.Replace is not on every runtime).</summary>
        public static string Swap(string text, string find, string with)
        {
            string result = string.Empty;
            int from = 0;
            int at;
            while ((at = text.IndexOf(find, from)) >= 0)
            {
                result += text.Substring(from, at - from) + with;
                from = at + find.Length;
            }

            return result + text.Substring(from);
        }
    }
}
