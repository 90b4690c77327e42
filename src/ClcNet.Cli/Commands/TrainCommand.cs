using System.CommandLine;
using System.Globalization;
using ClcNet.Cli.Options;
using ClcNet.Cli.Terminal;
using ClcNet.Interop.Models;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;

namespace ClcNet.Cli.Commands;

/// <summary>
/// <c>clcgen train</c>: the reference training recipe on Fashion-MNIST (default) or an ImageNet-layout folder, with
/// checkpoints, resume, retrain/fine-tune and test-only evaluation, as the original <c>th main.lua</c>. The options
/// become <see cref="TrainingOverrides"/>, <see cref="TrainingPlan"/> decides the run, and this command prints it.
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
        Command.SetAction(commandLine =>
        {
            ParseResult parsed = options.WithConfigFile(commandLine, Command);
            return Execute(options.Read(parsed), options.TestOnly(parsed), options.IgnoredFlagNotes(parsed),
                ["clcgen", .. commandLine.Tokens.Select(token => token.Value)]);
        });
    }

    public Command Command { get; }

    /// <summary>Parses a train command line (and its config file) into the run it asks for, for tests of the option mapping.</summary>
    /// <exception cref="UsageException">The command line has an error.</exception>
    internal static (TrainingOverrides Overrides, bool TestOnly) Parse(params string[] args)
    {
        var command = new TrainCommand(new CliContext(TextWriter.Null, TextWriter.Null, false, default));
        ParseResult commandLine = command.Command.Parse(args, Clcgen.Parsing);
        if (commandLine.Errors.Count > 0)
        {
            throw new UsageException(commandLine.Errors[0].Message);
        }
        ParseResult parsed = command.options.WithConfigFile(commandLine, command.Command);
        return (command.options.Read(parsed), command.options.TestOnly(parsed));
    }

    private int Execute(TrainingOverrides asked, bool testOnly, IEnumerable<string> notes, IEnumerable<string> commandLine)
    {
        foreach (string note in notes)
        {
            context.Output.WriteLine(note);
        }
        LatestCheckpoint? checkpoint = TrainingPlan.ReadCheckpoint(asked);
        if (asked.Resume is not null && checkpoint is null)
        {
            context.Output.WriteLine($"=> No checkpoint in {asked.Resume} yet; starting from scratch");
        }
        (string? directory, Data.DatasetSplits? splits) = DataAccess.Open(asked.Data, asked.TenCrop, context);
        if (testOnly)
        {
            (string? model, int batchSize) = TrainingPlan.ForTestOnly(asked, checkpoint, splits.Train);
            ComputeThreads.Configure(asked.LoaderThreads);
            return ModelEvaluation.Run(
                model ?? throw new UsageException("--test-only needs a model: pass --retrain FILE (or --resume DIR), or use clcgen eval --model FILE"),
                splits.Validation, directory, batchSize, asked.LoaderThreads, asked.Device, asked.Kernels, context);
        }

        var plan = TrainingPlan.Resolve(asked, directory, splits, checkpoint, ModelFiles.ReadForTraining);
        KernelSupport.Require(plan.Spec, plan.Kernels, plan.Device.type);
        foreach (string warning in TrainingSession.PrepareSaveFolder(plan))
        {
            context.Error.WriteLine($"clcgen: warning: {warning}");
        }
        int computeThreads = ComputeThreads.Configure(plan.LoaderThreads);
        TrainingOptions hyperparameters = plan.Options;
        BatchSource train = DataAccess.Batches(splits.Train, hyperparameters.BatchSize, shuffle: true, plan.LoaderThreads,
            hyperparameters.Seed, context);
        BatchSource validation = DataAccess.Batches(splits.Validation,
            TrainingPlan.ValidationBatchSize(hyperparameters.BatchSize, splits.Validation), shuffle: false, plan.LoaderThreads,
            hyperparameters.Seed, context);
        TrainConfigFile.Write(plan.SaveDirectory, options.Resolved(plan), commandLine);

        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"=> {plan.Spec} on {directory}: {splits.Train.Count} training and {splits.Validation.Count} validation images, " +
            $"{splits.Train.Classes.Count} classes; {hyperparameters.Epochs} epoch{(hyperparameters.Epochs == 1 ? "" : "s")} of {train.BatchesPerEpoch} batches of " +
            $"{hyperparameters.BatchSize}, LR {hyperparameters.LearningRate}, seed {hyperparameters.Seed}; " +
            $"{computeThreads} compute and {plan.LoaderThreads} loader threads; {KernelsOption.NameOf(plan.Kernels)} kernels; saving to {plan.SaveDirectory}"));
        string save = plan.SaveDirectory;
        try
        {
            TrainingResult result = ProgressDisplay.Run(context,
                progress => TrainingSession.Run(plan, train, validation, progress, context.Cancellation));
            if (result.Best is { } best)
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $" * Finished top1: {best.Top1,6:F3}  top5: {best.Top5,6:F3}"));
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Validation accuracy: {100 - best.Top1:F2}% top-1, {100 - best.Top5:F2}% top-5 (best epoch {best.Epoch}; model in {Path.Combine(save, CheckpointStore.BestModelFileName)})"));
            }
            return ExitCodes.Success;
        }
        catch (NonFiniteLossException e)
        {
            context.Error.WriteLine($"clcgen: error: {e.Message}; {KeptCheckpoint(save)}; lower --lr and start again or --resume {save}");
            return ExitCodes.Failure;
        }
        catch (CheckpointSaveException e)
        {
            context.Error.WriteLine($"clcgen: error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Error.WriteLine($"clcgen: interrupted; {KeptCheckpoint(save)}; continue with --resume {save}");
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
}
