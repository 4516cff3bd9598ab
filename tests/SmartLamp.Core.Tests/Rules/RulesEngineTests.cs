using nanoFramework.TestFramework;
using SmartLamp.Core.Rules;

namespace SmartLamp.Core.Tests.Rules
{
    [TestClass]
    public class RulesEngineTests
    {
        [TestMethod]
        public void Rule1_Stores_The_Set_And_Answers_Like_Tasmota()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            g.Line("Rule1 ON Event#ALARM DO Power1 ON ENDON");

            Assert.AreEqual("RESULT {\"Rule1\":{\"State\":\"OFF\",\"Once\":\"OFF\",\"StopOnError\":\"OFF\",\"Length\":33,\"Free\":478,\"Rules\":\"ON Event#ALARM DO Power1 ON ENDON\"}}\n", g.Text());
            Assert.AreEqual("ON Event#ALARM DO Power1 ON ENDON", g.R.S.Rules[0]);
        }

        [TestMethod]
        public void Rule_Flags_Enable_Toggle_Once_And_StopOnError()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", false);
            g.Line("Rule1 1");
            g.Line("Rule1 5");
            g.Line("Rule1 9");
            Assert.AreEqual(1, g.R.S.RulesEnabled);
            Assert.AreEqual(1, g.R.S.RulesOnce);
            Assert.AreEqual(1, g.R.S.RulesStopOnError);
            Assert.IsTrue(g.R.Output.At(2).Payload.IndexOf("{\"Rule1\":{\"State\":\"ON\",\"Once\":\"ON\",\"StopOnError\":\"ON\",") == 0);

            g.Line("Rule1 2");
            g.Line("Rule1 6");
            g.Line("Rule1 10");
            g.Line("Rule1 off");
            Assert.AreEqual(0, g.R.S.RulesEnabled);
            Assert.AreEqual(0, g.R.S.RulesOnce);
            Assert.AreEqual(0, g.R.S.RulesStopOnError);
        }

        [TestMethod]
        public void Plus_Appends_And_Quote_Clears()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", true);
            g.Line("Rule1 +ON Event#B DO Power1 OFF ENDON");
            Assert.AreEqual("ON Event#A DO Power1 ON ENDON ON Event#B DO Power1 OFF ENDON", g.R.S.Rules[0]);
            g.Line("Rule1 +");
            Assert.AreEqual("ON Event#A DO Power1 ON ENDON ON Event#B DO Power1 OFF ENDON", g.R.S.Rules[0], "stored trimmed");

            g.Line("Rule1 \"");
            Assert.AreEqual(string.Empty, g.R.S.Rules[0]);
            Assert.AreEqual("RESULT {\"Rule1\":{\"State\":\"ON\",\"Once\":\"OFF\",\"StopOnError\":\"OFF\",\"Length\":0,\"Free\":511,\"Rules\":\"\"}}", g.R.Output.At(2).ToString());
        }

        [TestMethod]
        public void Malformed_Rule_Is_Refused_Naming_The_Problem_And_The_Old_Set_Stays()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", true);
            g.Line("Rule1 ON Event#B DO Power1 OFF");

            Assert.AreEqual("RESULT {\"Command\":\"Error\",\"Rule1\":\"ENDON or BREAK missing after: 'ON Event#B DO Power1 OFF'\"}\n", g.Text());
            Assert.AreEqual("ON Event#A DO Power1 ON ENDON", g.R.S.Rules[0]);

            g.Line("Event A");
            Assert.IsTrue(g.R.Relays.IsOn(0), "the kept set still works");
        }

        [TestMethod]
        public void Too_Long_Or_Control_Characters_Are_Refused()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", true);
            string big = "ON Event#A DO Event B=" + new string('x', 500) + " ENDON";
            g.Line("Rule1 " + big);
            g.Line("Rule1 +ON Event#B DO Event C=" + new string('y', 470) + " ENDON");
            g.R.Dispatcher.Execute(SmartLamp.Core.Commands.CommandSource.Mqtt, "Rule1", 0, 5, "ON Event#A DO Power1\u0007 ON ENDON");

            Assert.AreEqual("RESULT {\"Command\":\"Error\",\"Rule1\":\"too long: " + big.Length.ToString() + " characters, at most 511\"}", g.R.Output.At(0).ToString());
            Assert.AreEqual("RESULT {\"Command\":\"Error\",\"Rule1\":\"too long: 528 characters, at most 511\"}", g.R.Output.At(1).ToString());
            Assert.AreEqual("RESULT {\"Command\":\"Error\",\"Rule1\":\"control characters are not allowed\"}", g.R.Output.At(2).ToString());
            Assert.AreEqual("ON Event#A DO Power1 ON ENDON", g.R.S.Rules[0]);
        }

        [TestMethod]
        public void Line_Breaks_In_A_Pasted_Rule_Become_Spaces()
        {
            RulesRig g = RulesRig.Create(1, null, true);
            g.R.Dispatcher.Execute(SmartLamp.Core.Commands.CommandSource.Mqtt, "Rule1", 0, 5, "ON Event#A DO Power1 ON ENDON\r\nON Event#B\tDO Power1 OFF ENDON");
            Assert.AreEqual("ON Event#A DO Power1 ON ENDON  ON Event#B DO Power1 OFF ENDON", g.R.S.Rules[0]);
        }

        [TestMethod]
        public void Rule0_Answers_Every_Set_And_Rule4_Is_An_Error()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", false);
            g.Line("Rule0 1");
            Assert.AreEqual(7, g.R.S.RulesEnabled);
            Assert.AreEqual(3, g.R.Output.Count);
            Assert.IsTrue(g.R.Output.At(0).Payload.IndexOf("{\"Rule1\":{\"State\":\"ON\"") == 0);
            Assert.IsTrue(g.R.Output.At(2).Payload.IndexOf("{\"Rule3\":{\"State\":\"ON\"") == 0);

            g.R.Output.Clear();
            g.Line("Rule4 ON Event#A DO Power1 ON ENDON");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}\n", g.Text());
        }

        [TestMethod]
        public void Rule_Without_Index_Is_Rule1_And_Rule0_Quote_Clears_Every_Set()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", true);
            g.R.S.Rules[2] = "ON Event#C DO Power1 OFF ENDON";
            g.Line("Rule");
            Assert.AreEqual("RESULT {\"Rule1\":{\"State\":\"ON\",\"Once\":\"OFF\",\"StopOnError\":\"OFF\",\"Length\":29,\"Free\":482,\"Rules\":\"ON Event#A DO Power1 ON ENDON\"}}\n", g.Text());

            g.Line("Rule0 \"");
            Assert.AreEqual(string.Empty, g.R.S.Rules[0]);
            Assert.AreEqual(string.Empty, g.R.S.Rules[2]);
            Assert.AreEqual(4, g.R.Output.Count);
            Assert.IsTrue(g.R.Output.At(3).Payload.IndexOf("{\"Rule3\":{") == 0);
        }

        [TestMethod]
        public void Event_Command_Answers_Done_First_Then_The_Rule_Runs()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#ALARM DO Power1 ON ENDON", true);
            g.R.Line("Event ALARM=ringing");
            Assert.AreEqual("RESULT {\"Event\":\"Done\"}\n", g.Text());
            Assert.IsFalse(g.R.Relays.IsOn(0));

            g.R.Clock.Advance(0);
            Assert.AreEqual("RESULT {\"Event\":\"Done\"}\nRESULT {\"POWER\":\"ON\"}\nstat POWER ON\n", g.Text());
            Assert.AreEqual(2, g.R.Gpio.TraceCount);
            Assert.AreEqual(12, g.R.Gpio.TraceAt(1).Pin);
            Assert.IsTrue(g.R.Gpio.TraceAt(1).Level, "relay pin high");
            Assert.IsTrue(g.R.Log.Contains("RUL: Event#ALARM performs 'Power1 ON'"));
        }

        [TestMethod]
        public void Disabled_Set_Does_Nothing()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#ALARM DO Power1 ON ENDON", false);
            g.Line("Event ALARM");
            Assert.IsFalse(g.R.Relays.IsOn(0));
            Assert.AreEqual(0, g.Engine.PendingEvents);
        }

        [TestMethod]
        public void Event_Comparisons_Pick_The_Matching_Rule()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#T>=21 DO Power1 OFF ENDON ON Event#T<21 DO Power1 ON ENDON ON Event#M=wake DO Power2 ON ENDON", true);
            g.Line("Event T=19.5");
            Assert.IsTrue(g.R.Relays.IsOn(0));
            g.Line("Event T=21");
            Assert.IsFalse(g.R.Relays.IsOn(0));
            g.Line("Event M=sleep");
            Assert.IsFalse(g.R.Relays.IsOn(1));
            g.Line("Event M=WAKE");
            Assert.IsTrue(g.R.Relays.IsOn(1));
        }

        [TestMethod]
        public void Value_Is_Substituted_In_Any_Case()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#P DO Backlog Power1 %value%; Power2 %VALUE% ENDON", true);
            g.Line("Event P=on");
            Assert.AreEqual(3, g.R.Relays.PowerMask);
            Assert.IsTrue(g.R.Log.Contains("RUL: Event#P performs 'Backlog Power1 on; Power2 on'"));
        }

        [TestMethod]
        public void A_Semicolon_In_The_Value_Cannot_Add_Commands_To_A_Backlog()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#P DO Backlog Power1 %value%; Power2 ON ENDON", true);
            g.Line("Event P=ON; Restart 1");
            // Power1 gets the whole "ON; Restart 1" as its payload, which is no state: it answers its state.
            Assert.AreEqual("RESULT {\"Event\":\"Done\"}\nRESULT {\"POWER1\":\"OFF\"}\nstat POWER1 OFF\nRESULT {\"POWER2\":\"ON\"}\nstat POWER2 ON\n", g.Text());
            g.R.Clock.Advance(1000);
            Assert.AreEqual(0, g.R.System.Restarts);
            Assert.IsFalse(g.R.Relays.IsOn(0));
        }

        [TestMethod]
        public void Backlog_In_DO_Runs_Every_Command_In_Order()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#GO DO Backlog Power1 ON; Power2 ON;  ; Power1 OFF ENDON", true);
            g.Line("Event GO");
            Assert.AreEqual("RESULT {\"Event\":\"Done\"}\nRESULT {\"POWER1\":\"ON\"}\nstat POWER1 ON\nRESULT {\"POWER2\":\"ON\"}\nstat POWER2 ON\nRESULT {\"POWER1\":\"OFF\"}\nstat POWER1 OFF\n", g.Text());
        }

        [TestMethod]
        public void Power_State_Trigger_Sees_Each_Changed_Relay()
        {
            RulesRig g = RulesRig.Create(2, "ON Power1#State=1 DO Power2 ON ENDON ON Power1#State=0 DO Power2 OFF ENDON", true);
            g.Line("Power1 ON");
            Assert.AreEqual(3, g.R.Relays.PowerMask);
            g.Line("Power1 OFF");
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            Assert.IsTrue(g.R.Log.Contains("RUL: Power1#State=0 performs 'Power2 OFF'"));
        }

        [TestMethod]
        public void Power_Value_Is_The_New_State()
        {
            RulesRig g = RulesRig.Create(2, "ON Power1#State DO Power2 %value% ENDON", true);
            g.Line("Power1 TOGGLE");
            Assert.IsTrue(g.R.Relays.IsOn(1));
            g.Line("Power1 TOGGLE");
            Assert.IsFalse(g.R.Relays.IsOn(1));
        }

        [TestMethod]
        public void Button_State_Trigger_Runs_And_Reports_It_Was_Handled()
        {
            RulesRig g = RulesRig.Create(1, "ON Button1#State=2 DO Power1 ON ENDON", true);
            Assert.IsFalse(g.Engine.OnButton(1, 2), "no rule for Button2");
            Assert.IsTrue(g.Engine.OnButton(0, 2));
            Assert.IsFalse(g.R.Relays.IsOn(0), "queued, not yet run");
            g.R.Clock.Advance(0);
            Assert.IsTrue(g.R.Relays.IsOn(0));
            Assert.IsFalse(g.Engine.OnButton(0, 3), "HOLD has no rule");
        }

        [TestMethod]
        public void Mqtt_And_Wifi_Triggers()
        {
            RulesRig g = RulesRig.Create(3, "ON Mqtt#Connected DO Power1 ON ENDON ON Mqtt#Disconnected DO Power1 OFF ENDON ON Wifi#Connected DO Power3 ON ENDON", true);
            g.Engine.OnMqttConnected(true);
            g.R.Clock.Advance(0);
            Assert.AreEqual(1, g.R.Relays.PowerMask);
            g.Engine.OnMqttDisconnected();
            g.R.Clock.Advance(0);
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            g.Engine.OnWifiConnected();
            g.R.Clock.Advance(0);
            Assert.AreEqual(4, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void System_Boot_And_Power_Boot_Run_At_Start()
        {
            RulesRig g = RulesRig.Create(2, "ON System#Boot DO Power1 ON ENDON ON Power2#Boot=0 DO Event seen=%value% ENDON ON Event#seen=0 DO Power2 ON ENDON", true);
            Assert.AreEqual(3, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void Empty_Enabled_Sets_Are_Switched_Off_At_Start()
        {
            RulesRig g = RulesRig.Create(1, null, true);
            Assert.AreEqual(0, g.R.S.RulesEnabled);
        }

        [TestMethod]
        public void Break_Skips_The_Rest_Of_The_Set_Only_When_It_Fired()
        {
            RulesRig g = RulesRig.Create(3, "ON Event#A=1 DO Power1 ON BREAK ON Event#A DO Power2 ON ENDON", true);
            g.R.S.Rules[1] = "ON Event#A DO Power3 ON ENDON";
            g.R.S.RulesEnabled = 3;
            g.Line("Event A=1");
            Assert.AreEqual(5, g.R.Relays.PowerMask, "Rule1's second rule skipped, Rule2 still runs");
            g.Line("Event A=2");
            Assert.AreEqual(7, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void Once_Fires_Again_Only_After_The_Trigger_Stopped_Matching()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#T>20 DO Power1 TOGGLE ENDON", true);
            g.Line("Rule1 5");
            g.Line("Event T=21");
            g.Line("Event T=22");
            Assert.IsTrue(g.R.Relays.IsOn(0), "second match in a row does not toggle back");
            g.Line("Event T=19");
            g.Line("Event T=23");
            Assert.IsFalse(g.R.Relays.IsOn(0));
            g.Line("Event OTHER=1");
            g.Line("Event T=24");
            Assert.IsFalse(g.R.Relays.IsOn(0), "an unrelated event does not reset Once");
        }

        [TestMethod]
        public void A_Rule_Triggering_Itself_Is_Cut_With_A_Log_Line()
        {
            RulesRig g = RulesRig.Create(1, "ON Power1#State DO Power1 TOGGLE ENDON", true);
            g.Line("Power1 ON");

            Assert.AreEqual(0, g.Engine.PendingEvents);
            Assert.IsTrue(g.R.Log.Contains("RUL: Relay 1 switched 4 times within 1 s by rules, further switching by rules refused"));
            // The command's own change, then the toggles the rules' switching budget allows.
            Assert.AreEqual(RulesEngine.MaxRuleSwitchesPerSecond + 1, g.R.Output.Count / 2);
            g.R.Clock.Advance(60000);
            Assert.AreEqual(RulesEngine.MaxRuleSwitchesPerSecond + 1, g.R.Output.Count / 2, "nothing keeps running");
        }

        [TestMethod]
        public void An_Event_Loop_Through_The_Event_Command_Is_Cut()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#PING DO Event PONG ENDON ON Event#PONG DO Backlog Power1 TOGGLE; Event PING ENDON", true);
            g.Line("Event PING");
            Assert.IsTrue(g.R.Log.Contains("RUL: Loop stopped: "));
            Assert.AreEqual(0, g.Engine.PendingEvents);
            int answers = g.R.Output.Count;
            g.R.Clock.Advance(60000);
            Assert.AreEqual(answers, g.R.Output.Count);
        }

        [TestMethod]
        public void Nothing_Is_Queued_While_No_Set_Is_On()
        {
            RulesRig g = RulesRig.Create(1, "ON Power1#State DO Power1 OFF ENDON", false);
            g.R.Line("Power1 ON");
            Assert.AreEqual(0, g.Engine.PendingEvents);
            g.R.Clock.Advance(0);
            Assert.IsTrue(g.R.Relays.IsOn(0));
        }

        [TestMethod]
        public void Event_Without_Name_Is_An_Error_And_Without_Payload_Is_Done()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO Power1 ON ENDON", true);
            g.Line("Event =5");
            g.Line("Event");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}\nRESULT {\"Event\":\"Done\"}\n", g.Text());
        }

        [TestMethod]
        public void A_Password_Command_In_A_Rule_Is_Not_Logged()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#A DO MqttPassword secret ENDON", true);
            g.Line("Event A");
            Assert.IsTrue(g.R.Log.Contains("RUL: Event#A performs 'MqttPassword ****'"));
            Assert.IsFalse(g.R.Log.Contains("secret"));
        }
    }
}
