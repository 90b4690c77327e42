namespace ClcNet.Training.Progress;

/// <summary>What a pass over a split is doing.</summary>
public enum TrainingPhase
{
    /// <summary>Training on the training split (weights change).</summary>
    Train,

    /// <summary>Evaluating on the validation split.</summary>
    Test,
}
