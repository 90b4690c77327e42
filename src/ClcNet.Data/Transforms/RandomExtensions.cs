namespace ClcNet.Data.Transforms;

/// <summary>The distributions Torch7's <c>torch.uniform</c>, <c>torch.random</c> and <c>torch.normal</c> draw from.</summary>
internal static class RandomExtensions
{
    /// <summary>A real number uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static double Uniform(this Random random, double low, double high) => low + (high - low) * random.NextDouble();

    /// <summary>An integer uniform in [<paramref name="low"/>, <paramref name="high"/>], both ends included.</summary>
    public static int IntegerInclusive(this Random random, int low, int high) => random.Next(low, high + 1);

    /// <summary>A normal variate (Box-Muller, as Torch7's generator).</summary>
    public static double Normal(this Random random, double mean, double standardDeviation)
    {
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        return mean + standardDeviation * radius * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
