using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>
/// What a training run is asked to be. Null means "not asked for": <see cref="TrainingPlan.Resolve"/> then takes
/// the value from the checkpoint being resumed, else from the model file to start from (the network), else from
/// the <see cref="TrainingRecipe"/> for the data. The other settings have plain defaults.
/// </summary>
public sealed record TrainingOverrides
{
    /// <summary>Data-loading worker threads unless asked otherwise (the original's default).</summary>
    public const int DefaultLoaderThreads = 2;

    /// <summary>The data folder (Fashion-MNIST or the ImageNet layout); null: Fashion-MNIST wherever it is found.</summary>
    public string? Data { get; init; }

    /// <summary>Ten-crop validation: the scores of the 10 crops of each image are summed.</summary>
    public bool TenCrop { get; init; }

    /// <summary>Data-loading worker threads (0: load on the training thread).</summary>
    public int LoaderThreads { get; init; } = DefaultLoaderThreads;

    /// <summary>The network; its classes and input channels and size are taken from the data.</summary>
    public ClcNetSpec? Network { get; init; }

    /// <summary>Epochs of the whole run.</summary>
    public int? Epochs { get; init; }

    /// <summary>Images per training batch.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The learning rate of the first iteration.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Nesterov momentum.</summary>
    public double? Momentum { get; init; }

    /// <summary>Weight decay on every parameter.</summary>
    public double? WeightDecay { get; init; }

    /// <summary>Seed of the weight initialisation and of the loader's shuffling and augmentation.</summary>
    public int? Seed { get; init; }

    /// <summary>The classes of the data, when the caller wants that checked (it must match).</summary>
    public int? Classes { get; init; }

    /// <summary>The save folder of a run to continue at its next epoch.</summary>
    public string? Resume { get; init; }

    /// <summary>A model file whose weights to start from (when not resuming).</summary>
    public string? Retrain { get; init; }

    /// <summary>Start the classifier of the <see cref="Retrain"/> weights afresh, with the data's classes (fine-tuning).</summary>
    public bool ResetClassifier { get; init; }

    /// <summary>The first epoch of a run that is not resumed (the schedule starts there); null: 1.</summary>
    public int? FirstEpoch { get; init; }

    /// <summary>The save folder; null: the <see cref="Resume"/> folder, else <see cref="TrainingPlan.DefaultSaveDirectory"/>.</summary>
    public string? Save { get; init; }

    /// <summary>Also write TensorBoard event files.</summary>
    public bool TensorBoard { get; init; }

    /// <summary>Where the network runs.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>Which implementation runs the CLC blocks; null for the device's default (<see cref="DefaultKernels.For"/>).</summary>
    public ClcKernels? Kernels { get; init; }
}
