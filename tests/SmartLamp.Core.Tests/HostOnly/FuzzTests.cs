using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using nanoFramework.TestFramework;
using SmartLamp.Core.App;
using SmartLamp.Core.Rules;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.App;
using SmartLamp.Core.Tests.Settings;
using SmartLamp.Core.Text;
using SmartLamp.Simulation;

namespace SmartLamp.Core.Tests.HostOnly
{
    /// <summary>
    /// Seeded random testing (CsCheck) of the whole core: random commands, topics, payloads and settings
    /// files. After every step no exception has escaped, every topic, client id and filter that would go
    /// on the wire is valid MQTT (no control, non-character or lone surrogate, no wildcard in a topic),
    /// every payload encodes to UTF-8, and at the end the device is connected and answers a command.
    /// Host only (CsCheck is a .NET library); a few seconds. A failure prints the seed to replay.
    /// </summary>
    [TestClass]
    public class FuzzTests
    {
        private const string Seed = "0N0XIzNsQ0O2"; // fixed: CI runs the same cases every time
        private const int Iterations = 300;

        private static readonly string[] Commands =
        {
            "Power", "Power1", "Power0", "Topic", "GroupTopic", "FullTopic", "Prefix1", "Prefix2", "Prefix3", "MqttClient",
            "MqttUser", "MqttPassword", "Subscribe", "Subscribe2", "Unsubscribe", "Rule1", "Rule2", "Rule3", "Event",
            "Backlog", "Backlog0", "StateText1", "StateText2", "StateText3", "StateText4", "ButtonTopic", "SetOption0",
            "SetOption4", "SetOption19", "SetOption26", "HassDiscovery", "Status", "State", "PowerOnState", "BlinkTime",
            "BlinkCount", "PulseTime1", "Interlock", "LedState", "SaveData", "TelePeriod", "MqttRetry", "MqttKeepAlive",
            "PowerRetain", "MqttRetainedCmnd", "Discover", "MqttTls", "MqttCaFile", "Restart", "Nonsense", "",
        };

        private static readonly string[] Words =
        {
            "ON", "OFF", "TOGGLE", "1", "0", "2", "lampe", "tasmotas", "%value%", "ON Event#A DO Power1 TOGGLE ENDON",
            "ON Power1#State DO Backlog Power1 TOGGLE; Power1 TOGGLE ENDON", "ON System#Boot DO Restart 1 ENDON",
            "A, stat/phone", "A, cmnd/smartlamp_E0B7C9/#", "B, stat/x, name", "MqttPassword secret", "{\"name\":\"a\\ud800b\"}",
            "%prefix%/%topic%/", "A=1", "+", "#", "/", ";", "\"", "{", "}", "  ",
        };

        private static readonly char[] Odd =
        {
            (char)0x00, (char)0x01, (char)0x0B, (char)0x7F, (char)0x80, (char)0x9F, (char)0xA0, (char)0xFDD0, (char)0xFFFE, (char)0xFFFF,
            (char)0xD800, (char)0xDC00, (char)0xFFFD, 'é', '€', ';', '%', '#', '+', '/', '\\', '"', '\n', '\r', '\t', ' ',
        };

        private static readonly Gen<string> GenText =
            Gen.OneOf(
                Gen.OneOfConst(Words),
                Gen.Char.Array[0, 12].Select(a => new string(a)),
                Gen.Int[0, Odd.Length - 1].Array[1, 6].Select(ix => new string(ix.Select(i => Odd[i]).ToArray())),
                Gen.Select(Gen.OneOfConst(Words), Gen.Int[0, Odd.Length - 1], Gen.OneOfConst(Words), (a, i, b) => a + Odd[i] + b),
                Gen.Int[1, 3000].Select(n => new string('x', n)));

        /// <summary>One step: a command on the device's topic, a message on some topic, console line, or time passing.</summary>
        private sealed record Step(int Kind, string Name, string Payload, int Ms);

        private static readonly Gen<Step> GenStep =
            Gen.Select(Gen.Int[0, 9], Gen.OneOfConst(Commands), GenText, Gen.Int[0, 3000], (k, c, p, ms) => new Step(k, c, p, ms));

        private static readonly string[] SettingsKeys =
        {
            "MqttClient", "Topic", "GroupTopic", "FullTopic", "Prefix1", "Prefix2", "Prefix3", "StateText1", "StateText4",
            "ButtonTopic", "MqttUser", "MqttPassword", "Rule1", "RulesEnabled", "MqttPort", "PowerOnState", "Subscriptions",
        };

        private static readonly Gen<string> GenSettingsFile =
            Gen.Select(
                Gen.Select(Gen.OneOfConst(SettingsKeys), GenText, (k, v) => "\"" + k + "\":" + Json(v)).Array[0, 8],
                Gen.Bool,
                (pairs, seal) =>
                {
                    string rest = "\"Seq\":5,\"Version\":2,\"MqttHost\":\"" + DeviceFixture.Host + "\"" + string.Concat(pairs.Select(p => "," + p)) + "}";
                    return seal ? SettingsTestData.Seal(rest) : "{" + rest;
                });

        private static string Json(string v)
        {
            var b = new StringBuilder("\"");
            foreach (char c in v)
            {
                if (c == '"' || c == '\\')
                {
                    b.Append('\\').Append(c);
                }
                else if (c < ' ')
                {
                    b.Append("\\u").Append(((int)c).ToString("x4"));
                }
                else
                {
                    b.Append(c);
                }
            }

            return b.Append('"').ToString();
        }

        [TestMethod]
        public void Random_Commands_Topics_And_Payloads_Never_Lock_Out_Or_Break_The_Device()
        {
            Gen.Select(GenSettingsFile, GenStep.Array[1, 25]).Sample(
                (file, steps) => Run(file, steps),
                iter: Iterations,
                seed: Seed,
                threads: 1);
        }

        private static void Run(string settingsFile, Step[] steps)
        {
            DeviceFixture f = DeviceFixture.Prepare(false, DeviceFixture.Host);
            f.Store.Set(SettingsJournal.NameB, settingsFile); // copy A holds the seeded settings (the broker)
            f.App = new DeviceApp(f.Ports, DeviceFixture.TwoRelayBoard());
            f.Network.Up();
            f.App.Start();
            Settle(f, 0);

            foreach (Step s in steps)
            {
                string payload = s.Payload;
                switch (s.Kind)
                {
                    case 0:
                    case 1:
                    case 2:
                    case 3:
                        f.Mqtt.Deliver(CommandTopic(f) + s.Name, payload, false);
                        break;
                    case 4:
                        f.Mqtt.Deliver("cmnd/tasmotas/" + s.Name, payload, false);
                        break;
                    case 5:
                        f.Mqtt.Deliver("stat/phone", payload, s.Ms % 2 == 0);
                        break;
                    case 6:
                        f.Mqtt.Deliver(payload.Length == 0 ? "x" : payload, s.Name, false);
                        break;
                    case 7:
                        f.App.ExecuteCommand(s.Name + " " + payload);
                        break;
                    default:
                        break;
                }

                Settle(f, s.Ms);
            }

            // Still connected and answering on its command topic.
            Settle(f, 20000);
            Assert.IsTrue(f.App.Session.IsConnected, "connected at the end");
            int before = f.Mqtt.PublishedCount;
            f.Mqtt.Deliver(CommandTopic(f) + "Power1", string.Empty, false);
            f.Clock.Advance(0);
            bool answered = false;
            for (int i = before; i < f.Mqtt.PublishedCount; i++)
            {
                answered |= f.Mqtt.PublishedAt(i).Payload.Contains("POWER", StringComparison.Ordinal);
            }

            Assert.IsTrue(answered, "answers a command after the run");
            CheckWire(f, 0);
        }

        /// <summary>Lets time pass; a connect attempt is accepted (after its options were checked), as a broker would.</summary>
        private static void Settle(DeviceFixture f, int ms)
        {
            f.Clock.Advance(ms);
            for (int round = 0; round < 3 && f.Mqtt.ConnectPending; round++)
            {
                CheckConnect(f);
                f.Mqtt.AcceptConnect();
                f.Clock.Advance(0);
            }

            CheckWire(f, Math.Max(0, f.Mqtt.PublishedCount - 400));
        }

        /// <summary>The device's command topic prefix, from its own subscription ("cmnd/lampe/#" gives "cmnd/lampe/").</summary>
        private static string CommandTopic(DeviceFixture f)
        {
            string own = f.App.Session.OwnCommandFilter;
            return own.Substring(0, own.Length - 1);
        }

        private static void CheckConnect(DeviceFixture f)
        {
            var o = f.Mqtt.LastOptions;
            Assert.IsTrue(Chars.IsMqttText(o.ClientId) && o.ClientId.Length > 0, "client id " + Show(o.ClientId));
            Assert.IsTrue(Chars.IsMqttText(o.WillTopic) && IsTopicName(o.WillTopic), "will topic " + Show(o.WillTopic));
            Assert.IsTrue(o.User == null || Chars.IsWellFormed(o.User));
            Assert.IsTrue(o.Password == null || Chars.IsWellFormed(o.Password));
        }

        private static void CheckWire(DeviceFixture f, int from)
        {
            for (int i = from; i < f.Mqtt.PublishedCount; i++)
            {
                var m = f.Mqtt.PublishedAt(i);
                Assert.IsTrue(Chars.IsMqttText(m.Topic) && IsTopicName(m.Topic), "published topic " + Show(m.Topic));
                Assert.IsTrue(Chars.IsWellFormed(m.Payload), "payload on " + m.Topic + ": " + Show(m.Payload));
                Assert.IsTrue(Encoding.UTF8.GetByteCount(m.Topic) <= 65535);
            }

            foreach (string filter in f.Mqtt.Subscriptions)
            {
                Assert.IsTrue(Chars.IsMqttText(filter) && IsFilter(filter), "subscription " + Show(filter));
            }
        }

        private static bool IsTopicName(string t)
        {
            return t.Length > 0 && t.IndexOf('+') < 0 && t.IndexOf('#') < 0;
        }

        private static bool IsFilter(string filter)
        {
            string[] levels = filter.Split('/');
            for (int i = 0; i < levels.Length; i++)
            {
                string l = levels[i];
                if ((l.Contains('#') && (l != "#" || i != levels.Length - 1)) || (l.Contains('+') && l != "+"))
                {
                    return false;
                }
            }

            return filter.Length > 0;
        }

        private static string Show(string s)
        {
            return s == null ? "null" : string.Concat(s.Select(c => c < ' ' || c > '~' ? "\\u" + ((int)c).ToString("x4") : c.ToString()));
        }
    }
}
