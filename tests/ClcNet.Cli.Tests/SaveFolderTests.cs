using ClcNet.Cli;
using ClcNet.Cli.Tests.Support;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;

namespace ClcNet.Cli.Tests;

/// <summary>A save folder that cannot take the run's files is refused before training; a save that fails mid-run is one line, exit code 1.</summary>
public sealed class SaveFolderTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ASaveNamingAFileIsRefusedBeforeTraining()
    {
        string file = folder.File("notes.txt");
        File.WriteAllText(file, "mine");
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);

        CliRun.AssertUsageError($"train --data {data} --epochs 1 --batch-size 4 --threads 0 --save {file}",
            $"{file}: cannot save checkpoints there: it is a file, not a folder; pass another --save folder");
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void ASaveFolderWhereNoFileCanBeWrittenIsRefusedBeforeTraining()
    {
        // Permission bits do not stop root (who runs the tests in CI); /proc takes no new file from anyone.
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--data", data, "--epochs", "1", "--batch-size", "4", "--threads", "0", "--save", "/proc");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("clcgen: error: /proc: cannot save checkpoints there: it is not writable (", error);
        Assert.EndsWith("); pass another --save folder\n", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void ASaveFolderWhoseLatestIsAFolderIsRefusedBeforeTraining()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        string save = folder.File("run");
        Directory.CreateDirectory(Path.Combine(save, CheckpointStore.LatestFileName));

        CliRun.AssertUsageError($"train --data {data} --epochs 1 --batch-size 4 --threads 0 --save {save}",
            $"{save}: cannot save checkpoints there: its latest is a folder, where the run writes a file; move it away; pass another --save folder");
        CliRun.AssertUsageError($"train --data {data} --epochs 1 --batch-size 4 --threads 0 --resume {save}",
            $"{Path.Combine(save, CheckpointStore.LatestFileName)} is a folder, not a checkpoint file; move it away");
    }

    [Fact]
    public void ABatchLargerThanTheDataIsRefusedBeforeTraining()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);

        CliRun.AssertUsageError($"train --data {data} --batch-size 2147483647 --save {folder.File("run")}",
            $"--batch-size 2147483647 is larger than the 8 training images of {data}; lower --batch-size to at most 8");
        Assert.False(Directory.Exists(folder.File("run")));
    }

    [Fact]
    public void ALatestWithABatchSizeOfZeroIsRefusedBeforeTraining()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        string save = folder.File("run");
        Assert.Equal(ExitCodes.Success, CliRun.Run("train", "--data", data, "--epochs", "1", "--batch-size", "4", "--threads", "0", "--save", save).ExitCode);
        var store = new CheckpointStore(save);
        File.WriteAllText(store.LatestPath, File.ReadAllText(store.LatestPath).Replace("\"batchSize\": 4", "\"batchSize\": 0"));

        CliRun.AssertUsageError($"train --data {data} --epochs 2 --threads 0 --resume {save}",
            $"{store.LatestPath}: its options hold batchSize 0, which must be at least 1; use a latest file written by clcgen train");
    }

    [Theory]
    [InlineData(1, "no earlier checkpoint")]
    [InlineData(2, "the checkpoint of epoch 1 is intact")]
    public void ASaveThatFailsDuringTrainingIsOneLineWithExitCode1(int failingEpoch, string kept)
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        var store = new CheckpointStore(folder.File("run"));
        // A folder where the epoch's model file goes makes its save fail, as a full disk would, for root too.
        Directory.CreateDirectory(store.ModelPath(failingEpoch));

        (int exitCode, string _, string? error) = CliRun.Run("train", "--data", data, "--epochs", "2", "--batch-size", "4", "--threads", "0", "--save", store.Directory);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.StartsWith($"clcgen: error: could not save epoch {failingEpoch} to {store.Directory}: ", error);
        Assert.EndsWith($"; {kept}\n", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal(failingEpoch == 1 ? null : 1, store.ReadLatest()?.Epoch);
        Assert.Empty(Directory.GetFiles(store.Directory, "*.tmp-*"));
    }
}
