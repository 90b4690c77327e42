using System.CommandLine;
using System.CommandLine.Parsing;
using ClcNet.Cli.Commands;
using ClcNet.Training;

namespace ClcNet.Cli.Options;

/// <summary>
/// Every option of <c>clcgen train</c> in .NET style, each with the original Torch flag (fb.resnet.torch /
/// clcnet.torch <c>opts.lua</c>) as an alias, so an original command line works verbatim; and the Torch flags
/// that mean nothing here, accepted with a note. The one place that maps a command line to
/// <see cref="TrainingOverrides"/>; what is not given is decided by <see cref="TrainingPlan"/>.
/// </summary>
internal sealed class TrainOptions
{
    private readonly Option<string?> config = new("--config")
    {
        Description = "JSON file of train options by their long names, e.g. {\"epochs\": 30, \"batch-size\": 64}; options on the command line win. " +
            $"Every run writes its options to SAVE/{TrainConfigFile.FileName}, so --config SAVE/{TrainConfigFile.FileName} repeats it.",
        HelpName = "FILE",
    };

    private readonly TorchTwin<string?> data = new(
        new Option<string?>("--data")
        {
            Description = "Fashion-MNIST folder (IDX files) or ImageNet-layout folder (train/<class>/..., val/<class>/...). " +
                "Default: $CLCNET_DATA, else /usr/share/datasets/fashion-mnist, else ~/.cache/clcnet/fashion-mnist, else download Fashion-MNIST.",
            HelpName = "DIR",
        },
        "-data");

    private readonly NetworkOptions network = new();

    private readonly Option<int?> epochs = new Option<int?>("--epochs", "-nEpochs")
    {
        Description = "Epochs of the run; the learning rate decays linearly to 0 at its end. Default: 100 (ImageNet), see README for Fashion-MNIST.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<int?> batchSize = new Option<int?>("--batch-size", "-batchSize")
    {
        Description = "Images per training batch. Default: 256 (ImageNet).",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<double?> learningRate = new Option<double?>("--lr", "-LR")
    {
        Description = "Initial learning rate. Default: 0.1 (ImageNet).",
        HelpName = "LR",
    }.Above(0.0);

    private readonly TorchTwin<double?> momentum = new(
        new Option<double?>("--momentum")
        {
            Description = "Nesterov momentum. Default: 0.9.",
            HelpName = "M",
        }.Above(0.0),
        "-momentum");

    private readonly Option<double?> weightDecay = new Option<double?>("--weight-decay", "-weightDecay")
    {
        Description = "Weight decay on every parameter. Default: 1e-4.",
        HelpName = "WD",
    }.AtLeast(0.0);

    private readonly Option<int?> threads = new Option<int?>("--threads", "-nThreads")
    {
        Description = $"Data-loading worker threads (0: load on the training thread). Default: {TrainingOverrides.DefaultLoaderThreads}.",
        HelpName = "N",
    }.AtLeast(0);

    private readonly Option<int?> seed = new Option<int?>("--seed", "-manualSeed")
    {
        Description = "Seed of the weight initialisation and of the loader's shuffling and augmentation. Default: 0.",
        HelpName = "N",
    }.Numeric();

    private readonly TorchTwin<string?> save = new(
        new Option<string?>("--save")
        {
            Description = $"Folder for checkpoints, metrics.csv, curves.png and TensorBoard logs. Default: the --resume folder, else {TrainingPlan.DefaultSaveDirectory}.",
            HelpName = "DIR",
        },
        "-save");

    private readonly TorchTwin<string?> resume = new(
        new Option<string?>("--resume")
        {
            Description = "Continue the run checkpointed in DIR at its next epoch, with its learning-rate schedule and optimiser state.",
            HelpName = "DIR",
        },
        "-resume",
        torchNotGiven: "none");

    private readonly TorchTwin<string?> retrain = new(
        new Option<string?>("--retrain")
        {
            Description = "Start from the weights of a model file (e.g. checkpoints/model_best).",
            HelpName = "FILE",
        },
        "-retrain",
        torchNotGiven: "none");

    private readonly Option<int?> epochNumber = new Option<int?>("--epoch-number", "-epochNumber")
    {
        Description = "First epoch when not resuming (the schedule starts there). Default: 1.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<bool> testOnly = new("--test-only", "-testOnly")
    {
        Description = "Only evaluate the --retrain (or --resume) model on the validation split.",
    };

    private readonly Option<bool> tenCrop = new("--ten-crop", "-tenCrop")
    {
        Description = "Ten-crop validation: sum the scores of the 10 crops of each image.",
    };

    private readonly Option<bool> resetClassifier = new("--reset-classifier", "-resetClassifier")
    {
        Description = "With --retrain: start the last Linear layer afresh with --classes outputs (fine-tuning).",
    };

    private readonly Option<int?> classes = new Option<int?>("--classes", "-nClasses")
    {
        Description = "Classes of the new classifier for --reset-classifier; must match the data.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<string?> device = DeviceOption.Create().OneOf(TrainingDevice.Names, "unknown device; use cpu or cuda");

    private readonly Option<int?> gpus = new Option<int?>("--gpus", "-nGPU")
    {
        Description = "GPUs to use; only 1 is supported (with --device cuda).",
        HelpName = "N",
    }.Require(count => count <= 1, "multi-GPU training is not supported yet; use one GPU (-nGPU 1 / --gpus 1) with --device cuda");

    private readonly KernelsOption kernels = KernelsOption.Single();

    private readonly Option<bool> tensorBoard = new("--tensorboard")
    {
        Description = "Also write TensorBoard event files to SAVE/tensorboard.",
    };

    private readonly IReadOnlyList<(Option<string?> Option, string Note)> ignored =
    [
        Ignored("-backend", "TorchSharp picks the kernels"),
        Ignored("-cudnn", "TorchSharp picks the kernels"),
        Ignored("-shareGradInput", "TorchSharp manages activation memory"),
        Ignored("-optnet", "TorchSharp manages activation memory"),
        Ignored("-precision", "training runs in single precision (float32)"),
        Ignored("-dataset", "the kind of dataset is recognised from --data"),
        Ignored("-gen", "nothing is cached on disk"),
        Ignored("-optimState", "use --resume DIR to continue with the optimiser state"),
    ];

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(config);
        data.AddTo(command);
        network.AddTo(command);
        command.Options.Add(epochs);
        command.Options.Add(batchSize);
        command.Options.Add(learningRate);
        momentum.AddTo(command);
        command.Options.Add(weightDecay);
        command.Options.Add(threads);
        command.Options.Add(seed);
        save.AddTo(command);
        resume.AddTo(command);
        retrain.AddTo(command);
        foreach (Option option in new Option[] { epochNumber, testOnly, tenCrop, resetClassifier, classes, device, gpus, tensorBoard })
        {
            command.Options.Add(option);
        }
        kernels.AddTo(command);
        foreach ((Option<string?>? option, string _) in ignored)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// <paramref name="commandLine"/> (of <paramref name="command"/>) with the options of its <c>--config</c> file
    /// before it, so that the command line wins; itself when it names no file.
    /// </summary>
    /// <exception cref="UsageException">The file cannot be read, or one of its options is wrong.</exception>
    public ParseResult WithConfigFile(ParseResult commandLine, Command command)
    {
        if (commandLine.GetValue(config) is not { } path)
        {
            return commandLine;
        }
        IReadOnlyList<string> fromFile = new TrainConfigFile(command.Options.Where(option => option != config)).Arguments(path, commandLine);
        ParseResult fileAlone = command.Parse(fromFile, Clcgen.Parsing);
        if (fileAlone.Errors.Count > 0)
        {
            throw new UsageException($"{path}: {fileAlone.Errors[0].Message}");
        }
        IEnumerable<string> given = commandLine.Tokens.Where(token => token.Type != TokenType.Command).Select(token => token.Value);
        ParseResult merged = command.Parse([.. fromFile, .. given], Clcgen.Parsing);
        return merged.Errors.Count == 0 ? merged : throw new UsageException(merged.Errors[0].Message);
    }

    /// <summary>The run a parsed command line (with its config file) asks for.</summary>
    /// <exception cref="UsageException">Options that only work together are given apart.</exception>
    /// <exception cref="DeviceUnavailableException">The device asked for is not available.</exception>
    public TrainingOverrides Read(ParseResult result)
    {
        // Checked here rather than by the parser, so that a config file can give one and the command line the other.
        if (result.GetValue(resetClassifier) && result.GetValue(classes) is null)
        {
            throw new UsageException("--reset-classifier needs --classes N (Torch: -nClasses N), the classes of the new classifier");
        }
        return new()
        {
            Data = data.Read(result),
            TenCrop = result.GetValue(tenCrop),
            LoaderThreads = result.GetValue(threads) ?? TrainingOverrides.DefaultLoaderThreads,
            // The classes and input size and channels come from the data.
            Network = network.Read(result) is { } choice ? new ClcNetSpec(choice.A, choice.B, choice.C, choice.D) : null,
            Epochs = result.GetValue(epochs),
            BatchSize = result.GetValue(batchSize),
            LearningRate = result.GetValue(learningRate),
            Momentum = momentum.Read(result),
            WeightDecay = result.GetValue(weightDecay),
            Seed = result.GetValue(seed),
            Classes = result.GetValue(classes),
            Resume = resume.Read(result),
            Retrain = retrain.Read(result),
            ResetClassifier = result.GetValue(resetClassifier),
            FirstEpoch = result.GetValue(epochNumber),
            Save = save.Read(result),
            TensorBoard = result.GetValue(tensorBoard),
            Device = Devices.Resolve(result.GetValue(device)),
            Kernels = kernels.Read(result),
        };
    }

    /// <summary>Only evaluate a model, do not train (<c>--test-only</c>).</summary>
    public bool TestOnly(ParseResult result) => result.GetValue(testOnly);

    /// <summary>
    /// Every option with the value <paramref name="plan"/> decided for it, for the run's config file: paths made
    /// absolute, and what only says where to continue from left out (<c>--resume</c>), so that the file repeats the
    /// whole run from its first epoch.
    /// </summary>
    public IEnumerable<(Option Option, object? Value)> Resolved(TrainingPlan plan) =>
    [
        (data.Option, Path.GetFullPath(plan.DataDirectory)),
        .. network.Resolved(plan.Spec),
        (epochs, plan.Options.Epochs),
        (batchSize, plan.Options.BatchSize),
        (learningRate, plan.Options.LearningRate),
        (momentum.Option, plan.Options.Momentum),
        (weightDecay, plan.Options.WeightDecay),
        (threads, plan.LoaderThreads),
        (seed, plan.Options.Seed),
        (save.Option, Path.GetFullPath(plan.SaveDirectory)),
        (retrain.Option, plan.StartingWeights is { } weights ? Path.GetFullPath(weights.Path) : null),
        (epochNumber, plan.FirstEpoch),
        (tenCrop, plan.TenCrop),
        (resetClassifier, plan.ResetClassifier),
        (classes, plan.ResetClassifier ? plan.Spec.Classes : null),
        (device, TrainingDevice.NameOf(plan.Device)),
        kernels.Resolved(plan.Kernels),
        (tensorBoard, plan.TensorBoard),
    ];

    /// <summary>One note per original Torch flag given that has no meaning here.</summary>
    public IEnumerable<string> IgnoredFlagNotes(ParseResult result) =>
        from entry in ignored
        let value = result.GetResult(entry.Option) is { Implicit: false } ? result.GetValue(entry.Option) : null
        where value is not null
        select $"note: {entry.Option.Name} {value} is ignored: {entry.Note}";

    private static (Option<string?>, string) Ignored(string flag, string note) =>
        (new Option<string?>(flag) { Hidden = true, HelpName = "VALUE" }, note);
}
