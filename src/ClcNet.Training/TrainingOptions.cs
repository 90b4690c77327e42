namespace ClcNet.Training;

/// <summary>The hyperparameters of a run, saved with each checkpoint so that a resumed run continues with them.</summary>
/// <param name="Epochs">Epochs of the whole run (the schedule decays to zero at its end).</param>
/// <param name="BatchSize">Images per training batch.</param>
/// <param name="LearningRate">LR, the rate of the first iteration.</param>
/// <param name="Momentum">Nesterov momentum.</param>
/// <param name="WeightDecay">L2 weight decay on every parameter.</param>
/// <param name="Seed">Seed of the weight initialisation and of the loader's shuffling and augmentation.</param>
public sealed record TrainingOptions(int Epochs, int BatchSize, double LearningRate, double Momentum, double WeightDecay, int Seed)
{
    /// <summary>
    /// The first setting no run can train with, named as a checkpoint stores it, with the rule it breaks
    /// (<c>batchSize 0, which must be at least 1</c>); null when every setting is usable. The seed may be any number.
    /// </summary>
    public string? FirstProblem() => this switch
    {
        { Epochs: < 1 } => $"epochs {Epochs}, which must be at least 1",
        { BatchSize: < 1 } => $"batchSize {BatchSize}, which must be at least 1",
        _ when !(double.IsFinite(LearningRate) && LearningRate > 0) => $"learningRate {Format(LearningRate)}, which must be a finite number above 0",
        // Nesterov momentum needs a momentum above 0 (TorchSharp's SGD refuses 0).
        _ when !(double.IsFinite(Momentum) && Momentum > 0) => $"momentum {Format(Momentum)}, which must be a finite number above 0",
        _ when !(double.IsFinite(WeightDecay) && WeightDecay >= 0) => $"weightDecay {Format(WeightDecay)}, which must be a finite number of at least 0",
        _ => null,
    };

    private static string Format(double value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
