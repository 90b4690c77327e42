using ClcNet.Training.Metrics;

namespace ClcNet.Training.Tests.Metrics;

public sealed class MetricsHistoryTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WritesOneRowPerEpochInTheDocumentedColumns()
    {
        var history = new MetricsHistory();
        history.Record(new EpochMetrics(1, 0.1, 2.5, 80, 30, 2.25, 70, 20.5, 512, 61.5));
        history.Record(new EpochMetrics(2, 0.05, 1.5, 40, 10, 1.25, 35, 5, 520, 60));
        string path = folder.File("metrics.csv");

        history.Save(path);

        Assert.Equal(
        [
            "epoch,learning_rate,train_loss,train_top1_error,train_top5_error,test_loss,test_top1_error,test_top5_error,train_images_per_second,seconds",
            "1,0.1,2.5,80,30,2.25,70,20.5,512,61.5",
            "2,0.05,1.5,40,10,1.25,35,5,520,60",
        ], File.ReadAllLines(path));
    }

    [Fact]
    public void ReloadKeepsOnlyTheEpochsUpToTheResumedCheckpoint()
    {
        var history = new MetricsHistory();
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            history.Record(new EpochMetrics(epoch, 0.1 / epoch, 1.0 / 3, 50, 10, 1, 40, 5, 100, 1));
        }
        string path = folder.File("metrics.csv");
        history.Save(path);

        var reloaded = MetricsHistory.Load(path, lastEpoch: 2);

        Assert.Equal(history.Rows.Take(2), reloaded.Rows);
    }

    [Fact]
    public void RecordingAnEpochAgainReplacesItAndWhatFollows()
    {
        var history = new MetricsHistory();
        history.Record(new EpochMetrics(1, 0.1, 1, 1, 1, 1, 1, 1, 1, 1));
        history.Record(new EpochMetrics(2, 0.1, 2, 2, 2, 2, 2, 2, 2, 2));
        history.Record(new EpochMetrics(2, 0.1, 3, 3, 3, 3, 3, 3, 3, 3));

        Assert.Equal([1, 2], history.Rows.Select(row => row.Epoch));
        Assert.Equal(3, history.Rows[1].TrainLoss);
    }

    [Fact]
    public void RefusesAFileThatIsNotAMetricsCsv()
    {
        string path = folder.File("metrics.csv");
        File.WriteAllText(path, "name,value\nx,1\n");

        MetricsFileException error = Assert.Throws<MetricsFileException>(() => MetricsHistory.Load(path, lastEpoch: 5));

        Assert.Equal($"{path} is not a metrics.csv written by clcgen train", error.Message);
    }

    [Fact]
    public void MissingFileGivesAnEmptyHistory() =>
        Assert.Empty(MetricsHistory.Load(folder.File("metrics.csv"), lastEpoch: 3).Rows);
}
