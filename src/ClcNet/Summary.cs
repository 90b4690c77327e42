using System.Globalization;
using System.Text;

namespace ClcNet;

/// <summary>A per-layer table of a plan (name, output shape, parameters, multiply-adds) with totals.</summary>
public static class Summary
{
    /// <summary>Formats the table, one layer a line, then the totals.</summary>
    public static string Format(LayerPlan plan)
    {
        var rows = plan.Layers
            .Select(layer => (layer.Name, Shape: "[" + string.Join(", ", layer.OutputShape) + "]",
                Parameters: Count(layer.Parameters), MultiplyAdds: Count(layer.MultiplyAdds)))
            .ToList();
        int nameWidth = Math.Max("layer".Length, rows.Max(row => row.Name.Length));
        int shapeWidth = Math.Max("output".Length, rows.Max(row => row.Shape.Length));
        int parameterWidth = Math.Max(Count(plan.Parameters).Length, "params".Length);
        int multiplyAddWidth = Math.Max(Count(plan.MultiplyAdds).Length, "mult-adds".Length);

        var text = new StringBuilder();
        void Line(string name, string shape, string parameters, string multiplyAdds) =>
            text.Append(name.PadRight(nameWidth)).Append("  ").Append(shape.PadRight(shapeWidth)).Append("  ")
                .Append(parameters.PadLeft(parameterWidth)).Append("  ").Append(multiplyAdds.PadLeft(multiplyAddWidth))
                .Append('\n');

        text.Append(plan.Spec).Append('\n');
        Line("layer", "output", "params", "mult-adds");
        Line(new string('-', nameWidth), new string('-', shapeWidth), new string('-', parameterWidth), new string('-', multiplyAddWidth));
        foreach ((string Name, string Shape, string Parameters, string MultiplyAdds) row in rows)
        {
            Line(row.Name, row.Shape, row.Parameters, row.MultiplyAdds);
        }
        Line(new string('-', nameWidth), "", new string('-', parameterWidth), new string('-', multiplyAddWidth));
        Line("total", "", Count(plan.Parameters), Count(plan.MultiplyAdds));
        text.Append(CultureInfo.InvariantCulture,
            $"{plan.Parameters / 1e6:F2} M parameters, {plan.MultiplyAdds / 1e6:F1} M multiply-adds per {plan.Spec.InputSize}x{plan.Spec.InputSize} image\n");
        return text.ToString();
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
