using ClcNet.Training.Progress;

namespace ClcNet.Training.Tests.Support;

/// <summary>Keeps every progress event; can cancel the run when a given training epoch starts (a "kill").</summary>
internal sealed class RecordingProgress(int cancelAtEpoch = int.MaxValue) : ITrainingProgress
{
    private readonly CancellationTokenSource cancellation = new();

    public CancellationToken Cancellation => cancellation.Token;

    public List<BatchProgress> Batches { get; } = [];

    public List<PhaseSummary> Summaries { get; } = [];

    public List<string> Notes { get; } = [];

    public void PhaseStarted(TrainingPhase phase, int epoch, int batches)
    {
        if (phase == TrainingPhase.Train && epoch == cancelAtEpoch)
        {
            cancellation.Cancel();
        }
    }

    public void BatchCompleted(in BatchProgress progress) => Batches.Add(progress);

    public void PhaseCompleted(in PhaseSummary summary) => Summaries.Add(summary);

    public void Note(string line) => Notes.Add(line);
}
