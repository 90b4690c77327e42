namespace ClcNet.Training.Metrics;

/// <summary>A weighted running average (e.g. loss weighted by batch size).</summary>
public sealed class RunningAverage
{
    private double weightedSum;

    /// <summary>Total weight seen (samples, for per-batch metrics).</summary>
    public double Weight { get; private set; }

    /// <summary>The weighted mean of every value so far, or 0 before the first.</summary>
    public double Average => Weight == 0 ? 0 : weightedSum / Weight;

    /// <summary>Adds <paramref name="value"/> with weight <paramref name="weight"/>.</summary>
    public void Add(double value, double weight)
    {
        weightedSum += value * weight;
        Weight += weight;
    }
}
