using ClcNet.Data;
using ClcNet.Training.Networks;

namespace ClcNet.Training;

/// <summary>
/// The defaults of a run on a kind of data: the network (its classes and input fitted to the data by
/// <see cref="TrainingPlan"/>) and the hyperparameters (docs/clcnet.md#training-recipe).
/// </summary>
/// <param name="Network">The network unless another is asked for.</param>
/// <param name="Options">The hyperparameters, each unless another is asked for.</param>
public sealed record TrainingRecipe(ClcNetSpec Network, TrainingOptions Options)
{
    /// <summary>
    /// The reference: clcNet-A, 100 epochs of batch 256 from LR 0.1, Nesterov momentum 0.9, weight decay 1e-4, seed 0.
    /// </summary>
    public static readonly TrainingRecipe ImageNet = new(ClcNetSpec.A,
        new TrainingOptions(Epochs: 100, BatchSize: 256, LearningRate: 0.1, Momentum: 0.9, WeightDecay: 1e-4, Seed: 0));

    /// <summary>
    /// The default run on Fashion-MNIST, sized to finish on two CPU cores in under 10 minutes: the compile-time
    /// <see cref="FashionMnistNet"/>, 3 epochs of batch 128 at LR 0.05 (the reference 0.1 at 256, scaled linearly):
    /// as many as the CPU kernels train in that time (2 on libtorch's operators). 30 epochs is the long schedule.
    /// </summary>
    public static readonly TrainingRecipe FashionMnist = new(FashionMnistNet.Spec,
        ImageNet.Options with { Epochs = 3, BatchSize = 128, LearningRate = 0.05 });

    /// <summary>The recipe for <paramref name="train"/>: Fashion-MNIST's for 28x28 grayscale data, else ImageNet's.</summary>
    public static TrainingRecipe For(IImageDataset train) =>
        train.Channels == FashionMnist.Network.InputChannels && train.Size == FashionMnist.Network.InputSize
            ? FashionMnist
            : ImageNet;
}
