namespace ClcNet.Cli.Options;

/// <summary>
/// What <c>clcgen train</c> was asked to do, as parsed. Null means "not given": the default then comes from the
/// checkpoint being resumed, else from the recipe for the dataset (<see cref="Recipes.TrainingRecipe"/>).
/// </summary>
public sealed record TrainSettings
{
    /// <summary><c>--data</c>: Fashion-MNIST or ImageNet-layout folder; null finds Fashion-MNIST.</summary>
    public string? Data { get; init; }

    /// <summary><c>--net</c> / <c>-a -b -c -d</c>.</summary>
    public NetworkChoice? Network { get; init; }

    /// <summary><c>--epochs</c>.</summary>
    public int? Epochs { get; init; }

    /// <summary><c>--batch-size</c>.</summary>
    public int? BatchSize { get; init; }

    /// <summary><c>--lr</c>.</summary>
    public double? LearningRate { get; init; }

    /// <summary><c>--momentum</c>.</summary>
    public double? Momentum { get; init; }

    /// <summary><c>--weight-decay</c>.</summary>
    public double? WeightDecay { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public int? Seed { get; init; }

    /// <summary><c>--threads</c>: data-loading workers.</summary>
    public int Threads { get; init; } = TrainOptions.DefaultThreads;

    /// <summary><c>--save</c>; when not given, the <c>--resume</c> folder, else <c>checkpoints</c>.</summary>
    public string Save { get; init; } = TrainOptions.DefaultSave;

    /// <summary><c>--resume</c>.</summary>
    public string? Resume { get; init; }

    /// <summary><c>--retrain</c>.</summary>
    public string? Retrain { get; init; }

    /// <summary><c>--epoch-number</c>: the first epoch when not resuming.</summary>
    public int EpochNumber { get; init; } = 1;

    /// <summary><c>--test-only</c>.</summary>
    public bool TestOnly { get; init; }

    /// <summary><c>--ten-crop</c>.</summary>
    public bool TenCrop { get; init; }

    /// <summary><c>--reset-classifier</c>.</summary>
    public bool ResetClassifier { get; init; }

    /// <summary><c>--classes</c>.</summary>
    public int? Classes { get; init; }

    /// <summary><c>--device</c>.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary><c>--kernels</c>; null for auto (<see cref="DefaultKernels.For"/> on the device).</summary>
    public ClcKernels? Kernels { get; init; }

    /// <summary><c>--tensorboard</c>.</summary>
    public bool TensorBoard { get; init; }
}
