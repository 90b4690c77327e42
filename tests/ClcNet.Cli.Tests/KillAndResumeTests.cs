using ClcNet.Cli.Tests.Support;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using Xunit.Abstractions;

namespace ClcNet.Cli.Tests;

/// <summary>
/// <c>kill -9</c> of a real <c>clcgen train</c> at several moments (while training, in the middle of a save, between
/// epochs), each followed by <c>--resume</c>: the folder always holds a usable checkpoint, and the run ends with the
/// files, metrics and weights of a run never interrupted (training is deterministic with one loader thread and a seed).
/// </summary>
public sealed class KillAndResumeTests(ITestOutputHelper log) : IDisposable
{
    private const int Epochs = 3;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    // What an epoch's save writes through temporary files (the write probe and config.json come before training).
    private static readonly string[] SavedFiles = ["model_", "optimState_", TrainingSession.MetricsFileName, TrainingSession.CurvesFileName, CheckpointStore.LatestFileName];

    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void ARunKilledAtAnyMomentResumesToTheResultOfAnUninterruptedRun()
    {
        string data = FashionMnistPrefix.Write(folder, train: 400, test: 100);
        string straight = folder.File("straight");
        string killed = folder.File("killed");
        using (var run = ChildClcgen.Start(Train(data, "--save", straight)))
        {
            Assert.True(run.WaitForExit(Limit) == 0, run.Output);
        }

        // As the first epoch starts training (config.json is the last file written before): the resumed run then
        // starts from scratch.
        KillAt(Train(data, "--save", killed), () => File.Exists(Path.Combine(killed, "config.json")));
        AssertUsableCheckpoint(killed);
        log.WriteLine($"killed as training started, leaving {Describe(killed)}");

        // In the middle of a save, as soon as one of its temporary files appears.
        using (var saving = new SaveWatcher(killed))
        {
            KillAt(Train(data, "--resume", killed), () => saving.Started || SaveInProgress(killed));
        }
        AssertUsableCheckpoint(killed);
        log.WriteLine($"killed mid-save, leaving {Describe(killed)}");

        // Between epochs, as soon as latest names epoch 1.
        KillAt(Train(data, "--resume", killed), () => new CheckpointStore(killed).ReadLatest()?.Epoch == 1);
        AssertUsableCheckpoint(killed);

        // Late in a save, as soon as metrics.csv holds the row of epoch 2 (before latest names it, or just after).
        KillAt(Train(data, "--resume", killed), () => MetricsRowCount(killed) >= 3);
        AssertUsableCheckpoint(killed);
        log.WriteLine($"killed after the metrics of epoch 2, leaving {Describe(killed)}");

        using (var resumed = ChildClcgen.Start(Train(data, "--resume", killed)))
        {
            Assert.True(resumed.WaitForExit(Limit) == 0, resumed.Output);
        }

        Assert.Equal(Epochs, new CheckpointStore(killed).ReadLatest()!.Epoch);
        Assert.Equal(FileNames(straight), FileNames(killed));
        Assert.Equal(MetricsRows(straight), MetricsRows(killed));
        foreach (string file in new[] { $"model_{Epochs}", $"optimState_{Epochs}", CheckpointStore.BestModelFileName })
        {
            Assert.True(File.ReadAllBytes(Path.Combine(straight, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(killed, file))), $"{file} differs");
        }
    }

    private static string[] Train(string data, params string[] save) =>
        ["train", "--data", data, "--epochs", $"{Epochs}", "--batch-size", "50", "--lr", "0.05", "--threads", "1", "--seed", "0", .. save];

    /// <summary>What a kill left: the temporary files, latest's epoch and the metrics rows (for the log: where the kill landed varies).</summary>
    private static string Describe(string save) =>
        $"temporary files [{string.Join(", ", Directory.GetFiles(save, "*.tmp-*").Select(Path.GetFileName))}], " +
        $"latest of epoch {new CheckpointStore(save).ReadLatest()?.Epoch.ToString() ?? "none"}, " +
        $"{Math.Max(0, MetricsRowCount(save) - 1)} metrics rows";

    /// <summary>A temporary file of an epoch's save is there (what the watcher may have missed).</summary>
    private static bool SaveInProgress(string save) =>
        Directory.EnumerateFiles(save, "*.tmp-*").Any(file => SavedFiles.Any(Path.GetFileName(file).StartsWith));

    /// <summary>The lines of metrics.csv, header included; 0 when there is none yet.</summary>
    private static int MetricsRowCount(string save)
    {
        string path = Path.Combine(save, TrainingSession.MetricsFileName);
        return File.Exists(path) ? File.ReadAllLines(path).Length : 0;
    }

    private static void KillAt(string[] args, Func<bool> moment)
    {
        using var run = ChildClcgen.Start(args);
        Assert.True(run.KillWhen(moment, Limit), $"clcgen ended before the moment to kill it; its output: {run.Output}");
    }

    /// <summary>latest, if any, names a model and an optimiser state that load.</summary>
    private static void AssertUsableCheckpoint(string save)
    {
        var store = new CheckpointStore(save);
        if (store.ReadLatest() is { } latest)
        {
            Assert.Equal(latest.Spec, ModelFile.Read(store.ModelPath(latest.Epoch)).Spec);
            Assert.True(File.Exists(store.OptimizerPath(latest.Epoch)));
        }
    }

    private static string[] FileNames(string save) =>
        Directory.GetFileSystemEntries(save).Select(Path.GetFileName).Where(name => name != "config.json").Order().ToArray()!;

    /// <summary>The rows of metrics.csv as written, each without its timing columns (images/s, seconds).</summary>
    private static string[] MetricsRows(string save) =>
        File.ReadAllLines(Path.Combine(save, TrainingSession.MetricsFileName)).Select(line => string.Join(',', line.Split(',')[..^2])).ToArray();

    /// <summary>Notices the first temporary file of an epoch's save in a folder.</summary>
    private sealed class SaveWatcher : IDisposable
    {
        private readonly FileSystemWatcher watcher;
        private volatile bool started;

        public SaveWatcher(string folder)
        {
            watcher = new FileSystemWatcher(folder, "*.tmp-*");
            watcher.Created += (_, e) => started |= SavedFiles.Any(Path.GetFileName(e.FullPath).StartsWith);
            watcher.EnableRaisingEvents = true;
        }

        public bool Started => started;

        public void Dispose() => watcher.Dispose();
    }
}
