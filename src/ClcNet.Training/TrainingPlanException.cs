using ClcNet.Data;

namespace ClcNet.Training;

/// <summary>
/// What was asked for cannot make a training run (<see cref="TrainingPlan.Resolve"/>). Each kind carries what a
/// caller needs to phrase the fix in terms of its own settings; <see cref="Exception.Message"/> phrases it in plain words.
/// </summary>
public abstract class TrainingPlanException(string message) : Exception(message);

/// <summary>A number of classes was asked for that the data does not have.</summary>
public sealed class ClassCountMismatchException(int asked, int dataClasses, string dataDirectory)
    : TrainingPlanException($"{asked} classes were asked for but {dataDirectory} has {dataClasses}; the classes must match the data")
{
    /// <summary>The message, with the caller's classes setting called <paramref name="classesSetting"/> (e.g. <c>--classes</c>).</summary>
    public string Describe(string classesSetting) =>
        $"{classesSetting} {asked} but {dataDirectory} has {dataClasses} classes; {classesSetting} must match the data";
}

/// <summary>A network was asked for that is not the one of the checkpoint being resumed.</summary>
public sealed class NetworkConflictException(string checkpointFolder, ClcNetSpec saved, ClcNetSpec asked)
    : TrainingPlanException($"the checkpoint in {checkpointFolder} is {saved} but {asked} was asked for; ask for no network to resume it")
{
    /// <summary>The folder of the checkpoint.</summary>
    public string CheckpointFolder { get; } = checkpointFolder;

    /// <summary>The checkpoint's network.</summary>
    public ClcNetSpec Saved { get; } = saved;

    /// <summary>The network asked for.</summary>
    public ClcNetSpec Asked { get; } = asked;
}

/// <summary>A network does not fit the data: other input images, or another number of classes.</summary>
public sealed class DataMismatchException : TrainingPlanException
{
    private DataMismatchException(string source, ClcNetSpec spec, string dataDirectory, IImageDataset data, string message)
        : base(message)
    {
        NetworkSource = source;
        Spec = spec;
        DataDirectory = dataDirectory;
        DataClasses = data.Classes.Count;
    }

    /// <summary>Where the network comes from (<c>the network</c>, a checkpoint, a model file).</summary>
    public string NetworkSource { get; }

    /// <summary>The network.</summary>
    public ClcNetSpec Spec { get; }

    /// <summary>The data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>The classes of the data.</summary>
    public int DataClasses { get; }

    /// <summary>The input fits and only the classes differ, so fine-tuning with a fresh classifier would fit.</summary>
    public bool OnlyClassesDiffer { get; private init; }

    /// <summary>
    /// Checks that a network of <paramref name="spec"/> (from <paramref name="source"/>) takes the images of
    /// <paramref name="data"/> (in <paramref name="dataDirectory"/>) and has its classes.
    /// </summary>
    /// <exception cref="DataMismatchException">It does not.</exception>
    public static void ThrowIfMismatch(ClcNetSpec spec, string source, IImageDataset data, string dataDirectory)
    {
        if (spec.InputChannels != data.Channels || spec.InputSize != data.Size)
        {
            throw new DataMismatchException(source, spec, dataDirectory, data,
                $"{source} is {spec} for {spec.InputChannels}x{spec.InputSize}x{spec.InputSize} input but {dataDirectory} gives " +
                $"{data.Channels}x{data.Size}x{data.Size} images; use data of the kind it was trained on");
        }
        if (spec.Classes != data.Classes.Count)
        {
            string problem = ClassesProblem(source, spec, dataDirectory, data.Classes.Count);
            throw new DataMismatchException(source, spec, dataDirectory, data,
                $"{problem}; fine-tune it with a fresh classifier of {data.Classes.Count} classes") { OnlyClassesDiffer = true };
        }
    }

    /// <summary>
    /// The message, ending in <paramref name="fineTune"/> (how the caller asks for fine-tuning) when only the
    /// classes differ.
    /// </summary>
    public string Describe(string fineTune) =>
        OnlyClassesDiffer ? $"{ClassesProblem(NetworkSource, Spec, DataDirectory, DataClasses)}; {fineTune}" : Message;

    private static string ClassesProblem(string source, ClcNetSpec spec, string dataDirectory, int dataClasses) =>
        $"{source} has {spec.Classes} classes but {dataDirectory} has {dataClasses}";
}

/// <summary>A training batch larger than the training split, which would leave no full batch (nor a sane memory need).</summary>
public sealed class BatchLargerThanDataException(int batchSize, int trainingImages, string dataDirectory)
    : TrainingPlanException(Describe(batchSize, trainingImages, dataDirectory, "the batch size"))
{
    /// <summary>The message, with the caller's batch-size setting called <paramref name="batchSizeSetting"/> (e.g. <c>--batch-size</c>).</summary>
    public string Describe(string batchSizeSetting) => Describe(batchSize, trainingImages, dataDirectory, batchSizeSetting);

    private static string Describe(int batchSize, int trainingImages, string dataDirectory, string batchSizeSetting) =>
        $"{batchSizeSetting} {batchSize} is larger than the {trainingImages} training images of {dataDirectory}; " +
        $"lower {batchSizeSetting} to at most {trainingImages}";
}

/// <summary>The first epoch asked for is past the last epoch of the run.</summary>
public sealed class NothingToTrainException(int firstEpoch, int lastEpoch)
    : TrainingPlanException(Describe(firstEpoch, lastEpoch, "the first epoch", "the epochs"))
{
    /// <summary>
    /// The message, with the caller's settings called <paramref name="firstEpochSetting"/> and
    /// <paramref name="epochsSetting"/> (e.g. <c>--epoch-number</c>, <c>--epochs</c>).
    /// </summary>
    public string Describe(string firstEpochSetting, string epochsSetting) =>
        Describe(firstEpoch, lastEpoch, firstEpochSetting, epochsSetting);

    private static string Describe(int firstEpoch, int lastEpoch, string firstEpochSetting, string epochsSetting) =>
        $"{firstEpochSetting} {firstEpoch} is past the last epoch ({lastEpoch}), so there is nothing to train; " +
        $"raise {epochsSetting} or lower {firstEpochSetting}";
}

/// <summary>A network that breaks a rule of the architecture (<see cref="ClcNetSpec.FirstError"/>).</summary>
public sealed class UnbuildableNetworkException(ClcNetSpec spec, SpecProblem problem)
    : TrainingPlanException($"{spec} cannot be built: {problem.Message}")
{
    /// <summary>Returns <paramref name="spec"/> when it can be built (warnings pass).</summary>
    /// <exception cref="UnbuildableNetworkException">It breaks a rule.</exception>
    public static ClcNetSpec ThrowIfUnbuildable(ClcNetSpec spec) =>
        spec.FirstError() is { } problem ? throw new UnbuildableNetworkException(spec, problem) : spec;
}
