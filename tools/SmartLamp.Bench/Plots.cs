using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace SmartLamp.Bench;

/// <summary>
/// SVG plots of the fleet sweep and the latency distribution, drawn with OxyPlot.Core's SvgExporter
/// (pure managed code: no native graphics library needed on Linux).
/// </summary>
public static class Plots
{
    /// <summary>Writes boot time, memory per device and group-command completion vs fleet size.</summary>
    public static void WriteFleet(string dir, IReadOnlyList<FleetBench.Result> results, string machine)
    {
        if (results.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        Save(Path.Combine(dir, "fleet-boot.svg"), SizeModel("Boot time vs fleet size (" + machine + ")", "seconds", results,
            ("all devices booted (Fleet.StartAsync returned)", r => r.BootedS),
            ("all devices' LWT Online seen by an observer", r => r.OnlineS)));
        Save(Path.Combine(dir, "fleet-memory.svg"), SizeModel("Memory per device vs fleet size (" + machine + ")", "KiB per device", results,
            ("managed heap (after a full GC)", r => r.HeapKiBPerDevice),
            ("process working set", r => r.WorkingSetKiBPerDevice)));
        Save(Path.Combine(dir, "fleet-group-command.svg"), SizeModel("Group POWER TOGGLE until every device answered (" + machine + ")", "milliseconds", results,
            ("cmnd/tasmotas/POWER TOGGLE -> last stat/<t>_n/POWER", r => r.GroupMs)));
    }

    /// <summary>Writes the latency distribution (percentile curve) of the device paths and the floor.</summary>
    public static void WriteLatency(string dir, LatencyBench.Result r, string machine)
    {
        Directory.CreateDirectory(dir);
        var model = Model("Command -> state latency, one in flight (" + machine + ")");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "percentile", Minimum = 0, Maximum = 100, MajorGridlineStyle = LineStyle.Dot });
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Left, Title = "milliseconds (log scale)", MajorGridlineStyle = LineStyle.Dot });
        model.Series.Add(Percentiles("device: cmnd/<t>/POWER TOGGLE -> stat/<t>/POWER", r.Device));
        model.Series.Add(Percentiles("device: a subscribed message, then the command", r.AfterMessage));
        model.Series.Add(Percentiles("floor: bare MQTTnet echo client", r.Floor));
        model.Series.Add(Percentiles("floor: a message, then the echo trigger", r.FloorAfterMessage));
        Save(Path.Combine(dir, "latency.svg"), model);
    }

    private static PlotModel Model(string title)
    {
        var model = new PlotModel { Title = title, TitleFontSize = 13, Background = OxyColors.White, DefaultFont = "Arial", DefaultFontSize = 11 };
        model.Legends.Add(new Legend { LegendPosition = LegendPosition.TopLeft, LegendBackground = OxyColor.FromAColor(220, OxyColors.White), LegendBorder = OxyColors.Gray });
        return model;
    }

    private static PlotModel SizeModel(string title, string unit, IReadOnlyList<FleetBench.Result> results, params (string Name, Func<FleetBench.Result, double> Value)[] lines)
    {
        var model = Model(title);
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "devices in one process", MajorGridlineStyle = LineStyle.Dot, Minimum = 0, Maximum = results.Max(r => r.Devices) * 1.05 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = unit, Minimum = 0, MajorGridlineStyle = LineStyle.Dot });
        foreach (var (name, value) in lines)
        {
            var s = new LineSeries { Title = name, MarkerType = MarkerType.Circle, MarkerSize = 4 };
            foreach (FleetBench.Result r in results)
            {
                s.Points.Add(new DataPoint(r.Devices, value(r)));
            }

            model.Series.Add(s);
        }

        return model;
    }

    private static LineSeries Percentiles(string name, List<double> sorted)
    {
        var s = new LineSeries { Title = name };
        int n = sorted.Count;
        for (int i = 0; i < n; i++)
        {
            s.Points.Add(new DataPoint(100.0 * (i + 1) / n, Math.Max(sorted[i], 0.001)));
        }

        return s;
    }

    private static void Save(string path, PlotModel model)
    {
        using FileStream f = File.Create(path);
        new SvgExporter { Width = 720, Height = 420, TextMeasurer = new PixelTextMeasurer() }.Export(model, f);
        Console.WriteLine("plot: " + path);
    }

    /// <summary>
    /// The SVG exporter's default measurer (the PDF context) measures text in points while the SVG is
    /// drawn in pixels, so legends and axis titles came out about a quarter too narrow: scale by 96/72.
    /// </summary>
    private sealed class PixelTextMeasurer : PdfRenderContext
    {
        public PixelTextMeasurer()
            : base(720, 420, OxyColors.White)
        {
        }

        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
        {
            OxySize s = base.MeasureText(text, fontFamily, fontSize, fontWeight);
            return new OxySize(s.Width * 96 / 72, s.Height);
        }
    }
}
