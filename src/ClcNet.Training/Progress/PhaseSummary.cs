namespace ClcNet.Training.Progress;

/// <summary>The averages of a finished pass: cross-entropy loss and errors in percent.</summary>
public readonly record struct PhaseSummary(
    TrainingPhase Phase,
    int Epoch,
    double Loss,
    double Top1,
    double Top5,
    long Images,
    TimeSpan Elapsed)
{
    /// <summary>Images per second over the whole pass.</summary>
    public double ImagesPerSecond => Elapsed > TimeSpan.Zero ? Images / Elapsed.TotalSeconds : 0;
}
