namespace ClcNet.Training.Metrics;

/// <summary>A <c>metrics.csv</c> that this project did not write, so it cannot be added to.</summary>
public sealed class MetricsFileException(string problem) : IOException(problem)
{
    /// <summary>What is wrong with the file, naming it.</summary>
    public string Problem { get; } = problem;
}
