namespace SmartLamp.Bench;

/// <summary>Prints a small fixed-width table.</summary>
public static class Table
{
    /// <summary>Prints <paramref name="rows"/> under <paramref name="header"/>.</summary>
    public static void Print(string[] header, string[][] rows)
    {
        int[] w = new int[header.Length];
        foreach (string[] r in rows.Prepend(header))
        {
            for (int i = 0; i < r.Length; i++)
            {
                w[i] = Math.Max(w[i], r[i].Length);
            }
        }

        void Line(string[] r) => Console.WriteLine("| " + string.Join(" | ", r.Select((c, i) => i == 0 || i == r.Length - 1 ? c.PadRight(w[i]) : c.PadLeft(w[i]))) + " |");
        Line(header);
        Console.WriteLine("|" + string.Join("|", w.Select((x, i) => new string('-', x + 2))) + "|");
        foreach (string[] r in rows)
        {
            Line(r);
        }
    }
}
