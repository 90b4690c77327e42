namespace ClcNet.Training.Metrics;

/// <summary>One row of <c>metrics.csv</c>: an epoch's training and validation results (errors in percent).</summary>
public sealed record EpochMetrics(
    int Epoch,
    double LearningRate,
    double TrainLoss,
    double TrainTop1,
    double TrainTop5,
    double TestLoss,
    double TestTop1,
    double TestTop5,
    double TrainImagesPerSecond,
    double Seconds);
