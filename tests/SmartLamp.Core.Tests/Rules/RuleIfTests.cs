using nanoFramework.TestFramework;

namespace SmartLamp.Core.Tests.Rules
{
    /// <summary>IF ... ELSEIF ... ELSE ... ENDIF in a rule's DO part.</summary>
    [TestClass]
    public class RuleIfTests
    {
        private const string Chooser = "ON Event#Pick DO IF (%value%>10) Var1 big; Power1 on ELSEIF (%value%<=2) Var1 small ELSE Var1 medium ENDIF ENDON";

        [TestMethod]
        public void The_First_True_Branch_Runs_And_Only_It()
        {
            RulesRig g = RulesRig.Create(1, Chooser, true);
            g.Line("Event Pick=11");
            Assert.AreEqual("big", g.Engine.Variables.Var(1));
            Assert.AreEqual(1, g.R.Relays.PowerMask, "both commands of the branch ran");
            g.Line("Power off");
            g.Line("Event Pick=2");
            Assert.AreEqual("small", g.Engine.Variables.Var(1));
            g.Line("Event Pick=5");
            Assert.AreEqual("medium", g.Engine.Variables.Var(1));
            Assert.AreEqual(0, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void Conditions_Read_Vars_Mems_And_Combine_With_And_Or_And_Arithmetic()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#T DO IF (((VAR1==1) AND (MEM1!=0)) OR (var2*2+1>=7)) Var3 yes ELSE Var3 no ENDIF ENDON", true);
            g.Line("Var1 1");
            g.Line("Mem1 0");
            g.Line("Event T");
            Assert.AreEqual("no", g.Engine.Variables.Var(3));
            g.Line("Mem1 5");
            g.Line("Event T");
            Assert.AreEqual("yes", g.Engine.Variables.Var(3));
            g.Line("Var1 0");
            g.Line("Var2 3");
            g.Line("Event T");
            Assert.AreEqual("yes", g.Engine.Variables.Var(3), "3*2+1 >= 7");
            g.Line("Var2 2.9");
            g.Line("Event T");
            Assert.AreEqual("no", g.Engine.Variables.Var(3));
        }

        [TestMethod]
        public void Modulo_And_Power_Follow_Tasmotas_Order()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#M DO IF (2 + %value% % 4 * 3 == 8) Var1 mod ELSE Var1 no ENDIF; IF (2 * 3 ^ 2 == 18) Var2 pow ELSE Var2 no ENDIF; IF (7 % 0 == 0) Var3 zero ELSE Var3 no ENDIF ENDON", true);
            g.Line("Event M=10");
            Assert.AreEqual("mod", g.Engine.Variables.Var(1), "2 + (10 % 4) * 3 = 8: % binds tighter than *");
            Assert.AreEqual("pow", g.Engine.Variables.Var(2), "2 * (3 ^ 2) = 18: ^ binds tighter than *");
            Assert.AreEqual("zero", g.Engine.Variables.Var(3), "a remainder by zero is 0");
            g.Line("Event M=9");
            Assert.AreEqual("no", g.Engine.Variables.Var(1), "2 + (9 % 4) * 3 = 5");
        }

        [TestMethod]
        public void Nested_Ifs_And_Commands_After_Endif_Run()
        {
            RulesRig g = RulesRig.Create(2, "ON Event#N DO IF (%value%>0) IF (%value%|2) Var1 even ELSE Var1 odd ENDIF; Var2 positive ENDIF; Power2 on ENDON", true);
            g.Line("Event N=4");
            Assert.AreEqual("even", g.Engine.Variables.Var(1));
            Assert.AreEqual("positive", g.Engine.Variables.Var(2));
            Assert.AreEqual(2, g.R.Relays.PowerMask);
            g.Line("Event N=3");
            Assert.AreEqual("odd", g.Engine.Variables.Var(1));
        }

        [TestMethod]
        public void A_Malformed_If_Runs_Nothing_And_Says_Why()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#B DO IF (%value%>1 Power on ENDIF ENDON", true);
            g.Line("Event B=5");
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            Assert.IsTrue(g.R.Log.Contains("IF condition misses a ')'"), "log names the problem");
            g.Line("Rule1 ON Event#C DO IF (1==1) Power on ENDON");
            g.Line("Rule1 1");
            g.Line("Event C");
            Assert.AreEqual(0, g.R.Relays.PowerMask);
            Assert.IsTrue(g.R.Log.Contains("IF without ENDIF"), "log names the problem");
        }

        [TestMethod]
        public void A_Value_Cannot_Inject_Commands_Through_An_If_Branch()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#V DO IF (1==1) Var1 %value% ENDIF ENDON", true);
            g.Line("Event V=x;Power on");
            Assert.AreEqual("x;Power on", g.Engine.Variables.Var(1));
            Assert.AreEqual(0, g.R.Relays.PowerMask);
        }

        [TestMethod]
        public void A_Delay_In_A_Branch_Waits()
        {
            RulesRig g = RulesRig.Create(1, "ON Event#D DO IF (1==1) Power on; Delay 10; Power off ENDIF ENDON", true);
            g.Line("Event D");
            Assert.AreEqual(1, g.R.Relays.PowerMask);
            g.R.Clock.Advance(999);
            Assert.AreEqual(1, g.R.Relays.PowerMask);
            g.R.Clock.Advance(1);
            Assert.AreEqual(0, g.R.Relays.PowerMask);
        }
    }
}
