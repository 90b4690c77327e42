using System.Globalization;

namespace ClcNet.Training;

/// <summary>
/// The training loss became NaN or infinite. Training stops before the step that would spread it into the
/// weights, and before the epoch is checkpointed, so the last good checkpoint stays in force.
/// </summary>
public sealed class NonFiniteLossException(int epoch, int batch, double loss, double learningRate)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"the loss became {loss} at epoch {epoch}, batch {batch} (learning rate {learningRate:G4}); training stopped"))
{
    /// <summary>The epoch of the bad batch.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The bad batch, 1-based.</summary>
    public int Batch { get; } = batch;

    /// <summary>The loss value: NaN or an infinity.</summary>
    public double Loss { get; } = loss;
}
