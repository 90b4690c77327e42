namespace ClcNet.Training.Checkpoints;

/// <summary>
/// The <c>latest</c> file of a save folder (JSON): the last finished epoch, its model and optimiser-state
/// files (relative to the folder), the network, the class names, the run's options and the best epoch.
/// </summary>
public sealed record LatestCheckpoint(
    int Epoch,
    string ModelFile,
    string OptimizerFile,
    ClcNetSpec Spec,
    IReadOnlyList<string> Classes,
    TrainingOptions Options,
    BestResult Best);
