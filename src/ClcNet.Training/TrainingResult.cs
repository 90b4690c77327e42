using ClcNet.Training.Checkpoints;

namespace ClcNet.Training;

/// <summary>How a run ended: its last epoch and the best validation errors (percent), as the original's
/// <c> * Finished top1: ... top5: ...</c>; <see cref="Best"/> is null when no epoch ran.</summary>
public sealed record TrainingResult(int LastEpoch, BestResult? Best);
