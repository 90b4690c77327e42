using System.Globalization;
using ClcNet.Training.Progress;
using Spectre.Console;

namespace ClcNet.Cli.Terminal;

/// <summary>
/// Progress on a terminal: a live Spectre.Console bar per pass with ETA, and loss, top-1/top-5 error and
/// images/s in its description; summary lines and notes print above the bars.
/// </summary>
internal sealed class LiveProgress(ProgressContext context, IAnsiConsole console) : ITrainingProgress
{
    private ProgressTask? task;

    /// <inheritdoc/>
    public void PhaseStarted(TrainingPhase phase, int epoch, int batches) =>
        task = context.AddTask(Label(phase, epoch), maxValue: batches);

    /// <inheritdoc/>
    public void BatchCompleted(in BatchProgress progress)
    {
        if (task is null)
        {
            return;
        }
        task.Value = progress.Batch;
        string loss = progress.Phase == TrainingPhase.Train
            ? string.Create(CultureInfo.InvariantCulture, $"loss {progress.AverageLoss:F4}  ")
            : "";
        task.Description = string.Create(CultureInfo.InvariantCulture,
            $"{Label(progress.Phase, progress.Epoch)}  {loss}top1 {progress.AverageTop1:F2}  top5 {progress.AverageTop5:F2}  {progress.ImagesPerSecond:F0} img/s");
    }

    /// <inheritdoc/>
    public void PhaseCompleted(in PhaseSummary summary)
    {
        task?.StopTask();
        Note(LogProgress.FormatSummary(summary));
    }

    /// <inheritdoc/>
    public void Note(string line) => console.MarkupLine(Markup.Escape(line));

    private static string Label(TrainingPhase phase, int epoch) => phase == TrainingPhase.Train ? $"epoch {epoch}" : $"test {epoch} ";
}
