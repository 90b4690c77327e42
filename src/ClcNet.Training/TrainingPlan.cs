using ClcNet.Data;
using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>
/// A training run with every setting decided: what <see cref="TrainingSession.Run"/> trains, and how its caller
/// loads the data. <see cref="Resolve"/> is the one place where what was asked for (<see cref="TrainingOverrides"/>),
/// the checkpoint being resumed, the model file to start from and the <see cref="TrainingRecipe"/> for the data
/// are weighed against each other.
/// </summary>
public sealed record TrainingPlan
{
    /// <summary>The save folder when none is asked for and no run is resumed (the original's default).</summary>
    public const string DefaultSaveDirectory = "checkpoints";

    /// <summary>The network to train, fitted to the data.</summary>
    public required ClcNetSpec Spec { get; init; }

    /// <summary>Class names, index = label; saved with every model file.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>The hyperparameters, saved with each checkpoint.</summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>The first epoch of the run (the schedule starts there), 1-based.</summary>
    public int FirstEpoch { get; init; } = 1;

    /// <summary>The checkpoint to continue from, with the folder it lives in; null for a fresh run.</summary>
    public (CheckpointStore Store, LatestCheckpoint Latest)? Resume { get; init; }

    /// <summary>The epoch training starts at: the one after the resumed checkpoint's, else <see cref="FirstEpoch"/>.</summary>
    public int StartEpoch => Resume is var (_, latest) ? latest.Epoch + 1 : FirstEpoch;

    /// <summary>The weights a fresh run starts from, read once when the plan was made; null: freshly initialised.</summary>
    public SavedModel? StartingWeights { get; init; }

    /// <summary>The classifier of <see cref="StartingWeights"/> is not loaded but starts afresh (fine-tuning).</summary>
    public bool ResetClassifier { get; init; }

    /// <summary>Where the network runs.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>Which implementation runs the CLC blocks; like the device, not saved with checkpoints.</summary>
    public ClcKernels Kernels { get; init; } = ClcKernels.LibTorch;

    /// <summary>Where checkpoints, <c>metrics.csv</c>, <c>curves.png</c> and TensorBoard logs go.</summary>
    public required string SaveDirectory { get; init; }

    /// <summary>Also write TensorBoard event files.</summary>
    public bool TensorBoard { get; init; }

    /// <summary>The data folder the run trains on.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Ten-crop validation.</summary>
    public bool TenCrop { get; init; }

    /// <summary>Data-loading worker threads.</summary>
    public int LoaderThreads { get; init; } = TrainingOverrides.DefaultLoaderThreads;

    /// <summary>
    /// The checkpoint <paramref name="asked"/> resumes, read before the data is opened so that a wrong folder is
    /// reported first; null when it resumes nothing or its folder has no checkpoint yet (the run then starts afresh).
    /// </summary>
    /// <exception cref="CheckpointException">The folder does not exist, or its <c>latest</c> is corrupt.</exception>
    public static LatestCheckpoint? ReadCheckpoint(TrainingOverrides asked) =>
        asked.Resume is null ? null : new CheckpointStore(asked.Resume).ReadLatest();

    /// <summary>
    /// What a run that only tests evaluates: the model file to start from, else the resumed checkpoint's (null when
    /// neither), in batches of the size asked for, else the recipe's for <paramref name="train"/>.
    /// </summary>
    public static (string? Model, int BatchSize) ForTestOnly(TrainingOverrides asked, LatestCheckpoint? checkpoint, IImageDataset train) =>
        (asked.Retrain ?? (checkpoint is null ? null : Path.Combine(asked.Resume!, checkpoint.ModelFile)),
            asked.BatchSize ?? TrainingRecipe.For(train).Options.BatchSize);

    /// <summary>
    /// Images per validation batch for training batches of <paramref name="batchSize"/>. The original splits its
    /// batches into crops, so a ten-crop batch holds a tenth of the images.
    /// </summary>
    public static int ValidationBatchSize(int batchSize, IImageDataset validation) =>
        Math.Max(1, batchSize / validation.CropsPerSample);

    /// <summary>
    /// Decides every setting of the run <paramref name="asked"/> for, on <paramref name="data"/> (opened from
    /// <paramref name="dataDirectory"/>), continuing <paramref name="checkpoint"/> (<see cref="ReadCheckpoint"/>) when
    /// there is one. The network is the checkpoint's, else the one asked for, else that of the model file to start
    /// from (with the data's classes when its classifier is reset), else the recipe's; each hyperparameter is the one
    /// asked for, else the checkpoint's, else the recipe's.
    /// </summary>
    /// <exception cref="TrainingPlanException">What was asked for contradicts itself, the data or the checkpoint.</exception>
    /// <param name="readModel">
    /// Reads the model file to start from; default <see cref="ModelFile.Read"/>. A reader of other formats (the
    /// original's Torch7 files) gets the data's image side, for formats that do not record one.
    /// </param>
    /// <exception cref="CheckpointException">The model file to start from is missing, corrupt or made for another network.</exception>
    public static TrainingPlan Resolve(TrainingOverrides asked, string dataDirectory, DatasetSplits data, LatestCheckpoint? checkpoint,
        Func<string, int, SavedModel>? readModel = null)
    {
        if (checkpoint is not null && asked.Resume is null)
        {
            throw new ArgumentException("a checkpoint was given but no folder to resume", nameof(checkpoint));
        }
        IImageDataset train = data.Train;
        if (asked.Classes is { } classes && classes != train.Classes.Count)
        {
            throw new ClassCountMismatchException(classes, train.Classes.Count, dataDirectory);
        }
        var recipe = TrainingRecipe.For(train);
        SavedModel? startingWeights = checkpoint is null && asked.Retrain is { } retrain
            ? (readModel ?? ((path, _) => ModelFile.Read(path)))(retrain, train.Size)
            : null;
        (ClcNetSpec spec, string? source) = ResolveNetwork(asked, train, checkpoint, startingWeights, recipe);
        UnbuildableNetworkException.ThrowIfUnbuildable(spec);
        DataMismatchException.ThrowIfMismatch(spec, source, train, dataDirectory);
        startingWeights?.RequireFits(spec, asked.ResetClassifier);

        TrainingOptions? resumed = checkpoint?.Options;
        var options = new TrainingOptions(
            asked.Epochs ?? resumed?.Epochs ?? recipe.Options.Epochs,
            asked.BatchSize ?? resumed?.BatchSize ?? recipe.Options.BatchSize,
            asked.LearningRate ?? resumed?.LearningRate ?? recipe.Options.LearningRate,
            asked.Momentum ?? resumed?.Momentum ?? recipe.Options.Momentum,
            asked.WeightDecay ?? resumed?.WeightDecay ?? recipe.Options.WeightDecay,
            asked.Seed ?? resumed?.Seed ?? recipe.Options.Seed);
        if (options.BatchSize > train.Count)
        {
            throw new BatchLargerThanDataException(options.BatchSize, train.Count, dataDirectory);
        }
        int firstEpoch = asked.FirstEpoch ?? 1;
        if (checkpoint is null && firstEpoch > options.Epochs)
        {
            throw new NothingToTrainException(firstEpoch, options.Epochs);
        }

        return new TrainingPlan
        {
            Spec = spec,
            Classes = train.Classes,
            Options = options,
            FirstEpoch = firstEpoch,
            Resume = checkpoint is null ? null : (new CheckpointStore(asked.Resume!), checkpoint),
            StartingWeights = startingWeights,
            ResetClassifier = asked.ResetClassifier,
            Device = asked.Device,
            Kernels = DefaultKernels.Resolve(asked.Kernels, asked.Device.type),
            // A resumed run goes on writing where it was (model_best, metrics.csv) unless told otherwise.
            SaveDirectory = asked.Save ?? asked.Resume ?? DefaultSaveDirectory,
            TensorBoard = asked.TensorBoard,
            DataDirectory = dataDirectory,
            TenCrop = asked.TenCrop,
            LoaderThreads = asked.LoaderThreads,
        };
    }

    /// <summary>The network to train and where it comes from (for messages).</summary>
    /// <exception cref="NetworkConflictException">A network was asked for that is not the resumed checkpoint's.</exception>
    private static (ClcNetSpec Spec, string Source) ResolveNetwork(TrainingOverrides asked, IImageDataset train,
        LatestCheckpoint? checkpoint, SavedModel? startingWeights, TrainingRecipe recipe)
    {
        ClcNetSpec? requested = asked.Network is { } network ? FitToData(network, train) : null;
        if (checkpoint is not null)
        {
            ClcNetSpec saved = checkpoint.Spec;
            return requested is { } other && other != saved
                ? throw new NetworkConflictException(asked.Resume!, saved, other)
                : (saved, $"the checkpoint in {asked.Resume}");
        }
        if (requested is { } fromRequest)
        {
            return (fromRequest, "the network");
        }
        if (startingWeights is not null)
        {
            ClcNetSpec saved = startingWeights.Spec;
            return (asked.ResetClassifier ? (saved with { Classes = train.Classes.Count }) : saved, startingWeights.Path);
        }
        return (FitToData(recipe.Network, train), "the network");
    }

    /// <summary><paramref name="spec"/> with the classes, input channels and input size of <paramref name="train"/>.</summary>
    private static ClcNetSpec FitToData(ClcNetSpec spec, IImageDataset train) =>
        spec with { Classes = train.Classes.Count, InputChannels = train.Channels, InputSize = train.Size };
}
