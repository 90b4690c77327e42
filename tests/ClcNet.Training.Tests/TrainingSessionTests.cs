using ClcNet.Data;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;
using ClcNet.Training.Optimization;
using ClcNet.Training.Progress;
using ClcNet.Training.Tests.Checkpoints;
using ClcNet.Training.Tests.Support;
using ClcNet.Training.Tests.TensorBoard;
using Tensorboard;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests;

// End to end on in-memory data (SyntheticBatches). The run on the committed Fashion-MNIST subset lives in
// the CLI tests, which go through the real loader.
public sealed class TrainingSessionTests : IDisposable
{
    private const int BatchesPerEpoch = 6;
    private readonly TemporaryDirectory folder = new();
    private readonly BatchSource train = SyntheticBatches.Create(BatchesPerEpoch, batchSize: 16, seed: 1);
    private readonly BatchSource validation = SyntheticBatches.Create(4, batchSize: 16, seed: 2);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AShortRunLowersTheLossAndBeatsChanceOnHeldOutImages()
    {
        var progress = new RecordingProgress();

        TrainingResult result = TrainingSession.Run(Plan("run", epochs: 3), train, validation, progress);

        var trained = progress.Summaries.Where(s => s.Phase == TrainingPhase.Train).ToList();
        Assert.True(trained[^1].Loss < trained[0].Loss * 0.8, $"loss went from {trained[0].Loss} to {trained[^1].Loss}");
        Assert.NotNull(result.Best);
        Assert.True(result.Best.Top1 < 40, $"validation top-1 error {result.Best.Top1}% is not clearly below chance (75%)");
        Assert.Equal(3, result.LastEpoch);
    }

    [Fact]
    public void WritesCheckpointsMetricsCurvesAndTensorBoardEvents()
    {
        string save = folder.File("run");
        var progress = new RecordingProgress();
        long started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        TrainingResult result = TrainingSession.Run(Plan("run", epochs: 2) with { TensorBoard = true }, train, validation, progress);
        long finished = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var store = new CheckpointStore(save);
        LatestCheckpoint latest = store.ReadLatest()!;
        Assert.Equal(2, latest.Epoch);
        Assert.Equal(("model_2", "optimState_2"), (latest.ModelFile, latest.OptimizerFile));
        Assert.Equal(TinyNetwork.Spec(), latest.Spec);
        Assert.Equal(TinyNetwork.ClassNames(), latest.Classes);
        Assert.Equal(result.Best, latest.Best);
        Assert.Equal(File.ReadAllBytes(store.ModelPath(result.Best!.Epoch)), File.ReadAllBytes(store.BestModelPath));
        Assert.True(File.Exists(store.ModelPath(1)) && File.Exists(store.OptimizerPath(1)));

        IReadOnlyList<EpochMetrics> rows = MetricsHistory.Load(Path.Combine(save, TrainingSession.MetricsFileName), int.MaxValue).Rows;
        var tests = progress.Summaries.Where(s => s.Phase == TrainingPhase.Test).ToList();
        Assert.Equal([1, 2], rows.Select(row => row.Epoch));
        Assert.Equal(tests.Select(t => t.Top1), rows.Select(row => row.TestTop1));
        Assert.Equal(0.1, rows[0].LearningRate, 12);
        Assert.Equal(0.05, rows[1].LearningRate, 12);

        byte[] png = File.ReadAllBytes(Path.Combine(save, TrainingSession.CurvesFileName));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        string eventFile = Directory.GetFiles(Path.Combine(save, TrainingSession.TensorBoardFolderName)).Single();
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(eventFile));
        IReadOnlyList<Event> events = EventFileReader.Read(eventFile);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        var scalars = EventFileReader.Scalars(events).ToList();
        Assert.Equal(2 * 7, scalars.Count);
        Assert.All(events.Skip(1), e => Assert.InRange(e.WallTime, started, finished + 1)); // seconds since 1970, as TensorBoard plots them
        Assert.Equal(
            rows.SelectMany(row => new[] { ("train/loss", row.TrainLoss), ("test/top1_error", row.TestTop1), ("learning_rate", row.LearningRate) }
                .Select(metric => ((long)row.Epoch, metric.Item1, (float)metric.Item2))),
            scalars.Where(s => s.Tag is "train/loss" or "test/top1_error" or "learning_rate"));
    }

    [Fact]
    public void KillAndResumeContinuesWithTheSameScheduleAndOptimiserState()
    {
        var straight = new RecordingProgress();
        TrainingSession.Run(Plan("straight", epochs: 3), train, validation, straight);

        var killed = new RecordingProgress(cancelAtEpoch: 3);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            TrainingSession.Run(Plan("resumed", epochs: 3), train, validation, killed, killed.Cancellation));
        var store = new CheckpointStore(folder.File("resumed"));
        LatestCheckpoint latest = store.ReadLatest()!;
        Assert.Equal(2, latest.Epoch);
        Assert.False(File.Exists(store.ModelPath(3)));

        var resumed = new RecordingProgress();
        TrainingSession.Run(Plan("resumed", epochs: 3, new() { Resume = store.Directory }), train, validation, resumed);

        // The resumed run starts at epoch 3, batch 1, at the learning rate the straight run used there.
        BatchProgress firstResumed = resumed.Batches.First(b => b.Phase == TrainingPhase.Train);
        BatchProgress straightAtThatPoint = straight.Batches.First(b => b.Phase == TrainingPhase.Train && b.Epoch == 3);
        Assert.Equal((3, 1), (firstResumed.Epoch, firstResumed.Batch));
        Assert.Equal(straightAtThatPoint.LearningRate, firstResumed.LearningRate);

        // Same weights, BatchNorm statistics and momentum buffers at the end as the run that was never killed.
        var straightStore = new CheckpointStore(folder.File("straight"));
        AssertSameState(straightStore, store, TinyNetwork.Spec());
        Assert.Equal(straight.Summaries[^1], resumed.Summaries[^1] with { Elapsed = straight.Summaries[^1].Elapsed });
    }

    [Fact]
    public void ResumingWithOtherMomentumAndWeightDecayTrainsWithThem()
    {
        TrainingSession.Run(Plan("run", epochs: 1), train, validation, new RecordingProgress());
        var store = new CheckpointStore(folder.File("run"));
        TrainingPlan resume = Plan("run", epochs: 2, new() { Momentum = 0.5, WeightDecay = 1e-3, Resume = store.Directory });

        TrainingSession.Run(resume, train, validation, new RecordingProgress());

        // The optimiser state saved after the resumed epoch holds the settings that epoch stepped with.
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(TinyNetwork.Spec());
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, momentum: 0.9, weightDecay: 1e-4);
        OptimizerStateFile.Load(store.OptimizerPath(2), optimizer, TinyNetwork.Spec(), CPU);
        SGD.Options settings = ((SGD.ParamGroup)optimizer.ParamGroups.Single()).Options;
        Assert.Equal((0.5, 1e-3, 0.0, true), (settings.momentum, settings.weight_decay, settings.dampening, settings.nesterov));
    }

    [Fact]
    public void ANonFiniteLossStopsTrainingAndKeepsTheLastGoodCheckpoint()
    {
        // Epoch 2's second batch holds a NaN pixel, which makes its loss NaN.
        var poisoned = new BatchSource(BatchesPerEpoch, epoch => train.Epoch(epoch).Select((batch, index) =>
        {
            if (epoch == 2 && index == 1)
            {
                batch.Images[0, 0, 0, 0] = tensor(float.NaN);
            }
            return batch;
        }));
        var progress = new RecordingProgress();

        NonFiniteLossException error = Assert.Throws<NonFiniteLossException>(() =>
            TrainingSession.Run(Plan("nan", epochs: 3), poisoned, validation, progress));

        Assert.Equal((2, 2), (error.Epoch, error.Batch));
        Assert.StartsWith("the loss became NaN at epoch 2, batch 2", error.Message);
        var store = new CheckpointStore(folder.File("nan"));
        Assert.Equal(1, store.ReadLatest()!.Epoch);
        Assert.False(File.Exists(store.ModelPath(2)));
        ModelFile.Load(store.ModelPath(1), CPU).Model.Dispose();
    }

    [Fact]
    public void RetrainStartsFromTheWeightsReadWhenThePlanWasMade()
    {
        TrainingSession.Run(Plan("first", epochs: 1), train, validation, new RecordingProgress());
        string weights = folder.File("weights");
        File.Copy(new CheckpointStore(folder.File("first")).ModelPath(1), weights);
        TrainingPlan plan = Plan("second", epochs: 1, new() { Retrain = weights });
        File.Delete(weights);
        var progress = new RecordingProgress();

        TrainingSession.Run(plan, train, validation, progress);

        Assert.Contains($"=> Loading weights from {weights}", progress.Notes);
        // A fresh start with the same seed and data would end bit for bit where the first run did.
        using nn.Module<Tensor, Tensor> first = ModelFile.Load(new CheckpointStore(folder.File("first")).ModelPath(1), CPU).Model;
        using nn.Module<Tensor, Tensor> second = ModelFile.Load(new CheckpointStore(folder.File("second")).ModelPath(1), CPU).Model;
        Assert.False(Tensors.Identical(first.state_dict()["head.fc.weight"], second.state_dict()["head.fc.weight"]));
    }

    [Fact]
    public void AFailedSaveKeepsTheLastCheckpointAndResumingRedoesTheEpochOnce()
    {
        TrainingSession.Run(Plan("straight", epochs: 2), train, validation, new RecordingProgress());
        var store = new CheckpointStore(folder.File("faulty"));
        string curves = Path.Combine(store.Directory, TrainingSession.CurvesFileName);
        byte[]? latestOfEpoch1 = null;
        byte[]? modelOfEpoch1 = null;
        // Once epoch 1 is saved, a folder takes the place of curves.png: epoch 2's save then fails after its
        // metrics row and before its latest, as a full disk would.
        var progress = new FaultAtEpoch(2, () =>
        {
            latestOfEpoch1 = File.ReadAllBytes(store.LatestPath);
            modelOfEpoch1 = File.ReadAllBytes(store.ModelPath(1));
            File.Delete(curves);
            Directory.CreateDirectory(curves);
        });

        CheckpointSaveException error = Assert.Throws<CheckpointSaveException>(() =>
            TrainingSession.Run(Plan("faulty", epochs: 2), train, validation, progress));

        Assert.Equal((2, 1), (error.Epoch, error.KeptEpoch));
        Assert.StartsWith($"could not save epoch 2 to {store.Directory}: ", error.Message);
        Assert.EndsWith("; the checkpoint of epoch 1 is intact", error.Message);
        Assert.Equal(latestOfEpoch1, File.ReadAllBytes(store.LatestPath));
        Assert.Equal(modelOfEpoch1, File.ReadAllBytes(store.ModelPath(1)));
        Assert.Equal([1, 2], Metrics(store.Directory).Select(row => row.Epoch));

        Directory.Delete(curves);
        string stale = Path.Combine(store.Directory, $"model_2.tmp-{Guid.NewGuid():N}");
        File.WriteAllText(stale, "what a kill mid-save leaves");
        TrainingSession.Run(Plan("faulty", epochs: 2, new() { Resume = store.Directory }), train, validation, new RecordingProgress());

        Assert.Equal(2, store.ReadLatest()!.Epoch);
        Assert.False(File.Exists(stale));
        IReadOnlyList<EpochMetrics> straightRows = Metrics(folder.File("straight"));
        Assert.Equal(straightRows.Select(row => (row.Epoch, row.TrainLoss, row.TestTop1)), Metrics(store.Directory).Select(row => (row.Epoch, row.TrainLoss, row.TestTop1)));
        Assert.Equal(File.ReadAllBytes(new CheckpointStore(folder.File("straight")).ModelPath(2)), File.ReadAllBytes(store.ModelPath(2)));
    }

    [Fact]
    public void AFailedFirstSaveSaysThereIsNoEarlierCheckpoint()
    {
        var store = new CheckpointStore(folder.File("run"));
        Directory.CreateDirectory(store.ModelPath(1));

        CheckpointSaveException error = Assert.Throws<CheckpointSaveException>(() =>
            TrainingSession.Run(Plan("run", epochs: 1), train, validation, new RecordingProgress()));

        Assert.Equal((1, null), (error.Epoch, error.KeptEpoch));
        Assert.EndsWith("; no earlier checkpoint", error.Message);
        Assert.False(File.Exists(store.LatestPath));
    }

    [Fact]
    public void AJunkMetricsFileIsSetAsideWithAWarningAndAFreshOneWritten()
    {
        string save = folder.File("run");
        Directory.CreateDirectory(save);
        string metrics = Path.Combine(save, TrainingSession.MetricsFileName);
        File.WriteAllText(metrics, "epoch,loss\n1,junk\n");
        var progress = new RecordingProgress();

        TrainingSession.Run(Plan("run", epochs: 1), train, validation, progress);

        string setAside = Path.Combine(save, TrainingSession.SetAsideMetricsFileName);
        Assert.Contains($"warning: {metrics} is not a metrics.csv written by clcgen train; moved it to {setAside} and starting a fresh metrics.csv", progress.Notes);
        Assert.Equal("epoch,loss\n1,junk\n", File.ReadAllText(setAside));
        Assert.Equal([1], Metrics(save).Select(row => row.Epoch));
    }

    [Fact]
    public void ResumingWithoutTheRowsOfEarlierEpochsRecordsTheNewOnes()
    {
        TrainingSession.Run(Plan("run", epochs: 1), train, validation, new RecordingProgress());
        string save = folder.File("run");
        File.Delete(Path.Combine(save, TrainingSession.MetricsFileName));

        TrainingSession.Run(Plan("run", epochs: 2, new() { Resume = save }), train, validation, new RecordingProgress());

        Assert.Equal([2], Metrics(save).Select(row => row.Epoch));
    }

    private static IReadOnlyList<EpochMetrics> Metrics(string save) =>
        MetricsHistory.Load(Path.Combine(save, TrainingSession.MetricsFileName), int.MaxValue).Rows;

    /// <summary>Runs <paramref name="fault"/> when training epoch <paramref name="epoch"/> starts, after the epochs before it were saved.</summary>
    private sealed class FaultAtEpoch(int epoch, Action fault) : ITrainingProgress
    {
        public void PhaseStarted(TrainingPhase phase, int started, int batches)
        {
            if (phase == TrainingPhase.Train && started == epoch)
            {
                fault();
            }
        }

        public void BatchCompleted(in BatchProgress progress) { }

        public void PhaseCompleted(in PhaseSummary summary) { }

        public void Note(string line) { }
    }

    /// <summary>The plan of a run of <paramref name="epochs"/> on the synthetic data, saving to <paramref name="name"/>.</summary>
    private TrainingPlan Plan(string name, int epochs, TrainingOverrides? asked = null)
    {
        TrainingOverrides overrides = (asked ?? new TrainingOverrides()) with
        {
            Network = TinyNetwork.Spec(), Epochs = epochs, BatchSize = 16, LearningRate = 0.1, Save = folder.File(name),
        };
        return TrainingPlan.Resolve(overrides, "synthetic", TinyNetwork.Data(), TrainingPlan.ReadCheckpoint(overrides));
    }

    private static void AssertSameState(CheckpointStore expected, CheckpointStore actual, ClcNetSpec spec)
    {
        using nn.Module<Tensor, Tensor> expectedModel = ModelFile.Load(expected.ModelPath(3), CPU).Model;
        using nn.Module<Tensor, Tensor> actualModel = ModelFile.Load(actual.ModelPath(3), CPU).Model;
        Dictionary<string, Tensor> actualState = actualModel.state_dict();
        foreach ((string? name, Tensor? value) in expectedModel.state_dict())
        {
            Assert.True(Tensors.Identical(value, actualState[name]), $"{name} differs after resuming");
        }
        Assert.Equal(MomentumOf(expected, spec, expectedModel), MomentumOf(actual, spec, actualModel));
    }

    private static IReadOnlyList<float[]> MomentumOf(CheckpointStore store, ClcNetSpec spec, nn.Module<Tensor, Tensor> model)
    {
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        OptimizerStateFile.Load(store.OptimizerPath(3), optimizer, spec, CPU);
        return ModelFileTests.MomentumBuffers(optimizer).Select(buffer => buffer.data<float>().ToArray()).ToList();
    }
}
