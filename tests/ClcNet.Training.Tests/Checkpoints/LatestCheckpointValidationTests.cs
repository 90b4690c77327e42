using ClcNet.Training.Checkpoints;
using ClcNet.Training.Tests.Support;

namespace ClcNet.Training.Tests.Checkpoints;

/// <summary><c>latest</c> is read like user input: it names files of its own folder only, and a network that can be built.</summary>
public sealed class LatestCheckpointValidationTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("/etc/passwd", "optimState_4")]
    [InlineData("../elsewhere/model_4", "optimState_4")]
    [InlineData("sub/model_4", "optimState_4")]
    [InlineData("..", "optimState_4")]
    [InlineData("", "optimState_4")]
    [InlineData("model_4", "../../optimState_4")]
    [InlineData("model_4", "/tmp/optimState_4")]
    public void ALatestNamingAPathIsRefused(string modelFile, string optimizerFile)
    {
        var store = new CheckpointStore(folder.Path);
        File.WriteAllText(store.LatestPath, CheckpointJson.Format(Latest(modelFile, optimizerFile)));
        (string field, string name) = modelFile == "model_4" ? ("optimizerFile", optimizerFile) : ("modelFile", modelFile);

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.Equal($"{store.LatestPath}: {field} '{name}' is not the name of a file in {folder.Path}; " +
            "latest names its files without a folder; use a latest file written by clcgen train", error.Message);
    }

    [Fact]
    public void ALatestNamingPlainFilesIsRead()
    {
        var store = new CheckpointStore(folder.Path);
        File.WriteAllText(store.LatestPath, CheckpointJson.Format(Latest("model_4", "optimState_4")));

        LatestCheckpoint latest = Assert.IsType<LatestCheckpoint>(store.ReadLatest());

        Assert.Equal(("model_4", "optimState_4"), (latest.ModelFile, latest.OptimizerFile));
    }

    [Fact]
    public void ALatestWithAnAbsurdNetworkIsRefused()
    {
        var store = new CheckpointStore(folder.Path);
        LatestCheckpoint absurd = Latest("model_4", "optimState_4") with { Spec = TinyNetwork.Spec() with { DepthA = 100_000 } };
        File.WriteAllText(store.LatestPath, CheckpointJson.Format(absurd));

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.StartsWith($"{store.LatestPath}: its spec clcNet(100000, 0, 0, 0, Classes = 4, InputChannels = 1, InputSize = 12, StemStride = 1) " +
            "is invalid (a = 100000 makes the network need", error.Message);
    }

    [Fact]
    public void ALatestWithTooFewClassNamesIsRefused()
    {
        var store = new CheckpointStore(folder.Path);
        File.WriteAllText(store.LatestPath, CheckpointJson.Format(Latest("model_4", "optimState_4") with { Classes = ["only"] }));

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.Equal($"{store.LatestPath}: it names 1 classes but its network {TinyNetwork.Spec()} has 4 outputs; use a file written by clcgen train", error.Message);
    }

    [Theory]
    [InlineData(0, 16, 0.1, 0.9, 1e-4, "epochs 0, which must be at least 1")]
    [InlineData(5, 0, 0.1, 0.9, 1e-4, "batchSize 0, which must be at least 1")]
    [InlineData(5, -3, 0.1, 0.9, 1e-4, "batchSize -3, which must be at least 1")]
    [InlineData(5, 16, 0.0, 0.9, 1e-4, "learningRate 0, which must be a finite number above 0")]
    [InlineData(5, 16, 0.1, -1.0, 1e-4, "momentum -1, which must be a finite number above 0")]
    [InlineData(5, 16, 0.1, 0.9, -1e-4, "weightDecay -0.0001, which must be a finite number of at least 0")]
    public void ALatestWithOptionsNoRunCanTrainWithIsRefused(int epochs, int batchSize, double learningRate, double momentum,
        double weightDecay, string problem)
    {
        var store = new CheckpointStore(folder.Path);
        var options = new TrainingOptions(epochs, batchSize, learningRate, momentum, weightDecay, Seed: -7);
        File.WriteAllText(store.LatestPath, CheckpointJson.Format(Latest("model_4", "optimState_4") with { Options = options }));

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.Equal($"{store.LatestPath}: its options hold {problem}; use a latest file written by clcgen train", error.Message);
    }

    [Fact]
    public void ALatestAnEditorSavedWithAByteOrderMarkIsRead()
    {
        var store = new CheckpointStore(folder.Path);
        File.WriteAllText(store.LatestPath, CheckpointJson.Format(Latest("model_4", "optimState_4")), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal(4, store.ReadLatest()!.Epoch);
    }

    [Fact]
    public void ALatestThatIsAFolderIsRefused()
    {
        var store = new CheckpointStore(folder.Path);
        Directory.CreateDirectory(store.LatestPath);

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.Equal($"{store.LatestPath} is a folder, not a checkpoint file; move it away", error.Message);
    }

    [Fact]
    public void ALatestThatNeverEndsIsRefusedAfterItsBound()
    {
        var store = new CheckpointStore(folder.Path);
        File.CreateSymbolicLink(store.LatestPath, "/dev/zero");
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.Equal($"{store.LatestPath} holds more than 64 MiB, far more than a checkpoint needs; use a latest file written by clcgen train", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 4L * CheckpointStore.MaxLatestBytes);
    }

    private static LatestCheckpoint Latest(string modelFile, string optimizerFile) =>
        new(4, modelFile, optimizerFile, TinyNetwork.Spec(), TinyNetwork.ClassNames(),
            new TrainingOptions(5, 16, 0.1, 0.9, 1e-4, 0), new BestResult(4, 10, 1));
}
