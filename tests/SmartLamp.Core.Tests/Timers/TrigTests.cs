using nanoFramework.TestFramework;
using SmartLamp.Core.Timers.Astro;

namespace SmartLamp.Core.Tests.Timers
{
    /// <summary>The Math-free trigonometry against exact values (HostOnly/SunReferenceTests compares it with System.Math everywhere).</summary>
    [TestClass]
    public class TrigTests
    {
        private static void Near(double expected, double actual, string what)
        {
            double d = expected - actual;
            Assert.IsTrue(d < 1e-11 && d > -1e-11, what + ": expected " + expected.ToString() + ", got " + actual.ToString());
        }

        [TestMethod]
        public void Exact_Values()
        {
            Near(0.5, Trig.Sin(Trig.Pi / 6), "sin 30°");
            Near(0.5, Trig.Sin(Trig.Pi / 6 + (10 * Trig.TwoPi)), "sin 30° + 10 turns");
            Near(-0.5, Trig.Sin(-Trig.Pi / 6), "sin -30°");
            Near(0.5, Trig.Cos(Trig.Pi / 3), "cos 60°");
            Near(-1, Trig.Cos(Trig.Pi), "cos 180°");
            Near(1, Trig.Tan(Trig.Pi / 4), "tan 45°");
            Near(Trig.Pi / 4, Trig.Atan(1), "atan 1");
            Near(-Trig.Pi / 3, Trig.Atan(-1.7320508075688772), "atan -√3");
            Near(Trig.Pi / 6, Trig.Asin(0.5), "asin 0.5");
            Near(Trig.HalfPi, Trig.Asin(1), "asin 1");
            Near(Trig.Pi, Trig.Acos(-1), "acos -1");
            Near(2 * Trig.Pi / 3, Trig.Acos(-0.5), "acos -0.5");
            Near(1.4142135623730951, Trig.Sqrt(2), "√2");
            Near(1234.5, Trig.Sqrt(1234.5 * 1234.5), "√x²");
        }
    }
}
