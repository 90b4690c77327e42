using System.Globalization;
using System.Text;
using ClcNet.Data;
using ClcNet.Training.Checkpoints;

namespace ClcNet.Training.Metrics;

/// <summary>
/// The per-epoch metrics of a run, kept in <c>metrics.csv</c> in the save folder. A resumed run reloads the
/// rows up to the checkpoint it resumes from, so an epoch whose row was written but which a kill kept from being
/// checkpointed is trained and recorded again, once.
/// </summary>
public sealed class MetricsHistory
{
    /// <summary>The CSV header, one column per <see cref="EpochMetrics"/> field.</summary>
    public const string Header =
        "epoch,learning_rate,train_loss,train_top1_error,train_top5_error,test_loss,test_top1_error,test_top5_error,train_images_per_second,seconds";

    private readonly List<EpochMetrics> rows = [];

    /// <summary>The rows, by epoch.</summary>
    public IReadOnlyList<EpochMetrics> Rows => rows;

    /// <summary>Adds (or replaces) the row of <paramref name="metrics"/>.Epoch.</summary>
    public void Record(EpochMetrics metrics)
    {
        rows.RemoveAll(row => row.Epoch >= metrics.Epoch);
        rows.Add(metrics);
    }

    /// <summary>The rows of <paramref name="path"/> for epochs up to <paramref name="lastEpoch"/>; empty when there is no file.</summary>
    /// <exception cref="MetricsFileException">The file is not a metrics CSV.</exception>
    public static MetricsHistory Load(string path, int lastEpoch)
    {
        var history = new MetricsHistory();
        if (!File.Exists(path))
        {
            return history;
        }
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new MetricsFileException($"{path} is not a metrics.csv written by clcgen train");
        }
        foreach (string line in lines.Skip(1).Where(line => line.Length > 0))
        {
            EpochMetrics row = Parse(line, path);
            if (row.Epoch <= lastEpoch)
            {
                history.Record(row);
            }
        }
        return history;
    }

    /// <summary>Writes all rows to <paramref name="path"/>, atomically.</summary>
    public void Save(string path)
    {
        StringBuilder text = new StringBuilder(Header).Append('\n');
        foreach (EpochMetrics row in rows)
        {
            text.AppendJoin(',', new[]
            {
                row.Epoch.ToString(CultureInfo.InvariantCulture), Number(row.LearningRate), Number(row.TrainLoss),
                Number(row.TrainTop1), Number(row.TrainTop5), Number(row.TestLoss), Number(row.TestTop1),
                Number(row.TestTop5), Number(row.TrainImagesPerSecond), Number(row.Seconds),
            }).Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static EpochMetrics Parse(string line, string path)
    {
        string[] cells = line.Split(',');
        double[] values = new double[cells.Length];
        if (cells.Length != 10 || !cells.Select((cell, i) => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
        {
            throw new MetricsFileException($"{path}: line '{PrintableText.OneLine(line)}' is not a metrics row");
        }
        return new EpochMetrics((int)values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9]);
    }
}
