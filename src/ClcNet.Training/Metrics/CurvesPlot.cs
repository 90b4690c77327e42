using ScottPlot;
using ScottPlot.Plottables;

namespace ClcNet.Training.Metrics;

/// <summary><c>curves.png</c>: loss (top panel) and top-1/top-5 errors (bottom panel) per epoch.</summary>
public static class CurvesPlot
{
    private const int Width = 900;
    private const int Height = 700;
    private const string FontName = "clcgen sans";

    // The Linux Skia build this project ships has no fontconfig, so it sees no system font and would draw no text:
    // register a common sans font file by path (Debian/Ubuntu, Fedora, Arch, openSUSE layouts).
    private static readonly string[] LinuxFontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    ];

    private static readonly Lazy<bool> HasRegisteredFont = new(() =>
    {
        string? file = OperatingSystem.IsLinux() ? LinuxFontFiles.FirstOrDefault(File.Exists) : null;
        if (file is not null)
        {
            Fonts.AddFontFile(FontName, file);
        }
        return file is not null;
    });

    /// <summary>Renders the curves of <paramref name="rows"/> as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<EpochMetrics> rows)
    {
        double[] epochs = rows.Select(row => (double)row.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);

        Plot loss = multiplot.GetPlot(0);
        AddLine(loss, epochs, rows.Select(row => row.TrainLoss), "train loss");
        AddLine(loss, epochs, rows.Select(row => row.TestLoss), "validation loss");
        loss.Title("clcgen train");
        loss.YLabel("cross-entropy loss");
        loss.ShowLegend(Alignment.UpperRight);

        Plot errors = multiplot.GetPlot(1);
        AddLine(errors, epochs, rows.Select(row => row.TrainTop1), "train top-1");
        AddLine(errors, epochs, rows.Select(row => row.TestTop1), "validation top-1");
        AddLine(errors, epochs, rows.Select(row => row.TrainTop5), "train top-5");
        AddLine(errors, epochs, rows.Select(row => row.TestTop5), "validation top-5");
        errors.XLabel("epoch");
        errors.YLabel("error (%)");
        errors.ShowLegend(Alignment.UpperRight);
        foreach (Plot plot in new[] { loss, errors })
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }
        if (HasRegisteredFont.Value)
        {
            loss.Font.Set(FontName);
            errors.Font.Set(FontName);
        }

        return multiplot.Render(Width, Height).GetImageBytes(ImageFormat.Png);
    }

    private static void AddLine(Plot plot, double[] epochs, IEnumerable<double> values, string label)
    {
        Scatter line = plot.Add.Scatter(epochs, values.ToArray());
        line.LegendText = label;
    }
}
