namespace ClcNet.Training.Progress;

/// <summary>
/// Receives the progress of training and evaluation: a live bar on a terminal, plain log lines otherwise.
/// Called on the training thread, in order.
/// </summary>
public interface ITrainingProgress
{
    /// <summary>A pass of <paramref name="batches"/> batches begins.</summary>
    void PhaseStarted(TrainingPhase phase, int epoch, int batches);

    /// <summary>One batch of the current pass is done.</summary>
    void BatchCompleted(in BatchProgress progress);

    /// <summary>The current pass is done.</summary>
    void PhaseCompleted(in PhaseSummary summary);

    /// <summary>A line for the user (a new best model, a checkpoint written, a note).</summary>
    void Note(string line);
}
