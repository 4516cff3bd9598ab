using nanoFramework.TestFramework;
using SmartLamp.Core.Commands;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Relays
{
    [TestClass]
    public class PowerControllerTests
    {
        [TestMethod]
        public void Power_On_Publishes_Exactly_Result_Then_Plain_Stat_In_That_Order()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "ON");

            Assert.AreEqual(2, r.Output.Count);
            RecordedMessage first = r.Output.At(0);
            RecordedMessage second = r.Output.At(1);
            Assert.AreEqual("RESULT", first.TopicKind);
            Assert.AreEqual("{\"POWER\":\"ON\"}", first.Payload);
            Assert.IsFalse(first.Retain);
            Assert.AreEqual("STAT", second.TopicKind);
            Assert.AreEqual("POWER", second.Subtopic);
            Assert.AreEqual("ON", second.Payload);
            Assert.IsFalse(second.Retain);
            Assert.IsTrue(r.Gpio.Read(CommandRig.FirstPin));
            Assert.AreEqual(1, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Off_Toggle_And_Numbers_Switch_The_Relay()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("power", "1");
            r.Mqtt("POWER", "toggle");
            Assert.AreEqual(0, r.Relays.PowerMask);
            r.Mqtt("Power", "2");
            Assert.AreEqual(1, r.Relays.PowerMask);
            r.Mqtt("Power", "off");
            Assert.AreEqual(0, r.Relays.PowerMask);
            r.Mqtt("Power", "true");
            r.Mqtt("Power", "0x0");
            Assert.AreEqual(
                "RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n" +
                "RESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n" +
                "RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n" +
                "RESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n" +
                "RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n" +
                "RESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n",
                r.Output.Text());
        }

        [TestMethod]
        public void Query_And_Unknown_Values_Publish_The_Current_State_Without_Change()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "on");
            r.Output.Clear();
            r.Mqtt("Power", "");
            r.Mqtt("Power", "?");
            r.Mqtt("Power", "bogus");
            r.Mqtt("Power", "7");
            r.Mqtt("Power", "\uFFFD");
            Assert.AreEqual(10, r.Output.Count);
            for (int i = 0; i < 10; i += 2)
            {
                Assert.AreEqual("RESULT {\"POWER\":\"ON\"}", r.Output.At(i).ToString());
                Assert.AreEqual("stat POWER ON", r.Output.At(i + 1).ToString());
            }

            Assert.AreEqual(1, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Power1_Works_On_A_Single_Relay_And_Keeps_The_Unindexed_Name()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power1", "ON");
            Assert.AreEqual("RESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", r.Output.Text());
            Assert.AreEqual(1, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Power2_On_A_Single_Relay_Is_An_Error_And_Changes_Nothing()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power2", "ON");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}\n", r.Output.Text());
            Assert.AreEqual(0, r.Relays.PowerMask);
        }

        [TestMethod]
        public void Two_Relays_Use_Indexed_Names_Everywhere()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Power2", "on");
            r.Mqtt("Power", "on");
            Assert.AreEqual(
                "RESULT {\"POWER2\":\"ON\"}\nstat POWER2 ON\n" +
                "RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\n",
                r.Output.Text());
            Assert.AreEqual(3, r.Relays.PowerMask);
            Assert.AreEqual("POWER1", r.Power.PowerKey(0));
            Assert.AreEqual("POWER2", r.Power.PowerKey(1));
        }

        [TestMethod]
        public void SetOption26_Indexes_A_Single_Relay()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SetOption26", "1");
            r.Output.Clear();
            r.Mqtt("Power", "on");
            Assert.AreEqual("RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\n", r.Output.Text());
            r.Mqtt("SetOption26", "0");
            r.Output.Clear();
            r.Mqtt("Power1", "off");
            Assert.AreEqual("RESULT {\"POWER\":\"OFF\"}\nstat POWER OFF\n", r.Output.Text());
        }

        [TestMethod]
        public void Power0_Switches_All_Relays_And_Publishes_Each()
        {
            CommandRig r = CommandRig.Create(3);
            r.Mqtt("Power2", "on");
            r.Output.Clear();
            r.Mqtt("Power0", "toggle");
            Assert.AreEqual(5, r.Relays.PowerMask);
            Assert.AreEqual(
                "RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\n" +
                "RESULT {\"POWER2\":\"OFF\"}\nstat POWER2 OFF\n" +
                "RESULT {\"POWER3\":\"ON\"}\nstat POWER3 ON\n",
                r.Output.Text());
            r.Mqtt("Power0", "1");
            Assert.AreEqual(7, r.Relays.PowerMask);
            r.Mqtt("Power0", "off");
            Assert.AreEqual(0, r.Relays.PowerMask);
            r.Output.Clear();
            r.Mqtt("Power0", "blink");
            Assert.AreEqual(0, r.Relays.PowerMask);
            Assert.AreEqual(6, r.Output.Count);
            Assert.AreEqual(0, r.Power.BlinkMask);
        }

        [TestMethod]
        public void StateText_Changes_Every_Power_Payload()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("StateText2", "Ein An");
            Assert.AreEqual("RESULT {\"StateText2\":\"Ein_An\"}", r.Last());
            r.Mqtt("StateText1", "Aus");
            r.Output.Clear();
            r.Mqtt("Power", "on");
            r.Mqtt("Power", "off");
            Assert.AreEqual("RESULT {\"POWER\":\"Ein_An\"}\nstat POWER Ein_An\nRESULT {\"POWER\":\"Aus\"}\nstat POWER Aus\n", r.Output.Text());
            Assert.AreEqual("Ein_An", r.Power.StateText(true));
        }

        [TestMethod]
        public void StateText_Without_Index_Lists_All_Four_And_Bad_Index_Is_An_Error()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("StateText", "");
            Assert.AreEqual("RESULT {\"StateText1\":\"OFF\",\"StateText2\":\"ON\",\"StateText3\":\"TOGGLE\",\"StateText4\":\"HOLD\"}", r.Last());
            r.Mqtt("StateText5", "x");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            r.Mqtt("StateText0", "x");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            r.Mqtt("StateText3", "");
            Assert.AreEqual("RESULT {\"StateText3\":\"TOGGLE\"}", r.Last());
            r.Mqtt("StateText3", "a\u0001b");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", r.Last());
            Assert.AreEqual("TOGGLE", r.S.StateText[2]);
        }

        [TestMethod]
        public void StateText_With_Quotes_Is_Escaped_In_The_Json_But_Plain_In_The_Stat()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("StateText2", "\"on\"");
            r.Output.Clear();
            r.Mqtt("Power", "on");
            Assert.AreEqual("RESULT {\"POWER\":\"\\\"on\\\"\"}\nstat POWER \"on\"\n", r.Output.Text());
        }

        [TestMethod]
        public void PowerRetain_Retains_The_Plain_Message_And_Zero_Clears_The_Broker_Copy()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("PowerRetain", "1");
            Assert.AreEqual("RESULT {\"PowerRetain\":\"ON\"}", r.Last());
            r.Output.Clear();
            r.Mqtt("Power1", "on");
            Assert.AreEqual("RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON (retained)\n", r.Output.Text());
            r.Output.Clear();
            r.Mqtt("PowerRetain", "off");
            Assert.AreEqual("stat POWER1  (retained)\nstat POWER2  (retained)\nRESULT {\"PowerRetain\":\"OFF\"}\n", r.Output.Text());
            Assert.AreEqual("", r.Output.At(0).Payload);
            Assert.IsTrue(r.Output.At(0).Retain);
            r.Output.Clear();
            r.Mqtt("Power1", "off");
            Assert.AreEqual("RESULT {\"POWER1\":\"OFF\"}\nstat POWER1 OFF\n", r.Output.Text());
            r.Mqtt("PowerRetain", "5");
            Assert.AreEqual("RESULT {\"PowerRetain\":\"OFF\"}", r.Last());
        }

        [TestMethod]
        public void Power_State_Is_Saved_Once_After_A_Second_When_SetOption0_Is_On()
        {
            CommandRig r = CommandRig.Create(2);
            int saves = r.Store.Saves;
            r.Mqtt("Power2", "on");
            Assert.AreEqual(2, r.S.SavedPower);
            Assert.AreEqual(SettingsChange.Power, r.ChangeFlags);
            r.Mqtt("Power1", "on");
            r.Clock.Advance(999);
            Assert.AreEqual(saves, r.Store.Saves);
            r.Clock.Advance(1);
            Assert.AreEqual(saves + 1, r.Store.Saves);
            Assert.IsTrue(r.Store.Text.IndexOf(",\"SavedPower\":3,") > 0);
        }

        [TestMethod]
        public void Power_State_Is_Not_Saved_With_SetOption0_Off()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("SetOption0", "0");
            r.Clock.Advance(2000);
            int saves = r.Store.Saves;
            r.Mqtt("Power", "on");
            r.Clock.Advance(2000);
            Assert.AreEqual(saves, r.Store.Saves);
            Assert.AreEqual(0, r.S.SavedPower);
        }

        [TestMethod]
        public void On_Then_Off_Within_The_Second_Writes_Nothing()
        {
            CommandRig r = CommandRig.Create(1);
            int saves = r.Store.Saves;
            r.Mqtt("Power", "on");
            r.Mqtt("Power", "off");
            r.Clock.Advance(5000);
            Assert.AreEqual(saves, r.Store.Saves);
        }

        [TestMethod]
        public void AppendPowerState_Lists_Every_Relay()
        {
            CommandRig r = CommandRig.Create(2);
            r.Mqtt("Power2", "on");
            CommandResponse resp = new CommandResponse();
            resp.Add("Uptime", "0T00:00:01");
            r.Power.AppendPowerState(resp);
            Assert.AreEqual("{\"Uptime\":\"0T00:00:01\",\"POWER1\":\"OFF\",\"POWER2\":\"ON\"}", resp.ToJson());
        }

        [TestMethod]
        public void PublishAllPowerStates_Publishes_Each_Relay_As_Internal()
        {
            CommandRig r = CommandRig.Create(2);
            r.Relays.On(0);
            r.Power.PublishAllPowerStates();
            Assert.AreEqual("RESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\nRESULT {\"POWER2\":\"OFF\"}\nstat POWER2 OFF\n", r.Output.Text());
            Assert.AreEqual(CommandSource.Internal, r.Output.At(0).Source);
            Assert.AreEqual("POWER", r.Output.At(0).Subtopic);
        }

        [TestMethod]
        public void Steady_State_Power_Payloads_Are_The_Same_Instances()
        {
            CommandRig r = CommandRig.Create(1);
            r.Mqtt("Power", "on");
            r.Mqtt("Power", "off");
            r.Mqtt("Power", "on");
            Assert.IsTrue(object.ReferenceEquals(r.Output.At(0).Payload, r.Output.At(4).Payload));
            Assert.IsTrue(object.ReferenceEquals(r.Output.At(1).Payload, r.Output.At(5).Payload));
        }
    }
}
