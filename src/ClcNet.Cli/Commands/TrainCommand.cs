using System.CommandLine;
using System.Globalization;
using ClcNet.Cli.Options;
using ClcNet.Cli.Recipes;
using ClcNet.Cli.Terminal;
using ClcNet.Data;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary>
/// <c>clcgen train</c>: the reference training recipe on Fashion-MNIST (default) or an ImageNet-layout folder, with
/// checkpoints, resume, retrain/fine-tune and test-only evaluation, as the original <c>th main.lua</c>.
/// </summary>
internal sealed class TrainCommand
{
    private readonly TrainOptions options = new();
    private readonly CliContext context;

    public TrainCommand(CliContext context)
    {
        this.context = context;
        Command = new Command("train",
            "Train a clcNet (SGD, Nesterov momentum 0.9, weight decay 1e-4, learning rate decayed linearly to 0 per iteration). " +
            "With no options: Fashion-MNIST, finishing in minutes on a CPU. The original Torch flags (-batchSize, -nEpochs, -LR, " +
            "-netType, -data, -nThreads, -retrain, -testOnly true, -manualSeed, ...) work as aliases; -backend, -cudnn, " +
            "-shareGradInput, -optnet, -precision, -dataset, -gen and -optimState are accepted and ignored with a note.");
        options.AddTo(Command);
        Command.SetAction(parsed => Execute(options.Read(parsed), options.IgnoredFlagNotes(parsed)));
    }

    public Command Command { get; }

    /// <summary>Parses a train command line into settings, for tests of the option mapping.</summary>
    /// <exception cref="UsageException">The command line has an error.</exception>
    internal static TrainSettings Parse(params string[] args)
    {
        var command = new TrainCommand(new CliContext(TextWriter.Null, TextWriter.Null, false, default));
        ParseResult parsed = command.Command.Parse(args, Clcgen.Parsing);
        return parsed.Errors.Count == 0 ? command.options.Read(parsed) : throw new UsageException(parsed.Errors[0].Message);
    }

    private int Execute(TrainSettings settings, IEnumerable<string> notes)
    {
        foreach (string note in notes)
        {
            context.Output.WriteLine(note);
        }
        Device device = Devices.Resolve(settings.Device);
        var resumeStore = settings.Resume is null ? null : new CheckpointStore(settings.Resume);
        LatestCheckpoint? latest = resumeStore?.ReadLatest();
        if (resumeStore is not null && latest is null)
        {
            context.Output.WriteLine($"=> No checkpoint in {resumeStore.Directory} yet; starting from scratch");
        }

        int computeThreads = ComputeThreads.Configure(settings.Threads);
        var (directory, splits) = DataAccess.Open(settings.Data, settings.TenCrop, context);
        TrainingRecipe recipe = TrainingRecipe.For(splits.Train);
        if (settings.TestOnly)
        {
            string model = settings.Retrain
                ?? (latest is not null ? Path.Combine(resumeStore!.Directory, latest.ModelFile) : null)
                ?? throw new UsageException("--test-only needs a model: pass --retrain FILE (or --resume DIR), or use clcgen eval --model FILE");
            return ModelEvaluation.Run(model, splits.Validation, directory, settings.BatchSize ?? recipe.BatchSize,
                settings.Threads, device, settings.Kernels, context);
        }

        ClcNetSpec spec = ResolveSpec(settings, latest, splits.Train, directory, recipe);
        KernelSupport.Require(spec, settings.Kernels);
        var trainingOptions = new TrainingOptions(
            settings.Epochs ?? latest?.Options.Epochs ?? recipe.Epochs,
            settings.BatchSize ?? latest?.Options.BatchSize ?? recipe.BatchSize,
            settings.LearningRate ?? latest?.Options.LearningRate ?? recipe.LearningRate,
            settings.Momentum ?? latest?.Options.Momentum ?? TrainingRecipe.Momentum,
            settings.WeightDecay ?? latest?.Options.WeightDecay ?? TrainingRecipe.WeightDecay,
            settings.Seed ?? latest?.Options.Seed ?? TrainingRecipe.Seed);
        if (latest is null && settings.EpochNumber > trainingOptions.Epochs)
        {
            throw new UsageException($"--epoch-number {settings.EpochNumber} is past the last epoch ({trainingOptions.Epochs}), " +
                "so there is nothing to train; raise --epochs or lower --epoch-number");
        }
        BatchSource train = DataAccess.Batches(splits.Train, trainingOptions.BatchSize, shuffle: true, settings.Threads,
            trainingOptions.Seed, context);
        BatchSource validation = DataAccess.Batches(splits.Validation,
            Math.Max(1, trainingOptions.BatchSize / splits.Validation.CropsPerSample), shuffle: false, settings.Threads,
            trainingOptions.Seed, context);
        var request = new TrainingRequest(spec, splits.Train.Classes, trainingOptions, settings.Save, device)
        {
            FirstEpoch = settings.EpochNumber,
            Resume = latest is null ? null : (resumeStore!, latest),
            RetrainFile = settings.Retrain,
            ResetClassifier = settings.ResetClassifier,
            TensorBoard = settings.TensorBoard,
            Kernels = settings.Kernels,
        };

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"=> {spec} on {directory}: {splits.Train.Count} training and {splits.Validation.Count} validation images, " +
            $"{splits.Train.Classes.Count} classes; {trainingOptions.Epochs} epoch{(trainingOptions.Epochs == 1 ? "" : "s")} of {train.BatchesPerEpoch} batches of " +
            $"{trainingOptions.BatchSize}, LR {trainingOptions.LearningRate}, seed {trainingOptions.Seed}; " +
            $"{computeThreads} compute and {settings.Threads} loader threads; {KernelsOption.NameOf(settings.Kernels)} kernels; saving to {settings.Save}"));
        try
        {
            TrainingResult result = ProgressDisplay.Run(context,
                progress => TrainingSession.Run(request, train, validation, progress, context.Cancellation));
            if (result.Best is { } best)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $" * Finished top1: {best.Top1,6:F3}  top5: {best.Top5,6:F3}"));
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Validation accuracy: {100 - best.Top1:F2}% top-1, {100 - best.Top5:F2}% top-5 (best epoch {best.Epoch}; model in {Path.Combine(settings.Save, CheckpointStore.BestModelFileName)})"));
            }
            return ExitCodes.Success;
        }
        catch (NonFiniteLossException e)
        {
            context.Error.WriteLine($"clcgen: error: {e.Message}; {KeptCheckpoint(settings.Save)}; lower --lr and start again or --resume {settings.Save}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Error.WriteLine($"clcgen: interrupted; {KeptCheckpoint(settings.Save)}; continue with --resume {settings.Save}");
            return ExitCodes.Interrupted;
        }
    }

    private static string KeptCheckpoint(string save)
    {
        LatestCheckpoint? kept = Directory.Exists(save) ? new CheckpointStore(save).ReadLatest() : null;
        return kept is null
            ? "no epoch finished, so there is no checkpoint"
            : $"the last good checkpoint (epoch {kept.Epoch}) stays in {save}";
    }

    /// <summary>
    /// The network to train: the resumed checkpoint's; else the one asked for on the command line; else that of the
    /// <c>--retrain</c> file (with the data's classes when <c>--reset-classifier</c>); else the recipe's. Classes,
    /// channels and input size come from the data.
    /// </summary>
    private static ClcNetSpec ResolveSpec(TrainSettings settings, LatestCheckpoint? latest, IImageDataset train,
        string directory, TrainingRecipe recipe)
    {
        int classes = train.Classes.Count;
        if (settings.Classes is { } asked && asked != classes)
        {
            throw new UsageException($"--classes {asked} but {directory} has {classes} classes; --classes must match the data");
        }
        ClcNetSpec? requested = settings.Network?.ToSpec(classes, train.Channels, train.Size);
        ClcNetSpec spec;
        string source;
        if (latest is not null)
        {
            spec = latest.Spec;
            source = $"the checkpoint in {settings.Resume}";
            if (requested is { } other && other != spec)
            {
                throw new UsageException($"{source} is {spec} but the command line asks for {other}; leave the network options out to resume");
            }
        }
        else if (requested is { } fromCommandLine)
        {
            spec = fromCommandLine;
            source = "the network";
        }
        else if (settings.Retrain is not null)
        {
            ClcNetSpec saved = ModelFile.ReadMetadata(settings.Retrain).Spec;
            spec = settings.ResetClassifier ? saved with { Classes = classes } : saved;
            source = settings.Retrain;
        }
        else
        {
            spec = recipe.Network.ToSpec(classes, train.Channels, train.Size);
            source = "the network";
        }
        SpecValidation.RequireBuildable(spec);
        DataAccess.RequireFit(spec, source, train, directory);
        return spec;
    }
}
