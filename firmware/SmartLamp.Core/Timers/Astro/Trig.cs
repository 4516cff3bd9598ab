namespace SmartLamp.Core.Timers.Astro
{
    /// <summary>
    /// The trigonometry the sun position needs, in double precision without System.Math (a separate package
    /// on nanoFramework): range reduction plus Taylor series, all errors below 1e-11 over the ranges used
    /// (tests compare every function with System.Math on the host). Angles in radians unless named *Deg.
    /// </summary>
    public static class Trig
    {
        /// <summary>π.</summary>
        public const double Pi = 3.14159265358979323846;

        /// <summary>2π.</summary>
        public const double TwoPi = 2 * Pi;

        /// <summary>π/2.</summary>
        public const double HalfPi = Pi / 2;

        /// <summary>Radians per degree.</summary>
        public const double Rad = Pi / 180;

        /// <summary>x reduced to [-π, π].</summary>
        public static double Reduce(double x)
        {
            if (x > Pi || x < -Pi)
            {
                double k = Floor((x + Pi) / TwoPi);
                x -= k * TwoPi;
                if (x > Pi)
                {
                    x -= TwoPi;
                }
                else if (x < -Pi)
                {
                    x += TwoPi;
                }
            }

            return x;
        }

        /// <summary>Largest integer ≤ x (|x| &lt; 9e18).</summary>
        public static double Floor(double x)
        {
            long t = (long)x;
            double f = t;
            return f > x ? f - 1 : f;
        }

        /// <summary>sin x.</summary>
        public static double Sin(double x)
        {
            x = Reduce(x);
            if (x > HalfPi)
            {
                x = Pi - x;
            }
            else if (x < -HalfPi)
            {
                x = -Pi - x;
            }

            // Taylor series to x^17 on [-π/2, π/2]: remainder below (π/2)^19/19! ≈ 8e-14.
            double x2 = x * x;
            double term = x;
            double sum = x;
            for (int n = 1; n <= 8; n++)
            {
                term = -term * x2 / ((2 * n) * ((2 * n) + 1));
                sum += term;
            }

            return sum;
        }

        /// <summary>cos x.</summary>
        public static double Cos(double x)
        {
            return Sin(Reduce(x) + HalfPi);
        }

        /// <summary>tan x.</summary>
        public static double Tan(double x)
        {
            return Sin(x) / Cos(x);
        }

        /// <summary>√x (0 for x ≤ 0).</summary>
        public static double Sqrt(double x)
        {
            if (x <= 0)
            {
                return 0;
            }

            // Scale into [0.25, 4) by powers of 4, then Newton from a good start.
            double scale = 1;
            while (x >= 4)
            {
                x *= 0.25;
                scale *= 2;
            }

            while (x < 0.25)
            {
                x *= 4;
                scale *= 0.5;
            }

            double r = (x + 1) * 0.5;
            for (int i = 0; i < 6; i++)
            {
                r = 0.5 * (r + (x / r));
            }

            return r * scale;
        }

        /// <summary>atan x in (-π/2, π/2).</summary>
        public static double Atan(double x)
        {
            bool negative = x < 0;
            if (negative)
            {
                x = -x;
            }

            bool inverted = x > 1;
            if (inverted)
            {
                x = 1 / x;
            }

            // atan x = 2 atan(x / (1 + √(1 + x²))), twice: |x| ≤ 1 becomes ≤ 0.199.
            x = x / (1 + Sqrt(1 + (x * x)));
            x = x / (1 + Sqrt(1 + (x * x)));
            double x2 = x * x;
            double term = x;
            double sum = x;
            for (int n = 1; n <= 12; n++)
            {
                term = -term * x2;
                sum += term / ((2 * n) + 1);
            }

            sum *= 4;
            if (inverted)
            {
                sum = HalfPi - sum;
            }

            return negative ? -sum : sum;
        }

        /// <summary>asin x for x in [-1, 1] (clamped).</summary>
        public static double Asin(double x)
        {
            if (x >= 1)
            {
                return HalfPi;
            }

            if (x <= -1)
            {
                return -HalfPi;
            }

            return Atan(x / Sqrt(1 - (x * x)));
        }

        /// <summary>acos x for x in [-1, 1] (clamped).</summary>
        public static double Acos(double x)
        {
            return HalfPi - Asin(x);
        }
    }
}
