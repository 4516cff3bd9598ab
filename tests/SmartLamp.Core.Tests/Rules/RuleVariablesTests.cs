using nanoFramework.TestFramework;
using SmartLamp.Core.Rules;
using SmartLamp.Core.Settings;
using SmartLamp.Core.Tests.Commands;

namespace SmartLamp.Core.Tests.Rules
{
    /// <summary>Var, Mem, CalcRes, Add/Sub/Mult/Scale, RuleTimer and the %...% substitutions.</summary>
    [TestClass]
    public class RuleVariablesTests
    {
        [TestMethod]
        public void Format_Writes_Fixed_Decimals_Rounded_Half_Away_From_Zero()
        {
            Assert.AreEqual("2.3", RuleNumber.Format(2.25, 1));
            Assert.AreEqual("-2.3", RuleNumber.Format(-2.25, 1));
            Assert.AreEqual("10", RuleNumber.Format(10, 0));
            Assert.AreEqual("0.0", RuleNumber.Format(-0.04, 1));
            Assert.AreEqual("3.1415927", RuleNumber.Format(3.14159265, 7));
            Assert.AreEqual("0.10", RuleNumber.Format(0.1, 2));
            Assert.AreEqual("2.68", RuleNumber.Format(2.675, 2));
            Assert.AreEqual("1000000.0", RuleNumber.Format(999999.96, 1));
            Assert.AreEqual("-5", RuleNumber.Format(-4.5, 0));
            Assert.AreEqual("inf", RuleNumber.Format(1.0E300, 1));
            Assert.AreEqual("-inf", RuleNumber.Format(-1.0E300, 1));
            Assert.AreEqual("nan", RuleNumber.Format(0.0 / 0.0, 1));
        }

        [TestMethod]
        public void Parse_Reads_A_Leading_Number_And_Zero_Otherwise()
        {
            Assert.AreEqual("12.5", RuleNumber.Format(RuleNumber.Parse("12.5abc"), 1));
            Assert.AreEqual("-3.0", RuleNumber.Format(RuleNumber.Parse("  -3"), 1));
            Assert.AreEqual("0.0", RuleNumber.Format(RuleNumber.Parse("ON"), 1));
            Assert.AreEqual("0.0", RuleNumber.Format(RuleNumber.Parse(""), 1));
            Assert.AreEqual("0.5", RuleNumber.Format(RuleNumber.Parse(".5"), 1));
        }

        [TestMethod]
        public void Var_Sets_Answers_And_Lists_In_Tasmota_Shapes()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            g.Line("Var1 hello world");
            Assert.AreEqual("RESULT {\"Var1\":\"hello world\"}", g.R.Last());
            g.Line("Var16 x");
            Assert.AreEqual("RESULT {\"Var16\":\"x\"}", g.R.Last());
            g.Line("Var1 \"");
            Assert.AreEqual("RESULT {\"Var1\":\"\"}", g.R.Last());
            g.Line("Var");
            string all = g.R.Last();
            Assert.IsTrue(all.IndexOf("{\"Var1\":\"\",\"Var2\":\"\",") > 0, all);
            Assert.IsTrue(all.IndexOf("\"Var16\":\"x\"}") > 0, all);
            g.Line("Var17 a");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last());
            g.Line("Var0 a");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last());
        }

        [TestMethod]
        public void Var_Refuses_Control_Characters_And_Cuts_Long_Values()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            g.Engine.Variables.Var(1);
            g.R.Mqtt("Var1", "a" + (char)1 + "b");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last());
            string longText = "0123456789012345678901234567890123456789012345678901234567890123456789";
            g.R.Mqtt("Var2", longText);
            Assert.AreEqual(DeviceSettings.MaxRuleVarLength, g.Engine.Variables.Var(2).Length);
        }

        [TestMethod]
        public void Mem_Is_Stored_Through_The_Settings_And_Survives_A_Restart()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            g.Line("Mem3 kept");
            Assert.AreEqual("RESULT {\"Mem3\":\"kept\"}", g.R.Last());
            Assert.AreEqual("kept", g.R.S.Mems[2]);
            g.R.Clock.Advance(SmartLamp.Core.Settings.SettingsService.SaveDelayMs + 1); // the ordinary deferred save, not SaveNow

            CommandRig again = CommandRig.CreateFromFlash(1, g.R.Store, true);
            Assert.AreEqual("kept", again.S.Mems[2]);
            RulesEngine e = new RulesEngine(again.Settings, again.Dispatcher, again.Output, again.Clock, again.Log, null);
            e.Register(again.Dispatcher);
            again.Line("Mem3");
            Assert.AreEqual("RESULT {\"Mem3\":\"kept\"}", again.Last());
            again.Line("Mem");
            Assert.IsTrue(again.Last().IndexOf("\"Mem3\":\"kept\",\"Mem4\":\"\"") > 0, again.Last());
        }

        [TestMethod]
        public void Arithmetic_Uses_CalcRes_Decimals_And_Answers_With_Its_Own_Name()
        {
            RulesRig g = RulesRig.Create(1, null, false);
            g.Line("CalcRes");
            Assert.AreEqual("RESULT {\"CalcRes\":1}", g.R.Last());
            g.Line("Var1 10");
            g.Line("Add1 2.5");
            Assert.AreEqual("RESULT {\"Add1\":\"12.5\"}", g.R.Last());
            g.Line("Sub1 20");
            Assert.AreEqual("RESULT {\"Sub1\":\"-7.5\"}", g.R.Last());
            g.Line("CalcRes 3");
            Assert.AreEqual("RESULT {\"CalcRes\":3}", g.R.Last());
            Assert.AreEqual(3, g.R.S.CalcRes);
            g.Line("Mult1 -2");
            Assert.AreEqual("RESULT {\"Mult1\":\"15.000\"}", g.R.Last());
            g.Line("CalcRes 8");
            Assert.AreEqual("RESULT {\"CalcRes\":3}", g.R.Last());
            g.Line("CalcRes 0");
            g.Line("Scale2 50,0,100,0,255");
            Assert.AreEqual("RESULT {\"Scale2\":\"128\"}", g.R.Last());
            g.Line("Scale2 25,0,100,20,10");
            Assert.AreEqual("RESULT {\"Scale2\":\"18\"}", g.R.Last(), "toLow is added and a falling target range works: 20 + 25% of -10");
            g.Line("Scale2 50,0,100");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last());
            g.Line("Scale2 1,5,5,0,1");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last());
            g.Line("Add1");
            Assert.AreEqual("RESULT {\"Add1\":\"15.000\"}", g.R.Last());
        }

        [TestMethod]
        public void RuleTimer_Counts_Down_And_Fires_Rules_Timer()
        {
            RulesRig g = RulesRig.Create(1, "ON Rules#Timer=2 DO Power on ENDON", true);
            g.Line("RuleTimer2 600");
            Assert.AreEqual("RESULT {\"T1\":0,\"T2\":600,\"T3\":0,\"T4\":0,\"T5\":0,\"T6\":0,\"T7\":0,\"T8\":0}", g.R.Last());
            g.R.Clock.Advance(100000);
            g.Line("RuleTimer");
            Assert.AreEqual("RESULT {\"T1\":0,\"T2\":500,\"T3\":0,\"T4\":0,\"T5\":0,\"T6\":0,\"T7\":0,\"T8\":0}", g.R.Last());
            g.R.Clock.Advance(499999);
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            g.R.Clock.Advance(1);
            Assert.AreEqual(1, g.R.Relays.PowerMask);
            g.Line("RuleTimer9 5");
            Assert.AreEqual("RESULT {\"Command\":\"Error\"}", g.R.Last());
        }

        [TestMethod]
        public void RuleTimer0_Sets_All_And_Zero_Stops()
        {
            RulesRig g = RulesRig.Create(1, "ON Rules#Timer=1 DO Power on ENDON", true);
            g.Line("RuleTimer0 5");
            Assert.AreEqual("RESULT {\"T1\":5,\"T2\":5,\"T3\":5,\"T4\":5,\"T5\":5,\"T6\":5,\"T7\":5,\"T8\":5}", g.R.Last());
            g.Line("RuleTimer1 0");
            g.R.Clock.Advance(10000);
            Assert.AreEqual(0, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void Var_And_Mem_Changes_Raise_State_Events()
        {
            RulesRig g = RulesRig.Create(2, "ON Var2#State>5 DO Power1 on ENDON ON Mem1#State=go DO Power2 on ENDON", true);
            g.Line("Var2 3");
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            g.Line("Add2 4");
            Assert.AreEqual(1, g.R.Relays.PowerMask);
            g.Line("Mem1 go");
            Assert.AreEqual(3, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void Substitutions_Put_In_Vars_Mems_Topic_Value_And_Timestamp()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#Show DO Var3 %VAR1%/%mem2%/%topic%/%value%/%var17%/%timestamp% ENDON", true);
            g.Line("Var1 a");
            g.Line("Mem2 b");
            g.Engine.Variables.Timestamp = FixedTime;
            g.Line("Event Show=v");
            Assert.AreEqual("a/b/" + g.R.S.Topic + "/v/%var17%/2024-05-01T06:30:00", g.Engine.Variables.Var(3));
        }

        [TestMethod]
        public void Timestamp_Defaults_To_The_Device_Clock()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#T DO Var1 %timestamp% ENDON", true);
            g.Line("Event T");
            string t = g.Engine.Variables.Var(1);
            Assert.AreEqual(19, t.Length, t);
            Assert.AreEqual('T', t[10]);
            Assert.AreEqual(g.R.Clock.UtcNow.Year.ToString(), t.Substring(0, 4));
        }

        [TestMethod]
        public void A_Var_Set_From_A_Value_Cannot_Inject_Commands()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#Set DO Backlog Var1 %value%; Var2 done ENDON", true);
            g.Line("Event Set=x;Power on");
            Assert.AreEqual("x;Power on", g.Engine.Variables.Var(1));
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            Assert.AreEqual("done", g.Engine.Variables.Var(2));
        }

        private static string FixedTime()
        {
            return "2024-05-01T06:30:00";
        }
    }
}
