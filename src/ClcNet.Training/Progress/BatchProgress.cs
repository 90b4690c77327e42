namespace ClcNet.Training.Progress;

/// <summary>
/// Where a pass stands after one batch: the batch's own metrics and the running averages over the pass so
/// far (errors in percent). <see cref="LearningRate"/> is 0 in a <see cref="TrainingPhase.Test"/> pass.
/// </summary>
public readonly record struct BatchProgress(
    TrainingPhase Phase,
    int Epoch,
    int Batch,
    int Batches,
    double LearningRate,
    double Loss,
    double Top1,
    double Top5,
    double AverageLoss,
    double AverageTop1,
    double AverageTop5,
    long Images,
    TimeSpan Elapsed)
{
    /// <summary>Images per second over the pass so far.</summary>
    public double ImagesPerSecond => Elapsed > TimeSpan.Zero ? Images / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to the end of the pass, from the average time per batch so far.</summary>
    public TimeSpan Remaining => Batch > 0 ? Elapsed / Batch * (Batches - Batch) : TimeSpan.Zero;
}
