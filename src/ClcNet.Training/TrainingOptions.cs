namespace ClcNet.Training;

/// <summary>The hyperparameters of a run, saved with each checkpoint so that a resumed run continues with them.</summary>
/// <param name="Epochs">Epochs of the whole run (the schedule decays to zero at its end).</param>
/// <param name="BatchSize">Images per training batch.</param>
/// <param name="LearningRate">LR, the rate of the first iteration.</param>
/// <param name="Momentum">Nesterov momentum.</param>
/// <param name="WeightDecay">L2 weight decay on every parameter.</param>
/// <param name="Seed">Seed of the weight initialisation and of the loader's shuffling and augmentation.</param>
public sealed record TrainingOptions(int Epochs, int BatchSize, double LearningRate, double Momentum, double WeightDecay, int Seed);
