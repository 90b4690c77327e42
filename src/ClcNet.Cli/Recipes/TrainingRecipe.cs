using ClcNet.Cli.Options;
using ClcNet.Data;
using ClcNet.Training.Networks;

namespace ClcNet.Cli.Recipes;

/// <summary>The defaults of a run on a kind of data: the network and the schedule.</summary>
/// <param name="Network">The network unless <c>--net</c> or <c>-a -b -c -d</c> says otherwise.</param>
/// <param name="Epochs">Epochs unless <c>--epochs</c> says otherwise.</param>
/// <param name="BatchSize">Batch size unless <c>--batch-size</c> says otherwise.</param>
/// <param name="LearningRate">Initial learning rate unless <c>--lr</c> says otherwise.</param>
public sealed record TrainingRecipe(NetworkChoice Network, int Epochs, int BatchSize, double LearningRate)
{
    /// <summary>Nesterov momentum of every recipe (docs/clcnet.md#training-recipe).</summary>
    public const double Momentum = 0.9;

    /// <summary>Weight decay of every recipe.</summary>
    public const double WeightDecay = 1e-4;

    /// <summary>Seed of every recipe.</summary>
    public const int Seed = 0;

    /// <summary>The reference: clcNet-A, 100 epochs, batch 256, LR 0.1.</summary>
    public static readonly TrainingRecipe ImageNet = new(NetworkChoice.From(ClcNetA.Spec), 100, 256, 0.1);

    /// <summary>
    /// The default run on Fashion-MNIST, sized to finish on two CPU cores in under 10 minutes: 2 epochs of
    /// batch 128 at LR 0.05 (the reference 0.1 at 256, scaled linearly). <c>--epochs 30</c> is the long schedule.
    /// </summary>
    public static readonly TrainingRecipe FashionMnist = new(NetworkChoice.From(FashionMnistNet.Spec), 2, 128, 0.05);

    /// <summary>The recipe for <paramref name="train"/>: Fashion-MNIST's for 28x28 grayscale data, else ImageNet's.</summary>
    public static TrainingRecipe For(IImageDataset train) =>
        train.Channels == FashionMnistNet.Spec.InputChannels && train.Size == FashionMnistNet.Spec.InputSize
            ? FashionMnist
            : ImageNet;
}
