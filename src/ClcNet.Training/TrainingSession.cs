using ClcNet.Kernels;
using ClcNet.Kernels.Cpu;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;
using ClcNet.Training.Optimization;
using ClcNet.Training.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>
/// A training run from start to end, as fb.resnet.torch's <c>main.lua</c> and torchvision's <c>main</c>: seed,
/// build the network, restore a checkpoint or starting weights, then per epoch train, validate, keep the best
/// model by top-1 error and checkpoint; per-epoch <c>metrics.csv</c>, <c>curves.png</c> and optional TensorBoard
/// scalars go to the save folder. Everything of an epoch is written before <c>latest</c> names it, so a kill at any
/// moment loses at most the epoch in progress, and resuming redoes that one epoch whole.
/// </summary>
public static class TrainingSession
{
    /// <summary>Name of the per-epoch metrics file in the save folder.</summary>
    public const string MetricsFileName = "metrics.csv";

    /// <summary>Name of the plot of the metrics in the save folder.</summary>
    public const string CurvesFileName = "curves.png";

    /// <summary>Folder of the TensorBoard event files in the save folder.</summary>
    public const string TensorBoardFolderName = "tensorboard";

    /// <summary>Where a junk <c>metrics.csv</c> is moved when a run starts a fresh one.</summary>
    public const string SetAsideMetricsFileName = MetricsFileName + ".bad";

    /// <summary>
    /// Readies the save folder of <paramref name="plan"/> before any training (<see cref="CheckpointStore.Prepare"/>), and
    /// moves a <c>metrics.csv</c> that cannot be continued to <see cref="SetAsideMetricsFileName"/>. <see cref="Run"/>
    /// does this itself; a caller that writes files of its own there first calls it earlier.
    /// </summary>
    /// <returns>Warnings for the user: what was set aside, and why.</returns>
    /// <exception cref="SaveFolderException">The folder cannot take the run's files.</exception>
    public static IReadOnlyList<string> PrepareSaveFolder(TrainingPlan plan)
    {
        new CheckpointStore(plan.SaveDirectory).Prepare(MetricsFileName, CurvesFileName);
        string metricsPath = Path.Combine(plan.SaveDirectory, MetricsFileName);
        try
        {
            MetricsHistory.Load(metricsPath, lastEpoch: plan.StartEpoch - 1);
            return [];
        }
        catch (MetricsFileException junk)
        {
            string setAside = Path.Combine(plan.SaveDirectory, SetAsideMetricsFileName);
            File.Move(metricsPath, setAside, overwrite: true);
            return [$"{junk.Problem}; moved it to {setAside} and starting a fresh {MetricsFileName}"];
        }
    }

    /// <summary>Runs <paramref name="plan"/> on <paramref name="train"/>, validating on <paramref name="validation"/>.</summary>
    /// <exception cref="NonFiniteLossException">The loss diverged; the last checkpoint written stays in force.</exception>
    /// <exception cref="CheckpointException">The checkpoint to resume cannot be used.</exception>
    /// <exception cref="SaveFolderException">The save folder cannot take the run's files; found before any training.</exception>
    /// <exception cref="CheckpointSaveException">An epoch's files could not be written; the previous checkpoint stays in force.</exception>
    /// <exception cref="ArgumentException">A block of the network cannot run on <see cref="TrainingPlan.Kernels"/>.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the last finished epoch is checkpointed.</exception>
    public static TrainingResult Run(TrainingPlan plan, BatchSource train, BatchSource validation,
        ITrainingProgress progress, CancellationToken cancellation = default)
    {
        foreach (string warning in PrepareSaveFolder(plan))
        {
            progress.Note($"warning: {warning}");
        }
        TrainingOptions options = plan.Options;
        torch.manual_seed(options.Seed);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(plan.Spec);
        LoadStartingWeights(plan, model, progress);
        model.to(plan.Device).UseKernels(plan.Kernels);
        if (plan.Kernels == ClcKernels.Ilgpu)
        {
            progress.Note($"=> CLC blocks on ILGPU kernels ({ClcAccelerator.Describe()})");
        }
        else if (plan.Kernels == ClcKernels.Cpu)
        {
            progress.Note($"=> CLC blocks on {CpuKernels.Describe()}");
        }
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), options.LearningRate, options.Momentum, options.WeightDecay);
        if (plan.Resume is var (resumeStore, latest))
        {
            resumeStore.RestoreOptimizer(latest, optimizer, plan.Spec, plan.Device);
            // The restored state carries the checkpoint's settings; the plan's (which may differ) win.
            ReferenceSgd.SetMomentumAndWeightDecay(optimizer, options.Momentum, options.WeightDecay);
        }

        var store = new CheckpointStore(plan.SaveDirectory);
        int firstEpoch = plan.StartEpoch;
        BestResult? best = plan.Resume?.Latest.Best;
        string metricsPath = Path.Combine(plan.SaveDirectory, MetricsFileName);
        var history = MetricsHistory.Load(metricsPath, lastEpoch: firstEpoch - 1);
        SummaryWriter? tensorBoard = plan.TensorBoard
            ? torch.utils.tensorboard.SummaryWriter(Path.Combine(plan.SaveDirectory, TensorBoardFolderName))
            : null;
        var schedule = new LinearLearningRateSchedule(options.LearningRate, options.Epochs, train.BatchesPerEpoch);
        var trainer = new Trainer(model, plan.Device, progress);
        var metadata = ModelMetadata.For(plan.Spec, plan.Classes);
        int? saved = plan.Resume is var (resumed, resumedLatest) && SameFolder(resumed.Directory, plan.SaveDirectory)
            ? resumedLatest.Epoch
            : null;

        for (int epoch = firstEpoch; epoch <= options.Epochs; epoch++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            PhaseSummary trained = trainer.TrainOneEpoch(epoch, train, optimizer, schedule, cancellation);
            PhaseSummary tested = trainer.Evaluate(epoch, validation);
            if (best is null || tested.Top1 < best.Top1)
            {
                best = new BestResult(epoch, tested.Top1, tested.Top5);
                progress.Note(FormattableString.Invariant($" * Best model {tested.Top1:F3} {tested.Top5:F3}"));
            }
            var row = new EpochMetrics(epoch, schedule.At(epoch, 1), trained.Loss, trained.Top1, trained.Top5,
                tested.Loss, tested.Top1, tested.Top5, trained.ImagesPerSecond, started.Elapsed.TotalSeconds);
            try
            {
                store.SaveEpoch(epoch, model, optimizer, metadata, best);
                history.Record(row);
                history.Save(metricsPath);
                AtomicFile.WriteAllBytes(Path.Combine(plan.SaveDirectory, CurvesFileName), CurvesPlot.Render(history.Rows));
                if (tensorBoard is not null)
                {
                    // An epoch redone after a kill logs its step again; TensorBoard keeps the later events of a step.
                    WriteScalars(tensorBoard, row);
                }
                store.WriteLatest(epoch, metadata, options, best);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointSaveException(epoch, plan.SaveDirectory, saved, e);
            }
            saved = epoch;
        }
        return new TrainingResult(Math.Max(firstEpoch - 1, options.Epochs), best);
    }

    private static bool SameFolder(string first, string second) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(first)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(second)),
            StringComparison.Ordinal);

    private static void LoadStartingWeights(TrainingPlan plan, nn.Module model, ITrainingProgress progress)
    {
        if (plan.Resume is var (store, latest))
        {
            progress.Note($"=> Resuming from {store.LatestPath} (epoch {latest.Epoch})");
            store.RestoreModel(latest, model, plan.Spec);
        }
        else if (plan.StartingWeights is { } weights)
        {
            progress.Note($"=> Loading weights from {weights.Path}{(plan.ResetClassifier ? " (classifier reset)" : "")}");
            weights.LoadInto(model, plan.Spec, plan.ResetClassifier);
        }
    }

    /// <summary>One scalar per metric, at the epoch as step; TorchSharp's writer appends each event to the file as it comes.</summary>
    private static void WriteScalars(SummaryWriter writer, EpochMetrics row)
    {
        writer.add_scalar("train/loss", (float)row.TrainLoss, row.Epoch);
        writer.add_scalar("train/top1_error", (float)row.TrainTop1, row.Epoch);
        writer.add_scalar("train/top5_error", (float)row.TrainTop5, row.Epoch);
        writer.add_scalar("test/loss", (float)row.TestLoss, row.Epoch);
        writer.add_scalar("test/top1_error", (float)row.TestTop1, row.Epoch);
        writer.add_scalar("test/top5_error", (float)row.TestTop5, row.Epoch);
        writer.add_scalar("learning_rate", (float)row.LearningRate, row.Epoch);
    }
}
