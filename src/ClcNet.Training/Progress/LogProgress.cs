using System.Globalization;
using ClcNet.Training.Metrics;

namespace ClcNet.Training.Progress;

/// <summary>
/// Plain progress for logs and redirected output: one <see cref="MetricLogger"/> line every
/// <c>every</c> batches (and for the last batch), then a summary line per pass.
/// </summary>
public sealed class LogProgress(TextWriter output, int every) : ITrainingProgress
{
    private readonly int every = every >= 1 ? every : throw new ArgumentOutOfRangeException(nameof(every));

    /// <inheritdoc/>
    public void PhaseStarted(TrainingPhase phase, int epoch, int batches)
    {
        if (phase == TrainingPhase.Train)
        {
            output.WriteLine($"=> Training epoch # {epoch}");
        }
    }

    /// <inheritdoc/>
    public void BatchCompleted(in BatchProgress progress)
    {
        if (progress.Batch % every == 0 || progress.Batch == progress.Batches)
        {
            output.WriteLine(MetricLogger.Format(progress));
        }
    }

    /// <inheritdoc/>
    public void PhaseCompleted(in PhaseSummary summary) => output.WriteLine(FormatSummary(summary));

    /// <inheritdoc/>
    public void Note(string line) => output.WriteLine(line);

    /// <summary>
    /// The end-of-pass line; the test one is the original's
    /// <c> * Finished epoch # 3     top1:  12.345  top5:   1.234</c>.
    /// </summary>
    public static string FormatSummary(in PhaseSummary summary) => summary.Phase == TrainingPhase.Train
        ? string.Create(CultureInfo.InvariantCulture,
            $" * Trained epoch # {summary.Epoch}      loss: {summary.Loss:F4}  top1: {summary.Top1,7:F3}  top5: {summary.Top5,7:F3}  ({summary.ImagesPerSecond:F0} img/s, {MetricLogger.FormatDuration(summary.Elapsed)})")
        : string.Create(CultureInfo.InvariantCulture,
            $" * Finished epoch # {summary.Epoch}     top1: {summary.Top1,7:F3}  top5: {summary.Top5,7:F3}");
}
