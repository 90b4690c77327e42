namespace ClcNet.Training.Optimization;

/// <summary>
/// The reference learning rate, decayed linearly to zero and updated every iteration
/// (docs/clcnet.md#training-recipe): <c>lr = LR * (1 - t / T)</c> with
/// <c>t = (epoch - 1) * batchesPerEpoch + (n - 1)</c> for the n-th batch of an epoch and
/// <c>T = batchesPerEpoch * epochs</c>; epochs and batches count from 1.
/// </summary>
public sealed class LinearLearningRateSchedule
{
    /// <summary>Creates the schedule of a run of <paramref name="epochs"/> epochs.</summary>
    public LinearLearningRateSchedule(double baseLearningRate, int epochs, int batchesPerEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseLearningRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchesPerEpoch, 1);
        BaseLearningRate = baseLearningRate;
        Epochs = epochs;
        BatchesPerEpoch = batchesPerEpoch;
    }

    /// <summary>LR, the rate of the first iteration.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Epochs of the whole run.</summary>
    public int Epochs { get; }

    /// <summary>Iterations in one epoch.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>T, the iterations of the whole run.</summary>
    public long TotalIterations => (long)Epochs * BatchesPerEpoch;

    /// <summary>t, the iterations done before batch <paramref name="batch"/> of epoch <paramref name="epoch"/>.</summary>
    public long Iteration(int epoch, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, Epochs);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, BatchesPerEpoch);
        return (long)(epoch - 1) * BatchesPerEpoch + (batch - 1);
    }

    /// <summary>The learning rate for batch <paramref name="batch"/> of epoch <paramref name="epoch"/>.</summary>
    public double At(int epoch, int batch) => BaseLearningRate * (1 - (double)Iteration(epoch, batch) / TotalIterations);
}
