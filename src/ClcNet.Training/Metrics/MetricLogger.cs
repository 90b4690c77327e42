using System.Diagnostics;
using System.Globalization;
using ClcNet.Training.Progress;

namespace ClcNet.Training.Metrics;

/// <summary>
/// Running averages and timing of one pass over a split, and the aligned log line for each batch, in the
/// spirit of torchvision's <c>MetricLogger</c> and fb.resnet.torch's per-batch lines.
/// </summary>
public sealed class MetricLogger
{
    private readonly TrainingPhase phase;
    private readonly int epoch;
    private readonly int batches;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly RunningAverage loss = new();
    private readonly RunningAverage top1 = new();
    private readonly RunningAverage top5 = new();
    private long images;

    /// <summary>Starts timing a pass of <paramref name="batches"/> batches.</summary>
    public MetricLogger(TrainingPhase phase, int epoch, int batches)
    {
        this.phase = phase;
        this.epoch = epoch;
        this.batches = batches;
    }

    /// <summary>Records batch <paramref name="batch"/> (1-based) and returns where the pass stands.</summary>
    public BatchProgress Update(int batch, long batchImages, double batchLoss, double batchTop1, double batchTop5,
        double learningRate)
    {
        images += batchImages;
        if (!double.IsNaN(batchLoss))
        {
            loss.Add(batchLoss, batchImages);
        }
        top1.Add(batchTop1, batchImages);
        top5.Add(batchTop5, batchImages);
        return new BatchProgress(phase, epoch, batch, batches, learningRate, batchLoss, batchTop1, batchTop5,
            AverageLoss, top1.Average, top5.Average, images, clock.Elapsed);
    }

    // NaN until a batch with a finite loss: an average of nothing is not a loss of 0.
    private double AverageLoss => loss.Weight > 0 ? loss.Average : double.NaN;

    /// <summary>The averages over the whole pass.</summary>
    public PhaseSummary Summary() =>
        new(phase, epoch, AverageLoss, top1.Average, top5.Average, images, clock.Elapsed);

    /// <summary>
    /// One aligned line: <c>Epoch: [3][ 40/469]  eta 0:01:12  lr 0.09520  loss 0.5123 (0.6012)  top1  18.750 ( 21.406)  top5   0.781 (  1.102)  812 img/s</c>.
    /// </summary>
    public static string Format(in BatchProgress progress)
    {
        int width = progress.Batches.ToString(CultureInfo.InvariantCulture).Length;
        var line = new System.Text.StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"{(progress.Phase == TrainingPhase.Train ? "Epoch:" : "Test: ")} [{progress.Epoch}][{progress.Batch.ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{progress.Batches}]");
        line.Append("  eta ").Append(FormatDuration(progress.Remaining));
        if (progress.Phase == TrainingPhase.Train)
        {
            line.Append(CultureInfo.InvariantCulture, $"  lr {progress.LearningRate:F5}");
            line.Append(CultureInfo.InvariantCulture, $"  loss {progress.Loss:F4} ({progress.AverageLoss:F4})");
        }
        line.Append(CultureInfo.InvariantCulture, $"  top1 {progress.Top1,7:F3} ({progress.AverageTop1,7:F3})");
        line.Append(CultureInfo.InvariantCulture, $"  top5 {progress.Top5,7:F3} ({progress.AverageTop5,7:F3})");
        line.Append(CultureInfo.InvariantCulture, $"  {progress.ImagesPerSecond,6:F0} img/s");
        return line.ToString();
    }

    /// <summary><c>h:mm:ss</c>, the way torchvision prints an ETA.</summary>
    public static string FormatDuration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}:{duration.Minutes:D2}:{duration.Seconds:D2}");
}
