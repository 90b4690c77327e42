namespace ClcNet.Training.Metrics;

/// <summary>The save folder holds a <c>metrics.csv</c> that this project did not write, so it cannot be added to.</summary>
public sealed class MetricsFileException(string problem) : IOException
{
    /// <inheritdoc/>
    public override string Message => Describe("save folder");

    /// <summary>The message, with the caller's save-folder setting called <paramref name="saveSetting"/> (e.g. <c>--save folder</c>).</summary>
    public string Describe(string saveSetting) => $"{problem} or pass another {saveSetting}";
}
