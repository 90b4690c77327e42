using System.Globalization;

namespace ClcNet.Tests;

public class SummaryTests
{
    private static long ParseCount(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>The lines of the table whose first column is <paramref name="name"/>, split on spaces.</summary>
    private static string[] Row(string table, string name) =>
        table.Split('\n').Single(line => line.Split(' ', 2)[0] == name).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void EveryLayerHasARowWithItsShapeAndCosts()
    {
        var plan = LayerPlan.For(TestSpecs.Gray28);

        string table = Summary.Format(plan);

        foreach (PlannedLayer layer in plan.Layers)
        {
            string[] row = Row(table, layer.Name);
            Assert.Contains($"[{string.Join(", ", layer.OutputShape)}]", string.Join(" ", row));
            Assert.Equal((layer.Name, layer.Parameters, layer.MultiplyAdds), (layer.Name, ParseCount(row[^2]), ParseCount(row[^1])));
        }
    }

    [Theory]
    [MemberData(nameof(TestSpecs.Names), MemberType = typeof(TestSpecs))]
    public void TotalsAreThePlanTotals(string specName)
    {
        var plan = LayerPlan.For(TestSpecs.Get(specName));

        string[] total = Row(Summary.Format(plan), "total");

        Assert.Equal((plan.Parameters, plan.MultiplyAdds), (ParseCount(total[^2]), ParseCount(total[^1])));
    }

    [Fact]
    public void ClcNetATableStartsWithTheSpecAndEndsWithReadableTotals()
    {
        string[] lines = Summary.Format(LayerPlan.For(ClcNetSpec.A)).TrimEnd('\n').Split('\n');

        Assert.Equal("clcNet(1, 1, 5, 2)", lines[0]);
        Assert.Equal("3.25 M parameters, 343.0 M multiply-adds per 224x224 image", lines[^1]);
    }
}
