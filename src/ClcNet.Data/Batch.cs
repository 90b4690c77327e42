using static TorchSharp.torch;

namespace ClcNet.Data;

/// <summary>
/// A batch from the loader: <see cref="Images"/> is <c>[N, C, H, W]</c>, or <c>[N, crops, C, H, W]</c>
/// when the dataset yields several crops per sample; <see cref="Labels"/> is <c>[N]</c> int64.
/// </summary>
public sealed class Batch(Tensor images, Tensor labels) : IDisposable
{
    /// <summary>The images, float32 on the CPU.</summary>
    public Tensor Images { get; } = images;

    /// <summary>Class indices, int64 on the CPU.</summary>
    public Tensor Labels { get; } = labels;

    /// <summary>
    /// Position of the batch in its epoch, 1-based, counting batches the loader left out because every image of
    /// theirs was skipped; 0 when the source does not number its batches.
    /// </summary>
    public int Index { get; init; }

    /// <summary>Samples in the batch.</summary>
    public long Count => Labels.shape[0];

    /// <inheritdoc/>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
