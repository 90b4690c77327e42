using ClcNet.Training.Checkpoints;
using ClcNet.Training.Tests.Support;
using TorchSharp;

namespace ClcNet.Training.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AFolderWithoutLatestHasNoCheckpointYet() =>
        Assert.Null(new CheckpointStore(folder.Path).ReadLatest());

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"epoch\": 3}")]
    [InlineData("")]
    public void ACorruptLatestIsAClearError(string content)
    {
        var store = new CheckpointStore(folder.Path);
        File.WriteAllText(store.LatestPath, content);

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.ReadLatest());

        Assert.StartsWith($"{store.LatestPath}: its metadata is not valid (", error.Message);
        Assert.EndsWith("); use a file written by clcgen train", error.Message);
    }

    [Fact]
    public void ALatestThatPointsAtAMissingModelIsAClearError()
    {
        var store = new CheckpointStore(folder.Path);
        var latest = new LatestCheckpoint(4, "model_4", "optimState_4", TinyNetwork.Spec(),
            TinyNetwork.ClassNames(), new TrainingOptions(5, 16, 0.1, 0.9, 1e-4, 0), new BestResult(4, 10, 1));
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = ClcNetRegistry.Create(TinyNetwork.Spec());

        CheckpointException error = Assert.Throws<CheckpointException>(() => store.RestoreModel(latest, model, TinyNetwork.Spec()));

        Assert.Equal($"{store.ModelPath(4)}: no such model file; check the path", error.Message);
    }

    [Fact]
    public void PrepareCreatesTheFolderAndRemovesWhatAKilledSaveLeft()
    {
        var store = new CheckpointStore(folder.File("run"));
        store.Prepare();
        string stale = Path.Combine(store.Directory, $"optimState_2.tmp-{Guid.NewGuid():N}");
        File.WriteAllText(stale, "half written");

        store.Prepare();

        Assert.Empty(Directory.EnumerateFileSystemEntries(store.Directory));
    }

    [Fact]
    public void PrepareRefusesAFile()
    {
        string file = folder.File("run");
        File.WriteAllText(file, "not a folder");

        SaveFolderException error = Assert.Throws<SaveFolderException>(() => new CheckpointStore(file).Prepare());

        Assert.Equal($"{file}: cannot save checkpoints there: it is a file, not a folder; pass another save folder", error.Message);
        Assert.Equal("not a folder", File.ReadAllText(file));
    }

    [Fact]
    public void PrepareRefusesAFolderWhereNoFileCanBeWritten()
    {
        SaveFolderException error = Assert.Throws<SaveFolderException>(() => new CheckpointStore("/proc").Prepare());

        Assert.StartsWith("/proc: cannot save checkpoints there: it is not writable (", error.Message);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("model_best")]
    [InlineData("metrics.csv")]
    public void PrepareRefusesAFolderWhereTheRunWritesAFile(string name)
    {
        var store = new CheckpointStore(folder.Path);
        Directory.CreateDirectory(folder.File(name));

        SaveFolderException error = Assert.Throws<SaveFolderException>(() => store.Prepare("metrics.csv"));

        Assert.Equal($"{folder.Path}: cannot save checkpoints there: its {name} is a folder, where the run writes a file; " +
            "move it away; pass another save folder", error.Message);
    }
}
